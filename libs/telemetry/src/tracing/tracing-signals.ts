import { flushTracing, shutdownTracing } from './tracing-sdk.js';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Exports the pending spans when the process receives SIGTERM or SIGINT, without taking the
 * decision to exit away from the service.
 *
 * When the service listens to the signal too (a graceful shutdown), the service exits once its
 * drain is done, so this only flushes the spans that have ended. `TracingModule` then shuts the
 * SDK down from `app.close()`. When nothing else listens, the process would have ended at once,
 * so the SDK is shut down (bounded by `TRACING_SHUTDOWN_TIMEOUT_MS`) and the signal is raised
 * again to end the process the default way.
 */
export function shutDownTracingOnSignals(): void {
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => void handleSignal(signal));
  }
}

async function handleSignal(signal: NodeJS.Signals): Promise<void> {
  // `once` has already removed this listener, so the count is the service's own listeners.
  if (process.listenerCount(signal) > 0) {
    await flushTracing();
    return;
  }

  await shutdownTracing();
  process.kill(process.pid, signal);
}
