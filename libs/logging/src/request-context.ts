import { AsyncLocalStorage } from 'node:async_hooks';

/** Values that identify the unit of work a log line, span or message belongs to. */
export interface RequestContext {
  requestId: string;
  tenantId?: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, callback: () => T): T {
  return storage.run(context, callback);
}

export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds the authenticated tenant and user to the current context once a guard has verified them. */
export function setRequestPrincipal(tenantId: string, userId: string): void {
  const context = storage.getStore();
  if (context) {
    context.tenantId = tenantId;
    context.userId = userId;
  }
}
