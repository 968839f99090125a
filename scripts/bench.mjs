// `npm run bench [-- <scenario>...]`: runs the benchmarks against the local PostgreSQL, RabbitMQ
// and Redis named in test.env and writes docs/benchmarks.md. Build first (`npm run bench` does).
import { resolve } from 'node:path';
import { loadTestEnv } from './test-env.mjs';

const root = resolve(import.meta.dirname, '..');
loadTestEnv(root);
const { main } = await import('../bench/dist/src/main.js');
process.exitCode = await main(process.argv.slice(2));
