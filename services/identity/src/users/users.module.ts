import { Module } from '@nestjs/common';
import { AuthFeatureModule } from '../auth/auth-feature.module.js';
import { CodesModule } from '../codes/codes.module.js';
import { UserInvitationService } from './user-invitation.service.js';
import { UserStatusService } from './user-status.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [CodesModule, AuthFeatureModule],
  controllers: [UsersController],
  providers: [UsersService, UserStatusService, UserInvitationService],
})
export class UsersModule {}
