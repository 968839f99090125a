/**
 * Injection token of the broker connection state that readiness checks. A service with a broker
 * provides it (for example from its messaging module, which must be global or passed in the
 * `imports` of `HealthModule.forRoot`); without one, readiness skips the broker.
 */
export const BROKER_HEALTH = Symbol('BROKER_HEALTH');

export interface BrokerHealth {
  isConnected(): boolean;
}
