import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { AppException } from '@gym/errors';
import type { Request, Response } from 'express';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { IdempotencyStore } from './idempotency-store.js';
import {
  runIdempotentRequest,
  serializeResponse,
  type IdempotentRequest,
} from './idempotent-response.js';
import { IDEMPOTENCY_OPTIONS, type ResolvedIdempotencyOptions } from './idempotency.options.js';
import { requestFingerprint } from './request-fingerprint.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set to `true` on a response that replays the stored response of an earlier request. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const KEY_PATTERN = /^[\x21-\x7e]+$/;

interface AuthenticatedRequest extends Request {
  user?: { tenantId?: string; userId?: string };
}

/**
 * Makes a route idempotent under the Idempotency-Key header, scoped to the caller's tenant and
 * user from the verified token. The first request runs the handler and stores its status and
 * body; a repeat with the same method, path and body replays them. A handler that raises frees
 * the key, so a corrected retry with the same key runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: ResolvedIdempotencyOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const key = readKey(request);
    const scope = readScope(request, key);
    const path = (request.originalUrl ?? request.url).split('?')[0]!;
    const fingerprint = requestFingerprint(request.method, path, request.body);

    return from(this.store.begin(scope, fingerprint)).pipe(
      mergeMap((decision) => {
        if (decision.kind === 'replay') {
          response.status(decision.status);
          response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
          return of(decision.body === '' ? undefined : JSON.parse(decision.body));
        }
        const claim: IdempotentRequest = {
          id: decision.id,
          status: response.statusCode,
          store: this.store,
        };
        const handled = new Observable<unknown>((subscriber) =>
          runIdempotentRequest(claim, () => next.handle().subscribe(subscriber)),
        );
        return handled.pipe(
          mergeMap((result) => from(this.finish(claim, response.statusCode, result))),
          catchError((error: unknown) =>
            from(this.fail(decision.id)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  /**
   * Stores the response, unless the handler stored it in its transaction with
   * recordIdempotentResponse, and returns the body as a replay will send it.
   * NOTE: a handler that does not call recordIdempotentResponse commits before this runs. If the
   * process dies in between, the key is freed after lockTimeoutMs and a retry runs it again.
   */
  private async finish(claim: IdempotentRequest, status: number, result: unknown) {
    const body = serializeResponse(result);
    if (!claim.recorded) await this.store.complete(claim.id, status, body);
    return body === '' ? undefined : (JSON.parse(body) as unknown);
  }

  private async fail(id: string): Promise<void> {
    await this.store
      .release(id)
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error, idempotencyKeyId: id },
          'Releasing the Idempotency-Key of a failed request failed; it stays locked until its lock timeout',
        ),
      );
  }
}

function readKey(request: Request): string {
  const raw = request.headers[IDEMPOTENCY_KEY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key.trim() === '') throw new AppException('IDEMPOTENCY_KEY_REQUIRED');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new AppException('IDEMPOTENCY_KEY_INVALID', { maxLength: MAX_IDEMPOTENCY_KEY_LENGTH });
  }
  return key;
}

function readScope(request: AuthenticatedRequest, key: string) {
  const { tenantId, userId } = request.user ?? {};
  if (!tenantId || !userId) {
    throw new Error(
      'IdempotencyInterceptor needs an authenticated request with user.tenantId and user.userId',
    );
  }
  return { tenantId, userId, key };
}
