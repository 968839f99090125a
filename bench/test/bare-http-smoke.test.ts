import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startBareServer } from '../src/baselines/bare-http.js';
import { runHttpLoad } from '../src/load/http-load.js';
import { probeLatency } from '../src/load/latency-probe.js';

describe('bench smoke run', () => {
  it('bare HTTP baseline for one second', async () => {
    const server = await startBareServer();
    try {
      const load = await runHttpLoad({
        url: `${server.baseUrl}/`,
        connections: 2,
        durationSeconds: 1,
        uniqueIdempotencyKey: true,
      });
      assert.ok(load.requestsPerSecond > 0, 'some requests answered 2xx');
      assert.equal(load.non2xx, 0);
      assert.equal(load.errors, 0);
      assert.ok(load.p99Ms >= load.p50Ms);

      const latency = await probeLatency(`${server.baseUrl}/`, {}, { count: 20 });
      assert.ok(Number.isFinite(latency), `latency ${latency} is a number`);
      assert.ok(latency > 0, `latency ${latency} ms is positive`);
    } finally {
      await server.close();
    }
  });

  it('probe of stopped server rejects', async () => {
    const server = await startBareServer();
    await server.close();
    await assert.rejects(probeLatency(`${server.baseUrl}/`, {}, { count: 1 }), /ECONNREFUSED/);
  });
});
