import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import {
  incomingRequestAttributes,
  outgoingRequestAttributes,
  redactQueryValues,
} from '../src/tracing/query-redaction.js';

describe('query redaction of HTTP spans', () => {
  test('keeps parameter names and replaces every value', () => {
    assert.equal(
      redactQueryValues('q=Ay%C5%9Fe+Y%C4%B1lmaz&email=a%40b.com&page=2'),
      'q=REDACTED&email=REDACTED&page=REDACTED',
    );
  });

  test('an incoming request with a search term gets a redacted url.query', () => {
    const request = { url: '/api/v1/members?q=Mehmet' } as IncomingMessage;
    assert.deepEqual(incomingRequestAttributes(request), { 'url.query': 'q=REDACTED' });
  });

  test('a request without a query keeps the attributes of the instrumentation', () => {
    assert.deepEqual(incomingRequestAttributes({ url: '/api/v1/plans' } as IncomingMessage), {});
    assert.deepEqual(outgoingRequestAttributes({ path: '/api/v1/plans' }), {});
  });

  test('an outgoing request with a query gets a url.full without its values', () => {
    const attributes = outgoingRequestAttributes({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 3002,
      path: '/api/v1/members?q=ayse@example.com',
    });
    assert.deepEqual(attributes, {
      'url.full': 'http://127.0.0.1:3002/api/v1/members?q=REDACTED',
    });
  });
});
