import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import type { FactoryProvider } from '@nestjs/common';
import type { MembershipConfig } from '../../src/config.js';
import { LocalPhotoStorage } from '../../src/photos/local-photo-storage.js';
import { photoStorageProvider } from '../../src/photos/photo-storage.provider.js';
import { S3PhotoStorage } from '../../src/photos/s3-photo-storage.js';

const createStorage = (photoStorageProvider as FactoryProvider).useFactory;

describe('photoStorageProvider', () => {
  it('builds S3 storage for s3', async () => {
    const config = { PHOTO_STORAGE: 's3', S3_BUCKET: 'photos', S3_REGION: 'eu-central-1' };

    const storage = await createStorage(config as MembershipConfig);

    assert.ok(storage instanceof S3PhotoStorage);
  });

  it('builds local storage for local', async () => {
    const config = { PHOTO_STORAGE: 'local', PHOTO_STORAGE_DIR: tmpdir() };

    const storage = await createStorage(config as MembershipConfig);

    assert.ok(storage instanceof LocalPhotoStorage);
  });
});
