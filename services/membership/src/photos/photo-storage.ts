/** A stored photo: its bytes and the content type it was stored with. */
export interface StoredPhoto {
  body: Buffer;
  contentType: string;
}

/**
 * Storage of member photos: the local filesystem in development, an S3-compatible object store
 * in production. Keys are `<tenantId>/members/<memberId>/<uuid>`.
 */
export interface PhotoStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Returns undefined when no object has the key. */
  get(key: string): Promise<StoredPhoto | undefined>;
  /** Deletes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[0-9a-f-]{36}\/members\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Rejects keys outside the scheme, so no caller can reach a path such as `../`. */
export function assertPhotoKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new Error(`Invalid photo key "${key}": expected <tenantId>/members/<memberId>/<uuid>`);
  }
}
