import { join } from 'node:path';
import { ChildService } from '@gym/stack';

export interface BareServer {
  baseUrl: string;
  service: ChildService;
  /** Time from spawning the process to its first listening line. */
  startupMs: number;
  close(): Promise<void>;
}

/** Starts the bare fixed-JSON server as a child process and waits until it listens. */
export async function startBareServer(): Promise<BareServer> {
  const script = join(import.meta.dirname, 'bare-server.js');
  const service = new ChildService('bare-http', [script], {});
  const startedAt = Date.now();
  service.start();
  const line = await service.waitForLine((candidate) => candidate.json?.msg === 'listening', {
    timeoutMs: 10_000,
  });
  return {
    baseUrl: `http://127.0.0.1:${String(line.json!.port)}`,
    service,
    startupMs: Date.now() - startedAt,
    close: () => service.stop(),
  };
}
