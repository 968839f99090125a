import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, type Principal } from '@gym/auth';
import { languageOf } from '@gym/errors';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  LoginDto,
  PasswordResetCompleteDto,
  PasswordResetStartDto,
  RefreshDto,
  SignupStartDto,
  SignupVerifyDto,
} from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { PasswordService } from './password.service.js';
import { SignupService } from './signup.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signup: SignupService,
    private readonly passwords: PasswordService,
  ) {}

  @Public()
  @Post('signup/start')
  @HttpCode(202)
  async signupStart(@Body() body: SignupStartDto, @Req() request: Request) {
    await this.signup.start(body, languageOf(request));
    return { status: 'CODE_SENT' };
  }

  @Public()
  @Post('signup/verify')
  @HttpCode(201)
  signupVerify(@Body() body: SignupVerifyDto) {
    return this.signup.verify(body.email, body.code);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.auth.login(body.email, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshDto, @CurrentUser() principal: Principal) {
    await this.auth.logout(body.refreshToken, principal);
  }

  @Public()
  @Post('password-reset/start')
  @HttpCode(202)
  async passwordResetStart(@Body() body: PasswordResetStartDto, @Req() request: Request) {
    await this.passwords.startReset(body.email, languageOf(request));
    return { status: 'CODE_SENT' };
  }

  @Public()
  @Post('password-reset/complete')
  @HttpCode(204)
  async passwordResetComplete(@Body() body: PasswordResetCompleteDto) {
    await this.passwords.completeReset(body.email, body.code, body.newPassword);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() body: ChangePasswordDto, @CurrentUser() principal: Principal) {
    await this.passwords.change(principal, body.currentPassword, body.newPassword);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  acceptInvitation(@Body() body: AcceptInvitationDto) {
    return this.auth.acceptInvitation(body);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() principal: Principal) {
    return this.auth.me(principal);
  }
}
