import { Module } from '@nestjs/common';
import { JobScheduler } from './job-scheduler.js';

@Module({ providers: [JobScheduler] })
export class JobsModule {}
