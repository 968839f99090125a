import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { HttpErrorFilter, createValidationPipe, jsonBodyParser } from '@gym/errors';
import { NestPinoLogger, requestIdMiddleware } from '@gym/logging';
import { ReportingAppModule } from './app.module.js';
import { systemClock, type Clock } from './common/clock.js';
import type { ReportingConfig } from './config.js';
import './common/reporting-errors.js';

/** Routes served outside the `/api/v1` prefix: probes, metrics and the OpenAPI document. */
const unprefixedRoutes = ['health/live', 'health/ready', 'metrics', 'api/docs-json'];

/**
 * Builds the reporting HTTP application (not yet listening); used by main and by the tests, which
 * pass a clock of their own.
 */
export async function createReportingApp(
  config: ReportingConfig,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    ReportingAppModule.forRoot(config, logger, clock),
    { bodyParser: false, bufferLogs: true },
  );

  app.useLogger(app.get(NestPinoLogger));
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(jsonBodyParser({ limit: '10kb' }));
  app.useGlobalFilters(new HttpErrorFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix('api/v1', { exclude: unprefixedRoutes });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('reporting').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { ui: false, jsonDocumentUrl: 'api/docs-json' });
  return app;
}
