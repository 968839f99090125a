// Preload entry of the tracing SDK: `node --import @gym/telemetry/register dist/src/main.js`.
// It must run before the service's own modules are loaded, so that the instrumentations can
// patch http, express and pg as they are imported.
import { isMainThread } from 'node:worker_threads';
import { registerEsmLoaderHook } from './tracing/esm-loader-hook.js';
import { createInstrumentations, instrumentedModules } from './tracing/instrumentations.js';
import { startTracing } from './tracing/tracing-sdk.js';
import { shutDownTracingOnSignals } from './tracing/tracing-signals.js';

// Worker threads inherit `--import`; each would start an SDK, an exporter and a loader hook of
// its own, so tracing covers the main thread only.
if (isMainThread && process.env.OTEL_SDK_DISABLED !== 'true') {
  const instrumentations = createInstrumentations();
  const hookAcknowledged = registerEsmLoaderHook(instrumentedModules(instrumentations));

  startTracing(process.env, instrumentations);
  shutDownTracingOnSignals();

  await hookAcknowledged();
}
