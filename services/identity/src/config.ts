import {
  amqpUrl,
  databasePoolFields,
  databaseUrl,
  logLevel,
  nodeEnv,
  port,
  positiveInt,
  redisUrl,
  secretField,
  urlField,
  z,
} from '@gym/config';

/**
 * The environment of the identity service. Secrets and URLs have no defaults: a missing one
 * stops the process at startup with its name.
 */
export const identityConfigSchema = z
  .object({
    NODE_ENV: nodeEnv(),
    PORT: port(3001),
    LOG_LEVEL: logLevel(),
    DATABASE_URL: databaseUrl(),
    ...databasePoolFields,
    AMQP_URL: amqpUrl(),
    AMQP_EVENTS_EXCHANGE: z.string().min(1).max(200).default('gym.events'),
    AMQP_QUEUE_PREFIX: z.string().max(100).default(''),
    REDIS_URL: redisUrl(),
    REDIS_KEY_PREFIX: z.string().max(100).default('gym:'),
    JWT_ISSUER: urlField(['http', 'https']),
    JWT_AUDIENCE: z.string({ error: 'is required' }).min(1, 'is required'),
    JWT_SIGNING_KEYS_DIR: z.string({ error: 'is required' }).min(1, 'is required'),
    JWT_ACTIVE_KEY_ID: z
      .string({ error: 'is required' })
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(900),
    REFRESH_TOKEN_TTL_DAYS: positiveInt(30),
    CODE_HASH_SECRET: secretField(32),
    CODE_TTL_SECONDS: positiveInt(600),
    CODE_MAX_FAILED_ATTEMPTS: positiveInt(5),
    MAIL_TRANSPORT: z.enum(['smtp', 'file']).default('smtp'),
    SMTP_URL: urlField(['smtp', 'smtps']).optional(),
    MAIL_FROM: z.string({ error: 'is required' }).min(3, 'is required'),
    MAIL_DIR: z.string().default('.dev/mail'),
    LOGIN_FAILURES_PER_EMAIL: positiveInt(10),
    LOGIN_FAILURE_WINDOW_SECONDS: positiveInt(900),
    CODE_REQUESTS_PER_EMAIL: positiveInt(5),
    CODE_REQUEST_WINDOW_SECONDS: positiveInt(3600),
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/)
      .default('100kb'),
    SHUTDOWN_DRAIN_MS: positiveInt(5_000),
  })
  .superRefine((config, context) => {
    if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) {
      context.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message: 'is required when MAIL_TRANSPORT=smtp',
      });
    }
    if (config.MAIL_TRANSPORT === 'file' && config.NODE_ENV === 'production') {
      context.addIssue({
        code: 'custom',
        path: ['MAIL_TRANSPORT'],
        message: 'file writes mails to disk and is refused when NODE_ENV=production; use smtp',
      });
    }
  });

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

/** The part of the environment `npm run migrate` needs. */
export const migrateConfigSchema = z.object({
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
});
export type DatabaseConfig = z.infer<typeof migrateConfigSchema>;
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
