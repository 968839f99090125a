import type { Logger } from 'pino';
import type { LogThrottle } from '../observability/log-throttle.js';
import { subscriptionDenial } from '../subscription/subscription-access.js';
import type { SubscriptionStatusStore } from '../subscription/subscription-status.store.js';
import { asyncPolicy, sendGatewayError, type PolicyMiddleware } from './policy-handler.js';
import { requestState } from './request-state.js';

export interface SubscriptionPolicyOptions {
  store: Pick<SubscriptionStatusStore, 'find'>;
  logger: Logger;
  logThrottle: LogThrottle;
}

/**
 * Applies the tenant's subscription status to an authenticated request: 403
 * SUBSCRIPTION_SUSPENDED or SUBSCRIPTION_PAST_DUE when the status forbids it. Runs after the JWT
 * policy, which sets the tenant. When the status cannot be read from Redis the request passes
 * (fail-open), because billing and the services still hold the data and a Redis outage already
 * makes the gateway unready and its rate limits reject traffic.
 */
export function subscriptionPolicy(options: SubscriptionPolicyOptions): PolicyMiddleware {
  return asyncPolicy(options.logger, async (request, response, next) => {
    const tenantId = requestState(request).principal?.tenantId;
    if (!tenantId) {
      next();
      return;
    }

    let status;
    try {
      status = await options.store.find(tenantId);
    } catch (error) {
      const heldBack = options.logThrottle.admit('subscription-store');
      if (heldBack !== undefined) {
        options.logger.error(
          { err: error, tenantId, similarErrorsSinceLastLog: heldBack },
          'Reading the subscription status failed; letting the request through',
        );
      }
      next();
      return;
    }

    // The full path, as the route table matches it, whatever the engine mounted the pipeline on.
    const path = new URL(request.originalUrl, 'http://gateway.invalid').pathname;
    const denial = subscriptionDenial(status, request.method, path);
    if (denial) {
      sendGatewayError(request, response, denial);
      return;
    }
    next();
  });
}
