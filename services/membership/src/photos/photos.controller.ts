import {
  Controller,
  Get,
  HttpCode,
  Param,
  Put,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentTenant } from '@gym/auth';
import { FileUpload } from '../common/file-upload.interceptor.js';
import { RecordIdPipe } from '@gym/http';
import type { UploadedFileContent } from '../common/uploaded-file.js';
import { MAX_PHOTO_BYTES } from './photo-type.js';
import { MemberBranchGuard } from '../members/member-branch.guard.js';
import { PhotosService } from './photos.service.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(MemberBranchGuard)
@Controller('members/:id/photo')
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Put()
  @HttpCode(204)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileUpload('file', MAX_PHOTO_BYTES, 'PHOTO_TOO_LARGE'))
  async upload(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) memberId: string,
    @UploadedFile() file: UploadedFileContent | undefined,
  ): Promise<void> {
    await this.photos.replace(tenantId, memberId, file?.buffer);
  }

  @Get()
  async download(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) memberId: string,
    @Res() response: Response,
  ): Promise<void> {
    const photo = await this.photos.read(tenantId, memberId);
    response
      .status(200)
      .setHeader('Content-Type', photo.contentType)
      .setHeader('Cache-Control', 'private, max-age=300')
      .setHeader('X-Content-Type-Options', 'nosniff')
      .end(photo.body);
  }
}
