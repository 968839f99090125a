import type { Provider } from '@nestjs/common';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../config.js';
import { PHOTO_STORAGE } from '../common/tokens.js';
import { LocalPhotoStorage } from './local-photo-storage.js';
import type { PhotoStorage } from './photo-storage.js';

/**
 * The photo storage PHOTO_STORAGE selects: `local` (PHOTO_STORAGE_DIR) or `s3` (S3_*). The S3
 * driver is imported only when selected, so a service on local storage never loads the AWS SDK.
 */
export const photoStorageProvider: Provider = {
  provide: PHOTO_STORAGE,
  inject: [MEMBERSHIP_CONFIG],
  useFactory: async (config: MembershipConfig): Promise<PhotoStorage> => {
    if (config.PHOTO_STORAGE !== 's3') return new LocalPhotoStorage(config.PHOTO_STORAGE_DIR);

    const { S3PhotoStorage } = await import('./s3-photo-storage.js');
    return S3PhotoStorage.create({
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION!,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  },
};
