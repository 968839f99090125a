import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { type ChildApp, startChildApp } from './support/child-app.js';
import { httpGet } from './support/http-get.js';

const fixture = fileURLToPath(new URL('./fixtures/slow-app.js', import.meta.url));

async function startSlowApp(env: Record<string, string>): Promise<ChildApp> {
  const app = await startChildApp([fixture], { ...process.env, ...env });
  after(() => app.process.kill('SIGKILL'));
  return app;
}

/** Resolves once the app has printed `text`; fails with the output after `timeoutMs`. */
async function waitForOutput(app: ChildApp, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`The app did not print "${text}" within ${timeoutMs} ms:\n${app.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('enableGracefulShutdown', () => {
  test('drains a request in flight on SIGTERM', async () => {
    const app = await startSlowApp({ SLOW_ROUTE_MS: '1500', DRAIN_DELAY_MS: '400' });

    const inFlight = httpGet(app.port, '/slow');
    await waitForOutput(app, 'slow request started');
    app.process.kill('SIGTERM');
    await waitForOutput(app, 'Received SIGTERM');
    const readyDuringDrain = await httpGet(app.port, '/health/ready');
    const liveDuringDrain = await httpGet(app.port, '/health/live');
    await waitForOutput(app, 'Stopped accepting connections');
    const afterDrain = await httpGet(app.port, '/health/live').then(
      () => 'accepted',
      (error: NodeJS.ErrnoException) => error.code,
    );
    const slow = await inFlight;
    const exit = await app.exited;

    assert.equal(readyDuringDrain.status, 503, 'readiness fails as soon as shutdown begins');
    assert.equal(readyDuringDrain.headers.connection, 'close');
    assert.equal(liveDuringDrain.status, 200, 'liveness holds during the drain');
    assert.equal(afterDrain, 'ECONNREFUSED', 'new connections are refused after the drain');
    assert.equal(slow.status, 200);
    assert.deepEqual(JSON.parse(slow.body), { done: true });
    assert.equal(slow.headers.connection, 'close', 'the keep-alive connection is closed after it');
    assert.deepEqual(exit, { code: 0, signal: null }, app.output());
  });

  test('exits with code 0 when idle', async () => {
    const app = await startSlowApp({ DRAIN_DELAY_MS: '50' });

    app.process.kill('SIGINT');
    const exit = await app.exited;

    assert.deepEqual(exit, { code: 0, signal: null }, app.output());
    assert.match(app.output(), /Shutdown complete/);
  });

  test('exits with code 1 when shutdown hangs', async () => {
    const app = await startSlowApp({
      DRAIN_DELAY_MS: '50',
      FORCE_EXIT_AFTER_MS: '500',
      HANG_ON_SHUTDOWN: 'true',
    });

    const signalledAt = Date.now();
    app.process.kill('SIGTERM');
    const exit = await app.exited;
    const elapsedMs = Date.now() - signalledAt;

    assert.deepEqual(exit, { code: 1, signal: null }, app.output());
    assert.match(app.output(), /did not finish within 500 ms/);
    assert.ok(elapsedMs >= 450, `exited after ${elapsedMs} ms, before the limit`);
  });
});
