export {
  BrokerConnection,
  BrokerUnavailableError,
  type BrokerParticipant,
} from './broker-connection.js';
export { enqueueEvent } from './enqueue-event.js';
export { enqueueEvents } from './enqueue-events.js';
export { EventConsumer } from './event-consumer.js';
export type { EventHandler } from './event-delivery.js';
export {
  createEventEnvelope,
  isValidEventType,
  MalformedEventError,
  parseEventEnvelope,
  type EventEnvelope,
  type NewEvent,
} from './event-envelope.js';
export {
  pagesById,
  registerReplayHandler,
  replayEventId,
  replayPattern,
  REPLAY_QUEUE_PREFIX,
  type ReplayEvent,
  type ReplayHandlerOptions,
  type ReplayReply,
  type ReplayRequest,
  type ReplaySource,
} from './event-replay.js';
export { eventTopologyNames, type EventTopologyNames } from './event-topology.js';
export { InboxMessage } from './inbox-message.entity.js';
export {
  ATTEMPT_HEADER,
  DEAD_LETTER_REASON_HEADER,
  REQUEST_ID_HEADER,
  type MessageHeaders,
} from './message-context.js';
export { messagingMetrics, type OutboxBacklog } from './messaging.metrics.js';
export { messagingEntities, messagingMigrationSql } from './messaging.migration.js';
export {
  MESSAGING_OPTIONS,
  MessagingModule,
  type MessagingModuleAsyncOptions,
} from './messaging.module.js';
export {
  resolveMessagingOptions,
  type MessagingOptions,
  type ResolvedMessagingOptions,
} from './messaging.options.js';
export { OutboxEvent } from './outbox-event.entity.js';
export { OutboxRelay } from './outbox-relay.js';
export { replayProvider } from './replay-provider.js';
export { RpcClient, type RpcCallOptions } from './rpc-client.js';
export { rpcExchangeName, rpcQueueName } from './rpc-protocol.js';
export { RpcServer, type RpcHandler, type RpcRequestContext } from './rpc-server.js';
export { RpcError, RpcRemoteError, RpcTimeoutError, RpcUnavailableError } from './rpc.errors.js';
