import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { RouteGroup, UpstreamService } from '../config/upstream-routes.js';
import { POLICY_NAMES } from './policy-names.js';

/** The two files express-gateway reads from its config folder, as objects. */
export interface EngineConfig {
  system: Record<string, unknown>;
  gateway: Record<string, unknown>;
}

type PipelinePolicy = Record<string, { action: Record<string, unknown> }[]>;

const DOCS_PATHS = ['/api/docs', '/api/docs/*', '/api/docs-json'];

/**
 * Builds express-gateway's system and gateway configuration from the validated settings and the
 * route table. Every route gets a pipeline of our policies; express-gateway's own policies,
 * admin API and consumer store are not used.
 */
export function buildEngineConfig(input: {
  config: GatewayConfig;
  services: UpstreamService[];
  pluginPath: string;
}): EngineConfig {
  const { config, services, pluginPath } = input;
  const apiEndpoints: Record<string, unknown> = {};
  const pipelines: Record<string, unknown> = {};

  for (const service of services) {
    for (const group of service.routeGroups) {
      apiEndpoints[group.name] = endpointOf(group);
      pipelines[group.name] = {
        apiEndpoints: [group.name],
        policies: upstreamPolicies(service.name, group),
      };
    }
  }

  apiEndpoints.docs = { host: '*', paths: DOCS_PATHS, methods: ['GET', 'HEAD'] };
  pipelines.docs = {
    apiEndpoints: ['docs'],
    policies: [rateLimit('client'), step(POLICY_NAMES.docs)],
  };

  // No paths: express-gateway mounts the endpoint on `*`, after every other endpoint.
  apiEndpoints.unmatched = { host: '*' };
  pipelines.unmatched = {
    apiEndpoints: ['unmatched'],
    policies: [step(POLICY_NAMES.cors), rateLimit('client'), step(POLICY_NAMES.notFound)],
  };

  return {
    system: systemConfig(config, pluginPath),
    gateway: {
      http: { port: config.PORT, hostname: config.HOST },
      apiEndpoints,
      serviceEndpoints: {},
      policies: Object.values(POLICY_NAMES),
      pipelines,
    },
  };
}

function endpointOf(group: RouteGroup): Record<string, unknown> {
  const endpoint: Record<string, unknown> = { host: '*', paths: group.paths };
  if (group.methods) {
    endpoint.methods = group.methods;
  }
  return endpoint;
}

function upstreamPolicies(serviceName: string, group: RouteGroup): PipelinePolicy[] {
  const policies = [step(POLICY_NAMES.cors), rateLimit('client')];
  if (group.authRateLimit) {
    policies.push(rateLimit('auth'));
  }
  if (!group.public) {
    policies.push(step(POLICY_NAMES.jwt), step(POLICY_NAMES.subscription));
  }
  policies.push(step(POLICY_NAMES.proxy, { service: serviceName }));
  return policies;
}

function step(policyName: string, action: Record<string, unknown> = {}): PipelinePolicy {
  return { [policyName]: [{ action }] };
}

function rateLimit(limiter: 'client' | 'auth'): PipelinePolicy {
  return step(POLICY_NAMES.rateLimit, { limiter });
}

function systemConfig(config: GatewayConfig, pluginPath: string): Record<string, unknown> {
  return {
    db: { redis: { emulate: false, ...engineRedisOptions(config) } },
    // express-gateway encrypts the credentials of its consumer store with this key. The store is
    // not used, so a random key per process replaces the package's built-in default.
    crypto: { cipherKey: randomBytes(32).toString('hex'), algorithm: 'aes256', saltRounds: 10 },
    session: {},
    accessTokens: {},
    refreshTokens: {},
    authorizationCodes: {},
    plugins: { gym: { package: pluginPath } },
  };
}

/**
 * ioredis 4 options for express-gateway's own Redis client. Commands fail at once while Redis is
 * unreachable instead of queueing, so nothing in the engine waits on a dead connection.
 */
export function engineRedisOptions(config: GatewayConfig): Record<string, unknown> {
  const url = new URL(config.REDIS_URL);
  const options: Record<string, unknown> = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    db: Number(url.pathname.slice(1) || 0),
    namespace: `${config.REDIS_KEY_PREFIX}eg`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = {};
  return options;
}
