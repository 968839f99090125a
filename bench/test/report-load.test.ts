import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sendOpenLoop } from '../src/load/open-loop.js';
import { pollReport } from '../src/load/report-poller.js';
import { paymentCountOf } from '../src/report/payment-count.js';
import { visibilityLags } from '../src/report/visibility-lag.js';

/** Starts a payments endpoint that counts POSTs and a report that shows their total at once. */
function startFakeReport(): Promise<{ server: Server; baseUrl: string; keys: Set<string> }> {
  const keys = new Set<string>();
  let payments = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST') {
        keys.add(String(request.headers['idempotency-key']));
        payments += 1;
        response.writeHead(201).end('{}');
      } else if (request.url === '/broken') {
        response.writeHead(500).end('{"code":"INTERNAL"}');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ total: `${payments * 450}.00` }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, baseUrl: `http://127.0.0.1:${port}`, keys });
    }),
  );
}

describe('report lag load', () => {
  let fake: Awaited<ReturnType<typeof startFakeReport>>;
  before(async () => {
    fake = await startFakeReport();
  });
  after(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('open loop at 100/s with polls', async () => {
    const poller = pollReport({
      url: `${fake.baseUrl}/report`,
      headers: {},
      intervalMs: 10,
      countOf: (body) => paymentCountOf((body as { total: string }).total, '450.00'),
    });
    const sent = await sendOpenLoop({
      url: `${fake.baseUrl}/payments`,
      headers: {},
      body: '{}',
      requestsPerSecond: 100,
      durationSeconds: 1,
    });
    const samples = await poller.finish(sent.length, 5_000);

    assert.equal(sent.length, 100);
    assert.ok(
      sent.every((request) => request.status === 201),
      'every request got 201',
    );
    assert.equal(fake.keys.size, 100, 'each request had its own Idempotency-Key');
    const span = sent.at(-1)!.sentAt - sent[0]!.sentAt;
    assert.ok(span >= 985, `99 intervals of 10 ms took only ${span.toFixed(0)} ms`);
    assert.ok(span < 1_300, `99 intervals of 10 ms took ${span.toFixed(0)} ms`);

    assert.equal(samples.at(-1)!.count, 100);
    assert.equal(poller.pollMs.length, samples.length);
    const { lags, unseen } = visibilityLags(
      sent.map((request) => request.respondedAt!),
      samples,
    );
    assert.equal(unseen, 0);
    assert.equal(lags.length, 100);
    assert.ok(
      lags.every((lag) => lag >= 0 && lag < 500),
      `lags within the poll interval and scheduling: max ${Math.max(...lags).toFixed(1)} ms`,
    );
  });

  it('poller stops at deadline', async () => {
    const poller = pollReport({
      url: `${fake.baseUrl}/report`,
      headers: {},
      intervalMs: 20,
      countOf: () => 0,
    });
    const started = Date.now();
    const samples = await poller.finish(1, 200);

    assert.ok(Date.now() - started < 2_000, 'finish returned soon after the deadline');
    assert.ok(samples.length >= 1, 'at least one poll ran');
    assert.ok(samples.every((sample) => sample.count === 0));
  });

  it('failed poll rejects finish', async () => {
    const poller = pollReport({
      url: `${fake.baseUrl}/broken`,
      headers: {},
      intervalMs: 10,
      countOf: () => 0,
    });

    await assert.rejects(poller.finish(1, 1_000), /returned status 500: \{"code":"INTERNAL"\}/);
  });
});
