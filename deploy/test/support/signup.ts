import assert from 'node:assert/strict';
import { extractCode, type TestSmtpServer } from '@gym/testing';

export interface SignedUpOwner {
  email: string;
  fullName: string;
  gymName: string;
  tenantId: string;
  accessToken: string;
  /** X-Request-ID header of the gateway's response to the verification. */
  verifyRequestId: string;
}

async function post(baseUrl: string, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, text, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

/** Signs a gym owner up through the gateway, reading the code from the test SMTP server. */
export async function signUpThroughGateway(
  gatewayUrl: string,
  smtp: TestSmtpServer,
): Promise<SignedUpOwner> {
  const email = `owner.${process.pid}.${Date.now()}@example.com`;
  const fullName = 'Zeynep Aksoy';
  const gymName = `Kartal Spor ${Date.now()}`;
  const mailsBefore = smtp.mails.length;

  const start = await post(gatewayUrl, '/api/v1/auth/signup/start', {
    email,
    password: 'Kule-Demir-42!x',
    fullName,
    gymName,
  });
  assert.equal(start.response.status, 202, `signup start answered: ${start.text}`);

  const code = extractCode(await smtp.waitForMail(email, { after: mailsBefore }));
  const verify = await post(gatewayUrl, '/api/v1/auth/signup/verify', { email, code });
  assert.equal(verify.response.status, 201, `signup verify answered: ${verify.text}`);
  return {
    email,
    fullName,
    gymName,
    tenantId: verify.json.tenant.id as string,
    accessToken: verify.json.accessToken as string,
    verifyRequestId: verify.response.headers.get('x-request-id') ?? '',
  };
}
