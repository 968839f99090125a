import express, { type NextFunction, type Request, type Response } from 'express';
import secureJson from 'secure-json-parse';
import { AppException } from './app.exception.js';
import { sendError } from './send-error.js';
import { findUnsafeInput } from './unsafe-input.js';

const jsonTypes = ['application/json', 'application/*+json'];

/**
 * Express middleware that parses JSON bodies and rejects `__proto__`, `constructor` and
 * `prototype` keys with FORBIDDEN_KEY; malformed JSON gets MALFORMED_JSON, bodies over `limit`
 * PAYLOAD_TOO_LARGE, bodies of another or no content type UNSUPPORTED_MEDIA_TYPE, and bodies
 * nested too deep or holding NUL or unpaired surrogates VALIDATION_FAILED, each sent directly in
 * the error contract.
 */
export function jsonBodyParser(options: { limit: string }) {
  const readText = express.text({ type: jsonTypes, limit: options.limit });

  return (request: Request, response: Response, next: NextFunction): void => {
    if (hasContent(request) && !request.is(jsonTypes)) {
      sendError(request, response, new AppException('UNSUPPORTED_MEDIA_TYPE'));
      return;
    }
    readText(request, response, (error?: unknown) => {
      if (error) {
        const mapped = mapReadError(error);
        if (mapped) {
          sendError(request, response, mapped);
        }
        return;
      }
      if (typeof request.body !== 'string') {
        next();
        return;
      }
      if (request.body.trim() === '') {
        request.body = undefined;
        next();
        return;
      }
      try {
        request.body = secureJson.parse(request.body, undefined, {
          protoAction: 'error',
          constructorAction: 'error',
        });
      } catch (parseError) {
        const forbiddenKey =
          parseError instanceof SyntaxError && /prototype|constructor/i.test(parseError.message);
        sendError(
          request,
          response,
          new AppException(forbiddenKey ? 'FORBIDDEN_KEY' : 'MALFORMED_JSON'),
        );
        return;
      }

      // Checked here rather than only in the validation pipe, because interceptors (the
      // idempotency fingerprint among them) read the body before pipes run.
      const unsafe = findUnsafeInput(request.body, 'body');
      if (unsafe) {
        sendError(request, response, new AppException('VALIDATION_FAILED', {}, [unsafe]));
        return;
      }
      next();
    });
  };
}

/**
 * True when the request carries body bytes. A `Content-Length: 0` request has none, so it needs
 * no content type (clients send that header on bodiless POSTs).
 */
function hasContent(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || length > 0;
}

/** Maps body-parser's error types to our codes; an aborted request gets no response at all. */
function mapReadError(error: unknown): AppException | undefined {
  const type = (error as { type?: string }).type;
  if (type === 'request.aborted') return undefined;
  if (type === 'entity.too.large') return new AppException('PAYLOAD_TOO_LARGE');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppException('UNSUPPORTED_MEDIA_TYPE');
  }
  return new AppException('MALFORMED_JSON');
}
