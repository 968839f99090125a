import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { uniqueName } from '@gym/testing';
import { startGatewayProcess, type GatewayProcess } from '@gym/stack';
import { startIdentityProcess, type IdentityProcess } from '@gym/stack';
import { repositoryRoot } from '@gym/stack';
import {
  serviceEntryPoints,
  startUpstreamProcess,
  type UpstreamProcess,
} from './upstream-process.js';

/**
 * Gateway settings for runs of thousands of requests from one address. Per-IP limits are out of
 * reach. The Redis timeout, the upstream timeout and the circuit breaker's volume are beyond what
 * CPU contention on a shared test machine reaches, so a slow service shows as the client's own
 * timeout naming the request instead of a 503 for every request while the circuit is open.
 */
export const LOAD_TEST_GATEWAY_ENV = {
  RATE_LIMIT_POINTS: '10000000',
  AUTH_RATE_LIMIT_POINTS: '10000000',
  REDIS_COMMAND_TIMEOUT_MS: '5000',
  BREAKER_TIMEOUT_MS: '60000',
  BREAKER_VOLUME_THRESHOLD: '10000000',
};

/** The gateway and every built service behind it, each a child process. */
export interface Platform {
  gateway: GatewayProcess;
  identity: IdentityProcess;
  /** Every service by name, identity included, with its base URL and process. */
  services: Map<string, Pick<UpstreamProcess, 'name' | 'baseUrl' | 'service'>>;
  /** The services other than identity, with their database URLs. */
  upstreams: Map<string, UpstreamProcess>;
  exchange: string;
  close(): Promise<void>;
}

/** Names of the folders under services/ that have a compiled entry point, identity first. */
export function builtServiceNames(): string[] {
  const names = readdirSync(resolve(repositoryRoot, 'services')).filter((name) =>
    existsSync(serviceEntryPoints(name).main),
  );
  return ['identity', ...names.filter((name) => name !== 'identity').sort()];
}

/**
 * Starts identity, then every other service found under services/, then the gateway pointed at
 * each of them through its `<NAME>_URL` setting. A service added to the repository is started
 * and routed without a change here.
 */
export async function startPlatform(
  options: {
    gatewayEnv?: Record<string, string>;
    /** Settings of one service by its name, over the defaults of `startUpstreamProcess`. */
    serviceEnv?: Record<string, Record<string, string>>;
  } = {},
) {
  const exchange = uniqueName('platform-events');
  const identity = await startIdentityProcess({ exchange });
  const upstreams: UpstreamProcess[] = [];
  const closeUpstreams = async () => {
    for (const upstream of upstreams.reverse()) await upstream.close();
    await identity.close();
  };

  let gateway: GatewayProcess;
  try {
    for (const name of builtServiceNames().slice(1)) {
      upstreams.push(
        await startUpstreamProcess(name, {
          identityUrl: identity.baseUrl,
          exchange,
          env: options.serviceEnv?.[name],
        }),
      );
    }
    const upstreamUrls = Object.fromEntries(
      upstreams.map((upstream) => [`${upstream.name.toUpperCase()}_URL`, upstream.baseUrl]),
    );
    gateway = await startGatewayProcess({
      identityUrl: identity.baseUrl,
      env: { AMQP_EVENTS_EXCHANGE: exchange, ...upstreamUrls, ...options.gatewayEnv },
    });
  } catch (error) {
    await closeUpstreams();
    throw error;
  }

  const services = new Map<string, Platform['services'] extends Map<string, infer V> ? V : never>();
  services.set('identity', {
    name: 'identity',
    baseUrl: identity.baseUrl,
    service: identity.service,
  });
  for (const upstream of upstreams) services.set(upstream.name, upstream);

  const platform: Platform = {
    gateway,
    identity,
    services,
    upstreams: new Map(upstreams.map((upstream) => [upstream.name, upstream])),
    exchange,
    close: async () => {
      await gateway.close();
      await closeUpstreams();
    },
  };
  return platform;
}
