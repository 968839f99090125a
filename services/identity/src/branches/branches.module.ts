import { Module } from '@nestjs/common';
import { BranchLifecycleService } from './branch-lifecycle.service.js';
import { BranchesController } from './branches.controller.js';
import { BranchesService } from './branches.service.js';

@Module({
  controllers: [BranchesController],
  providers: [BranchesService, BranchLifecycleService],
  exports: [BranchesService],
})
export class BranchesModule {}
