import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { corsPolicy } from '../../src/policies/cors.policy.js';
import { request } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';

describe('corsPolicy', () => {
  const allowed = 'https://app.gym.test';
  let app: PolicyApp;

  before(async () => {
    app = await startPolicyApp([corsPolicy({ allowedOrigins: [allowed] })]);
  });

  after(async () => {
    await app?.close();
  });

  it('allows a listed origin with credentials', async () => {
    const response = await request(app.baseUrl, 'GET', '/', { headers: { origin: allowed } });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(response.headers.get('vary'), 'Origin');
  });

  it('handles a listed origin preflight', async () => {
    const response = await request(app.baseUrl, 'OPTIONS', '/x', {
      headers: { origin: allowed, 'access-control-request-method': 'PATCH' },
    });
    assert.equal(response.status, 204);
    assert.equal(
      response.headers.get('access-control-allow-methods'),
      'GET,HEAD,POST,PUT,PATCH,DELETE',
    );
    assert.equal(response.headers.get('access-control-max-age'), '600');
  });

  it('adds nothing for another origin', async () => {
    for (const origin of ['https://app.gym.test.evil.example', 'http://app.gym.test', 'null']) {
      const response = await request(app.baseUrl, 'GET', '/', { headers: { origin } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(response.headers.get('access-control-allow-credentials'), null, origin);
      assert.equal(response.headers.get('vary'), 'Origin');
    }
  });

  it('requests without Origin pass through', async () => {
    const response = await request(app.baseUrl, 'OPTIONS', '/');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});
