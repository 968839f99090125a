import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LogLine {
  raw: string;
  /** The line parsed as JSON, when it is a pino line. */
  json?: Record<string, unknown>;
}

const OUTPUT_TAIL_LINES = 60;

/**
 * A Node process of the project (a service or the gateway) started by a test, with its output
 * lines kept for assertions and for the error message when it fails to start.
 */
export class ChildService {
  readonly lines: LogLine[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Exit code of the last run; null while running or after a kill by signal. */
  exitCode: number | null = null;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  /** The process id while the process runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child) return;
    const child = spawn(process.execPath, this.args, {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exitCode = null;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        if (this.child === child) this.child = undefined;
        resolve();
      }),
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (raw) => this.lines.push(parseLine(raw)));
    }
  }

  /** Resolves with the first line, already printed or to come, that matches. */
  async waitForLine(
    matches: (line: LogLine) => boolean,
    { timeoutMs = 30_000, after = 0 } = {},
  ): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.lines.slice(after).find(matches);
      if (found) return found;
      if (!this.child) {
        throw new Error(`${this.name} exited before the expected line. Output:\n${this.tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `${this.name} printed no expected line within ${timeoutMs} ms:\n${this.tail()}`,
    );
  }

  /** Polls `<baseUrl>/health/ready` until it returns 2xx; fails when the process exits first. */
  async waitUntilReady(baseUrl: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.name} exited during startup. Output:\n${this.tail()}`);
      }
      try {
        const response = await fetch(`${baseUrl}/health/ready`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms. Output:\n${this.tail()}`);
  }

  /** Sends `signal` without waiting for the exit. */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Resolves with the exit code once the process exits; rejects after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`${this.name} did not exit within ${timeoutMs} ms:\n${this.tail()}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.exited, timeout]);
      return this.exitCode;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends SIGTERM and waits for the exit; SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  tail(): string {
    return this.lines
      .slice(-OUTPUT_TAIL_LINES)
      .map((line) => line.raw)
      .join('\n');
  }
}

function parseLine(raw: string): LogLine {
  try {
    const json = JSON.parse(raw) as unknown;
    return json !== null && typeof json === 'object'
      ? { raw, json: json as Record<string, unknown> }
      : { raw };
  } catch {
    return { raw };
  }
}
