import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { S3Client } from '@aws-sdk/client-s3';
import { S3PhotoStorage } from '../../src/photos/s3-photo-storage.js';

interface SentRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const key =
  '11111111-1111-4111-8111-111111111111/members/22222222-2222-4222-8222-222222222222/33333333-3333-4333-8333-333333333333';

/** An S3 client whose HTTP handler records each request and returns a response with `status`. */
function recordingClient(status = 200, responseHeaders: Record<string, string> = {}) {
  const sent: SentRequest[] = [];
  const client = new S3Client({
    region: 'eu-central-1',
    endpoint: 'http://127.0.0.1:9000',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
    requestHandler: {
      handle: async (request: SentRequest) => {
        sent.push(request);
        return {
          response: {
            statusCode: status,
            headers: responseHeaders,
            body: Readable.from(status === 200 ? [Buffer.from('photo')] : []),
          },
        };
      },
    } as never,
  });
  return { client, sent };
}

describe('S3 photo storage', () => {
  it('put sends a PutObject with type and length', async () => {
    const { client, sent } = recordingClient();
    const storage = new S3PhotoStorage(client, 'gym-photos');

    await storage.put(key, Buffer.from('image-bytes'), 'image/png');

    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.method, 'PUT');
    assert.equal(sent[0]!.path, `/gym-photos/${key}`);
    assert.equal(sent[0]!.headers['content-type'], 'image/png');
    assert.equal(sent[0]!.headers['content-length'], '11');
    assert.match(sent[0]!.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=test-key\//);
  });

  it('get reads the object and its type', async () => {
    const { client, sent } = recordingClient(200, { 'content-type': 'image/webp' });
    const storage = new S3PhotoStorage(client, 'gym-photos');

    const photo = await storage.get(key);

    assert.equal(sent[0]!.method, 'GET');
    assert.equal(sent[0]!.path, `/gym-photos/${key}`);
    assert.equal(photo?.contentType, 'image/webp');
    assert.equal(photo?.body.toString(), 'photo');
  });

  it('delete sends a DeleteObject', async () => {
    const { client, sent } = recordingClient(204);
    const storage = new S3PhotoStorage(client, 'gym-photos');

    await storage.delete(key);

    assert.equal(sent[0]!.method, 'DELETE');
    assert.equal(sent[0]!.path, `/gym-photos/${key}`);
  });

  it('keys outside the scheme are refused before any request', async () => {
    const { client, sent } = recordingClient();
    const storage = new S3PhotoStorage(client, 'gym-photos');

    await assert.rejects(
      storage.put('../secrets', Buffer.from('x'), 'image/png'),
      /Invalid photo key/,
    );
    assert.equal(sent.length, 0);
  });
});
