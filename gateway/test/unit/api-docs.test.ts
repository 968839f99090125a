import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino, type Logger } from 'pino';
import { freePort } from '@gym/testing';
import { ApiDocs } from '../../src/docs/api-docs.js';

const identityDocument = {
  openapi: '3.0.0',
  info: { title: 'identity', version: '1' },
  paths: { '/api/v1/auth/login': { post: { summary: 'Log in' } } },
};

/** Creates a pino logger that keeps each line it writes as parsed JSON. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, sink) };
}

describe('ApiDocs with one service down', () => {
  let server: Server;
  let identityUrl: string;
  let closedUrl: string;

  before(async () => {
    server = createServer((request, response) => {
      response.writeHead(request.url === '/api/docs-json' ? 200 : 404, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(identityDocument));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    identityUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closedUrl = `http://127.0.0.1:${await freePort()}`;
  });

  function docsWithMembershipDown(logger: Logger): ApiDocs {
    return new ApiDocs({
      services: [
        { name: 'identity', url: identityUrl },
        { name: 'membership', url: closedUrl },
      ],
      isRouted: () => true,
      cacheMs: 60_000,
      fetchTimeoutMs: 2_000,
      logger,
    });
  }

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('merges the reachable one and logs the other', async () => {
    const { lines, logger } = capturingLogger();
    const docs = docsWithMembershipDown(logger);

    const document = await docs.document();

    assert.deepEqual(Object.keys(document.paths), ['/api/v1/auth/login']);
    assert.deepEqual(document['x-unavailable-services'], ['membership']);
    const warning = lines.find((line) => line.service === 'membership');
    assert.ok(warning, 'the unreachable service is logged');
    assert.equal(warning.level, 40);
    assert.match(String(warning.msg), /could not be fetched/);
  });

  it('does not cache a partial document', async () => {
    const { lines, logger } = capturingLogger();
    const docs = docsWithMembershipDown(logger);

    await docs.document();
    await docs.document();

    assert.equal(lines.filter((line) => line.service === 'membership').length, 2);
  });
});
