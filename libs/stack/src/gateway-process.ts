import { deleteBrokerNames, flushRedisPrefix, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { gatewayMain, requiredTestEnv, telemetryRegister } from './repository-paths.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';

export interface GatewayProcess {
  baseUrl: string;
  service: ChildService;
  redisPrefix: string;
  /** The topic exchange the gateway consumes subscription status changes from. */
  eventsExchange: string;
  /** Prefix of the gateway's queue names. */
  queuePrefix: string;
  stop(): Promise<void>;
  /**
   * Stops the gateway and deletes its Redis keys (unless the prefix is shared and kept), its
   * queues, and its events exchange unless the test passed one.
   */
  close(): Promise<void>;
}

export interface GatewayProcessOptions {
  identityUrl: string;
  /** Membership's base URL; a free 127.0.0.1 port nothing listens on when absent. */
  membershipUrl?: string;
  /** Billing's base URL; a free 127.0.0.1 port nothing listens on when absent. */
  billingUrl?: string;
  /** Catalog's base URL; a free 127.0.0.1 port nothing listens on when absent. */
  catalogUrl?: string;
  /** Reporting's base URL; a free 127.0.0.1 port nothing listens on when absent. */
  reportingUrl?: string;
  /** Settings that replace the test defaults, REDIS_URL and REDIS_KEY_PREFIX among them. */
  env?: Record<string, string>;
  /** Leaves the Redis keys in place on close, for a prefix another gateway still uses. */
  keepRedisKeys?: boolean;
}

/**
 * Starts `gateway/dist/src/main.js` with the tracing preload, as `npm start` does, on a free
 * port of 127.0.0.1, and waits until it is ready (Redis connected, JWKS fetched), as a load
 * balancer would before sending traffic.
 */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL: requiredTestEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: `${uniqueName('gateway')}:`,
    IDENTITY_URL: options.identityUrl,
    MEMBERSHIP_URL: options.membershipUrl ?? `http://127.0.0.1:${await freePort()}`,
    BILLING_URL: options.billingUrl ?? `http://127.0.0.1:${await freePort()}`,
    CATALOG_URL: options.catalogUrl ?? `http://127.0.0.1:${await freePort()}`,
    REPORTING_URL: options.reportingUrl ?? `http://127.0.0.1:${await freePort()}`,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: uniqueName('gateway-events'),
    AMQP_QUEUE_PREFIX: `${uniqueName('gateway')}.`,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    CORS_ORIGINS: 'https://app.gym.test',
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SERVICE_NAME: 'gateway',
    ...options.env,
  };
  const service = new ChildService(
    'gateway',
    ['--enable-source-maps', '--import', telemetryRegister, gatewayMain],
    env,
  );
  service.start();

  const listening = await service.waitForLine((line) => line.json?.msg === 'gateway is listening');
  const baseUrl = `http://127.0.0.1:${String(listening.json!.port)}`;
  await service.waitUntilReady(baseUrl, 15_000);
  return {
    baseUrl,
    service,
    redisPrefix: env.REDIS_KEY_PREFIX!,
    eventsExchange: env.AMQP_EVENTS_EXCHANGE!,
    queuePrefix: env.AMQP_QUEUE_PREFIX!,
    stop: () => service.stop(),
    close: async () => {
      await service.stop();
      if (!options.keepRedisKeys) await flushRedisPrefix(env.REDIS_URL!, env.REDIS_KEY_PREFIX!);

      // A test that points the gateway at another broker owns what is declared there.
      if (options.env?.AMQP_URL !== undefined) return;
      const names = gatewayQueueNames(env.AMQP_QUEUE_PREFIX!);
      const ownsExchange = options.env?.AMQP_EVENTS_EXCHANGE === undefined;
      await deleteBrokerNames(env.AMQP_URL!, {
        queues: [names.queue, names.deadLetterQueue],
        exchanges: [names.deadLetterExchange, ...(ownsExchange ? [env.AMQP_EVENTS_EXCHANGE!] : [])],
      });
    },
  };
}

/** Returns the queue names the gateway's subscription consumer declares under `queuePrefix`. */
function gatewayQueueNames(queuePrefix: string) {
  const queue = `${queuePrefix}gateway.events`;
  return { queue, deadLetterExchange: `${queue}.dlx`, deadLetterQueue: `${queue}.dlq` };
}
