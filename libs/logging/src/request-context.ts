import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

/** Span attributes naming the request and tenant, shared with the messaging spans. */
export const REQUEST_ID_SPAN_ATTRIBUTE = 'gym.request_id';
export const TENANT_ID_SPAN_ATTRIBUTE = 'gym.tenant_id';

/** Values that identify the unit of work a log line, span or message belongs to. */
export interface RequestContext {
  requestId: string;
  tenantId?: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `callback` in `context`, and names the request and tenant on the active span. */
export function runWithRequestContext<T>(context: RequestContext, callback: () => T): T {
  const span = trace.getActiveSpan();
  span?.setAttribute(REQUEST_ID_SPAN_ATTRIBUTE, context.requestId);
  if (context.tenantId) span?.setAttribute(TENANT_ID_SPAN_ATTRIBUTE, context.tenantId);
  return storage.run(context, callback);
}

export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds the authenticated tenant and user to the current context once a guard has verified them. */
export function setRequestPrincipal(tenantId: string, userId: string): void {
  const context = storage.getStore();
  trace.getActiveSpan()?.setAttribute(TENANT_ID_SPAN_ATTRIBUTE, tenantId);
  if (context) {
    context.tenantId = tenantId;
    context.userId = userId;
  }
}
