import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Global, type INestApplication, Module, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BROKER_HEALTH,
  type BrokerHealth,
  HealthModule,
  type HealthModuleOptions,
  ShutdownState,
} from '../src/index.js';
import { startTcpProxy } from './support/tcp-proxy.js';

const databaseUrl = process.env.TEST_DATABASE_URL;

function requireDatabaseUrl(): URL {
  if (!databaseUrl) {
    throw new Error('TEST_DATABASE_URL is not set; run the tests through scripts/test.mjs');
  }
  return new URL(databaseUrl);
}

/** TypeORM on the test server, reached through `port` on 127.0.0.1 when given. */
function typeOrmModule(port?: number) {
  const url = requireDatabaseUrl();
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  // One retry-free attempt: a failed connection must fail the test, not wait for retries.
  return TypeOrmModule.forRoot({ type: 'postgres', url: url.toString(), retryAttempts: 0 });
}

interface HealthResponse {
  status: number;
  body: { status?: string; details?: Record<string, { status: string }> };
}

class TestApp {
  constructor(
    readonly app: INestApplication,
    private readonly baseUrl: string,
  ) {}

  static async start(metadata: ModuleMetadata, prefix?: string): Promise<TestApp> {
    @Module(metadata)
    class HealthTestModule {}

    const app = await NestFactory.create(HealthTestModule, { logger: false });
    if (prefix) {
      app.setGlobalPrefix(prefix, { exclude: ['metrics', 'health/{*path}'] });
    }
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return new TestApp(app, `http://127.0.0.1:${port}`);
  }

  async get(path: string): Promise<HealthResponse> {
    const response = await fetch(this.baseUrl + path);
    return { status: response.status, body: (await response.json()) as HealthResponse['body'] };
  }
}

function withoutDatabase(options: HealthModuleOptions & Pick<ModuleMetadata, 'imports'> = {}) {
  return HealthModule.forRoot({ database: false, ...options });
}

describe('HealthModule with PostgreSQL', () => {
  test('live answers 200 without checks', async () => {
    const testApp = await TestApp.start({ imports: [typeOrmModule(), HealthModule.forRoot()] });
    after(() => testApp.app.close());

    const live = await testApp.get('/health/live');

    assert.equal(live.status, 200);
    assert.deepEqual(live.body, { status: 'ok' });
  });

  test('ready answers 200 when PostgreSQL answers', async () => {
    const testApp = await TestApp.start({ imports: [typeOrmModule(), HealthModule.forRoot()] });
    after(() => testApp.app.close());

    const ready = await testApp.get('/health/ready');

    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ok');
    assert.equal(ready.body.details?.database?.status, 'up');
    assert.equal(ready.body.details?.shutdown?.status, 'up');
  });

  test('ready answers 503 when PostgreSQL is unreachable', async () => {
    const url = requireDatabaseUrl();
    const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    const testApp = await TestApp.start({
      imports: [typeOrmModule(proxy.port), HealthModule.forRoot()],
    });
    after(() => testApp.app.close());

    assert.equal((await testApp.get('/health/ready')).status, 200, 'ready while the proxy relays');
    await proxy.close();
    const ready = await testApp.get('/health/ready');
    const live = await testApp.get('/health/live');

    assert.equal(ready.status, 503);
    assert.equal(ready.body.details?.database?.status, 'down');
    assert.equal(live.status, 200, 'liveness ignores the database');
  });

  test('ready answers 503 within the ping timeout', async () => {
    const url = requireDatabaseUrl();
    const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    const testApp = await TestApp.start({
      imports: [typeOrmModule(proxy.port), HealthModule.forRoot({ database: { timeoutMs: 300 } })],
    });
    // The proxy goes first: its closed connections fail the hung query, so the pool can end.
    after(() => testApp.app.close());
    after(() => proxy.close());

    proxy.blackhole();
    const startedAt = Date.now();
    const ready = await testApp.get('/health/ready');
    const elapsedMs = Date.now() - startedAt;

    assert.equal(ready.status, 503);
    assert.equal(ready.body.details?.database?.status, 'down');
    assert.ok(elapsedMs < 2000, `answered after ${elapsedMs} ms, expected about 300 ms`);
  });
});

describe('HealthModule readiness', () => {
  test('ready answers 503 once shutdown began', async () => {
    const testApp = await TestApp.start({ imports: [withoutDatabase()] });
    after(() => testApp.app.close());

    assert.equal((await testApp.get('/health/ready')).status, 200);
    testApp.app.get(ShutdownState).markShuttingDown();
    const ready = await testApp.get('/health/ready');
    const live = await testApp.get('/health/live');

    assert.equal(ready.status, 503);
    assert.equal(ready.body.details?.shutdown?.status, 'down');
    assert.equal(live.status, 200);
  });

  test('checks the broker of the imports option', async () => {
    let connected = true;
    const broker: BrokerHealth = { isConnected: () => connected };
    @Module({ providers: [{ provide: BROKER_HEALTH, useValue: broker }], exports: [BROKER_HEALTH] })
    class BrokerModule {}
    const testApp = await TestApp.start({
      imports: [withoutDatabase({ imports: [BrokerModule] })],
    });
    after(() => testApp.app.close());

    const whileConnected = await testApp.get('/health/ready');
    connected = false;
    const whileDisconnected = await testApp.get('/health/ready');

    assert.equal(whileConnected.status, 200);
    assert.equal(whileConnected.body.details?.broker?.status, 'up');
    assert.equal(whileDisconnected.status, 503);
    assert.equal(whileDisconnected.body.details?.broker?.status, 'down');
  });

  test('checks the broker of a global module', async () => {
    const broker: BrokerHealth = { isConnected: () => false };
    @Global()
    @Module({ providers: [{ provide: BROKER_HEALTH, useValue: broker }], exports: [BROKER_HEALTH] })
    class GlobalBrokerModule {}
    const testApp = await TestApp.start({ imports: [withoutDatabase(), GlobalBrokerModule] });
    after(() => testApp.app.close());

    const ready = await testApp.get('/health/ready');

    assert.equal(ready.status, 503);
    assert.equal(ready.body.details?.broker?.status, 'down');
  });

  test('skips the broker when absent', async () => {
    const testApp = await TestApp.start({ imports: [withoutDatabase()] });
    after(() => testApp.app.close());

    const ready = await testApp.get('/health/ready');

    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(ready.body.details ?? {}), ['shutdown']);
  });

  test('runs extra indicators', async () => {
    let peerUp = true;
    const indicators = new HealthIndicatorService();
    const peerCheck = () =>
      peerUp ? indicators.check('billing').up() : indicators.check('billing').down();
    const testApp = await TestApp.start({
      imports: [withoutDatabase({ indicators: [peerCheck] })],
    });
    after(() => testApp.app.close());

    const whileUp = await testApp.get('/health/ready');
    peerUp = false;
    const whileDown = await testApp.get('/health/ready');

    assert.equal(whileUp.body.details?.billing?.status, 'up');
    assert.equal(whileDown.status, 503);
    assert.equal(whileDown.body.details?.billing?.status, 'down');
  });

  test('forRootAsync injects indicator dependencies', async () => {
    const peer = { reachable: false };
    @Module({ providers: [{ provide: 'PEER', useValue: peer }], exports: ['PEER'] })
    class PeerModule {}
    const testApp = await TestApp.start({
      imports: [
        HealthModule.forRootAsync({
          imports: [PeerModule],
          inject: ['PEER', HealthIndicatorService],
          useFactory: (injectedPeer: typeof peer, indicators: HealthIndicatorService) => ({
            database: false,
            indicators: [
              () =>
                injectedPeer.reachable
                  ? indicators.check('peer').up()
                  : indicators.check('peer').down(),
            ],
          }),
        }),
      ],
    });
    after(() => testApp.app.close());

    const ready = await testApp.get('/health/ready');

    assert.equal(ready.status, 503);
    assert.equal(ready.body.details?.peer?.status, 'down');
  });

  test('probes stay at the root under a global prefix', async () => {
    const testApp = await TestApp.start({ imports: [withoutDatabase()] }, 'api/v1');
    after(() => testApp.app.close());

    assert.equal((await testApp.get('/health/live')).status, 200);
    assert.equal((await testApp.get('/health/ready')).status, 200);
  });
});
