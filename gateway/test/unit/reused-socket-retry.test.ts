import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canRetryOnNewConnection,
  type FailedUpstreamRequest,
} from '../../src/proxy/reused-socket-retry.js';

function connectionError(code: string, message = `connect ${code}`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** A bodiless GET whose reused socket was reset before any response header arrived. */
const resetGet: FailedUpstreamRequest = {
  method: 'GET',
  headers: {},
  reusedSocket: true,
  responseArrived: false,
  error: connectionError('ECONNRESET', 'read ECONNRESET'),
};

describe('canRetryOnNewConnection', () => {
  const retried: [string, Partial<FailedUpstreamRequest>][] = [
    ['GET reset on a reused socket', {}],
    ['socket hang up', { error: connectionError('ECONNRESET', 'socket hang up') }],
    ['EPIPE while writing', { error: connectionError('EPIPE', 'write EPIPE') }],
    ['HEAD', { method: 'HEAD' }],
    ['OPTIONS', { method: 'OPTIONS' }],
    ['DELETE with Content-Length 0', { method: 'DELETE', headers: { 'content-length': '0' } }],
    ['PUT without a body', { method: 'PUT' }],
  ];
  for (const [name, change] of retried) {
    it(`retries ${name}`, () => {
      assert.equal(canRetryOnNewConnection({ ...resetGet, ...change }), true);
    });
  }

  const notRetried: [string, Partial<FailedUpstreamRequest>][] = [
    ['a new socket', { reusedSocket: false }],
    ['a response already arrived', { responseArrived: true }],
    ['connection refused', { error: connectionError('ECONNREFUSED') }],
    ['a timeout', { error: connectionError('ETIMEDOUT') }],
    ['an error without a code', { error: new Error('upstream failed') }],
    ['POST without a body', { method: 'POST' }],
    ['PATCH without a body', { method: 'PATCH' }],
    ['a missing method', { method: undefined }],
    ['PUT with Content-Length', { method: 'PUT', headers: { 'content-length': '12' } }],
    [
      'DELETE with a chunked body',
      { method: 'DELETE', headers: { 'transfer-encoding': 'chunked' } },
    ],
  ];
  for (const [name, change] of notRetried) {
    it(`does not retry ${name}`, () => {
      assert.equal(canRetryOnNewConnection({ ...resetGet, ...change }), false);
    });
  }
});
