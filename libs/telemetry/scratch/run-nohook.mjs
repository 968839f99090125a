import { startOtlpCollector } from '../dist/test/support/otlp-collector.js';
import { startChildApp } from '../dist/test/support/child-app.js';
const c = await startOtlpCollector();
const app = await startChildApp(['--import', new URL('./nohook.mjs', import.meta.url).pathname, new URL('../dist/test/fixtures/traced-app.js', import.meta.url).pathname], { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: c.endpoint });
const r = await fetch(`http://127.0.0.1:${app.port}/things/42`); console.log(await r.text());
app.process.kill('SIGTERM'); console.log(await app.exited);
console.log(c.spans.map(s => [s.name, s.attributes['http.route']]));
await c.close();
