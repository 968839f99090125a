import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { IdempotencyStore } from './idempotency-store.js';

/** The claimed key of the request being handled, with the status its response will have. */
export interface IdempotentRequest {
  id: string;
  status: number;
  store: IdempotencyStore;
  /** Set once the handler stored the response in its own transaction. */
  recorded?: boolean;
}

const currentRequest = new AsyncLocalStorage<IdempotentRequest>();

/** Runs `work` (the route handler) so that recordIdempotentResponse finds the claimed key. */
export function runIdempotentRequest<T>(request: IdempotentRequest, work: () => T): T {
  return currentRequest.run(request, work);
}

/**
 * Stores the response body of the current idempotent request in the caller's transaction, so
 * the key is completed exactly when the business change commits. A crash after the commit then
 * replays the response instead of running the handler again. Outside an idempotent route it
 * does nothing. Pass the value the handler returns.
 */
export async function recordIdempotentResponse(
  manager: EntityManager,
  body: unknown,
): Promise<void> {
  const request = currentRequest.getStore();
  if (!request) return;

  await request.store.complete(request.id, request.status, serializeResponse(body), manager);
  request.recorded = true;
}

/** Serialises a handler's result the way the stored response keeps it: '' for no body. */
export function serializeResponse(body: unknown): string {
  return body === undefined ? '' : JSON.stringify(body);
}
