import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ChildApp {
  process: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with the exit code and signal, whenever the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node <args>` and waits for the "listening <port>" line the fixture prints. Fails with
 * the process output when the line does not come within `timeoutMs`.
 */
export async function startChildApp(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<ChildApp> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));

  const port = await waitForPort(() => output, exited, timeoutMs);
  if (port === undefined) {
    child.kill('SIGKILL');
    throw new Error(
      `Child app did not print "listening <port>" within ${timeoutMs} ms:\n${output}`,
    );
  }
  return { process: child, port, output: () => output, exited };
}

async function waitForPort(
  output: () => string,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<number | undefined> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline && !hasExited) {
    const match = /listening (\d+)/.exec(output());
    if (match) {
      return Number(match[1]);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}
