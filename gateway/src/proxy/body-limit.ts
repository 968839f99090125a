import { Transform, type TransformCallback } from 'node:stream';

/** Raised by ByteLimit once more bytes than allowed have passed. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Passes bytes through unchanged and fails with PayloadTooLargeError once their total exceeds
 * `limitBytes`. Bodies sent without Content-Length (chunked) are bounded this way.
 */
export class ByteLimit extends Transform {
  private receivedBytes = 0;

  constructor(private readonly limitBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.receivedBytes += chunk.length;
    if (this.receivedBytes > this.limitBytes) {
      callback(new PayloadTooLargeError(this.limitBytes));
      return;
    }
    callback(null, chunk);
  }
}

/** Returns whether the declared Content-Length is above the limit (false without one). */
export function declaresTooLargeBody(
  contentLength: string | undefined,
  limitBytes: number,
): boolean {
  if (contentLength === undefined) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limitBytes;
}
