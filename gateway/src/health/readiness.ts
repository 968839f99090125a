/** One dependency the gateway needs before it takes traffic. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Shaped like @nestjs/terminus responses, as the services' probes are. */
  body: {
    status: 'ok' | 'error';
    info: Record<string, { status: 'up' }>;
    error: Record<string, { status: 'down'; message: string }>;
  };
}

/** Runs every readiness check with a time limit; reports not ready once shutdown has begun. */
export class Readiness {
  private shuttingDown = false;

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs: number,
  ) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async evaluate(): Promise<ReadinessReport> {
    const body: ReadinessReport['body'] = { status: 'ok', info: {}, error: {} };
    if (this.shuttingDown) {
      body.error.shutdown = { status: 'down', message: 'Shutdown in progress' };
    }

    const results = await Promise.all(
      this.checks.map(async (check) => ({ check, failure: await this.run(check) })),
    );
    for (const { check, failure } of results) {
      if (failure === undefined) body.info[check.name] = { status: 'up' };
      else body.error[check.name] = { status: 'down', message: failure };
    }

    const ready = Object.keys(body.error).length === 0;
    body.status = ready ? 'ok' : 'error';
    return { ready, body };
  }

  /** Returns the failure message, or undefined when the check passed in time. */
  private async run(check: ReadinessCheck): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`Timed out after ${this.timeoutMs} ms`), this.timeoutMs);
    });
    const outcome = check.check().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    try {
      return await Promise.race([outcome, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
