import { VerifiedTokenCache } from '@gym/auth/verified-token-cache';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { AccessTokenVerifier, type VerifiedAccessToken } from '../auth/access-token-verifier.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { isRoutedPath } from '../config/route-matching.js';
import { upstreamServices, type UpstreamService } from '../config/upstream-routes.js';
import { ApiDocs } from '../docs/api-docs.js';
import { Readiness } from '../health/readiness.js';
import { gatewayMetrics, type GatewayMetrics } from '../observability/gateway-metrics.js';
import { LogThrottle } from '../observability/log-throttle.js';
import { ProxyForwarder } from '../proxy/proxy-forwarder.js';
import { UpstreamBreaker } from '../proxy/upstream-breaker.js';
import { SubscriptionEventsConsumer } from '../subscription/subscription-events.consumer.js';
import { SubscriptionStatusStore } from '../subscription/subscription-status.store.js';
import { createRedisClient } from './redis-client.js';

/** How often a repeated failure (Redis down, upstream down) is logged, in milliseconds. */
const REPEATED_FAILURE_LOG_INTERVAL_MS = 10_000;

/** Everything the policies share: clients, limiters, breakers and metrics, built from the config. */
export interface GatewayRuntime {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  logThrottle: LogThrottle;
  redis: Redis;
  verifier: AccessTokenVerifier;
  subscriptions: SubscriptionStatusStore;
  subscriptionEvents: SubscriptionEventsConsumer;
  limiters: { client: RateLimiterRedis; auth: RateLimiterRedis };
  services: UpstreamService[];
  forwarders: Map<string, ProxyForwarder>;
  breakers: Map<string, UpstreamBreaker>;
  docs: ApiDocs;
  readiness: Readiness;
  close(): Promise<void>;
}

export function createGatewayRuntime(config: GatewayConfig, logger: Logger): GatewayRuntime {
  const metrics = gatewayMetrics();
  const redis = createRedisClient({
    url: config.REDIS_URL,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    logger,
  });
  const services = upstreamServices(config);
  const identity = services.find((service) => service.name === 'identity')!;
  const verifier = new AccessTokenVerifier({
    jwksUrl: new URL('/.well-known/jwks.json', identity.url),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    cacheMaxAgeMs: config.JWKS_CACHE_MAX_AGE_SECONDS * 1000,
    refreshCooldownMs: config.JWKS_REFRESH_COOLDOWN_SECONDS * 1000,
    fetchTimeoutMs: config.JWKS_TIMEOUT_MS,
    cache: new VerifiedTokenCache<VerifiedAccessToken>(),
  });
  const logThrottle = new LogThrottle(REPEATED_FAILURE_LOG_INTERVAL_MS);
  const { forwarders, breakers } = createUpstreams(config, services, metrics, logger, logThrottle);
  const subscriptions = new SubscriptionStatusStore(redis, config.REDIS_KEY_PREFIX);
  const subscriptionEvents = new SubscriptionEventsConsumer({
    url: config.AMQP_URL,
    exchange: config.AMQP_EVENTS_EXCHANGE,
    queuePrefix: config.AMQP_QUEUE_PREFIX,
    store: subscriptions,
    logger,
  });

  const runtime: GatewayRuntime = {
    config,
    logger,
    metrics,
    logThrottle,
    redis,
    verifier,
    subscriptions,
    subscriptionEvents,
    limiters: createLimiters(config, redis),
    services,
    forwarders,
    breakers,
    docs: new ApiDocs({
      services,
      isRouted: (path) => isRoutedPath(path, services),
      cacheMs: config.DOCS_CACHE_SECONDS * 1000,
      fetchTimeoutMs: config.BREAKER_TIMEOUT_MS,
      logger,
    }),
    readiness: createReadiness(config, redis, verifier),
    close: async () => {
      for (const breaker of breakers.values()) breaker.shutdown();
      for (const forwarder of forwarders.values()) forwarder.close();
      await subscriptionEvents.stop();
      redis.disconnect();
    },
  };
  return runtime;
}

function createLimiters(config: GatewayConfig, redis: Redis): GatewayRuntime['limiters'] {
  const common = {
    storeClient: redis,
    // Fail at once while Redis is reconnecting, instead of queueing the command.
    rejectIfRedisNotReady: true,
  };
  return {
    client: new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_KEY_PREFIX}gateway:rate-limit:client`,
      points: config.RATE_LIMIT_POINTS,
      duration: config.RATE_LIMIT_WINDOW_SECONDS,
    }),
    auth: new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_KEY_PREFIX}gateway:rate-limit:auth`,
      points: config.AUTH_RATE_LIMIT_POINTS,
      duration: config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    }),
  };
}

function createUpstreams(
  config: GatewayConfig,
  services: UpstreamService[],
  metrics: GatewayMetrics,
  logger: Logger,
  logThrottle: LogThrottle,
) {
  const forwarders = new Map<string, ProxyForwarder>();
  const breakers = new Map<string, UpstreamBreaker>();
  for (const service of services) {
    const onRetry = (error: Error) => {
      metrics.upstreamRetries.inc({ service: service.name });
      const heldBack = logThrottle.admit(`upstream-retry:${service.name}`);
      if (heldBack === undefined) return;
      logger.info(
        { err: error, service: service.name, similarRetriesSinceLastLog: heldBack },
        'Upstream reset a reused keep-alive connection, so the request is sent again on a new one',
      );
    };
    forwarders.set(
      service.name,
      new ProxyForwarder(service.url, config.BODY_LIMIT_BYTES, { onRetry }),
    );
    breakers.set(
      service.name,
      new UpstreamBreaker(
        service.name,
        {
          timeoutMs: config.BREAKER_TIMEOUT_MS,
          errorThresholdPercentage: config.BREAKER_ERROR_THRESHOLD_PERCENT,
          volumeThreshold: config.BREAKER_VOLUME_THRESHOLD,
          resetTimeoutMs: config.BREAKER_RESET_TIMEOUT_MS,
          rollingWindowMs: config.BREAKER_ROLLING_WINDOW_MS,
        },
        metrics,
        logger,
      ),
    );
  }
  return { forwarders, breakers };
}

function createReadiness(config: GatewayConfig, redis: Redis, verifier: AccessTokenVerifier) {
  return new Readiness(
    [
      {
        name: 'redis',
        check: async () => {
          await redis.ping();
        },
      },
      {
        name: 'jwks',
        // Keys that failed to load at startup are fetched again by the next probe.
        check: async () => {
          if (!verifier.isLoaded()) await verifier.load();
        },
      },
    ],
    config.JWKS_TIMEOUT_MS + 500,
  );
}
