import {
  mixin,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppException } from '@gym/errors';

/**
 * Reads one multipart file field into memory, at most `maxBytes`. A larger file raises
 * `tooLargeCode` (with `maxMegabytes`) instead of the generic payload error.
 */
export function FileUpload(
  field: string,
  maxBytes: number,
  tooLargeCode: string,
): Type<NestInterceptor> {
  const Base = FileInterceptor(field, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });

  class MappedFileInterceptor extends Base {
    override async intercept(
      context: ExecutionContext,
      next: CallHandler,
    ): Promise<Observable<unknown>> {
      try {
        return await super.intercept(context, next);
      } catch (error) {
        if (error instanceof PayloadTooLargeException) {
          throw new AppException(tooLargeCode, { maxMegabytes: maxBytes / (1024 * 1024) });
        }
        throw error;
      }
    }
  }
  return mixin(MappedFileInterceptor);
}
