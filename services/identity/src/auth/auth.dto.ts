import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { IsAcceptablePassword } from '../common/password.validator.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** A string field that is required, trimmed and bounded. */
function Text(maxLength: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(maxLength)(target, key);
  };
}

function Email(): PropertyDecorator {
  return (target, key) => {
    Transform(normalizeEmail)(target, key);
    IsString()(target, key);
    MaxLength(254)(target, key);
    IsEmail()(target, key);
  };
}

function Password(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MaxLength(128)(target, key);
    IsAcceptablePassword()(target, key);
  };
}

function Code(): PropertyDecorator {
  return (target, key) => {
    ValidateBy({
      name: 'isSixDigitCode',
      validator: { validate: (value) => typeof value === 'string' && /^\d{6}$/.test(value) },
    })(target, key);
  };
}

export class SignupStartDto {
  @ApiProperty({ example: 'owner@example.com' }) @Email() email!: string;
  @ApiProperty() @Password() password!: string;
  @ApiProperty({ example: 'Ayşe Yılmaz' }) @Text(120) fullName!: string;
  @ApiProperty({ example: 'Demir Spor Salonu' }) @Text(120) gymName!: string;
}

export class SignupVerifyDto {
  @ApiProperty() @Email() email!: string;
  @ApiProperty({ example: '123456' }) @Code() code!: string;
}

export class LoginDto {
  @ApiProperty() @Email() email!: string;
  /** Not checked against the policy: old passwords must still work. */
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) password!: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) refreshToken!: string;
}

export class PasswordResetStartDto {
  @ApiProperty() @Email() email!: string;
}

export class PasswordResetCompleteDto {
  @ApiProperty() @Email() email!: string;
  @ApiProperty() @Code() code!: string;
  @ApiProperty() @Password() newPassword!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) currentPassword!: string;
  @ApiProperty() @Password() newPassword!: string;
}

export class AcceptInvitationDto {
  @ApiProperty() @Email() email!: string;
  @ApiProperty() @Code() code!: string;
  @ApiPropertyOptional() @IsOptional() @Text(120) fullName?: string;
  @ApiProperty() @Password() password!: string;
}
