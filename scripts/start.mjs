// `npm start`: builds what is stale, applies migrations, starts every service against the local
// PostgreSQL, RabbitMQ and Redis, waits until each is ready and prints how to try it.
// Ctrl-C (SIGINT) or SIGTERM stops every child gracefully.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { developmentEnv, root } from './dev-env.mjs';
import { services } from './services.mjs';

const env = developmentEnv();
const children = [];
let stopping = false;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${[command, ...args].join(' ')} failed with status ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

function startService(service) {
  const port = env[service.portVariable];
  const register = join(root, 'libs/telemetry/dist/src/register.js');
  const args = ['--enable-source-maps'];
  if (existsSync(register)) args.push('--import', register);
  args.push(join(root, service.dir, 'dist/src/main.js'));

  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: port, OTEL_SERVICE_NAME: service.name },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so a terminal's Ctrl-C reaches only this launcher, which then sends
    // each child exactly one SIGTERM.
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) =>
      console.log(`[${service.name}] ${line}`),
    );
  }
  child.on('exit', (code, signal) => {
    console.log(`[${service.name}] exited (${signal ?? code})`);
    if (!stopping) stop(1);
  });
  children.push(child);
  return { ...service, port };
}

async function waitUntilReady(service, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000} s`);
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log('Stopping every service...');
  for (const child of children) child.kill('SIGTERM');
  const forceTimer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 30_000);
  forceTimer.unref();
  Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve))),
    ),
  ).then(() => process.exit(exitCode));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
run(process.execPath, [join(root, 'scripts/migrate.mjs')]);

const started = services.map(startService);
try {
  await Promise.all(started.map((service) => waitUntilReady(service)));
} catch (error) {
  console.error(error.message);
  stop(1);
}

const identity = started.find((service) => service.name === 'identity');
const gateway = started.find((service) => service.name === 'gateway');
console.log(`
Ready. Clients use the gateway; the services behind it are listed for debugging.
  gateway    http://127.0.0.1:${gateway.port}   (API under /api/v1, docs at /api/docs)
  identity   http://127.0.0.1:${identity.port}
  mails      ${env.MAIL_DIR}

Try a signup (the code arrives as a file in ${env.MAIL_DIR}):
  curl -i -X POST http://127.0.0.1:${gateway.port}/api/v1/auth/signup/start \\
    -H 'content-type: application/json' \\
    -d '{"email":"owner@example.com","password":"Kule-Demir-42!x","fullName":"Ayşe Yılmaz","gymName":"Çınar Spor"}'

Press Ctrl-C to stop.`);
