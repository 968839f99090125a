import type { Request, Response, NextFunction } from 'express';
import { addOperationalRoutes } from '../health/operational-routes.js';
import { httpMetricsMiddleware } from '../observability/http-metrics.middleware.js';
import { corsPolicy } from '../policies/cors.policy.js';
import { docsPolicy } from '../policies/docs.policy.js';
import { jwtAuthPolicy } from '../policies/jwt-auth.policy.js';
import { notFoundPolicy } from '../policies/not-found.policy.js';
import type { PolicyMiddleware } from '../policies/policy-handler.js';
import { rateLimitPolicy } from '../policies/rate-limit.policy.js';
import { subscriptionPolicy } from '../policies/subscription.policy.js';
import { requestContextMiddleware } from '../policies/request-context.middleware.js';
import { upstreamProxyPolicy } from '../policies/upstream-proxy.policy.js';
import type { GatewayRuntime } from '../runtime/gateway-runtime.js';
import { POLICY_NAMES } from './policy-names.js';
import { pluginRuntime } from './plugin-runtime.js';

// The express-gateway plugin of the gym platform: its exports are the plugin interface of
// express-gateway 1.16 (`version`, `policies`, `schema`, `init`). It only adapts our policies,
// which are plain Express middleware factories, to the engine.

interface PolicyDefinition {
  name: string;
  schema: Record<string, unknown>;
  policy: (action: Record<string, unknown>) => PolicyMiddleware;
}

interface PluginContext {
  registerPolicy(policy: PolicyDefinition): void;
  registerGatewayRoute(register: (app: ExpressApp) => void): void;
}

interface ExpressApp {
  use(handler: (request: Request, response: Response, next: NextFunction) => void): unknown;
  get(path: string, handler: (request: Request, response: Response) => void): unknown;
}

export const version = '1.2.0';
export const policies = Object.values(POLICY_NAMES);
export const schema = { $id: 'urn:gym:gateway:plugin', type: 'object' };

function actionSchema(name: string, properties: Record<string, unknown> = {}) {
  const required = Object.keys(properties);
  return { $id: `urn:gym:gateway:policy:${name}`, type: 'object', properties, required };
}

function policyDefinitions(runtime: GatewayRuntime): PolicyDefinition[] {
  const { config, logger, metrics, logThrottle } = runtime;
  return [
    {
      name: POLICY_NAMES.cors,
      schema: actionSchema(POLICY_NAMES.cors),
      policy: () => corsPolicy({ allowedOrigins: config.CORS_ORIGINS }),
    },
    {
      name: POLICY_NAMES.rateLimit,
      schema: actionSchema(POLICY_NAMES.rateLimit, { limiter: { enum: ['client', 'auth'] } }),
      policy: (action) => {
        const name = action.limiter as 'client' | 'auth';
        return rateLimitPolicy({
          name,
          limiter: runtime.limiters[name],
          rejections: metrics.rateLimitRejections,
          logger,
          logThrottle,
        });
      },
    },
    {
      name: POLICY_NAMES.jwt,
      schema: actionSchema(POLICY_NAMES.jwt),
      policy: () => jwtAuthPolicy({ verifier: runtime.verifier, logger }),
    },
    {
      name: POLICY_NAMES.subscription,
      schema: actionSchema(POLICY_NAMES.subscription),
      policy: () => subscriptionPolicy({ store: runtime.subscriptions, logger, logThrottle }),
    },
    {
      name: POLICY_NAMES.proxy,
      schema: actionSchema(POLICY_NAMES.proxy, {
        service: { enum: runtime.services.map((service) => service.name) },
      }),
      policy: (action) => {
        const service = action.service as string;
        return upstreamProxyPolicy({
          forwarder: runtime.forwarders.get(service)!,
          breaker: runtime.breakers.get(service)!,
          bodyLimitBytes: config.BODY_LIMIT_BYTES,
          metrics,
          logger,
          logThrottle,
        });
      },
    },
    {
      name: POLICY_NAMES.docs,
      schema: actionSchema(POLICY_NAMES.docs),
      policy: () => docsPolicy({ docs: runtime.docs, logger }),
    },
    {
      name: POLICY_NAMES.notFound,
      schema: actionSchema(POLICY_NAMES.notFound),
      policy: () => notFoundPolicy(),
    },
  ];
}

export function init(context: PluginContext): void {
  const runtime = pluginRuntime();

  // Gateway routes are mounted before every pipeline, in this order.
  context.registerGatewayRoute((app) => {
    app.use(requestContextMiddleware({ trustedProxies: runtime.config.TRUSTED_PROXIES }));
    app.use(httpMetricsMiddleware(runtime.metrics, runtime.logger));
    addOperationalRoutes(app, runtime.readiness, runtime.logger);
  });
  for (const definition of policyDefinitions(runtime)) {
    context.registerPolicy(definition);
  }
}
