import { Global, Module } from '@nestjs/common';
import { MailRelay } from './mail.relay.js';
import { MailService } from './mail.service.js';

@Global()
@Module({ providers: [MailService, MailRelay], exports: [MailService, MailRelay] })
export class MailModule {}
