// Applies every service's migrations against the development environment (or the one given).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { developmentEnv, root } from './dev-env.mjs';
import { services } from './services.mjs';

const env = developmentEnv();

/** Creates the development database when it does not exist yet (local PostgreSQL only). */
async function ensureDatabase(databaseUrl) {
  const target = new URL(databaseUrl);
  const name = target.pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`Created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

if (env.NODE_ENV !== 'production') {
  await ensureDatabase(env.DATABASE_URL);
}

for (const service of services.filter((entry) => entry.migrations !== false)) {
  const result = spawnSync(process.execPath, [join(root, service.dir, 'dist/src/migrate.js')], {
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`Migrations of ${service.name} failed`);
    process.exit(result.status ?? 1);
  }
}
