import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import {
  getRequestContext,
  maskEmail,
  redactedPaths,
  resolveRequestId,
  runWithRequestContext,
} from '../src/index.js';

describe('request ids', () => {
  it('keeps a sane client value and replaces anything else', () => {
    assert.equal(resolveRequestId('abc-123_x.y:z'), 'abc-123_x.y:z');
    for (const unsafe of ['', 'has space', 'x'.repeat(129), '<script>', 'ünicode']) {
      assert.match(
        resolveRequestId(unsafe),
        /^[0-9a-f-]{36}$/,
        `replaces ${JSON.stringify(unsafe)}`,
      );
    }
    assert.match(resolveRequestId(undefined), /^[0-9a-f-]{36}$/);
  });

  it('carries the context through async work', async () => {
    await runWithRequestContext({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      assert.equal(getRequestContext()?.requestId, 'r-1');
    });
    assert.equal(getRequestContext(), undefined);
  });
});

describe('log redaction', () => {
  it('removes passwords, codes and tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, sink);
    logger.info({
      password: 'p',
      body: { refreshToken: 't', code: '123456' },
      headers: { authorization: 'Bearer x' },
    });

    const line = lines.join('');
    for (const secret of ['"p"', '"t"', '123456', 'Bearer x']) {
      assert.ok(!line.includes(secret), `${secret} must not be logged: ${line}`);
    }
  });

  it('masks emails', () => {
    assert.equal(maskEmail('ayse@example.com'), 'a***@example.com');
    assert.equal(maskEmail('nonsense'), '***');
  });
});
