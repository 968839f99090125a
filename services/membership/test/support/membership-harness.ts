import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { membershipConfigSchema, type MembershipConfig } from '../../src/config.js';
import { createMembershipApp } from '../../src/create-app.js';
import { membershipDataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { MEMBERSHIP_EXTENSIONS, MEMBERSHIP_SCHEMA } from '../../src/database/schema.js';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export interface TestTenant {
  tenantId: string;
  branchId: string;
  adminToken: string;
  staffToken: string;
  adminUserId: string;
}

export interface MembershipHarness {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  config: MembershipConfig;
  env: Record<string, string>;
  clock: TestClock;
  tokens: TokenIssuer;
  identity: EventPublisher;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  createTenant(options?: { timezone?: string }): Promise<TestTenant>;
  createBranch(tenantId: string, name?: string): Promise<string>;
  createPlan(tenant: TestTenant, fields?: Record<string, unknown>): Promise<any>;
  createMember(tenant: TestTenant, fields?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for integration tests (see test.env)`);
  return value;
}

let phoneCounter = 0;

/** Returns a Turkish mobile number in national format that no other call in this process returns. */
export function uniquePhone(): string {
  phoneCounter += 1;
  const digits = String((process.pid * 1000 + phoneCounter) % 10_000_000).padStart(7, '0');
  return `0532 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
}

/**
 * Boots membership in-process on a random port with its own database, broker names, photo
 * folder and a local JWKS, so test files can run in parallel. Tenants and branches arrive as
 * identity events on the broker, the way they do in production.
 */
export async function startMembership(
  overrides: Record<string, string> = {},
): Promise<MembershipHarness> {
  const database = await createTestDatabase();
  const tokens = await startTokenIssuer('membership-test');
  const exchange = uniqueName('membership-events');
  const queuePrefix = `${uniqueName('membership')}.`;
  const photoDir = mkdtempSync(join(tmpdir(), 'membership-photos-'));

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
    PHOTO_STORAGE_DIR: photoDir,
    JOBS_ENABLED: 'false',
    SHUTDOWN_DRAIN_MS: '10',
    ...overrides,
  };
  const config = loadConfig(membershipConfigSchema, env);
  const logger = createLogger({ serviceName: 'membership-test', level: config.LOG_LEVEL });
  const clock = new TestClock();

  await runMigrations(
    membershipDataSourceOptions(config),
    MEMBERSHIP_SCHEMA,
    logger,
    MEMBERSHIP_EXTENSIONS,
  );
  const app = await createMembershipApp(config, logger, clock);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const identity = await connectEventPublisher(env.AMQP_URL!, exchange);

  async function request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | FormData | undefined = options.form;
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
      // Non-JSON bodies (CSV exports, metrics) stay as text.
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  }

  async function createBranch(tenantId: string, name = `Şube ${randomUUID().slice(0, 8)}`) {
    const branchId = randomUUID();
    await identity.publish('identity.branch.created', tenantId, {
      branchId,
      name,
      address: null,
      phone: null,
      isDefault: false,
      archivedAt: null,
    });
    await waitFor(`branch ${branchId} in the replica`, async () => {
      const rows = await dataSource.query(
        `SELECT 1 FROM ${MEMBERSHIP_SCHEMA}.branch_replicas WHERE branch_id = $1`,
        [branchId],
      );
      return rows.length > 0;
    });
    return branchId;
  }

  async function createTenant(options: { timezone?: string } = {}): Promise<TestTenant> {
    const tenantId = randomUUID();
    await identity.publish('identity.tenant.created', tenantId, {
      tenantId,
      name: 'Deneme Spor Salonu',
      timezone: options.timezone ?? 'Europe/Istanbul',
      locale: 'tr',
      currency: 'TRY',
    });
    const branchId = await createBranch(tenantId, 'Merkez');
    await waitFor(`tenant ${tenantId} in the replica`, async () => {
      const rows = await dataSource.query(
        `SELECT 1 FROM ${MEMBERSHIP_SCHEMA}.tenant_replicas WHERE tenant_id = $1`,
        [tenantId],
      );
      return rows.length > 0;
    });
    const adminUserId = randomUUID();
    return {
      tenantId,
      branchId,
      adminUserId,
      adminToken: await tokens.sign({ tenantId, role: 'ADMIN', userId: adminUserId }),
      staffToken: await tokens.sign({ tenantId, role: 'STAFF' }),
    };
  }

  async function createPlan(tenant: TestTenant, fields: Record<string, unknown> = {}) {
    const response = await request('POST', '/api/v1/membership-plans', {
      token: tenant.adminToken,
      body: {
        name: `Aylık ${randomUUID().slice(0, 8)}`,
        scope: 'TENANT',
        durationValue: 1,
        durationUnit: 'MONTH',
        price: '450.00',
        ...fields,
      },
    });
    if (response.status !== 201) {
      throw new Error(`Creating a plan answered ${response.status}: ${response.text}`);
    }
    return response.body;
  }

  async function createMember(tenant: TestTenant, fields: Record<string, unknown> = {}) {
    const planId = fields.planId ?? (await createPlan(tenant)).id;
    const response = await request('POST', '/api/v1/members', {
      token: tenant.staffToken,
      body: {
        firstName: 'Ayşe',
        lastName: 'Yılmaz',
        phone: uniquePhone(),
        branchId: tenant.branchId,
        membershipStartDate: '2026-01-01',
        ...fields,
        planId,
      },
    });
    if (response.status !== 201) {
      throw new Error(`Creating a member answered ${response.status}: ${response.text}`);
    }
    return response.body;
  }

  async function close() {
    await identity.close();
    await app.close();
    await tokens.close();
    await database.drop();
    const queue = `${queuePrefix}membership.events`;
    await deleteBrokerNames(env.AMQP_URL!, {
      exchanges: [exchange, `${exchange}.rpc`, `${queue}.dlx`],
      queues: [
        queue,
        `${queue}.dlq`,
        ...[1000, 5000, 30000, 120000].map((delay) => `${queue}.retry.${delay}ms`),
        `${queuePrefix}membership.rpc`,
      ],
    }).catch(() => undefined);
    rmSync(photoDir, { recursive: true, force: true });
  }

  return {
    baseUrl,
    app,
    dataSource,
    config,
    env,
    clock,
    tokens,
    identity,
    request,
    createTenant,
    createBranch,
    createPlan,
    createMember,
    close,
  };
}
