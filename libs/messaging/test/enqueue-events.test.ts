import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runWithRequestContext } from '@gym/logging';
import { enqueueEvents, OutboxEvent, REQUEST_ID_HEADER, type NewEvent } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

function memberEvents(tenantId: string, count: number): NewEvent<{ memberId: string }>[] {
  return Array.from({ length: count }, (_, index) => ({
    type: 'membership.member.created',
    tenantId,
    data: { memberId: `m-${index}` },
  }));
}

describe('enqueueEvents', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });

  after(async () => {
    await database.drop();
  });

  async function rowsOf(tenantId: string): Promise<OutboxEvent[]> {
    return database.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('outbox')
      .where('outbox.tenantId = :tenantId', { tenantId })
      .orderBy('outbox.position', 'ASC')
      .getMany();
  }

  test('writes each event in order', async () => {
    const envelopes = await runWithRequestContext({ requestId: 'request-batch-1' }, () =>
      database.dataSource.transaction((manager) =>
        enqueueEvents(manager, memberEvents('tenant-order', 3)),
      ),
    );

    const rows = await rowsOf('tenant-order');
    assert.equal(envelopes.length, 3);
    assert.deepEqual(
      envelopes.map((envelope) => envelope.data.memberId),
      ['m-0', 'm-1', 'm-2'],
    );
    assert.deepEqual(
      rows.map((row) => row.id),
      envelopes.map((envelope) => envelope.id),
    );
    assert.deepEqual(
      rows.map((row) => row.payload),
      envelopes,
    );
    for (const row of rows) {
      assert.equal(row.type, 'membership.member.created');
      assert.equal(row.tenantId, 'tenant-order');
      assert.equal(row.headers[REQUEST_ID_HEADER], 'request-batch-1');
      assert.equal(row.sentAt, null);
    }
  });

  test('rollback discards every event', async () => {
    await assert.rejects(
      database.dataSource.transaction(async (manager) => {
        await enqueueEvents(manager, memberEvents('tenant-rollback', 4));
        throw new Error('business rule failed');
      }),
      /business rule failed/,
    );

    assert.equal((await rowsOf('tenant-rollback')).length, 0);
  });

  test('splits a large list over several statements', async () => {
    const envelopes = await database.dataSource.transaction((manager) =>
      enqueueEvents(manager, memberEvents('tenant-large', 2_500)),
    );

    const rows = await rowsOf('tenant-large');
    assert.equal(rows.length, 2_500);
    assert.deepEqual(
      rows.map((row) => row.id),
      envelopes.map((envelope) => envelope.id),
    );
  });

  test('rejects a manager outside a transaction', async () => {
    await assert.rejects(
      enqueueEvents(database.dataSource.manager, memberEvents('tenant-outside', 2)),
      /Enqueuing membership.member.created needs the EntityManager of an open transaction/,
    );

    assert.equal((await rowsOf('tenant-outside')).length, 0);
  });

  test('empty list writes nothing', async () => {
    const outbox = database.dataSource.getRepository(OutboxEvent);
    const countBefore = await outbox.count();

    const envelopes = await database.dataSource.transaction((manager) =>
      enqueueEvents(manager, []),
    );

    assert.deepEqual(envelopes, []);
    assert.equal(await outbox.count(), countBefore);
  });
});
