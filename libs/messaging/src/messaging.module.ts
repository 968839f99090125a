import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BrokerConnection } from './broker-connection.js';
import { EventConsumer } from './event-consumer.js';
import {
  resolveMessagingOptions,
  type MessagingOptions,
  type ResolvedMessagingOptions,
} from './messaging.options.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxCommitSubscriber } from './outbox-commit.subscriber.js';
import { RpcClient } from './rpc-client.js';
import { RpcServer } from './rpc-server.js';

/** Injection token of the resolved messaging options. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  /** Receives the providers named in `inject`, in that order. */
  useFactory: (...dependencies: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/**
 * Starts messaging once every module has initialised, so feature modules register their event
 * and RPC handlers in onModuleInit first. On shutdown it drains consumers before closing the connection.
 */
@Injectable()
class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(BrokerConnection) private readonly connection: BrokerConnection,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EventConsumer) private readonly consumer: EventConsumer,
    @Inject(RpcClient) private readonly rpcClient: RpcClient,
    @Inject(RpcServer) private readonly rpcServer: RpcServer,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  private readonly commitSubscriber = new OutboxCommitSubscriber(() => this.relay.wake());

  async onApplicationBootstrap(): Promise<void> {
    this.consumer.verifyHandlers();
    this.dataSource.subscribers.push(this.commitSubscriber);
    await this.connection.start();
    await this.rpcClient.start();
    await this.rpcServer.start();
    await this.consumer.start();
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.rpcServer.stop();
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    const index = this.dataSource.subscribers.indexOf(this.commitSubscriber);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await this.rpcClient.stop();
    await this.connection.close();
  }
}

@Module({})
export class MessagingModule {
  /** Provides BrokerConnection, OutboxRelay, EventConsumer, RpcClient and RpcServer to every module. */
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...dependencies: unknown[]) =>
            resolveMessagingOptions(await options.useFactory(...(dependencies as never[]))),
        },
        {
          provide: BrokerConnection,
          inject: [MESSAGING_OPTIONS],
          useFactory: (resolved: ResolvedMessagingOptions) => new BrokerConnection(resolved),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, BrokerConnection, MESSAGING_OPTIONS],
          useFactory: (
            dataSource: DataSource,
            connection: BrokerConnection,
            resolved: ResolvedMessagingOptions,
          ) => new OutboxRelay(dataSource, connection, resolved),
        },
        {
          provide: EventConsumer,
          inject: [DataSource, BrokerConnection, MESSAGING_OPTIONS],
          useFactory: (
            dataSource: DataSource,
            connection: BrokerConnection,
            resolved: ResolvedMessagingOptions,
          ) => new EventConsumer(dataSource, connection, resolved),
        },
        {
          provide: RpcClient,
          inject: [BrokerConnection, MESSAGING_OPTIONS],
          useFactory: (connection: BrokerConnection, resolved: ResolvedMessagingOptions) =>
            new RpcClient(connection, resolved),
        },
        {
          provide: RpcServer,
          inject: [BrokerConnection, MESSAGING_OPTIONS],
          useFactory: (connection: BrokerConnection, resolved: ResolvedMessagingOptions) =>
            new RpcServer(connection, resolved),
        },
        MessagingLifecycle,
      ],
      exports: [
        MESSAGING_OPTIONS,
        BrokerConnection,
        OutboxRelay,
        EventConsumer,
        RpcClient,
        RpcServer,
      ],
    };
  }
}
