import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/**
 * Nest logging through nestjs-pino on the given process logger. Each request is logged once, at
 * debug level, with method, route, status and duration only: no headers or bodies.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            genReqId: (request: IncomingMessage) =>
              (request as IncomingMessage & { id: string }).id,
            customLogLevel: () => 'debug',
            quietReqLogger: true,
            serializers: {
              req: (request: { method: string; url: string }) => ({
                method: request.method,
                url: request.url.split('?')[0],
              }),
              res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
