import express, { type NextFunction, type Request, type Response } from 'express';
import secureJson from 'secure-json-parse';
import { AppException } from './app.exception.js';
import { sendError } from './send-error.js';

const jsonTypes = ['application/json', 'application/*+json'];

/**
 * Express middleware that parses JSON bodies and rejects `__proto__`, `constructor` and
 * `prototype` keys with FORBIDDEN_KEY; malformed JSON gets MALFORMED_JSON and bodies over
 * `limit` PAYLOAD_TOO_LARGE, answered directly in the error contract.
 */
export function jsonBodyParser(options: { limit: string }) {
  const readText = express.text({ type: jsonTypes, limit: options.limit });

  return (request: Request, response: Response, next: NextFunction): void => {
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
        next();
      } catch (parseError) {
        const forbiddenKey =
          parseError instanceof SyntaxError && /prototype|constructor/i.test(parseError.message);
        sendError(
          request,
          response,
          new AppException(forbiddenKey ? 'FORBIDDEN_KEY' : 'MALFORMED_JSON'),
        );
      }
    });
  };
}

/** Maps body-parser's error types to our codes; an aborted request gets no answer at all. */
function mapReadError(error: unknown): AppException | undefined {
  const type = (error as { type?: string }).type;
  if (type === 'request.aborted') return undefined;
  if (type === 'entity.too.large') return new AppException('PAYLOAD_TOO_LARGE');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppException('UNSUPPORTED_MEDIA_TYPE');
  }
  return new AppException('MALFORMED_JSON');
}
