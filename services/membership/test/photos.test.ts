import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { exeBytes, fileForm, jpegBytes, pngBytes, webpBytes } from './support/image-bytes.js';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

describe('member photos', () => {
  let harness: MembershipHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startMembership();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  function upload(memberId: string, form: FormData, token = tenant.staffToken, language = 'tr') {
    return harness.request('PUT', `/api/v1/members/${memberId}/photo`, {
      token,
      form,
      headers: { 'accept-language': language },
    });
  }

  it('PUT stores a PNG that GET returns', async () => {
    const member = await harness.createMember(tenant);

    const stored = await upload(member.id, fileForm(pngBytes, 'profil.png', 'image/png'));
    const response = await fetch(`${harness.baseUrl}/api/v1/members/${member.id}/photo`, {
      headers: { authorization: `Bearer ${tenant.staffToken}` },
    });
    const body = Buffer.from(await response.arrayBuffer());

    assert.equal(stored.status, 204, stored.text);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.deepEqual(body, pngBytes);
    const read = await harness.request('GET', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(read.body.hasPhoto, true);
  });

  it('type comes from the bytes, not the name', async () => {
    const member = await harness.createMember(tenant);

    for (const [bytes, expected] of [
      [jpegBytes, 'image/jpeg'],
      [webpBytes, 'image/webp'],
    ] as const) {
      const stored = await upload(
        member.id,
        fileForm(bytes, 'photo.bin', 'application/octet-stream'),
      );
      assert.equal(stored.status, 204, stored.text);
      const response = await fetch(`${harness.baseUrl}/api/v1/members/${member.id}/photo`, {
        headers: { authorization: `Bearer ${tenant.staffToken}` },
      });
      assert.equal(response.headers.get('content-type'), expected);
    }
  });

  it('replacing a photo deletes the old file', async () => {
    const member = await harness.createMember(tenant);

    await upload(member.id, fileForm(pngBytes, 'a.png', 'image/png'));
    await upload(member.id, fileForm(jpegBytes, 'b.jpg', 'image/jpeg'));

    const files = readdirSync(
      `${harness.config.PHOTO_STORAGE_DIR}/${tenant.tenantId}/members/${member.id}`,
    );
    assert.equal(files.filter((name) => !name.endsWith('.type')).length, 1, files.join(', '));
  });

  it('renamed .exe is rejected', async () => {
    const member = await harness.createMember(tenant);

    const response = await upload(
      member.id,
      fileForm(exeBytes, 'photo.jpg', 'image/jpeg'),
      tenant.staffToken,
      'en',
    );

    assert.equal(response.status, 415, response.text);
    assert.equal(response.body.code, 'PHOTO_TYPE_UNSUPPORTED');
    assert.match(response.body.message, /JPEG, PNG or WebP/);
  });

  it('photo over 5 MB is rejected', async () => {
    const member = await harness.createMember(tenant);
    const large = Buffer.concat([pngBytes, Buffer.alloc(5 * 1024 * 1024, 0)]);

    const response = await upload(member.id, fileForm(large, 'big.png', 'image/png'));

    assert.equal(response.status, 413, response.text);
    assert.equal(response.body.code, 'PHOTO_TOO_LARGE');
    assert.match(response.body.message, /5 MB/);
  });

  it('upload without a file is rejected', async () => {
    const member = await harness.createMember(tenant);
    const form = new FormData();
    form.append('note', 'no file');

    const response = await upload(member.id, form);

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'PHOTO_MISSING');
  });

  it('archived member photo cannot change', async () => {
    const member = await harness.createMember(tenant);
    await harness.request('POST', `/api/v1/members/${member.id}/archive`, {
      token: tenant.adminToken,
    });

    const response = await upload(member.id, fileForm(pngBytes, 'a.png', 'image/png'));

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'MEMBER_ARCHIVED');
  });

  it('GET without a photo answers 404', async () => {
    const member = await harness.createMember(tenant);

    const response = await harness.request('GET', `/api/v1/members/${member.id}/photo`, {
      token: tenant.staffToken,
    });

    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'NOT_FOUND');
  });

  it("another tenant's member photo answers 404", async () => {
    const member = await harness.createMember(tenant);
    await upload(member.id, fileForm(pngBytes, 'a.png', 'image/png'));
    const intruder = await harness.createTenant();

    const read = await harness.request('GET', `/api/v1/members/${member.id}/photo`, {
      token: intruder.staffToken,
    });
    const write = await upload(
      member.id,
      fileForm(pngBytes, 'a.png', 'image/png'),
      intruder.staffToken,
    );

    assert.equal(read.status, 404);
    assert.equal(write.status, 404, write.text);
  });
});
