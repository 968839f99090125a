import { startTracing } from '../dist/src/tracing/tracing-sdk.js';
import { shutDownTracingOnSignals } from '../dist/src/tracing/tracing-signals.js';
startTracing(); shutDownTracingOnSignals();
