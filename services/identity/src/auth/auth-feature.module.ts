import { Module } from '@nestjs/common';
import { CodesModule } from '../codes/codes.module.js';
import { AttemptLimits } from './attempt-limits.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordService } from './password.service.js';
import { SessionService } from './session.service.js';
import { SignupService } from './signup.service.js';
import { TenantSignupService } from './tenant-signup.service.js';

/** The public auth routes and the session service other features use to revoke sessions. */
@Module({
  imports: [CodesModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SignupService,
    PasswordService,
    TenantSignupService,
    SessionService,
    AttemptLimits,
    PasswordHasher,
  ],
  exports: [SessionService],
})
export class AuthFeatureModule {}
