import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { messagingMetrics } from './messaging.metrics.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import { RpcRemoteError } from './rpc.errors.js';

export type RpcAction = (pattern: string, payload: unknown, timeoutMs: number) => Promise<unknown>;

export type RpcCircuitBreaker = CircuitBreaker<Parameters<RpcAction>, unknown>;

const CLOSED = 0;
const HALF_OPEN = 1;
const OPEN = 2;

/** Wraps the calls to one target service in an opossum circuit breaker that reports its state as a metric. */
export function createRpcCircuitBreaker(
  target: string,
  action: RpcAction,
  settings: ResolvedMessagingOptions['rpc']['breaker'],
  logger: Logger,
): RpcCircuitBreaker {
  const breaker = new CircuitBreaker(action, {
    name: target,
    // Each call carries its own deadline, so the breaker's own timer is off.
    timeout: false,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    resetTimeout: settings.resetTimeoutMs,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: settings.rollingCountTimeoutMs,
    // An error reply proves the target is up, so it does not count towards opening the circuit.
    errorFilter: (error: unknown) => error instanceof RpcRemoteError,
  });

  const state = messagingMetrics.circuitBreakerState;
  state.set({ target }, CLOSED);
  breaker.on('open', () => {
    state.set({ target }, OPEN);
    logger.warn(
      { target, resetTimeoutMs: settings.resetTimeoutMs },
      'Circuit breaker opened, so RPC calls to the target fail fast',
    );
  });
  breaker.on('halfOpen', () => {
    state.set({ target }, HALF_OPEN);
    logger.info({ target }, 'Circuit breaker half-open, letting a trial call through');
  });
  breaker.on('close', () => {
    state.set({ target }, CLOSED);
    logger.info({ target }, 'Circuit breaker closed');
  });

  return breaker;
}
