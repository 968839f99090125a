import type { NextFunction, Request, Response } from 'express';
import proxyAddr from 'proxy-addr';
import { REQUEST_ID_HEADER, resolveRequestId, runWithRequestContext } from '@gym/logging';
import { setRequestState } from './request-state.js';

export interface RequestContextOptions {
  /** IP addresses or CIDR ranges whose X-Forwarded-For entries are believed. */
  trustedProxies: string[];
}

/**
 * Creates the Express middleware that runs first for every request. It keeps the client's
 * `X-Request-ID` when it is sane and generates one otherwise, and sends it back on the response
 * and on to the upstream service. It resolves the client address and runs the rest of the
 * request in the request's log context.
 */
export function requestContextMiddleware(options: RequestContextOptions) {
  const trust = proxyAddr.compile(options.trustedProxies);

  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = resolveRequestId(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-ID', requestId);

    const peer = request.socket.remoteAddress ?? '';
    setRequestState(request, {
      requestId,
      clientIp: proxyAddr(request, trust),
      viaTrustedProxy: peer !== '' && trust(peer, 0),
    });
    runWithRequestContext({ requestId }, next);
  };
}
