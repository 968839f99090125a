import { Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownTracing, TRACING_SHUTDOWN_TIMEOUT_MS } from './tracing-sdk.js';

@Injectable()
export class TracingShutdownHook implements OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');

  async onApplicationShutdown(): Promise<void> {
    const exported = await shutdownTracing();
    if (!exported) {
      this.logger.warn(
        `Tracing shutdown did not finish within ${TRACING_SHUTDOWN_TIMEOUT_MS} ms; the last spans may be lost`,
      );
    }
  }
}

/**
 * Shuts the tracing SDK down when the Nest application closes, after the HTTP server and the
 * message consumers have drained, so that the spans of the last requests are exported too.
 */
@Module({ providers: [TracingShutdownHook] })
export class TracingModule {}
