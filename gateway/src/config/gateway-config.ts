import proxyAddr from 'proxy-addr';
import { amqpUrl, logLevel, nodeEnv, positiveInt, redisUrl, urlField, z } from '@gym/config';

/** A comma-separated list; blanks around items and empty items are dropped. */
const commaList = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );

const originList = () =>
  commaList().refine(
    (origins) => origins.every((origin) => isOrigin(origin)),
    'must be comma-separated origins such as https://app.example.com (scheme, host and port only)',
  );

const trustedProxyList = () =>
  commaList().refine(
    (entries) => isValidTrustList(entries),
    'must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
  );

/**
 * The environment of the gateway. URLs have no defaults: a missing one stops the process at
 * startup with its name. Limits and timeouts default to values for one gym's traffic.
 */
export const gatewayConfigSchema = z.object({
  NODE_ENV: nodeEnv(),
  /** 0 picks a free port, which tests use. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: logLevel(),

  REDIS_URL: redisUrl(),
  REDIS_KEY_PREFIX: z.string().max(100).default('gym:'),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt(500),

  IDENTITY_URL: urlField(['http', 'https']),
  MEMBERSHIP_URL: urlField(['http', 'https']),
  BILLING_URL: urlField(['http', 'https']),
  CATALOG_URL: urlField(['http', 'https']),
  REPORTING_URL: urlField(['http', 'https']),

  AMQP_URL: amqpUrl(),
  AMQP_EVENTS_EXCHANGE: z.string().min(1).max(200).default('gym.events'),
  AMQP_QUEUE_PREFIX: z.string().max(100).default(''),

  JWT_ISSUER: urlField(['http', 'https']),
  JWT_AUDIENCE: z.string({ error: 'is required' }).min(1, 'is required'),
  JWKS_CACHE_MAX_AGE_SECONDS: positiveInt(600),
  JWKS_REFRESH_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(30),
  JWKS_TIMEOUT_MS: positiveInt(2_000),

  CORS_ORIGINS: originList(),
  TRUSTED_PROXIES: trustedProxyList(),

  RATE_LIMIT_POINTS: positiveInt(300),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  AUTH_RATE_LIMIT_POINTS: positiveInt(20),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),

  BODY_LIMIT_BYTES: positiveInt(10 * 1024 * 1024),

  BREAKER_TIMEOUT_MS: positiveInt(10_000),
  BREAKER_ERROR_THRESHOLD_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  BREAKER_VOLUME_THRESHOLD: positiveInt(5),
  BREAKER_RESET_TIMEOUT_MS: positiveInt(10_000),
  BREAKER_ROLLING_WINDOW_MS: positiveInt(10_000),

  DOCS_CACHE_SECONDS: z.coerce.number().int().min(0).default(30),
  SHUTDOWN_DRAIN_MS: positiveInt(5_000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

function isValidTrustList(entries: string[]): boolean {
  try {
    proxyAddr.compile(entries);
    return true;
  } catch {
    return false;
  }
}
