import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { PHOTO_STORAGE, PINO_LOGGER } from '../common/tokens.js';
import { Member } from '../members/member.entity.js';
import { lockCurrentMember } from '../members/member-lookup.js';
import { detectPhotoType } from './photo-type.js';
import type { PhotoStorage, StoredPhoto } from './photo-storage.js';

/** Stores and reads member photos through the configured storage. */
@Injectable()
export class PhotosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Stores a new photo under a fresh key, then points the member at it; the old object is
   * deleted after the commit. A failure before the commit leaves an unreferenced object behind.
   */
  async replace(tenantId: string, memberId: string, bytes: Buffer | undefined): Promise<void> {
    if (!bytes || bytes.length === 0) {
      throw new AppException('PHOTO_MISSING');
    }
    const contentType = await detectPhotoType(bytes);
    if (!contentType) {
      throw new AppException('PHOTO_TYPE_UNSUPPORTED');
    }

    const key = `${tenantId}/members/${memberId}/${randomUUID()}`;
    await this.assertCurrentMember(tenantId, memberId);
    await this.storage.put(key, bytes, contentType);
    const previousKey = await this.dataSource.transaction(async (manager) => {
      const member = await lockCurrentMember(manager, tenantId, memberId);
      const previous = member.photoKey;
      member.photoKey = key;
      member.photoContentType = contentType;
      await manager.save(member);
      return previous;
    });

    if (previousKey) {
      await this.storage
        .delete(previousKey)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, memberId, key: previousKey },
            'Deleting a replaced photo failed',
          ),
        );
    }
  }

  async read(tenantId: string, memberId: string): Promise<StoredPhoto> {
    const member = await this.dataSource
      .getRepository(Member)
      .findOneBy({ id: memberId, tenantId });
    const photo = member?.photoKey ? await this.storage.get(member.photoKey) : undefined;
    if (!photo) {
      throw new AppException('NOT_FOUND');
    }
    return photo;
  }

  /** Checks the member before the upload, so a rejected request stores no object. */
  private async assertCurrentMember(tenantId: string, memberId: string): Promise<void> {
    const member = await this.dataSource
      .getRepository(Member)
      .findOneBy({ id: memberId, tenantId });
    if (!member) {
      throw new AppException('NOT_FOUND');
    }
    if (member.archivedAt) {
      throw new AppException('MEMBER_ARCHIVED');
    }
  }
}
