import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '@gym/testing';

export interface ScrapeTarget {
  job: string;
  port: number;
}

export interface PrometheusServer {
  url: string;
  /** Runs an instant query and returns its vector result. */
  query(expression: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  close(): Promise<void>;
}

/** Runs Debian's promtool with `args` and `input` on stdin. */
export function promtool(args: string[], input?: string) {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Starts the `prometheus` binary on a free 127.0.0.1 port with a temporary data folder, scraping
 * each target every second under its own job name.
 */
export async function startPrometheus(targets: ScrapeTarget[]): Promise<PrometheusServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gym-prometheus-'));
  const port = await freePort();
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    scrape_configs: targets.map((target) => ({
      job_name: target.job,
      static_configs: [{ targets: [`127.0.0.1:${target.port}`] }],
    })),
  };
  writeFileSync(join(dataDir, 'prometheus.yml'), stringify(config));

  const output: string[] = [];
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dataDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  }
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited:\n${output.join('')}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`prometheus was not ready within 30 s:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    close,
    query: async (expression) => {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`query ${expression} failed: ${body.error}`);
      return body.data!.result;
    },
  };
}
