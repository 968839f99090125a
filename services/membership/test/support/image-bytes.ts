/** A 1×1 transparent PNG. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The start of a JFIF JPEG: SOI marker and an APP0 segment. */
export const jpegBytes = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'binary'),
  Buffer.alloc(64, 0),
]);

/** A RIFF container of kind WEBP with a VP8 chunk header. */
export const webpBytes = Buffer.concat([
  Buffer.from('RIFF', 'ascii'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 ', 'ascii'),
  Buffer.alloc(64, 0),
]);

/** A Windows executable header (MZ, then a PE offset), as a renamed .exe starts. */
export const exeBytes = Buffer.concat([
  Buffer.from('MZ', 'ascii'),
  Buffer.alloc(126, 0),
  Buffer.from('PE\0\0', 'binary'),
  Buffer.alloc(64, 0),
]);

/** Multipart form with one file field, as a browser sends it. */
export function fileForm(
  bytes: Buffer,
  fileName: string,
  contentType: string,
  field = 'file',
): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  return form;
}
