import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { IMPORT_BATCH_ROWS } from '../src/import-export/member-importer.js';
import { fileForm } from './support/image-bytes.js';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

const header = ['firstName', 'lastName', 'phone', 'branch', 'plan', 'membershipStartDate'];

/** Returns the phone of row `index` in national format. Tests repeat phones in their own tenants. */
function phoneOf(index: number): string {
  return `0535${String(index).padStart(7, '0')}`;
}

function e164(index: number): string {
  return `+90${phoneOf(index).slice(1)}`;
}

/** `count` rows named `Ad<index> Soyad<index>` with their own phones, on plan Aylık. */
function memberRows(count: number, startDate = '2026-01-01'): string[][] {
  return Array.from({ length: count }, (_, index) => [
    `Ad${index}`,
    `Soyad${index}`,
    phoneOf(index),
    'Merkez',
    'Aylık',
    startDate,
  ]);
}

function csvOf(rows: string[][]): Buffer {
  return Buffer.from([header, ...rows].map((row) => row.join(';')).join('\r\n'), 'utf8');
}

describe('member import in batches', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
    harness.clock.set('2026-01-15T09:00:00Z');
  });
  after(async () => {
    await harness?.close();
  });

  async function gymWithPlan(): Promise<{ tenant: TestTenant; planId: string }> {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { name: 'Aylık' });
    return { tenant, planId: plan.id };
  }

  async function uploadFile(tenant: TestTenant, bytes: Buffer): Promise<string> {
    const started = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(bytes, 'uyeler.csv', 'text/csv'),
      headers: { 'accept-language': 'en' },
    });
    assert.equal(started.status, 202, started.text);
    return started.body.id;
  }

  async function finishedJob(tenant: TestTenant, jobId: string) {
    return waitFor(
      'the import to finish',
      async () => {
        const job = await harness.request('GET', `/api/v1/members/import/${jobId}`, {
          token: tenant.adminToken,
          headers: { 'accept-language': 'en' },
        });
        return job.body.status !== 'RUNNING' && job.body;
      },
      60_000,
    );
  }

  async function importFile(tenant: TestTenant, bytes: Buffer) {
    return finishedJob(tenant, await uploadFile(tenant, bytes));
  }

  async function phonesOf(tenant: TestTenant): Promise<string[]> {
    const rows: { phone: string }[] = await harness.dataSource.query(
      'SELECT phone FROM membership.members WHERE tenant_id = $1 ORDER BY phone',
      [tenant.tenantId],
    );
    return rows.map((row) => row.phone);
  }

  async function createdEvents(tenant: TestTenant): Promise<any[]> {
    const rows: { payload: any }[] = await harness.dataSource.query(
      "SELECT payload FROM membership.outbox_event WHERE tenant_id = $1 AND type = 'membership.member.created' ORDER BY position",
      [tenant.tenantId],
    );
    return rows.map((row) => row.payload);
  }

  it('reports existing and repeated phones across batches', async () => {
    const batch = IMPORT_BATCH_ROWS;
    const rowCount = 2 * batch + 100;
    const takenIndex = batch + 50;
    const { tenant, planId } = await gymWithPlan();
    await harness.createMember(tenant, {
      firstName: 'Mevcut',
      lastName: 'Üye',
      phone: phoneOf(5),
      planId,
    });
    await harness.createMember(tenant, {
      firstName: 'Başka',
      lastName: 'Kişi',
      phone: phoneOf(takenIndex),
      planId,
    });
    const rows = memberRows(rowCount);
    rows[5]!.splice(0, 2, 'MEVCUT', 'üye');
    rows[3]![2] = phoneOf(1);
    rows[batch]![2] = phoneOf(batch - 1);
    rows[2 * batch + 50]![2] = phoneOf(takenIndex);

    const job = await importFile(tenant, csvOf(rows));

    assert.equal(job.status, 'COMPLETED', JSON.stringify(job));
    assert.equal(job.totalRows, rowCount);
    assert.equal(job.processedRows, rowCount);
    assert.equal(job.skippedCount, 1);
    assert.equal(job.createdCount, rowCount - 5, JSON.stringify(job.rejectedRows));
    assert.deepEqual(
      job.rejectedRows.map((row: { row: number; code: string }) => [row.row, row.code]),
      [
        [3 + 2, 'DUPLICATE_IN_FILE'],
        [batch + 2, 'DUPLICATE_IN_FILE'],
        [takenIndex + 2, 'PHONE_TAKEN'],
        [2 * batch + 52, 'DUPLICATE_IN_FILE'],
      ],
    );
    assert.equal(
      job.rejectedRows[0].message,
      `This phone number (${e164(1)}) appears earlier in the file.`,
    );
    assert.equal(
      job.rejectedRows[2].message,
      `This phone number (${e164(takenIndex)}) belongs to another member.`,
    );
    const absentIndexes = [3, batch, 2 * batch + 50];
    const expectedPhones = Array.from({ length: rowCount }, (_, index) => index)
      .filter((index) => !absentIndexes.includes(index))
      .map(e164)
      .sort();
    assert.deepEqual(await phonesOf(tenant), expectedPhones);
    const [owner] = await harness.dataSource.query(
      'SELECT first_name FROM membership.members WHERE tenant_id = $1 AND phone = $2',
      [tenant.tenantId, e164(takenIndex)],
    );
    assert.equal(owner.first_name, 'Başka');
  });

  it('writes one correct created event per member', async () => {
    const { tenant, planId } = await gymWithPlan();
    const rows = [...memberRows(150), ...memberRows(300, '2026-02-01').slice(150)];

    const job = await importFile(tenant, csvOf(rows));

    assert.equal(job.createdCount, 300, JSON.stringify(job.rejectedRows));
    const members: any[] = await harness.dataSource.query(
      `SELECT id, branch_id, plan_id, status, membership_start_date::text AS start_date,
         membership_end_date::text AS end_date, created_at
       FROM membership.members WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    const events = await createdEvents(tenant);
    assert.equal(members.length, 300);
    assert.equal(events.length, 300);
    const eventsByMember = new Map(events.map((event) => [event.data.memberId, event]));
    assert.equal(eventsByMember.size, 300, 'one event per member id');
    for (const member of members) {
      const event = eventsByMember.get(member.id);
      assert.ok(event, `event of member ${member.id}`);
      assert.equal(event.type, 'membership.member.created');
      assert.equal(event.tenantId, tenant.tenantId);
      assert.equal(event.version, 1);
      assert.deepEqual(event.data, {
        memberId: member.id,
        branchId: tenant.branchId,
        planId,
        status: member.status,
        membershipStartDate: member.start_date,
        membershipEndDate: member.end_date,
        createdAt: member.created_at.toISOString(),
        archivedAt: null,
      });
    }
    const statuses = members.map((member) => `${member.start_date} ${member.status}`);
    assert.equal(statuses.filter((entry) => entry === '2026-01-01 ACTIVE').length, 150);
    assert.equal(statuses.filter((entry) => entry === '2026-02-01 PASSIVE').length, 150);
    const ends = new Set(members.map((member) => `${member.start_date}..${member.end_date}`));
    assert.deepEqual([...ends].sort(), ['2026-01-01..2026-01-31', '2026-02-01..2026-02-28']);
  });

  it('imports rows alone after a concurrent creation', async () => {
    const { tenant, planId } = await gymWithPlan();
    const concurrent = harness.dataSource.createQueryRunner();
    await concurrent.connect();
    let jobId = '';
    try {
      await concurrent.startTransaction();
      await concurrent.query(
        `INSERT INTO membership.members (tenant_id, branch_id, plan_id, first_name, last_name,
           phone, membership_start_date, membership_end_date, status, search_text)
         VALUES ($1, $2, $3, 'Eşzamanlı', 'Kayıt', $4, '2026-01-01', '2026-01-31', 'ACTIVE', 'x')`,
        [tenant.tenantId, tenant.branchId, planId, e164(5)],
      );

      jobId = await uploadFile(tenant, csvOf(memberRows(300)));
      await waitFor('the batch insert to wait for the concurrent one', async () => {
        const [waiting] = await harness.dataSource.query(
          `SELECT count(*)::int AS count FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND query LIKE 'INSERT INTO membership.members%'`,
        );
        return waiting.count > 0;
      });
      await concurrent.commitTransaction();
    } finally {
      await concurrent.release();
    }

    const job = await finishedJob(tenant, jobId);

    assert.equal(job.status, 'COMPLETED', JSON.stringify(job));
    assert.equal(job.createdCount, 299, JSON.stringify(job.rejectedRows));
    assert.deepEqual(
      job.rejectedRows.map((row: { row: number; code: string }) => [row.row, row.code]),
      [[7, 'PHONE_TAKEN']],
    );
    const expectedPhones = Array.from({ length: 300 }, (_, index) => e164(index)).sort();
    assert.deepEqual(await phonesOf(tenant), expectedPhones);
    const events = await createdEvents(tenant);
    const [concurrentMember] = await harness.dataSource.query(
      'SELECT id FROM membership.members WHERE tenant_id = $1 AND phone = $2',
      [tenant.tenantId, e164(5)],
    );
    assert.equal(events.length, 299);
    assert.equal(new Set(events.map((event) => event.data.memberId)).size, 299);
    assert.equal(
      events.some((event) => event.data.memberId === concurrentMember.id),
      false,
      'the concurrent insert enqueued no event',
    );
  });
});
