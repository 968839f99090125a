import assert from 'node:assert/strict';
import { extractCode, type TestSmtpServer } from '@gym/testing';
import { request, type HttpResult, type RequestOptions } from './http-client.js';

export const strongPassword = 'Kule-Demir-42!x';

export interface GymOwner {
  email: string;
  accessToken: string;
  tenantId: string;
}

let counter = 0;

export function newEmail(label: string): string {
  counter += 1;
  return `${label}.${process.pid}.${Date.now()}.${counter}@example.com`;
}

/** Calls identity's public flows through `baseUrl` (the gateway) and reads codes from `smtp`. */
export class IdentityFlows {
  constructor(
    private readonly baseUrl: string,
    private readonly smtp: TestSmtpServer,
  ) {}

  call(method: string, path: string, options?: RequestOptions): Promise<HttpResult> {
    return request(this.baseUrl, method, path, options);
  }

  /** Signs up a gym owner (ADMIN of a new tenant) with the code the test SMTP server received. */
  async signUp(gymName: string): Promise<GymOwner> {
    const email = newEmail('owner');
    const mailsBefore = this.smtp.mails.length;
    const start = await this.call('POST', '/api/v1/auth/signup/start', {
      json: { email, password: strongPassword, fullName: 'Ayşe Yılmaz', gymName },
    });
    assert.equal(start.status, 202, `signup start responded ${start.status}: ${start.text}`);

    const code = extractCode(await this.smtp.waitForMail(email, { after: mailsBefore }));
    const verify = await this.call('POST', '/api/v1/auth/signup/verify', {
      json: { email, code },
    });
    assert.equal(verify.status, 201, `signup verify responded ${verify.status}: ${verify.text}`);
    return { email, accessToken: verify.body.accessToken, tenantId: verify.body.tenant.id };
  }

  /** Invites a STAFF user as `admin` and accepts the invitation, then returns the staff token. */
  async addStaff(admin: GymOwner): Promise<string> {
    const email = newEmail('staff');
    const mailsBefore = this.smtp.mails.length;
    const invited = await this.call('POST', '/api/v1/users', {
      token: admin.accessToken,
      json: { email, fullName: 'Mehmet Kaya', role: 'STAFF' },
    });
    assert.equal(invited.status, 201, invited.text);

    const code = extractCode(await this.smtp.waitForMail(email, { after: mailsBefore }));
    const accepted = await this.call('POST', '/api/v1/auth/invitations/accept', {
      json: { email, code, password: strongPassword },
    });
    assert.equal(accepted.status, 200, accepted.text);
    return accepted.body.accessToken as string;
  }

  /** Returns the tenant's default branch, which signup creates. */
  async defaultBranch(admin: GymOwner): Promise<{ id: string; name: string }> {
    const list = await this.call('GET', '/api/v1/branches', { token: admin.accessToken });
    assert.equal(list.status, 200, list.text);
    const branch = list.body.data.find((item: { isDefault: boolean }) => item.isDefault);
    assert.ok(branch, `signup created a default branch: ${list.text}`);
    return { id: branch.id, name: branch.name };
  }
}
