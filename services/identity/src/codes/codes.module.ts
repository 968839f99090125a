import { Module } from '@nestjs/common';
import { EmailCodeService } from './email-code.service.js';

@Module({ providers: [EmailCodeService], exports: [EmailCodeService] })
export class CodesModule {}
