import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translateError } from '@gym/errors';
import {
  subscriptionDenial,
  type SubscriptionStatus,
} from '../../src/subscription/subscription-access.js';

type Case = [SubscriptionStatus | undefined, string, string, string | undefined];

const SUSPENDED = 'SUBSCRIPTION_SUSPENDED';
const PAST_DUE = 'SUBSCRIPTION_PAST_DUE';

const cases: Case[] = [
  ['SUSPENDED', 'GET', '/api/v1/subscription', undefined],
  ['SUSPENDED', 'HEAD', '/api/v1/subscription', undefined],
  ['SUSPENDED', 'GET', '/api/v1/auth/me', undefined],
  ['SUSPENDED', 'POST', '/api/v1/auth/logout', undefined],
  ['SUSPENDED', 'POST', '/api/v1/auth', undefined],
  ['SUSPENDED', 'GET', '/api/v1/members', SUSPENDED],
  ['SUSPENDED', 'POST', '/api/v1/members', SUSPENDED],
  ['SUSPENDED', 'POST', '/api/v1/subscription', SUSPENDED],
  ['SUSPENDED', 'GET', '/api/v1/subscription/history', SUSPENDED],
  ['SUSPENDED', 'GET', '/api/v1/payments', SUSPENDED],
  ['SUSPENDED', 'GET', '/api/v1/authx', SUSPENDED],
  ['SUSPENDED', 'DELETE', '/api/v1/branches/1', SUSPENDED],
  ['PAST_DUE', 'GET', '/api/v1/members', undefined],
  ['PAST_DUE', 'HEAD', '/api/v1/payments', undefined],
  ['PAST_DUE', 'get', '/api/v1/members', undefined],
  ['PAST_DUE', 'GET', '/api/v1/subscription', undefined],
  ['PAST_DUE', 'POST', '/api/v1/auth/logout', undefined],
  ['PAST_DUE', 'POST', '/api/v1/members', PAST_DUE],
  ['PAST_DUE', 'PUT', '/api/v1/members/1/photo', PAST_DUE],
  ['PAST_DUE', 'PATCH', '/api/v1/membership-plans/1', PAST_DUE],
  ['PAST_DUE', 'DELETE', '/api/v1/branches/1', PAST_DUE],
  ['PAST_DUE', 'POST', '/api/v1/payments', PAST_DUE],
  ['TRIAL', 'POST', '/api/v1/members', undefined],
  ['TRIAL', 'DELETE', '/api/v1/branches/1', undefined],
  ['ACTIVE', 'POST', '/api/v1/payments', undefined],
  ['ACTIVE', 'GET', '/api/v1/members', undefined],
  [undefined, 'POST', '/api/v1/members', undefined],
  [undefined, 'GET', '/api/v1/members', undefined],
];

describe('subscriptionDenial', () => {
  for (const [status, method, path, expected] of cases) {
    it(`${status ?? 'unknown'} ${method} ${path}`, () => {
      assert.equal(subscriptionDenial(status, method, path), expected);
    });
  }

  it('messages exist in both languages', () => {
    for (const code of [SUSPENDED, PAST_DUE]) {
      assert.match(translateError(code, 'tr'), /abonel/);
      assert.match(translateError(code, 'en'), /subscription/);
    }
  });
});
