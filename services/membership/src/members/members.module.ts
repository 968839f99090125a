import { Module } from '@nestjs/common';
import { ExportService } from '../import-export/export.service.js';
import { ImportService } from '../import-export/import.service.js';
import { MemberFilesController } from '../import-export/member-files.controller.js';
import { MemberImporter } from '../import-export/member-importer.js';
import { RowImporter } from '../import-export/row-importer.js';
import { FreezesService } from '../freezes/freezes.service.js';
import { PlanChangesService } from '../plan-changes/plan-changes.service.js';
import { MemberActionsController } from './member-actions.controller.js';
import { MemberReader } from './member-reader.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

@Module({
  controllers: [MemberFilesController, MembersController, MemberActionsController],
  providers: [
    MembersService,
    MemberReader,
    FreezesService,
    PlanChangesService,
    ImportService,
    MemberImporter,
    RowImporter,
    ExportService,
  ],
  exports: [MembersService, MemberReader],
})
export class MembersModule {}
