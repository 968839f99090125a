import {
  amqpUrl,
  databasePoolFields,
  databaseUrl,
  logLevel,
  nodeEnv,
  port,
  positiveInt,
  urlField,
  z,
} from '@gym/config';

/**
 * The environment of the catalog service. Secrets and URLs have no defaults: a missing one
 * stops the process at startup with its name.
 */
export const catalogConfigSchema = z.object({
  NODE_ENV: nodeEnv(),
  PORT: port(3004),
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
  AMQP_URL: amqpUrl(),
  AMQP_EVENTS_EXCHANGE: z.string().min(1).max(200).default('gym.events'),
  AMQP_QUEUE_PREFIX: z.string().max(100).default(''),
  JWKS_URL: urlField(['http', 'https']),
  JWT_ISSUER: urlField(['http', 'https']),
  JWT_AUDIENCE: z.string({ error: 'is required' }).min(1, 'is required'),
  JSON_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('100kb'),
  SHUTDOWN_DRAIN_MS: positiveInt(5_000),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(24).default(24),
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Deadline of billing's month lock check before a sale is written or deleted. */
  MONTH_LOCK_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** Time the open circuit to billing waits before one trial call; also the Retry-After. */
  RPC_BREAKER_RESET_MS: z.coerce.number().int().min(1_000).max(300_000).default(10_000),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;

/** The part of the environment `npm run migrate` needs. */
export const databaseConfigSchema = z.object({
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
});
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');
