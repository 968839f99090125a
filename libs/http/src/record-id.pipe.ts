import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '@gym/errors';

/**
 * Parses the `:id` of a tenant's record. A malformed id raises 404 NOT_FOUND, the same as a
 * missing id or another tenant's id, so callers cannot tell these cases apart.
 */
@Injectable()
export class RecordIdPipe extends ParseUUIDPipe {
  constructor() {
    super({ exceptionFactory: () => new AppException('NOT_FOUND') });
  }
}
