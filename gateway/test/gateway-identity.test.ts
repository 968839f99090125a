import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { extractCode } from '@gym/testing';
import { forgeTokens } from './support/forged-tokens.js';
import {
  startGatewayProcess,
  type GatewayProcess,
  request,
  startIdentityProcess,
  TEST_KEY_ID,
  type IdentityProcess,
} from '@gym/stack';

const strongPassword = 'Kule-Demir-42!x';
const allowedOrigin = 'https://app.gym.test';

let counter = 0;
function newEmail(label: string): string {
  counter += 1;
  return `${label}.${process.pid}.${Date.now()}.${counter}@example.com`;
}

describe('gateway in front of identity', () => {
  let identity: IdentityProcess;
  let gateway: GatewayProcess;
  const call = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(gateway.baseUrl, method, path, options);

  before(async () => {
    identity = await startIdentityProcess();
    gateway = await startGatewayProcess({
      identityUrl: identity.baseUrl,
      env: { CORS_ORIGINS: allowedOrigin },
    });
  });

  after(async () => {
    await gateway?.close();
    await identity?.close();
  });

  /** Signs up a gym owner through the gateway, reading the code from the test SMTP server. */
  async function signUp(email = newEmail('owner')) {
    const mailsBefore = identity.smtp.mails.length;
    const start = await call('POST', '/api/v1/auth/signup/start', {
      json: { email, password: strongPassword, fullName: 'Ayşe Yılmaz', gymName: 'Çınar Spor' },
    });
    assert.equal(start.status, 202, `signup start responded ${start.status}: ${start.text}`);

    const code = extractCode(await identity.smtp.waitForMail(email, { after: mailsBefore }));
    const verify = await call('POST', '/api/v1/auth/signup/verify', { json: { email, code } });
    assert.equal(verify.status, 201, `signup verify responded ${verify.status}: ${verify.text}`);
    return { email, ...verify.body } as {
      email: string;
      accessToken: string;
      refreshToken: string;
      tenant: { id: string };
    };
  }

  describe('identity flows', () => {
    it('signup, login, me, refresh', async () => {
      const owner = await signUp();

      const login = await call('POST', '/api/v1/auth/login', {
        json: { email: owner.email, password: strongPassword },
      });
      assert.equal(login.status, 200, login.text);
      assert.ok(login.body.accessToken, 'login returns an access token');

      const me = await call('GET', '/api/v1/auth/me', { token: login.body.accessToken });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.user.email, owner.email);
      assert.equal(me.body.user.role, 'ADMIN');
      assert.equal(me.body.tenant.id, owner.tenant.id);

      const refreshed = await call('POST', '/api/v1/auth/refresh', {
        json: { refreshToken: login.body.refreshToken },
      });
      assert.equal(refreshed.status, 200, refreshed.text);
      assert.notEqual(refreshed.body.refreshToken, login.body.refreshToken);

      const reused = await call('POST', '/api/v1/auth/refresh', {
        json: { refreshToken: login.body.refreshToken },
      });
      assert.equal(reused.status, 401, reused.text);
      assert.equal(reused.body.code, 'REFRESH_TOKEN_REUSED');
    });

    it('ADMIN creates branch, STAFF gets 403', async () => {
      const owner = await signUp();
      const created = await call('POST', '/api/v1/branches', {
        token: owner.accessToken,
        json: { name: 'Kadıköy' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.name, 'Kadıköy');

      const staffEmail = newEmail('staff');
      const mailsBefore = identity.smtp.mails.length;
      const invited = await call('POST', '/api/v1/users', {
        token: owner.accessToken,
        json: { email: staffEmail, fullName: 'Mehmet Kaya', role: 'STAFF' },
      });
      assert.equal(invited.status, 201, invited.text);
      const code = extractCode(await identity.smtp.waitForMail(staffEmail, { after: mailsBefore }));
      const accepted = await call('POST', '/api/v1/auth/invitations/accept', {
        json: { email: staffEmail, code, password: strongPassword },
      });
      assert.equal(accepted.status, 200, accepted.text);

      const refused = await call('POST', '/api/v1/branches', {
        token: accepted.body.accessToken,
        json: { name: 'Moda' },
      });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.code, 'FORBIDDEN_ROLE');
    });

    it('protected route without token: 401', async () => {
      const response = await call('GET', '/api/v1/branches', {
        headers: { 'accept-language': 'en' },
      });
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'UNAUTHENTICATED');
      assert.equal(response.body.path, '/api/v1/branches');
      assert.match(response.body.message, /Authentication required/);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    });

    it('unknown path gets 404 contract', async () => {
      const response = await call('GET', '/api/v1/no-such-thing');
      assert.equal(response.status, 404);
      assert.equal(response.body.code, 'ROUTE_NOT_FOUND');
      assert.equal(response.body.message, 'İstenen adres bulunamadı.');
      assert.equal(response.body.requestId, response.headers.get('x-request-id'));
    });

    it('JWKS served through gateway', async () => {
      const response = await call('GET', '/.well-known/jwks.json');
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.body.keys.map((key: { kid: string }) => key.kid),
        [TEST_KEY_ID],
      );
    });
  });

  describe('forged tokens', () => {
    let forged: Record<string, string>;

    before(async () => {
      const owner = await signUp();
      const signingKey = createPrivateKey(
        readFileSync(join(identity.keysDir, `${TEST_KEY_ID}.pem`)),
      );
      forged = await forgeTokens(owner.accessToken, signingKey);
      const genuine = await call('GET', '/api/v1/auth/me', { token: owner.accessToken });
      assert.equal(genuine.status, 200, 'the genuine token the forgeries start from is accepted');
    });

    it('gateway rejects forged tokens', async () => {
      assert.equal(Object.keys(forged).length, 7);
      for (const [kind, token] of Object.entries(forged)) {
        const response = await call('GET', '/api/v1/auth/me', { token });
        assert.equal(response.status, 401, `${kind}: gateway responded ${response.status}`);
        assert.equal(response.body.code, 'UNAUTHENTICATED', `${kind}: ${response.text}`);
        assert.equal(
          identity.service.lines.some((line) =>
            line.raw.includes(response.headers.get('x-request-id')!),
          ),
          false,
          `${kind}: the gateway passed the request on to identity`,
        );
      }
    });

    it('identity rejects them directly', async () => {
      for (const [kind, token] of Object.entries(forged)) {
        const response = await request(identity.baseUrl, 'GET', '/api/v1/auth/me', { token });
        assert.equal(response.status, 401, `${kind}: identity responded ${response.status}`);
      }
    });
  });

  describe('request ids', () => {
    it('sane id echoed and forwarded', async () => {
      const requestId = `client-${Date.now()}-abc.DEF:1`;
      const response = await call('POST', '/api/v1/auth/login', {
        json: { email: newEmail('nobody'), password: 'wrong' },
        headers: { 'x-request-id': requestId },
      });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('x-request-id'), requestId);
      assert.equal(response.body.requestId, requestId, 'identity saw the same id');

      const logged = await identity.service.waitForLine(
        (line) => line.json?.reqId === requestId && line.json.msg === 'request completed',
        { timeoutMs: 5_000 },
      );
      assert.deepEqual(logged.json!.req, { method: 'POST', url: '/api/v1/auth/login' });
    });

    it('missing id is generated', async () => {
      const response = await call('GET', '/.well-known/jwks.json');
      const requestId = response.headers.get('x-request-id');
      assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
      await identity.service.waitForLine(
        (line) => line.json?.reqId === requestId && line.json.msg === 'request completed',
        { timeoutMs: 5_000 },
      );
    });

    it('malformed id is replaced', async () => {
      for (const malformed of ['has spaces in it', 'x'.repeat(129), 'semi;colon', '']) {
        const response = await call('GET', '/api/v1/auth/me', {
          headers: { 'x-request-id': malformed },
        });
        const requestId = response.headers.get('x-request-id');
        assert.notEqual(requestId, malformed);
        assert.match(requestId ?? '', /^[0-9a-f-]{36}$/, `replacement for "${malformed}"`);
        assert.equal(response.body.requestId, requestId);
      }
    });
  });

  describe('CORS', () => {
    it('allowed origin gets CORS headers', async () => {
      const response = await call('GET', '/.well-known/jwks.json', {
        headers: { origin: allowedOrigin },
      });
      assert.equal(response.headers.get('access-control-allow-origin'), allowedOrigin);
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
      assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-Request-ID/);
    });

    it('allowed origin preflight succeeds', async () => {
      const response = await call('OPTIONS', '/api/v1/branches', {
        headers: {
          origin: allowedOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), allowedOrigin);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.equal(
        response.headers.get('access-control-allow-headers'),
        'authorization, content-type',
      );
    });

    it('other origin gets no CORS headers', async () => {
      const origin = 'https://evil.example';
      const simple = await call('GET', '/.well-known/jwks.json', { headers: { origin } });
      assert.equal(simple.status, 200);
      assert.equal(simple.headers.get('access-control-allow-origin'), null);
      assert.equal(simple.headers.get('access-control-allow-credentials'), null);

      const preflight = await call('OPTIONS', '/api/v1/branches', {
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    });
  });

  describe('operations', () => {
    it('readiness reports Redis, JWKS', async () => {
      const response = await call('GET', '/health/ready');
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.info, { redis: { status: 'up' }, jwks: { status: 'up' } });
    });

    it('metrics count route and status', async () => {
      await call('GET', '/api/v1/auth/me');
      const metrics = await call('GET', '/metrics');
      assert.equal(metrics.status, 200);
      assert.match(
        metrics.text,
        /gateway_http_requests_total\{method="GET",route="identity-auth",status_code="401"\} \d+/,
      );
      assert.match(metrics.text, /http_server_request_duration_seconds_bucket\{/);
      assert.match(metrics.text, /gateway_upstream_circuit_state\{service="identity"\} 0/);
    });

    it('merged OpenAPI lists identity routes', async () => {
      const response = await call('GET', '/api/docs-json');
      assert.equal(response.status, 200, response.text);
      const paths = Object.keys(response.body.paths);
      for (const path of ['/api/v1/auth/login', '/api/v1/branches', '/.well-known/jwks.json']) {
        assert.ok(paths.includes(path), `${path} is documented; got ${paths.join(', ')}`);
      }
      assert.ok(!paths.includes('/health/ready'), 'probes are not part of the client API');
      assert.ok(response.body.components.securitySchemes, 'security schemes are merged');
    });

    it('docs skip unreachable services', async () => {
      const linesBefore = gateway.service.lines.length;
      const json = await call('GET', '/api/docs-json');
      assert.equal(json.status, 200, json.text);
      assert.deepEqual(json.body['x-unavailable-services'], [
        'membership',
        'billing',
        'catalog',
        'reporting',
      ]);
      await gateway.service.waitForLine(
        (line) =>
          line.json?.service === 'membership' && /could not be fetched/.test(String(line.json.msg)),
        { timeoutMs: 5_000, after: linesBefore },
      );

      const page = await call('GET', '/api/docs');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    });
  });
});
