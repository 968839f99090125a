import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@gym/config';
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
  type TokenIssuer,
} from '@gym/testing';
import { billingConfigSchema, type BillingConfig } from '../../src/config.js';
import { createBillingApp } from '../../src/create-app.js';
import { billingDataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { BILLING_SCHEMA } from '../../src/database/schema.js';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** JSON text sent as it is, for bodies that JSON.stringify cannot produce. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Idempotency-Key header; POST requests get a fresh one unless this is `null`. */
  idempotencyKey?: string | null;
}

export interface TestTenant {
  tenantId: string;
  adminToken: string;
  staffToken: string;
  adminUserId: string;
  staffUserId: string;
}

export interface BillingHarness {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  config: BillingConfig;
  env: Record<string, string>;
  clock: TestClock;
  tokens: TokenIssuer;
  events: EventPublisher;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  createTenant(options?: { timezone?: string; signedUpAt?: string }): Promise<TestTenant>;
  createMember(tenant: TestTenant, branchId?: string): Promise<string>;
  recordPayment(tenant: TestTenant, fields?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for integration tests (see test.env)`);
  return value;
}

/**
 * Boots billing in-process on a random port with its own database, broker names and a local
 * JWKS, so test files can run in parallel. Tenants and members arrive as identity and
 * membership events on the broker, the way they do in production.
 */
export async function startBilling(
  overrides: Record<string, string> = {},
): Promise<BillingHarness> {
  const database = await createTestDatabase();
  const tokens = await startTokenIssuer('billing-test');
  const exchange = uniqueName('billing-events');
  const queuePrefix = `${uniqueName('billing')}.`;

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '30',
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    JWKS_URL: tokens.jwksUri,
    JWT_ISSUER: testIssuer,
    JWT_AUDIENCE: testAudience,
    JOBS_ENABLED: 'false',
    SHUTDOWN_DRAIN_MS: '10',
    ...overrides,
  };
  const config = loadConfig(billingConfigSchema, env);
  const logger = createLogger({ serviceName: 'billing-test', level: config.LOG_LEVEL });
  const clock = new TestClock();

  await runMigrations(billingDataSourceOptions(config), BILLING_SCHEMA, logger);
  const app = await createBillingApp(config, logger, clock);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const events = await connectEventPublisher(env.AMQP_URL!, exchange);

  async function request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (method === 'POST' && options.idempotencyKey !== null) {
      headers['idempotency-key'] = options.idempotencyKey ?? randomUUID();
    }
    let body = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';

    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (metrics) stay as text.
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  }

  async function rowExists(table: string, column: string, id: string): Promise<boolean> {
    const rows = await dataSource.query(
      `SELECT 1 FROM ${BILLING_SCHEMA}.${table} WHERE ${column} = $1`,
      [id],
    );
    return rows.length > 0;
  }

  async function createTenant(
    options: { timezone?: string; signedUpAt?: string } = {},
  ): Promise<TestTenant> {
    const tenantId = randomUUID();
    await events.publish(
      'identity.tenant.created',
      tenantId,
      {
        tenantId,
        name: 'Deneme Spor Salonu',
        timezone: options.timezone ?? 'Europe/Istanbul',
        locale: 'tr',
        currency: 'TRY',
      },
      options.signedUpAt,
    );
    await waitFor(`tenant ${tenantId} in the replica`, () =>
      rowExists('tenant_replicas', 'tenant_id', tenantId),
    );
    const adminUserId = randomUUID();
    const staffUserId = randomUUID();
    return {
      tenantId,
      adminUserId,
      staffUserId,
      adminToken: await tokens.sign({ tenantId, role: 'ADMIN', userId: adminUserId }),
      staffToken: await tokens.sign({ tenantId, role: 'STAFF', userId: staffUserId }),
    };
  }

  async function createMember(
    tenant: TestTenant,
    branchId: string = randomUUID(),
  ): Promise<string> {
    const memberId = randomUUID();
    await events.publish('membership.member.created', tenant.tenantId, {
      memberId,
      branchId,
      planId: randomUUID(),
      status: 'ACTIVE',
      membershipStartDate: '2026-01-01',
      membershipEndDate: '2026-12-31',
      createdAt: new Date().toISOString(),
    });
    await waitFor(`member ${memberId} in the replica`, () =>
      rowExists('member_replicas', 'member_id', memberId),
    );
    return memberId;
  }

  async function recordPayment(tenant: TestTenant, fields: Record<string, unknown> = {}) {
    const memberId = fields.memberId ?? (await createMember(tenant));
    const response = await request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { amount: '450.00', method: 'CASH', paidOn: '2026-01-15', ...fields, memberId },
    });
    if (response.status !== 201) {
      throw new Error(`Recording a payment answered ${response.status}: ${response.text}`);
    }
    return response.body;
  }

  async function close() {
    await events.close();
    await app.close();
    await tokens.close();
    await database.drop();
    const queue = `${queuePrefix}billing.events`;
    await deleteBrokerNames(env.AMQP_URL!, {
      exchanges: [exchange, `${exchange}.rpc`, `${queue}.dlx`],
      queues: [
        queue,
        `${queue}.dlq`,
        ...[1000, 5000, 30000, 120000].map((delay) => `${queue}.retry.${delay}ms`),
        `${queuePrefix}billing.rpc`,
      ],
    }).catch(() => undefined);
  }

  return {
    baseUrl,
    app,
    dataSource,
    config,
    env,
    clock,
    tokens,
    events,
    request,
    createTenant,
    createMember,
    recordPayment,
    close,
  };
}
