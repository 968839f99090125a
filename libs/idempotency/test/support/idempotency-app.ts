import 'reflect-metadata';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Module,
  Post,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppException, HttpErrorFilter, jsonBodyParser } from '@gym/errors';
import { createLogger, requestIdMiddleware } from '@gym/logging';
import { createTestDatabase, type TestDatabase } from '@gym/testing';
import {
  idempotencyEntities,
  idempotencyMigrationSql,
  Idempotent,
  IdempotencyModule,
  IdempotencyStore,
  recordIdempotentResponse,
  type IdempotencyOptions,
} from '../../src/index.js';

const SCHEMA = 'idempotency_test';

/** Counts handler runs and lets a test hold a request open until it releases the gate. */
export class Probe {
  runs = 0;
  failNext: 'server' | 'client' | undefined;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async pass(): Promise<void> {
    await this.gate;
  }
}

function testUser(request: Request, _response: Response, next: NextFunction): void {
  (request as Request & { user: unknown }).user = {
    tenantId: request.header('x-tenant') ?? 'tenant-a',
    userId: request.header('x-user') ?? 'user-a',
  };
  next();
}

export interface IdempotencyTestApp {
  baseUrl: string;
  probe: Probe;
  dataSource: DataSource;
  store: IdempotencyStore;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Boots a small Nest application with idempotent routes on its own test database. */
export async function startIdempotencyApp(
  options: Partial<IdempotencyOptions> = {},
): Promise<IdempotencyTestApp> {
  const database: TestDatabase = await createTestDatabase();
  const logger = createLogger({ serviceName: 'idempotency-test', level: 'silent' });
  const probe = new Probe();

  @Controller('orders')
  class OrdersController {
    constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

    @Post()
    @Idempotent()
    async create(@Body() body: Record<string, unknown>) {
      probe.runs += 1;
      const run = probe.runs;
      await probe.pass();
      const failure = probe.failNext;
      probe.failNext = undefined;
      if (failure === 'server') throw new Error('Simulated failure');
      if (failure === 'client') throw new AppException('NOT_FOUND');
      return { run, received: body, createdAt: new Date() };
    }

    /** Commits its response with its own transaction, then fails as a crash after the commit would. */
    @Post('committed-then-failed')
    @Idempotent()
    async commitThenFail(@Body() body: Record<string, unknown>) {
      probe.runs += 1;
      const result = { run: probe.runs, received: body };
      await this.dataSource.transaction((manager) => recordIdempotentResponse(manager, result));
      throw new Error('Simulated failure after the commit');
    }

    /** Stores its response in its own transaction and returns it, as a service's write does. */
    @Post('recorded')
    @Idempotent()
    async recorded(@Body() body: Record<string, unknown>) {
      probe.runs += 1;
      const result = { run: probe.runs, received: body };
      await this.dataSource.transaction((manager) => recordIdempotentResponse(manager, result));
      return result;
    }

    @Post('accepted')
    @HttpCode(202)
    @Idempotent()
    accept() {
      probe.runs += 1;
      return { accepted: probe.runs };
    }
  }

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: database.url,
        schema: SCHEMA,
        entities: idempotencyEntities,
        synchronize: false,
        extra: { max: 20 },
      }),
      IdempotencyModule.forRoot({ logger, purgeIntervalMs: 0, ...options }),
    ],
    controllers: [OrdersController],
  })
  class TestModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(testUser).forRoutes('*path');
    }
  }

  const setup = new DataSource({ type: 'postgres', url: database.url });
  await setup.initialize();
  await setup.query(`CREATE SCHEMA ${SCHEMA}`);
  await setup.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  for (const statement of idempotencyMigrationSql(SCHEMA).up) await setup.query(statement);
  await setup.destroy();

  const app: INestApplication = await NestFactory.create(TestModule, {
    bodyParser: false,
    logger: false,
  });
  app.use(requestIdMiddleware);
  app.use(jsonBodyParser({ limit: '100kb' }));
  app.useGlobalFilters(new HttpErrorFilter(logger));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    probe,
    dataSource: app.get(DataSource),
    store: app.get(IdempotencyStore),
    async post(path, body, headers = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
    async close() {
      probe.release();
      await app.close();
      await database.drop();
    },
  };
}
