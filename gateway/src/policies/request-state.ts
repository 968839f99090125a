import type { IncomingMessage } from 'node:http';

/** Facts the policies establish about a request on its way through the gateway. */
export interface GatewayRequestState {
  requestId: string;
  /** Address of the client: the socket peer, or the X-Forwarded-For entry a trusted proxy added. */
  clientIp: string;
  /** Whether the socket peer is one of the trusted proxies. */
  viaTrustedProxy: boolean;
  /** Set by the JWT policy once the access token is verified. */
  principal?: { userId: string; tenantId: string; role: string };
}

const states = new WeakMap<IncomingMessage, GatewayRequestState>();

export function setRequestState(request: IncomingMessage, state: GatewayRequestState): void {
  states.set(request, state);
}

/**
 * Returns the state the request-context middleware stored. Throws when it did not run, because
 * every policy depends on the request id and client address it sets.
 */
export function requestState(request: IncomingMessage): GatewayRequestState {
  const state = states.get(request);
  if (!state) {
    throw new Error('Gateway request state is missing: mount requestContextMiddleware first');
  }
  return state;
}
