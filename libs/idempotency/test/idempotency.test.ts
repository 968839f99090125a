import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startIdempotencyApp, type IdempotencyTestApp } from './support/idempotency-app.js';

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Idempotency-Key handling', () => {
  let app: IdempotencyTestApp;

  before(async () => {
    app = await startIdempotencyApp({ inProgressWaitMs: 300 });
  });
  after(async () => {
    await app?.close();
  });
  beforeEach(() => {
    app.probe.release();
  });

  it('missing key is rejected in both languages', async () => {
    const turkish = await app.post('/orders', { item: 'a' });
    const english = await app.post('/orders', { item: 'a' }, { 'accept-language': 'en' });

    assert.equal(turkish.status, 400);
    assert.equal(turkish.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.match(turkish.body.message, /zorunludur/);
    assert.equal(english.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.match(english.body.message, /needs an Idempotency-Key/);
  });

  it('overlong or non-ASCII key is rejected', async () => {
    const long = await app.post('/orders', {}, { 'idempotency-key': 'k'.repeat(256) });
    const spaced = await app.post(
      '/orders',
      {},
      { 'idempotency-key': 'a b', 'accept-language': 'en' },
    );

    assert.equal(long.status, 400);
    assert.equal(long.body.code, 'IDEMPOTENCY_KEY_INVALID');
    assert.match(long.body.message, /255/);
    assert.equal(spaced.body.code, 'IDEMPOTENCY_KEY_INVALID');
    assert.match(spaced.body.message, /at most 255 visible ASCII/);
  });

  it('same key and body replays the first response', async () => {
    const key = randomUUID();
    const runsBefore = app.probe.runs;

    const first = await app.post('/orders', { item: 'a', quantity: 2 }, { 'idempotency-key': key });
    const second = await app.post(
      '/orders',
      { quantity: 2, item: 'a' },
      { 'idempotency-key': key },
    );

    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(app.probe.runs, runsBefore + 1);
  });

  it('replay keeps a non-default status', async () => {
    const key = randomUUID();

    const first = await app.post('/orders/accepted', {}, { 'idempotency-key': key });
    const second = await app.post('/orders/accepted', {}, { 'idempotency-key': key });

    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.deepEqual(second.body, first.body);
  });

  it('same key with another body gets 422', async () => {
    const key = randomUUID();
    await app.post('/orders', { item: 'a' }, { 'idempotency-key': key });

    const reused = await app.post(
      '/orders',
      { item: 'b' },
      { 'idempotency-key': key, 'accept-language': 'en' },
    );
    const otherPath = await app.post('/orders/accepted', { item: 'a' }, { 'idempotency-key': key });

    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.match(reused.body.message, /different request/);
    assert.equal(otherPath.status, 422);
    assert.match(otherPath.body.message, /farklı bir istekle/);
  });

  it('key is scoped to tenant and user', async () => {
    const key = randomUUID();
    const runsBefore = app.probe.runs;

    const first = await app.post('/orders', { item: 'a' }, { 'idempotency-key': key });
    const otherUser = await app.post(
      '/orders',
      { item: 'a' },
      { 'idempotency-key': key, 'x-user': 'user-b' },
    );
    const otherTenant = await app.post(
      '/orders',
      { item: 'a' },
      { 'idempotency-key': key, 'x-tenant': 'tenant-b' },
    );

    assert.equal(first.status, 201);
    assert.equal(otherUser.status, 201);
    assert.equal(otherTenant.status, 201);
    assert.equal(app.probe.runs, runsBefore + 3);
  });

  it('request in progress gets 409 after the wait', async () => {
    const key = randomUUID();
    app.probe.hold();
    const runsBefore = app.probe.runs;
    const first = app.post('/orders', { item: 'slow' }, { 'idempotency-key': key });
    await waitUntil(() => app.probe.runs === runsBefore + 1);

    const retry = await app.post(
      '/orders',
      { item: 'slow' },
      { 'idempotency-key': key, 'accept-language': 'en' },
    );
    app.probe.release();

    assert.equal(retry.status, 409);
    assert.equal(retry.body.code, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
    assert.match(retry.body.message, /still running/);
    assert.equal((await first).status, 201);
  });

  it('failed request releases its key', async () => {
    for (const failure of ['server', 'client'] as const) {
      const key = randomUUID();
      app.probe.failNext = failure;

      const failed = await app.post('/orders', { item: failure }, { 'idempotency-key': key });
      const retried = await app.post('/orders', { item: failure }, { 'idempotency-key': key });

      assert.equal(failed.status, failure === 'server' ? 500 : 404, `${failure} failure status`);
      assert.equal(retried.status, 201, `retry after a ${failure} failure`);
    }
  });

  it('response committed with the change replays', async () => {
    const key = randomUUID();
    const runsBefore = app.probe.runs;

    const failed = await app.post(
      '/orders/committed-then-failed',
      { item: 'c' },
      { 'idempotency-key': key },
    );
    const retried = await app.post(
      '/orders/committed-then-failed',
      { item: 'c' },
      { 'idempotency-key': key },
    );

    assert.equal(failed.status, 500);
    assert.equal(retried.status, 201);
    assert.deepEqual(retried.body, { run: runsBefore + 1, received: { item: 'c' } });
    assert.equal(app.probe.runs, runsBefore + 1);
  });

  it('response stored in transaction is written once', async () => {
    const key = randomUUID();
    const complete = app.store.complete.bind(app.store);
    let writes = 0;
    app.store.complete = (...args) => {
      writes += 1;
      return complete(...args);
    };

    try {
      const first = await app.post('/orders/recorded', { item: 'r' }, { 'idempotency-key': key });
      const replayed = await app.post(
        '/orders/recorded',
        { item: 'r' },
        { 'idempotency-key': key },
      );

      assert.equal(first.status, 201);
      assert.equal(writes, 1, 'the interceptor does not store the response a second time');
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replayed.body, first.body);
    } finally {
      app.store.complete = complete;
    }
  });

  it('50 concurrent requests run the handler once', async () => {
    const key = randomUUID();
    const runsBefore = app.probe.runs;
    app.probe.hold();
    setTimeout(() => app.probe.release(), 100);

    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        app.post('/orders', { item: 'burst' }, { 'idempotency-key': key }),
      ),
    );

    assert.equal(app.probe.runs, runsBefore + 1);
    for (const response of responses) {
      assert.equal(response.status, 201);
      assert.deepEqual(response.body, responses[0]!.body);
    }
    const rows = await app.dataSource.query(
      'SELECT count(*)::int AS count FROM idempotency_test.idempotency_key WHERE key = $1',
      [key],
    );
    assert.equal(rows[0].count, 1);
  });

  it('key is kept at least 24 hours', async () => {
    const key = randomUUID();
    await app.post('/orders', { item: 'kept' }, { 'idempotency-key': key });

    const rows = await app.dataSource.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS seconds
         FROM idempotency_test.idempotency_key WHERE key = $1`,
      [key],
    );
    assert.ok(rows[0].seconds >= 24 * 3600, `kept ${rows[0].seconds} s`);
  });

  it('expired key is purged and free again', async () => {
    const key = randomUUID();
    await app.post('/orders', { item: 'old' }, { 'idempotency-key': key });
    await app.dataSource.query(
      `UPDATE idempotency_test.idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );

    const reusedAfterExpiry = await app.post(
      '/orders',
      { item: 'new' },
      { 'idempotency-key': key },
    );
    assert.equal(reusedAfterExpiry.status, 201);
    assert.equal(reusedAfterExpiry.body.received.item, 'new');

    await app.dataSource.query(
      `UPDATE idempotency_test.idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const deleted = await app.store.purgeExpired();
    const rows = await app.dataSource.query(
      'SELECT count(*)::int AS count FROM idempotency_test.idempotency_key WHERE key = $1',
      [key],
    );
    assert.ok(deleted >= 1, `deleted ${deleted} rows`);
    assert.equal(rows[0].count, 0);
  });
});
