import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { LogThrottle } from '../observability/log-throttle.js';
import { declaresTooLargeBody } from '../proxy/body-limit.js';
import type { ForwardHandle, ForwardOutcome, ProxyForwarder } from '../proxy/proxy-forwarder.js';
import { UpstreamError } from '../proxy/proxy-forwarder.js';
import {
  BREAKER_OPEN_CODE,
  BREAKER_TIMEOUT_CODE,
  type UpstreamBreaker,
} from '../proxy/upstream-breaker.js';
import { asyncPolicy, sendGatewayError, type PolicyMiddleware } from './policy-handler.js';
import { discardRefusedBody } from './refused-body.js';
import { requestState } from './request-state.js';

export interface UpstreamProxyPolicyOptions {
  forwarder: ProxyForwarder;
  breaker: UpstreamBreaker;
  bodyLimitBytes: number;
  metrics: Pick<GatewayMetrics, 'upstreamFailures'>;
  logger: Logger;
  logThrottle: LogThrottle;
}

/**
 * Forwards the request to its upstream service through the service's circuit breaker. Bodies
 * over the limit get a 413 response, by their Content-Length before anything is sent upstream,
 * or once the streamed bytes pass the limit. An unreachable, timed-out or open-circuit upstream
 * gets a 503 SERVICE_UNAVAILABLE response with Retry-After.
 */
export function upstreamProxyPolicy(options: UpstreamProxyPolicyOptions): PolicyMiddleware {
  return asyncPolicy(options.logger, async (request, response) => {
    if (declaresTooLargeBody(request.headers['content-length'], options.bodyLimitBytes)) {
      sendPayloadTooLarge(request, response);
      return;
    }

    setForwardingHeaders(request);
    let handle: ForwardHandle | undefined;
    let outcome: ForwardOutcome;
    try {
      outcome = await options.breaker.fire(() => {
        handle = options.forwarder.forward(request, response);
        return handle.result;
      });
    } catch (error) {
      // Only a timed-out call is still running; the upstream request is then cut off.
      if ((error as { code?: string }).code === BREAKER_TIMEOUT_CODE) handle?.abort();
      respondToUpstreamFailure(options, request, response, error);
      return;
    }

    if (outcome === 'payload-too-large') {
      if (response.headersSent) response.destroy();
      else sendPayloadTooLarge(request, response);
    }
  });
}

function respondToUpstreamFailure(
  options: UpstreamProxyPolicyOptions,
  request: Request,
  response: Response,
  error: unknown,
): void {
  const service = options.breaker.service;
  const reason = failureReason(error);
  options.metrics.upstreamFailures.inc({ service, reason });

  if (error instanceof UpstreamError && error.responseStarted) {
    // The upstream's own response is already on its way (a 502-504 it sent, or a stream cut
    // short), so nothing can be added to it.
    if (error.reason === 'connection' && !response.writableEnded) response.destroy();
    return;
  }

  const heldBack = options.logThrottle.admit(`upstream:${service}:${reason}`);
  if (heldBack !== undefined && reason !== 'circuit-open') {
    options.logger.warn(
      { err: error, service, reason, similarErrorsSinceLastLog: heldBack },
      'Upstream service call failed; responding with 503',
    );
  }
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendGatewayError(request, response, 'SERVICE_UNAVAILABLE', {
    headers: { 'Retry-After': String(options.breaker.retryAfterSeconds()) },
  });
}

function failureReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === BREAKER_OPEN_CODE) return 'circuit-open';
  if (code === BREAKER_TIMEOUT_CODE) return 'timeout';
  if (error instanceof UpstreamError) return error.reason;
  return 'unknown';
}

function sendPayloadTooLarge(request: Request, response: Response): void {
  discardRefusedBody(request, response);
  sendGatewayError(request, response, 'PAYLOAD_TOO_LARGE');
}

/**
 * Tells the service who the client is. The gateway is the trust boundary, so X-Forwarded-*
 * headers from the client are replaced unless the peer is a trusted proxy.
 */
function setForwardingHeaders(request: Request): void {
  const state = requestState(request);
  const headers = request.headers;
  headers['x-forwarded-for'] = state.clientIp;
  if (!state.viaTrustedProxy || headers['x-forwarded-proto'] === undefined) {
    headers['x-forwarded-proto'] = 'encrypted' in request.socket ? 'https' : 'http';
  }
  if (!state.viaTrustedProxy || headers['x-forwarded-host'] === undefined) {
    if (headers.host !== undefined) headers['x-forwarded-host'] = headers.host;
    else delete headers['x-forwarded-host'];
  }
}
