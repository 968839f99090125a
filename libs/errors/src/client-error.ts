import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildErrorResponse } from './error-response.js';

/**
 * Idle time after which a server closes a keep-alive connection. Node's agent and undici close
 * an idle socket a second before the `Keep-Alive: timeout` the server sends, and a client that
 * reuses a socket in the moment the server closes it gets ECONNRESET (the gateway then answers
 * 503). A long timeout makes such closes, and so the race, rare; 65 s also outlasts the 60 s idle
 * timeout common in load balancers.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Sets the keep-alive timeouts of `server` and answers parser errors with `answerClientErrors`. */
export function configureHttpServer(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the headers timeout to exceed the keep-alive timeout.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  answerClientErrors(server);
}

/**
 * Answers requests that Node's HTTP parser rejects before any handler runs (a request line or
 * headers over the size limit, broken syntax) with the error contract instead of Node's bodiless
 * response: 431 HEADERS_TOO_LARGE or 400 MALFORMED_REQUEST, in Turkish because the headers that
 * would choose the language were not parsed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }

    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      ...buildErrorResponse({
        status,
        code: tooLarge ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST',
        language: 'tr',
        path: '/',
      }),
      requestId: randomUUID(),
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
