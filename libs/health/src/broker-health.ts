/**
 * Injection token of the broker connection state that readiness checks. A service with a broker
 * provides it from a global module or from a module passed in the `imports` of
 * `HealthModule.forRoot`. Without it, readiness skips the broker.
 */
export const BROKER_HEALTH = Symbol('BROKER_HEALTH');

export interface BrokerHealth {
  isConnected(): boolean;
}
