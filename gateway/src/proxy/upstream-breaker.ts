import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { CIRCUIT_STATE, type GatewayMetrics } from '../observability/gateway-metrics.js';
import type { ForwardOutcome } from './proxy-forwarder.js';

export interface BreakerSettings {
  /** Time until the upstream response headers arrive before a call counts as failed. */
  timeoutMs: number;
  /** Failed share of the calls in the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls needed in the rolling window before the circuit may open. */
  volumeThreshold: number;
  /** Time the circuit stays open before one trial call is let through. */
  resetTimeoutMs: number;
  rollingWindowMs: number;
}

type ForwardAction = () => Promise<ForwardOutcome>;

/** opossum's error codes for a call it did not run or stopped waiting for. */
export const BREAKER_OPEN_CODE = 'EOPENBREAKER';
export const BREAKER_TIMEOUT_CODE = 'ETIMEDOUT';

/**
 * The circuit breaker of one upstream service: every proxied call runs through it. It reports
 * its state as `gateway_upstream_circuit_state` and logs each state change.
 */
export class UpstreamBreaker {
  private readonly breaker: CircuitBreaker<[ForwardAction], ForwardOutcome>;
  private openedAt = 0;

  constructor(
    readonly service: string,
    private readonly settings: BreakerSettings,
    metrics: Pick<GatewayMetrics, 'circuitState'>,
    logger: Logger,
  ) {
    this.breaker = new CircuitBreaker((action: ForwardAction) => action(), {
      name: service,
      timeout: settings.timeoutMs,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      resetTimeout: settings.resetTimeoutMs,
      rollingCountTimeout: settings.rollingWindowMs,
    });

    const state = metrics.circuitState;
    state.set({ service }, CIRCUIT_STATE.closed);
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      state.set({ service }, CIRCUIT_STATE.open);
      logger.warn(
        { service, resetTimeoutMs: settings.resetTimeoutMs },
        'Circuit breaker opened; requests to the service fail fast with 503',
      );
    });
    this.breaker.on('halfOpen', () => {
      state.set({ service }, CIRCUIT_STATE.halfOpen);
      logger.info({ service }, 'Circuit breaker half-open; letting one trial request through');
    });
    this.breaker.on('close', () => {
      state.set({ service }, CIRCUIT_STATE.closed);
      logger.info({ service }, 'Circuit breaker closed');
    });
  }

  /** Runs the call, or rejects at once with code EOPENBREAKER while the circuit is open. */
  fire(action: ForwardAction): Promise<ForwardOutcome> {
    return this.breaker.fire(action);
  }

  get isOpen(): boolean {
    return this.breaker.opened;
  }

  /** Seconds until the circuit lets a trial call through, at least 1. */
  retryAfterSeconds(now = Date.now()): number {
    if (!this.breaker.opened) return 1;
    const remainingMs = this.openedAt + this.settings.resetTimeoutMs - now;
    return Math.max(1, Math.ceil(remainingMs / 1000));
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
