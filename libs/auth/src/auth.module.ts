import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { createJwtAuthGuard } from './jwt-auth.guard.js';
import { AUTH_OPTIONS, createJwtStrategy, type AuthOptions } from './jwt.strategy.js';
import { RolesGuard } from './roles.guard.js';

let instances = 0;

/** Token verification and role checks for every route of a service. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    instances += 1;
    const strategyName = `jwt-${instances}`;
    if (!options.jwksUri && !options.keyProvider) {
      throw new Error('AuthModule needs a jwksUri or a keyProvider');
    }
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        createJwtStrategy(strategyName),
        { provide: APP_GUARD, useClass: createJwtAuthGuard(strategyName) },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
