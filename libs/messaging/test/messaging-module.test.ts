import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnModuleInit,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  BrokerConnection,
  enqueueEvent,
  EventConsumer,
  MessagingModule,
  OutboxRelay,
  RpcClient,
  RpcServer,
  type EventEnvelope,
  type MessagingOptions,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { deleteBrokerObjects, testOptions, waitFor } from './support/test-broker.js';

const EVENT_TYPE = 'identity.tenant.created';
const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');

const received: EventEnvelope[] = [];

@Injectable()
class TenantEventsHandler implements OnModuleInit {
  constructor(
    @Inject(EventConsumer) private readonly consumer: EventConsumer,
    @Inject(RpcServer) private readonly rpcServer: RpcServer,
  ) {}

  onModuleInit(): void {
    this.consumer.register(EVENT_TYPE, async (envelope) => {
      received.push(envelope);
    });
    this.rpcServer.handle('membership.tenant.count', async () => received.length);
  }
}

@Module({ providers: [TenantEventsHandler] })
class TenantFeatureModule {}

function configModule(options: MessagingOptions): DynamicModule {
  return {
    module: class MessagingConfigModule {},
    providers: [{ provide: MESSAGING_CONFIG, useValue: options }],
    exports: [MESSAGING_CONFIG],
  };
}

function databaseModule(dataSource: DataSource): DynamicModule {
  @Global()
  @Module({})
  class TestDatabaseModule {}
  return {
    module: TestDatabaseModule,
    providers: [{ provide: DataSource, useValue: dataSource }],
    exports: [DataSource],
  };
}

describe('messaging module', () => {
  let database: TestDatabase;
  let options: ResolvedMessagingOptions;

  before(async () => {
    database = await createTestDatabase();
    options = testOptions({ subscriptions: [EVENT_TYPE] });
  });

  after(async () => {
    await deleteBrokerObjects(options);
    await database.drop();
  });

  test('starts handlers registered in onModuleInit and stops on close', async () => {
    @Module({
      imports: [
        databaseModule(database.dataSource),
        MessagingModule.forRootAsync({
          imports: [configModule(options)],
          inject: [MESSAGING_CONFIG],
          useFactory: (config: MessagingOptions) => config,
        }),
        TenantFeatureModule,
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const connection = app.get(BrokerConnection);
    try {
      assert.equal(connection.isConnected(), true);

      const envelope = await database.dataSource.transaction((manager) =>
        enqueueEvent(manager, {
          type: EVENT_TYPE,
          tenantId: 'tenant-module',
          data: { name: 'Demo Gym' },
        }),
      );
      app.get(OutboxRelay).wake();
      await waitFor(() => received.length === 1, 'the handler registered in onModuleInit');

      assert.equal(received[0]!.id, envelope.id);
      assert.equal(await app.get(RpcClient).call('membership.tenant.count', {}), 1);
    } finally {
      await app.close();
    }

    assert.equal(connection.isConnected(), false);
  });

  test('wakes the relay when a transaction with events commits', async () => {
    const slowPollOptions = testOptions({
      subscriptions: [EVENT_TYPE],
      outbox: { pollIntervalMs: 60_000, batchSize: 20 },
    });

    @Module({
      imports: [
        databaseModule(database.dataSource),
        MessagingModule.forRootAsync({
          imports: [configModule(slowPollOptions)],
          inject: [MESSAGING_CONFIG],
          useFactory: (config: MessagingOptions) => config,
        }),
        TenantFeatureModule,
      ],
    })
    class SlowPollAppModule {}

    received.length = 0;
    const app = await NestFactory.createApplicationContext(SlowPollAppModule, { logger: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const envelope = await database.dataSource.transaction((manager) =>
        enqueueEvent(manager, {
          type: EVENT_TYPE,
          tenantId: 'tenant-wake',
          data: { name: 'Wake Gym' },
        }),
      );

      await waitFor(
        () => received.some((event) => event.id === envelope.id),
        'the event published by the commit hook, long before the 60 s poll',
      );
    } finally {
      await app.close();
      await deleteBrokerObjects(slowPollOptions);
    }
  });
});
