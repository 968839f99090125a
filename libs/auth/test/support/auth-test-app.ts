import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpErrorFilter } from '@gym/errors';
import { createLogger, requestIdMiddleware } from '@gym/logging';
import {
  AuthModule,
  CurrentUser,
  Public,
  Roles,
  type AuthOptions,
  type Principal,
} from '../../src/index.js';

/** One route for each kind of access the auth library controls. */
@Controller()
class AccessProbeController {
  @Get('principal')
  principal(@CurrentUser() user: Principal): Principal {
    return user;
  }

  @Roles('ADMIN')
  @Get('admin-only')
  adminOnly(@CurrentUser() user: Principal): { role: string } {
    return { role: user.role };
  }

  @Public()
  @Get('public')
  publicRoute(): { public: boolean } {
    return { public: true };
  }

  // Not marked @Public(), so only the default public paths of the guard let a request through.
  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}

export interface HttpResponse {
  status: number;
  requestIdHeader: string | null;
  body: any;
}

/** A Nest application with AuthModule and the platform's error filter, listening on 127.0.0.1. */
export interface AuthTestApp {
  get(path: string, token?: string): Promise<HttpResponse>;
  close(): Promise<void>;
}

export async function startAuthTestApp(options: AuthOptions): Promise<AuthTestApp> {
  @Module({ imports: [AuthModule.forRoot(options)], controllers: [AccessProbeController] })
  class AuthTestModule {}

  const app: INestApplication = await NestFactory.create(AuthTestModule, { logger: false });
  app.use(requestIdMiddleware);
  app.useGlobalFilters(
    new HttpErrorFilter(createLogger({ serviceName: 'auth-test', level: 'silent' })),
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    async get(path, token) {
      const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
      const response = await fetch(baseUrl + path, { headers });
      return {
        status: response.status,
        requestIdHeader: response.headers.get('x-request-id'),
        body: await response.json(),
      };
    },
    close: () => app.close(),
  };
}
