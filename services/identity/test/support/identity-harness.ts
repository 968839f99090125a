import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { loadConfig } from '@gym/config';
import { createLogger } from '@gym/logging';
import {
  createTestDatabase,
  deleteBrokerNames,
  flushRedisPrefix,
  startTestSmtpServer,
  uniqueName,
} from '@gym/testing';
import type { Role } from '@gym/auth';
import { identityConfigSchema, type IdentityConfig } from '../../src/config.js';
import { createIdentityApp } from '../../src/create-app.js';
import { identityDataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { IDENTITY_SCHEMA } from '../../src/database/schema.js';
import { AccessTokenSigner } from '../../src/keys/access-token.signer.js';
import { Branch } from '../../src/branches/branch.entity.js';
import { Tenant } from '../../src/tenants/tenant.entity.js';
import { User } from '../../src/users/user.entity.js';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

type TestSmtpServer = Awaited<ReturnType<typeof startTestSmtpServer>>;

export interface IdentityHarness {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  smtp: TestSmtpServer;
  config: IdentityConfig;
  env: Record<string, string>;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  createTenantWithAdmin(): Promise<{
    tenantId: string;
    adminToken: string;
    adminUserId: string;
    defaultBranchId: string;
  }>;
  createUser(
    tenantId: string,
    role: Role,
    branchIds?: string[],
  ): Promise<{ userId: string; token: string }>;
  close(): Promise<void>;
}

/** Writes a fresh ES256 key as `<kid>.pem` into a new temporary folder. */
export function createSigningKeysDir(kid = 'test-1'): string {
  const directory = mkdtempSync(join(tmpdir(), 'identity-keys-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(directory, `${kid}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return directory;
}

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for integration tests (see test.env)`);
  return value;
}

/**
 * Boots identity in-process on a random port with its own database, broker names, Redis key
 * prefix, signing key and SMTP server, so test files can run in parallel.
 */
export async function startIdentity(
  overrides: Record<string, string> = {},
  options: { databasePort?: number } = {},
): Promise<IdentityHarness> {
  const database = await createTestDatabase();
  const databaseUrl = new URL(database.url);
  if (options.databasePort) {
    databaseUrl.port = String(options.databasePort);
  }
  const smtp = await startTestSmtpServer();
  const keysDir = createSigningKeysDir();
  const exchange = uniqueName('identity-events');
  const queuePrefix = `${uniqueName('identity')}.`;
  const redisPrefix = `${uniqueName('identity')}:`;

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl.toString(),
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    REDIS_URL: requiredTestEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: redisPrefix,
    JWT_ISSUER: 'http://identity.test',
    JWT_AUDIENCE: 'gym-api',
    JWT_SIGNING_KEYS_DIR: keysDir,
    JWT_ACTIVE_KEY_ID: 'test-1',
    CODE_HASH_SECRET: randomBytes(32).toString('hex'),
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Gym Platform <no-reply@gym.test>',
    SHUTDOWN_DRAIN_MS: '10',
    ...overrides,
  };
  const config = loadConfig(identityConfigSchema, env);
  const logger = createLogger({ serviceName: 'identity-test', level: config.LOG_LEVEL });

  await runMigrations(identityDataSourceOptions(config), IDENTITY_SCHEMA, logger);
  const app = await createIdentityApp(config, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const signer = app.get(AccessTokenSigner);

  async function request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
    }
    if (body !== undefined) headers['content-type'] ??= 'application/json';

    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (e.g. metrics) stay as text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async function tokenFor(user: User): Promise<string> {
    return signer.sign({
      sub: user.id,
      tid: user.tenantId,
      role: user.role,
      bids: user.branchIds,
      sid: user.id,
    });
  }

  async function createUser(tenantId: string, role: Role, branchIds: string[] = []) {
    const user = await dataSource.getRepository(User).save({
      tenantId,
      email: `${uniqueName('user')}@example.com`,
      fullName: `Test ${role}`,
      passwordHash: null,
      role,
      status: 'ACTIVE',
      branchIds,
    });
    return { userId: user.id, token: await tokenFor(user) };
  }

  async function createTenantWithAdmin() {
    const tenant = await dataSource.getRepository(Tenant).save({
      name: 'Deneme Spor Salonu',
      timezone: 'Europe/Istanbul',
      locale: 'tr',
      currency: 'TRY',
      subscriptionStatus: 'TRIAL',
    });
    const branch = await dataSource
      .getRepository(Branch)
      .save({ tenantId: tenant.id, name: 'Merkez', isDefault: true });
    const admin = await createUser(tenant.id, 'ADMIN');
    return {
      tenantId: tenant.id,
      adminToken: admin.token,
      adminUserId: admin.userId,
      defaultBranchId: branch.id,
    };
  }

  async function close() {
    await app.close();
    await smtp.close();
    await database.drop();
    await deleteBrokerNames(env.AMQP_URL!, {
      exchanges: [exchange],
      queues: [
        `${queuePrefix}identity.events`,
        `${queuePrefix}identity.events.dlq`,
        `${queuePrefix}identity.rpc`,
      ],
    }).catch(() => undefined);
    await flushRedisPrefix(env.REDIS_URL!, redisPrefix);
    rmSync(keysDir, { recursive: true, force: true });
  }

  return {
    baseUrl,
    app,
    dataSource,
    smtp,
    config,
    env,
    request,
    createTenantWithAdmin,
    createUser,
    close,
  };
}
