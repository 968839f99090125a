import { fileTypeFromBuffer } from 'file-type';

/** Photo formats accepted, by the MIME type file-type detects from the bytes. */
export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'];

/** Largest photo in bytes. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Returns the photo's MIME type detected from its first bytes (magic numbers), or undefined when
 * it is not a JPEG, PNG or WebP. The file name and the declared content type are ignored.
 */
export async function detectPhotoType(bytes: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && photoContentTypes.includes(detected.mime) ? detected.mime : undefined;
}
