import type { Request, Response } from 'express';

/** Bytes of a refused body the gateway reads and drops after its 413. */
const DISCARD_MAX_BYTES = 8 * 1024 * 1024;
/** Time the gateway keeps reading a refused body after its 413. */
const DISCARD_MAX_MS = 5_000;

/**
 * Prepares the connection of a request whose body is refused with 413. A client that is still
 * sending would fail on a closed socket before it reads the 413. The gateway therefore reads
 * and drops the rest of the body, up to DISCARD_MAX_BYTES and DISCARD_MAX_MS, and keeps the
 * connection once the body has ended. A body declared or sent past those bounds gets its
 * connection closed.
 */
export function discardRefusedBody(request: Request, response: Response): void {
  if (request.readableEnded) return;

  const declared = Number(request.headers['content-length']);
  if (declared > DISCARD_MAX_BYTES) {
    response.setHeader('Connection', 'close');
    return;
  }

  const socket = request.socket;
  const maxBytesRead = socket.bytesRead + DISCARD_MAX_BYTES;
  const closeConnection = () => {
    socket.off('data', checkBytes);
    socket.destroy();
  };
  const checkBytes = () => {
    if (socket.bytesRead <= maxBytesRead) return;
    clearTimeout(timer);
    closeConnection();
  };
  const timer = setTimeout(closeConnection, DISCARD_MAX_MS);
  timer.unref();

  socket.on('data', checkBytes);
  request.once('end', () => {
    clearTimeout(timer);
    socket.off('data', checkBytes);
  });
  request.resume();
}
