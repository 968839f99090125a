import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { AUTH_OPTIONS, JwtStrategy, type AuthOptions } from './jwt.strategy.js';
import { RolesGuard } from './roles.guard.js';

/** Token verification and role checks for every route of a service. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    if (!options.jwksUri && !options.keyProvider) {
      throw new Error('AuthModule needs a jwksUri or a keyProvider');
    }
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        JwtStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
