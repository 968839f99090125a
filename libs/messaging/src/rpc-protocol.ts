/** Direct reply-to pseudo queue of RabbitMQ: replies go straight to the calling channel. */
export const DIRECT_REPLY_QUEUE = 'amq.rabbitmq.reply-to';

/** Epoch milliseconds after which the caller no longer waits for the reply. */
export const DEADLINE_HEADER = 'x-deadline';

/** Error code of a reply to a pattern the server has no handler for. */
export const UNKNOWN_PATTERN_CODE = 'RPC_UNKNOWN_PATTERN';

/** Error code of a reply whose handler failed without an error code of its own. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_ERROR';

export type RpcReply =
  { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export function rpcExchangeName(eventExchange: string): string {
  return `${eventExchange}.rpc`;
}

export function rpcQueueName(serviceName: string): string {
  return `${serviceName}.rpc`;
}

/** Returns the service that a pattern `<service>.<procedure>` calls. Each target has its own circuit breaker. */
export function rpcTarget(pattern: string): string {
  const target = pattern.split('.')[0];
  if (!target || target === pattern) {
    throw new Error(
      `Invalid RPC pattern "${pattern}": expected <service>.<procedure>, for example billing.month-lock.check`,
    );
  }
  return target;
}
