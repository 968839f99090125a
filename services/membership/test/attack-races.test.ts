import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

/** Noon in Istanbul on the given date. */
const noonIstanbul = (date: string) => `${date}T09:00:00Z`;

describe('concurrent member actions', () => {
  let harness: MembershipHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startMembership();
    harness.clock.set(noonIstanbul('2026-03-01'));
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  it('eight freezes at once create one', async () => {
    const plan = await harness.createPlan(tenant, { durationValue: 31, durationUnit: 'DAY' });
    const member = await harness.createMember(tenant, {
      planId: plan.id,
      membershipStartDate: '2026-03-01',
    });

    const responses = await Promise.all(
      Array.from({ length: 8 }, (_item, index) =>
        harness.request('POST', `/api/v1/members/${member.id}/freeze`, {
          token: tenant.staffToken,
          body: {
            startDate: '2026-03-02',
            endDate: `2026-03-${String(3 + index).padStart(2, '0')}`,
          },
        }),
      ),
    );

    const accepted = responses.filter((response) => response.status === 200);
    const rejected = responses.filter((response) => response.status === 409);
    assert.equal(accepted.length, 1, responses.map((response) => response.text).join('\n'));
    assert.equal(rejected.length, 7);
    assert.ok(rejected.every((response) => response.body.code === 'FREEZE_ALREADY_OPEN'));

    const freezes = await harness.dataSource.query(
      'SELECT start_date::text, end_date::text FROM membership.freezes WHERE member_id = $1',
      [member.id],
    );
    assert.equal(freezes.length, 1);
    const frozenDays = Number(freezes[0].end_date.slice(8)) - 1;
    const read = await harness.request('GET', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(read.body.membershipEndDate, `2026-04-${String(frozenDays).padStart(2, '0')}`);
    assert.equal(accepted[0]!.body.membershipEndDate, read.body.membershipEndDate);
  });

  it('eight unfreezes at once end the freeze once', async () => {
    const plan = await harness.createPlan(tenant, { durationValue: 31, durationUnit: 'DAY' });
    const member = await harness.createMember(tenant, {
      planId: plan.id,
      membershipStartDate: '2026-03-01',
    });
    const frozen = await harness.request('POST', `/api/v1/members/${member.id}/freeze`, {
      token: tenant.staffToken,
      body: { startDate: '2026-03-01', endDate: '2026-03-10' },
    });
    assert.equal(frozen.status, 200, frozen.text);

    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        harness.request('POST', `/api/v1/members/${member.id}/unfreeze`, {
          token: tenant.staffToken,
        }),
      ),
    );

    const accepted = responses.filter((response) => response.status === 200);
    assert.equal(accepted.length, 1, responses.map((response) => response.text).join('\n'));
    assert.ok(
      responses
        .filter((response) => response.status !== 200)
        .every((response) => response.status === 409),
      'the others get 409',
    );
    const read = await harness.request('GET', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(read.body.membershipEndDate, accepted[0]!.body.membershipEndDate);
  });
});
