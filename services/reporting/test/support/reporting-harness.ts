import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@gym/config';
import { messagingMetrics } from '@gym/messaging';
import { runMigrations } from '@gym/database';
import { createLogger } from '@gym/logging';
import {
  connectEventPublisher,
  createTestDatabase,
  deleteBrokerNames,
  startTokenIssuer,
  TestClock,
  testAudience,
  testIssuer,
  uniqueName,
  waitFor,
  type EventPublisher,
  type PublishOptions,
  type TokenIssuer,
} from '@gym/testing';
import { reportingConfigSchema, type ReportingConfig } from '../../src/config.js';
import { createReportingApp } from '../../src/create-app.js';
import { reportingDataSourceOptions } from '../../src/database/data-source-options.js';
import { REPORTING_SCHEMA } from '../../src/database/schema.js';

export interface HttpResult {
  status: number;
  body: any;
  text: string;
}

export interface TestTenant {
  tenantId: string;
  adminToken: string;
  staffToken: string;
}

export interface ReportingHarness {
  app: INestApplication;
  dataSource: DataSource;
  config: ReportingConfig;
  env: Record<string, string>;
  exchange: string;
  clock: TestClock;
  tokens: TokenIssuer;
  events: EventPublisher;
  request(
    path: string,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<HttpResult>;
  /** Publishes an event and waits until reporting has processed it. */
  deliver(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    options?: PublishOptions,
  ): Promise<string>;
  createTenant(timezone?: string): Promise<TestTenant>;
  close(): Promise<void>;
}

/** Delays of the consumer's retry queues, as @gym/messaging declares them by default. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for integration tests (see test.env)`);
  return value;
}

/**
 * Boots reporting in-process on a random port with its own database, broker names and a local
 * JWKS, so test files can run in parallel. Every fact arrives as an owner's event on the broker.
 */
export async function startReporting(): Promise<ReportingHarness> {
  const database = await createTestDatabase();
  const tokens = await startTokenIssuer('reporting-test');
  const exchange = uniqueName('reporting-events');
  const queuePrefix = `${uniqueName('reporting')}.`;

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    JWKS_URL: tokens.jwksUri,
    JWT_ISSUER: testIssuer,
    JWT_AUDIENCE: testAudience,
    SHUTDOWN_DRAIN_MS: '10',
  };
  const config = loadConfig(reportingConfigSchema, env);
  const logger = createLogger({ serviceName: 'reporting-test', level: config.LOG_LEVEL });
  const clock = new TestClock();

  await runMigrations(reportingDataSourceOptions(config), REPORTING_SCHEMA, logger);
  const app = await createReportingApp(config, logger, clock);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const events = await connectEventPublisher(env.AMQP_URL!, exchange);

  async function request(
    path: string,
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${baseUrl}${path}`, { headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (metrics) stay as text.
    }
    return { status: response.status, body, text };
  }

  async function deliver(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    options: PublishOptions = {},
  ): Promise<string> {
    const before = await deliveries(type);
    const id = await events.publish(type, tenantId, data, options);
    await waitFor(`event ${id} (${type}) handled`, async () => (await deliveries(type)) > before);
    return id;
  }

  /** Deliveries of `type` this process has finished, first ones and duplicates alike. */
  async function deliveries(type: string): Promise<number> {
    const metric = await messagingMetrics.eventsConsumed.get();
    return metric.values
      .filter((value) => value.labels.type === type)
      .filter(
        (value) => value.labels.outcome === 'processed' || value.labels.outcome === 'duplicate',
      )
      .reduce((sum, value) => sum + value.value, 0);
  }

  async function createTenant(timezone = 'Europe/Istanbul'): Promise<TestTenant> {
    const tenantId = randomUUID();
    await deliver('identity.tenant.created', tenantId, {
      tenantId,
      name: 'Deneme Spor Salonu',
      timezone,
      locale: 'tr',
      currency: 'TRY',
    });
    return {
      tenantId,
      adminToken: await tokens.sign({ tenantId, role: 'ADMIN' }),
      staffToken: await tokens.sign({ tenantId, role: 'STAFF' }),
    };
  }

  async function close() {
    await events.close();
    await app.close();
    await tokens.close();
    await database.drop();
    const queue = `${queuePrefix}reporting.events`;
    await deleteBrokerNames(env.AMQP_URL!, {
      exchanges: [exchange, `${exchange}.rpc`, `${queue}.dlx`],
      queues: [
        queue,
        `${queue}.dlq`,
        ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
      ],
    }).catch(() => undefined);
  }

  return {
    app,
    dataSource,
    config,
    env,
    exchange,
    clock,
    tokens,
    events,
    request,
    deliver,
    createTenant,
    close,
  };
}
