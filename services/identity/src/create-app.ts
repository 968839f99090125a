import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import {
  configureHttpServer,
  createValidationPipe,
  HttpErrorFilter,
  jsonBodyParser,
} from '@gym/errors';
import { NestPinoLogger, requestIdMiddleware } from '@gym/logging';
import { IdentityAppModule } from './app.module.js';
import type { IdentityConfig } from './config.js';
import './common/identity-errors.js';
import { SigningKeyStore } from './keys/signing-key-store.js';

/** Routes served outside the `/api/v1` prefix: probes, metrics and the JWKS. */
const unprefixedRoutes = [
  'health/live',
  'health/ready',
  'metrics',
  '.well-known/jwks.json',
  'api/docs-json',
];

/** Builds the identity HTTP application (not yet listening); used by main and by the tests. */
export async function createIdentityApp(
  config: IdentityConfig,
  logger: Logger,
): Promise<NestExpressApplication> {
  const keys = SigningKeyStore.fromDirectory(config.JWT_SIGNING_KEYS_DIR, config.JWT_ACTIVE_KEY_ID);
  const app = await NestFactory.create<NestExpressApplication>(
    IdentityAppModule.forRoot(config, logger, keys),
    { bodyParser: false, bufferLogs: true },
  );

  app.useLogger(app.get(NestPinoLogger));
  configureHttpServer(app.getHttpServer());
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(jsonBodyParser({ limit: config.JSON_BODY_LIMIT }));
  app.useGlobalFilters(new HttpErrorFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix('api/v1', { exclude: unprefixedRoutes });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('identity').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { ui: false, jsonDocumentUrl: 'api/docs-json' });
  return app;
}
