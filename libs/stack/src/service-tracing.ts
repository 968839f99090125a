import { telemetryRegister } from './repository-paths.js';

/**
 * Variable that makes every service process trace as in production: the tracing SDK preloaded
 * with `--import` and enabled. Tests leave it unset, so services start faster without it. The
 * benchmarks set it, so their figures include the cost of tracing.
 */
export const STACK_TRACING_VARIABLE = 'GYM_STACK_TRACING';

function tracingEnabled(): boolean {
  return process.env[STACK_TRACING_VARIABLE] === 'true';
}

/** Returns the Node arguments that start a service's compiled main module. */
export function serviceArguments(main: string): string[] {
  const preload = tracingEnabled() ? ['--import', telemetryRegister] : [];
  return ['--enable-source-maps', ...preload, main];
}

/** Returns the value of OTEL_SDK_DISABLED for a service process. */
export function sdkDisabled(): string {
  return String(!tracingEnabled());
}
