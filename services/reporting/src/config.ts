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

const exchangeName = () => z.string().min(1).max(200).default('gym.events');
const queuePrefix = () => z.string().max(100).default('');

/**
 * The environment of the reporting service. Secrets and URLs have no defaults: a missing one
 * stops the process at startup with its name.
 */
export const reportingConfigSchema = z.object({
  NODE_ENV: nodeEnv(),
  PORT: port(3005),
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
  AMQP_URL: amqpUrl(),
  AMQP_EVENTS_EXCHANGE: exchangeName(),
  AMQP_QUEUE_PREFIX: queuePrefix(),
  JWKS_URL: urlField(['http', 'https']),
  JWT_ISSUER: urlField(['http', 'https']),
  JWT_AUDIENCE: z.string({ error: 'is required' }).min(1, 'is required'),
  SHUTDOWN_DRAIN_MS: positiveInt(5_000),
});

export type ReportingConfig = z.infer<typeof reportingConfigSchema>;

/** The part of the environment `npm run migrate` needs. */
export const databaseConfigSchema = z.object({
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
});
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

/** The part of the environment `npm run rebuild` needs: the database and the broker. */
export const rebuildConfigSchema = databaseConfigSchema.extend({
  AMQP_URL: amqpUrl(),
  AMQP_EVENTS_EXCHANGE: exchangeName(),
  AMQP_QUEUE_PREFIX: queuePrefix(),
  REBUILD_OWNER_TIMEOUT_MS: positiveInt(3_600_000),
});
export type RebuildConfig = z.infer<typeof rebuildConfigSchema>;

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');
