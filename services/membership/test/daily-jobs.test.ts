import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createLogger } from '@gym/logging';
import { membershipDataSourceOptions } from '../src/database/data-source-options.js';
import { runDailyJob, runDailyJobs } from '../src/jobs/daily-jobs.js';
import { runScheduledPlanChanges } from '../src/jobs/scheduled-plan-changes.job.js';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

const logger = createLogger({ serviceName: 'jobs-test', level: 'silent' });
const jobPath = fileURLToPath(new URL('../src/job.js', import.meta.url));

describe('daily jobs', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
  });
  after(async () => {
    harness?.clock.reset();
    await harness?.close();
  });

  async function failureCount(job: string): Promise<number> {
    const metrics = await harness.request('GET', '/metrics');
    const line = new RegExp(`^job_failures_total\\{job_name="${job}"\\} (\\d+)$`, 'm').exec(
      metrics.text,
    );
    return Number(line?.[1] ?? 0);
  }

  async function memberEndingOn(tenant: TestTenant, endDate: string) {
    const plan = await harness.createPlan(tenant, { durationValue: 1, durationUnit: 'DAY' });
    return harness.createMember(tenant, { planId: plan.id, membershipStartDate: endDate });
  }

  async function readStatus(tenant: TestTenant, memberId: string) {
    const response = await harness.request('GET', `/api/v1/members/${memberId}`, {
      token: tenant.staffToken,
    });
    assert.equal(response.status, 200, response.text);
    return response.body.status as string;
  }

  async function storedStatus(memberId: string): Promise<string> {
    const [row] = await harness.dataSource.query(
      'SELECT status FROM membership.members WHERE id = $1',
      [memberId],
    );
    return row.status;
  }

  async function statusEvents(memberId: string): Promise<number> {
    const [row] = await harness.dataSource.query(
      "SELECT count(*)::int AS count FROM membership.outbox_event WHERE type = 'membership.member.status-changed' AND payload->'data'->>'memberId' = $1",
      [memberId],
    );
    return row.count;
  }

  it('status sync follows each tenant timezone', async () => {
    harness.clock.set('2026-03-10T09:00:00Z');
    const istanbul = await harness.createTenant({ timezone: 'Europe/Istanbul' });
    const newYork = await harness.createTenant({ timezone: 'America/New_York' });
    const inIstanbul = await memberEndingOn(istanbul, '2026-03-10');
    const inNewYork = await memberEndingOn(newYork, '2026-03-10');

    // 23:59 on 10 March in Istanbul.
    harness.clock.set('2026-03-10T20:59:00Z');
    await runDailyJobs(harness.dataSource, logger, { at: harness.clock.now() });
    assert.equal(await readStatus(istanbul, inIstanbul.id), 'ACTIVE');
    assert.equal(await storedStatus(inIstanbul.id), 'ACTIVE');

    // 00:01 on 11 March in Istanbul, still 17:01 on 10 March in New York.
    harness.clock.set('2026-03-10T21:01:00Z');
    await runDailyJobs(harness.dataSource, logger, { at: harness.clock.now() });
    assert.equal(await readStatus(istanbul, inIstanbul.id), 'PASSIVE');
    assert.equal(await storedStatus(inIstanbul.id), 'PASSIVE');
    assert.equal(await statusEvents(inIstanbul.id), 1);
    assert.equal(await readStatus(newYork, inNewYork.id), 'ACTIVE');
    assert.equal(await storedStatus(inNewYork.id), 'ACTIVE');

    // 00:01 on 11 March in New York (UTC-4 after the DST change of 8 March).
    harness.clock.set('2026-03-11T04:01:00Z');
    await runDailyJobs(harness.dataSource, logger, { at: harness.clock.now() });
    assert.equal(await storedStatus(inNewYork.id), 'PASSIVE');
    assert.equal(await readStatus(newYork, inNewYork.id), 'PASSIVE');
    assert.equal(await statusEvents(inIstanbul.id), 1, 'a later run publishes no duplicate');
  });

  it('status sync sets FROZEN on the first frozen day', async () => {
    harness.clock.set('2026-04-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-04-01' });
    await harness.request('POST', `/api/v1/members/${member.id}/freeze`, {
      token: tenant.staffToken,
      body: { startDate: '2026-04-05', endDate: '2026-04-06' },
    });

    await runDailyJob(harness.dataSource, logger, 'status-sync', { date: '2026-04-05' });
    assert.equal(await storedStatus(member.id), 'FROZEN');
    await runDailyJob(harness.dataSource, logger, 'status-sync', { date: '2026-04-07' });
    assert.equal(await storedStatus(member.id), 'ACTIVE');
  });

  it('scheduled change is applied on its date', async () => {
    harness.clock.set('2026-05-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-05-01' });
    const yearly = await harness.createPlan(tenant, { durationValue: 12, durationUnit: 'MONTH' });
    await harness.request('POST', `/api/v1/members/${member.id}/plan-change`, {
      token: tenant.staffToken,
      body: { planId: yearly.id, startDate: '2026-05-20' },
    });

    await runDailyJob(harness.dataSource, logger, 'plan-changes', { date: '2026-05-19' });
    const before = await harness.request('GET', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(before.body.planId, member.planId);

    await runDailyJob(harness.dataSource, logger, 'plan-changes', { date: '2026-05-20' });
    const afterChange = await harness.request('GET', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(afterChange.body.planId, yearly.id);
    assert.equal(afterChange.body.membershipStartDate, '2026-05-20');
    assert.equal(afterChange.body.membershipEndDate, '2027-05-19');
  });

  it('two runners apply each scheduled change once', async () => {
    harness.clock.set('2026-06-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);
    const memberIds: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const member = await harness.createMember(tenant, { membershipStartDate: '2026-06-01' });
      memberIds.push(member.id);
      await harness.request('POST', `/api/v1/members/${member.id}/plan-change`, {
        token: tenant.staffToken,
        body: { planId: plan.id, startDate: '2026-06-10' },
      });
    }
    const second = new DataSource(membershipDataSourceOptions(harness.config));
    await second.initialize();

    try {
      // Once through the advisory lock, once straight into the job, so the row locks must hold too.
      const results = await Promise.all([
        runDailyJob(harness.dataSource, logger, 'plan-changes', { date: '2026-06-10' }),
        runDailyJob(second, logger, 'plan-changes', { date: '2026-06-10' }),
        runScheduledPlanChanges(second, logger, { date: '2026-06-10' }),
      ]);
      assert.ok(results.length === 3);
    } finally {
      await second.destroy();
    }

    const [changes] = await harness.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'APPLIED')::int AS applied, count(*)::int AS total
         FROM membership.plan_changes WHERE member_id = ANY($1)`,
      [memberIds],
    );
    const [events] = await harness.dataSource.query(
      "SELECT count(*)::int AS count FROM membership.outbox_event WHERE type = 'membership.member.plan-changed' AND tenant_id = $1",
      [tenant.tenantId],
    );
    assert.deepEqual(changes, { applied: 12, total: 12 });
    assert.equal(events.count, 12);
  });

  it('held lock makes a run skip', async () => {
    const runner = harness.dataSource.createQueryRunner();
    await runner.connect();
    await runner.query("SELECT pg_advisory_lock(7340102, hashtext('status-sync'))");
    try {
      const outcome = await runDailyJob(harness.dataSource, logger, 'status-sync', {
        date: '2026-01-01',
      });
      assert.deepEqual(outcome, { job: 'status-sync', skipped: true });
    } finally {
      await runner.query("SELECT pg_advisory_unlock(7340102, hashtext('status-sync'))");
      await runner.release();
    }
  });

  it('failed change is retried without a second history row', async () => {
    harness.clock.set('2026-07-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-07-01' });
    const plan = await harness.createPlan(tenant);
    await harness.request('POST', `/api/v1/members/${member.id}/plan-change`, {
      token: tenant.staffToken,
      body: { planId: plan.id, startDate: '2026-07-05' },
    });
    await harness.dataSource.query(`
      CREATE FUNCTION membership.reject_member_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated storage failure'; END $$`);
    await harness.dataSource.query(
      `CREATE TRIGGER reject_member_update BEFORE UPDATE ON membership.members
       FOR EACH ROW WHEN (OLD.id = '${member.id}') EXECUTE FUNCTION membership.reject_member_update()`,
    );
    const failuresBefore = await failureCount('plan-changes');

    const failed = await runDailyJob(harness.dataSource, logger, 'plan-changes', {
      date: '2026-07-05',
    });
    await harness.dataSource.query('DROP TRIGGER reject_member_update ON membership.members');
    await harness.dataSource.query('DROP FUNCTION membership.reject_member_update()');
    const [pending] = await harness.dataSource.query(
      'SELECT status, attempts, last_error FROM membership.plan_changes WHERE member_id = $1',
      [member.id],
    );
    const retried = await runDailyJob(harness.dataSource, logger, 'plan-changes', {
      date: '2026-07-05',
    });

    assert.equal(failed.skipped === false && failed.failed, 1);
    assert.equal(await failureCount('plan-changes'), failuresBefore + 1);
    assert.equal(pending.status, 'SCHEDULED');
    assert.equal(pending.attempts, 1);
    assert.match(pending.last_error, /simulated storage failure/);
    assert.equal(retried.skipped === false && retried.changed, 1);
    const rows = await harness.dataSource.query(
      'SELECT status FROM membership.plan_changes WHERE member_id = $1',
      [member.id],
    );
    assert.deepEqual(rows, [{ status: 'APPLIED' }]);
  });

  it('job command runs a job for a date', async () => {
    harness.clock.set('2026-08-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const member = await memberEndingOn(tenant, '2026-08-01');

    const result = spawnSync(process.execPath, [jobPath, 'status-sync', '--date', '2026-08-02'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: harness.env.DATABASE_URL!,
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

    assert.equal(result.status, 0, result.stderr);
    const outcome = JSON.parse(result.stdout.trim());
    assert.equal(outcome.job, 'status-sync');
    assert.equal(outcome.failed, 0);
    assert.equal(await storedStatus(member.id), 'PASSIVE');
  });

  it('job command rejects bad arguments', () => {
    for (const args of [[], ['cleanup'], ['status-sync', '--date', '11.03.2026']]) {
      const result = spawnSync(process.execPath, [jobPath, ...args], {
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 64, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /Usage: npm run job/);
    }
  });
});
