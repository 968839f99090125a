import { flushRedisPrefix, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { gatewayMain, requiredTestEnv, telemetryRegister } from './repository-paths.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';

export interface GatewayProcess {
  baseUrl: string;
  service: ChildService;
  redisPrefix: string;
  stop(): Promise<void>;
  /** Stops the gateway and deletes its Redis keys (unless the prefix is shared and kept). */
  close(): Promise<void>;
}

export interface GatewayProcessOptions {
  identityUrl: string;
  /** Membership's base URL; a free 127.0.0.1 port nothing listens on when absent. */
  membershipUrl?: string;
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
  await waitUntilReady(baseUrl, service);
  return {
    baseUrl,
    service,
    redisPrefix: env.REDIS_KEY_PREFIX!,
    stop: () => service.stop(),
    close: async () => {
      await service.stop();
      if (!options.keepRedisKeys) await flushRedisPrefix(env.REDIS_URL!, env.REDIS_KEY_PREFIX!);
    },
  };
}

async function waitUntilReady(baseUrl: string, service: ChildService, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/health/ready`);
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gateway was not ready within ${timeoutMs} ms. Output:\n${service.tail()}`);
}
