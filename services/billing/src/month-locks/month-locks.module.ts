import { Module } from '@nestjs/common';
import { MonthLockStatusRpc } from './month-lock-status.rpc.js';
import { MonthLocksController } from './month-locks.controller.js';
import { MonthLocksService } from './month-locks.service.js';

@Module({
  controllers: [MonthLocksController],
  providers: [MonthLocksService, MonthLockStatusRpc],
})
export class MonthLocksModule {}
