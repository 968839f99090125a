import { Module } from '@nestjs/common';
import { MonthLockGuard } from './month-lock-guard.js';
import { SaleReader } from './sale-reader.js';
import { SalesController } from './sales.controller.js';
import { SalesService } from './sales.service.js';

@Module({
  controllers: [SalesController],
  providers: [SalesService, SaleReader, MonthLockGuard],
})
export class SalesModule {}
