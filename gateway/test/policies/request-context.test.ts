import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PolicyMiddleware } from '../../src/policies/policy-handler.js';
import { requestState } from '../../src/policies/request-state.js';
import { request } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';

/** Sends back what the request-context middleware stored. */
const reportState: PolicyMiddleware = (incoming, response) => {
  response.json({ ...requestState(incoming), forwardedId: incoming.headers['x-request-id'] });
};

describe('requestContextMiddleware', () => {
  let direct: PolicyApp;
  let behindProxy: PolicyApp;

  before(async () => {
    direct = await startPolicyApp([reportState]);
    behindProxy = await startPolicyApp([reportState], { trustedProxies: ['127.0.0.1/32'] });
  });

  after(async () => {
    await direct?.close();
    await behindProxy?.close();
  });

  it('untrusted X-Forwarded-For is ignored', async () => {
    const response = await request(direct.baseUrl, 'GET', '/', {
      headers: { 'x-forwarded-for': '203.0.113.5' },
    });
    assert.equal(response.body.clientIp, '127.0.0.1');
    assert.equal(response.body.viaTrustedProxy, false);
  });

  it('trusted proxy sets client address', async () => {
    const response = await request(behindProxy.baseUrl, 'GET', '/', {
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' },
    });
    assert.equal(response.body.clientIp, '203.0.113.5', 'the address the trusted hop saw');
    assert.equal(response.body.viaTrustedProxy, true);
  });

  it('resolved request id forwarded', async () => {
    const response = await request(direct.baseUrl, 'GET', '/', {
      headers: { 'x-request-id': 'bad id' },
    });
    const requestId = response.headers.get('x-request-id');
    assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.body.requestId, requestId);
    assert.equal(response.body.forwardedId, requestId, 'the upstream gets the replacement');
  });
});
