// Loads test.env into process.env for the variables not already set: the local PostgreSQL,
// RabbitMQ and Redis that the tests and benchmarks create their own names under.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadTestEnv(root) {
  for (const line of readFileSync(join(root, 'test.env'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) {
      process.env[match[1]] = match[2];
    }
  }
}
