import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@gym/config';
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
  type TokenIssuer,
} from '@gym/testing';
import { catalogConfigSchema, type CatalogConfig } from '../../src/config.js';
import { createCatalogApp } from '../../src/create-app.js';
import { catalogDataSourceOptions } from '../../src/database/data-source-options.js';
import { CATALOG_SCHEMA } from '../../src/database/schema.js';
import { startMonthLockResponder, type MonthLockResponder } from './month-lock-responder.js';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Idempotency-Key header; POST requests get a fresh one unless this is `null`. */
  idempotencyKey?: string | null;
}

export interface TestTenant {
  tenantId: string;
  branchId: string;
  adminToken: string;
  staffToken: string;
  adminUserId: string;
}

export interface CatalogHarness {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  config: CatalogConfig;
  env: Record<string, string>;
  clock: TestClock;
  tokens: TokenIssuer;
  events: EventPublisher;
  monthLocks: MonthLockResponder;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  createTenant(options?: { timezone?: string }): Promise<TestTenant>;
  createBranch(tenant: TestTenant, archivedAt?: string): Promise<string>;
  createMember(tenant: TestTenant): Promise<string>;
  createProduct(tenant: TestTenant, fields?: Record<string, unknown>): Promise<any>;
  recordSale(tenant: TestTenant, fields?: Record<string, unknown>): Promise<HttpResult>;
  stockOf(productId: string): Promise<number | null>;
  close(): Promise<void>;
}

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for integration tests (see test.env)`);
  return value;
}

/**
 * Boots catalog in-process on a random port with its own database, broker names, a local JWKS
 * and a stand-in for billing's month lock RPC, so test files can run in parallel. Tenants,
 * branches and members arrive as identity and membership events, as they do in production.
 */
export async function startCatalog(
  overrides: Record<string, string> = {},
): Promise<CatalogHarness> {
  const database = await createTestDatabase();
  const tokens = await startTokenIssuer('catalog-test');
  const exchange = uniqueName('catalog-events');
  const queuePrefix = `${uniqueName('catalog')}.`;

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
    SHUTDOWN_DRAIN_MS: '10',
    ...overrides,
  };
  const config = loadConfig(catalogConfigSchema, env);
  const logger = createLogger({ serviceName: 'catalog-test', level: config.LOG_LEVEL });
  const clock = new TestClock();

  await runMigrations(catalogDataSourceOptions(config), CATALOG_SCHEMA, logger);
  const monthLocks = await startMonthLockResponder(env.AMQP_URL!, exchange);
  const app = await createCatalogApp(config, logger, clock);
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
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }

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
      `SELECT 1 FROM ${CATALOG_SCHEMA}.${table} WHERE ${column} = $1`,
      [id],
    );
    return rows.length > 0;
  }

  async function createBranch(tenant: TestTenant, archivedAt?: string): Promise<string> {
    const branchId = randomUUID();
    await events.publish('identity.branch.created', tenant.tenantId, {
      branchId,
      name: `Şube ${branchId.slice(0, 8)}`,
      isDefault: false,
      archivedAt: archivedAt ?? null,
    });
    await waitFor(`branch ${branchId} in the replica`, () =>
      rowExists('branch_replicas', 'branch_id', branchId),
    );
    return branchId;
  }

  async function createTenant(options: { timezone?: string } = {}): Promise<TestTenant> {
    const tenantId = randomUUID();
    await events.publish('identity.tenant.created', tenantId, {
      tenantId,
      name: 'Deneme Spor Salonu',
      timezone: options.timezone ?? 'Europe/Istanbul',
      locale: 'tr',
      currency: 'TRY',
    });
    await waitFor(`tenant ${tenantId} in the replica`, () =>
      rowExists('tenant_replicas', 'tenant_id', tenantId),
    );
    const adminUserId = randomUUID();
    const tenant: TestTenant = {
      tenantId,
      branchId: '',
      adminUserId,
      adminToken: await tokens.sign({ tenantId, role: 'ADMIN', userId: adminUserId }),
      staffToken: await tokens.sign({ tenantId, role: 'STAFF' }),
    };
    tenant.branchId = await createBranch(tenant);
    return tenant;
  }

  async function createMember(tenant: TestTenant): Promise<string> {
    const memberId = randomUUID();
    await events.publish('membership.member.created', tenant.tenantId, {
      memberId,
      branchId: tenant.branchId,
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

  async function createProduct(tenant: TestTenant, fields: Record<string, unknown> = {}) {
    const response = await request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: `Ürün ${randomUUID().slice(0, 8)}`, price: '10.00', ...fields },
    });
    if (response.status !== 201) {
      throw new Error(`Creating a product answered ${response.status}: ${response.text}`);
    }
    return response.body;
  }

  function recordSale(tenant: TestTenant, fields: Record<string, unknown> = {}) {
    return request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body: {
        branchId: tenant.branchId,
        paymentMethod: 'CASH',
        soldOn: '2026-06-10',
        ...fields,
      },
    });
  }

  async function stockOf(productId: string): Promise<number | null> {
    const rows: { stock_quantity: number | null }[] = await dataSource.query(
      `SELECT stock_quantity FROM ${CATALOG_SCHEMA}.products WHERE id = $1`,
      [productId],
    );
    return rows[0]!.stock_quantity;
  }

  async function close() {
    await events.close();
    await app.close();
    await monthLocks.close();
    await tokens.close();
    await database.drop();
    const queue = `${queuePrefix}catalog.events`;
    await deleteBrokerNames(env.AMQP_URL!, {
      exchanges: [exchange, `${exchange}.rpc`, `${queue}.dlx`],
      queues: [
        queue,
        `${queue}.dlq`,
        ...[1000, 5000, 30000, 120000].map((delay) => `${queue}.retry.${delay}ms`),
        `${queuePrefix}catalog.rpc`,
        monthLocks.queue,
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
    monthLocks,
    request,
    createTenant,
    createBranch,
    createMember,
    createProduct,
    recordSale,
    stockOf,
    close,
  };
}
