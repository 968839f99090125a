import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { freePort } from '../src/index.js';

describe('freePort', () => {
  test('returns a port that can be bound', async () => {
    const port = await freePort();
    const server = createServer();

    server.listen(port, '127.0.0.1');
    await once(server, 'listening');

    assert.ok(port > 0);
    assert.ok(port < 65536);
    await new Promise((resolve) => server.close(resolve));
  });
});
