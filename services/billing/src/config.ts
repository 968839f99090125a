import {
  amqpUrl,
  booleanFlag,
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
 * The environment of the billing service. Secrets and URLs have no defaults: a missing one
 * stops the process at startup with its name.
 */
export const billingConfigSchema = z.object({
  NODE_ENV: nodeEnv(),
  PORT: port(3003),
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
  TRIAL_DAYS: positiveInt(14),
  PAST_DUE_SUSPEND_AFTER_DAYS: positiveInt(14),
  JOBS_ENABLED: booleanFlag(true),
  SUBSCRIPTION_JOB_INTERVAL_SECONDS: positiveInt(300),
});

export type BillingConfig = z.infer<typeof billingConfigSchema>;

/** The part of the environment `npm run migrate` and `npm run ops` need. */
export const databaseConfigSchema = z.object({
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
});
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

export const BILLING_CONFIG = Symbol('BILLING_CONFIG');
