import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type Principal } from '@gym/auth';
import { languageOf } from '@gym/errors';
import { FileUpload } from '../common/file-upload.interceptor.js';
import { RecordIdPipe } from '@gym/http';
import type { UploadedFileContent } from '../common/uploaded-file.js';
import { ExportService } from './export.service.js';
import { ExportMembersQuery } from './export.dto.js';
import { toImportJobView, type ImportJobView } from './import-job.view.js';
import { ImportService, MAX_IMPORT_BYTES } from './import.service.js';

/** Member import and export; ADMIN only. Registered before `/members/:id` so its paths win. */
@ApiTags('members')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('members')
export class MemberFilesController {
  constructor(
    private readonly imports: ImportService,
    private readonly exports: ExportService,
  ) {}

  @Post('import')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileUpload('file', MAX_IMPORT_BYTES, 'IMPORT_FILE_TOO_LARGE'))
  async startImport(
    @CurrentUser() principal: Principal,
    @UploadedFile() file: UploadedFileContent | undefined,
    @Req() request: Request,
  ): Promise<ImportJobView> {
    const job = await this.imports.start(principal.tenantId, principal.userId, file);
    return toImportJobView(job, languageOf(request));
  }

  @Get('import/:jobId')
  async importStatus(
    @CurrentUser() principal: Principal,
    @Param('jobId', RecordIdPipe) jobId: string,
    @Req() request: Request,
  ): Promise<ImportJobView> {
    return toImportJobView(await this.imports.find(principal.tenantId, jobId), languageOf(request));
  }

  @Get('export')
  async export(
    @CurrentUser() principal: Principal,
    @Query() query: ExportMembersQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { format, ...filters } = query;
    await this.exports.stream(principal.tenantId, filters, format, languageOf(request), response);
  }
}
