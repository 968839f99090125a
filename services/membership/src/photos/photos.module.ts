import { Module } from '@nestjs/common';
import { photoStorageProvider } from './photo-storage.provider.js';
import { PhotosController } from './photos.controller.js';
import { PhotosService } from './photos.service.js';

@Module({
  controllers: [PhotosController],
  providers: [PhotosService, photoStorageProvider],
})
export class PhotosModule {}
