import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { BrokerConnection } from './broker-connection.js';
import { registerReplayHandler, type ReplaySource } from './event-replay.js';
import { MESSAGING_OPTIONS } from './messaging.module.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import { RpcServer } from './rpc-server.js';

/**
 * Builds a Nest provider that registers `<service>.replay` before messaging starts. `source` receives
 * the providers named in `inject` and returns the function that emits the service's state.
 */
export function replayProvider<Dependencies extends unknown[]>(
  service: string,
  inject: InjectionToken[],
  source: (...dependencies: Dependencies) => ReplaySource,
): FactoryProvider<string> {
  return {
    provide: `${service}.replay`,
    inject: [RpcServer, BrokerConnection, MESSAGING_OPTIONS, ...inject],
    useFactory: (
      server: RpcServer,
      connection: BrokerConnection,
      options: ResolvedMessagingOptions,
      ...dependencies: unknown[]
    ) => {
      registerReplayHandler(
        server,
        connection,
        service,
        source(...(dependencies as Dependencies)),
        {
          logger: options.logger,
        },
      );
      return `${service}.replay`;
    },
  };
}
