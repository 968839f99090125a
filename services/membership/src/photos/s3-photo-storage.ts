import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertPhotoKey, type PhotoStorage, type StoredPhoto } from './photo-storage.js';

export interface S3PhotoStorageOptions {
  bucket: string;
  region: string;
  /** Endpoint of an S3-compatible store (MinIO, Ceph); absent for AWS S3. */
  endpoint?: string;
  forcePathStyle?: boolean;
}

/**
 * Keeps photos in an S3-compatible bucket. NOTE: tests check only the requests it sends; it has
 * not run against a real bucket. Credentials come from the AWS SDK's default chain
 * (environment, shared config, container or instance role), never from this service's config.
 */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static create(options: S3PhotoStorageOptions): S3PhotoStorage {
    const client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
    });
    return new S3PhotoStorage(client, options.bucket);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertPhotoKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
        CacheControl: 'private, max-age=3600',
      }),
    );
  }

  async get(key: string): Promise<StoredPhoto | undefined> {
    assertPhotoKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      const bytes = await object.Body!.transformToByteArray();
      return {
        body: Buffer.from(bytes),
        contentType: object.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertPhotoKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
