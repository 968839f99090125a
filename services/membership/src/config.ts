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
 * The environment of the membership service. Secrets and URLs have no defaults: a missing one
 * stops the process at startup with its name.
 */
export const membershipConfigSchema = z
  .object({
    NODE_ENV: nodeEnv(),
    PORT: port(3002),
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
    PHOTO_STORAGE: z.enum(['local', 's3']).default('local'),
    PHOTO_STORAGE_DIR: z.string().min(1).default('.dev/photos'),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).max(64).optional(),
    S3_ENDPOINT: urlField(['http', 'https']).optional(),
    S3_FORCE_PATH_STYLE: booleanFlag(false),
    JOBS_ENABLED: booleanFlag(true),
    JOB_INTERVAL_SECONDS: positiveInt(60),
  })
  .superRefine((config, context) => {
    if (config.PHOTO_STORAGE === 's3') {
      for (const variable of ['S3_BUCKET', 'S3_REGION'] as const) {
        if (!config[variable]) {
          context.addIssue({
            code: 'custom',
            path: [variable],
            message: 'is required when PHOTO_STORAGE=s3',
          });
        }
      }
    }
    if (config.PHOTO_STORAGE === 'local' && config.NODE_ENV === 'production') {
      context.addIssue({
        code: 'custom',
        path: ['PHOTO_STORAGE'],
        message: 'local keeps photos on one pod and is refused when NODE_ENV=production; use s3',
      });
    }
  });

export type MembershipConfig = z.infer<typeof membershipConfigSchema>;

/** The part of the environment `npm run migrate` and `npm run job` need. */
export const databaseConfigSchema = z.object({
  LOG_LEVEL: logLevel(),
  DATABASE_URL: databaseUrl(),
  ...databasePoolFields,
});
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

export const MEMBERSHIP_CONFIG = Symbol('MEMBERSHIP_CONFIG');
