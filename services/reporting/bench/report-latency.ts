import { performance } from 'node:perf_hooks';
import { seedVolume, type Volume } from './seed-volume.js';
import { startReporting } from '../test/support/reporting-harness.js';

/**
 * Measures the latency of every reporting route for one tenant with a large history, through
 * HTTP on 127.0.0.1 with token verification, one request at a time.
 * Run: npx tsc -b services/reporting && npm run bench -w @gym/reporting
 */
const volume: Volume = {
  payments: Number(process.env.BENCH_PAYMENTS ?? 2_000_000),
  members: Number(process.env.BENCH_MEMBERS ?? 100_000),
  branches: 5,
  products: 100,
  days: 730,
  lastDay: '2026-03-31',
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const harness = await startReporting();
try {
  harness.clock.set('2026-03-15T09:00:00Z');
  const tenant = await harness.createTenant();
  const started = performance.now();
  const { branches } = await seedVolume(harness.dataSource, tenant.tenantId, volume);
  process.stdout.write(
    `Seeded ${volume.payments} payments and ${volume.members} members in ${Math.round((performance.now() - started) / 1000)} s\n`,
  );

  const routes = [
    '/api/v1/dashboard/summary',
    `/api/v1/dashboard/summary?branchId=${branches[0]}`,
    '/api/v1/dashboard/monthly-members?months=24',
    '/api/v1/reports/revenue?month=2026-03',
    '/api/v1/reports/revenue-trend?months=24',
    '/api/v1/reports/products?from=2025-04-01&to=2026-03-31',
    '/api/v1/reports/products?from=2026-03-01&to=2026-03-31',
  ];
  process.stdout.write('| route | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- |\n');
  for (const route of routes) {
    const timings: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const start = performance.now();
      const response = await harness.request(route, { token: tenant.adminToken });
      if (response.status !== 200)
        throw new Error(`${route} answered ${response.status}: ${response.text}`);
      if (round >= WARMUP) timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    const format = (value: number) => value.toFixed(1);
    process.stdout.write(
      `| ${route.replace(branches[0]!, '<branch>')} | ${format(percentile(timings, 0.5))} | ${format(percentile(timings, 0.95))} | ${format(timings.at(-1)!)} |\n`,
    );
  }
} finally {
  await harness.close();
}
