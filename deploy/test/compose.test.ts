import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  envExample,
  platformProcesses,
  readText,
  readYaml,
  repositoryPath,
  type PlatformProcess,
} from './support/repository.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  env_file?: string[];
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  secrets?: { source: string; target: string }[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
}

const INFRASTRUCTURE = ['postgres', 'rabbitmq', 'redis'];
/** What `npm start -w <workspace>` runs, and so what the image's CMD must run. */
const START_COMMAND = 'node --enable-source-maps --import @gym/telemetry/register dist/src/main.js';

function workspaceScripts(dir: string): Record<string, string> {
  return (
    (JSON.parse(readText(dir, 'package.json')) as { scripts?: Record<string, string> }).scripts ??
    {}
  );
}

describe('docker compose stack', () => {
  let compose: ComposeFile;
  let processes: PlatformProcess[];
  const env = envExample();

  before(async () => {
    compose = readYaml<ComposeFile>('docker-compose.yml');
    processes = await platformProcesses();
  });

  test('each process builds from its workspace', () => {
    for (const entry of processes) {
      const service = compose.services[entry.name];
      assert.ok(service, `compose service ${entry.name}`);
      const port = env.get(entry.portVariable);
      assert.ok(port, `${entry.portVariable} in .env.example`);
      assert.equal(service.build?.dockerfile, 'deploy/docker/Dockerfile');
      assert.equal(service.build?.args?.SERVICE_DIR, entry.dir, `${entry.name} SERVICE_DIR`);
      assert.equal(service.build?.args?.SERVICE_PORT, port, `${entry.name} SERVICE_PORT`);
      assert.equal(service.environment?.PORT, port, `${entry.name} PORT`);
      assert.equal(service.environment?.OTEL_SERVICE_NAME, entry.name);
      assert.equal(workspaceScripts(entry.dir).start, START_COMMAND, `${entry.dir} npm start`);
    }
  });

  test('service URLs point at the compose services on their ports', () => {
    for (const entry of processes.filter((item) => item.name !== 'gateway')) {
      const variable = `${entry.name.toUpperCase()}_URL`;
      const expected = `http://${entry.name}:${env.get(entry.portVariable)}`;
      assert.equal(compose.services.gateway!.environment?.[variable], expected, variable);
    }
  });

  test('image runs npm start and migrate', () => {
    const dockerfile = readText('deploy/docker/Dockerfile');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    assert.ok(cmd, 'Dockerfile CMD');
    assert.equal((JSON.parse(cmd[1]!) as string[]).join(' '), START_COMMAND);

    const migrations = compose.services.migrations!;
    assert.match(migrations.command!.join(' '), /npm run migrate --prefix/);
    for (const entry of processes) {
      const hasMigrate = workspaceScripts(entry.dir).migrate !== undefined;
      assert.equal(hasMigrate, entry.migrations !== false, `${entry.dir} migrate script`);
      if (hasMigrate) assert.match(entry.dir, /^services\//, 'the migrations loop covers it');
    }
  });

  test('processes wait for migrations and dependencies', () => {
    for (const name of INFRASTRUCTURE) {
      assert.ok(compose.services[name]?.healthcheck?.test, `${name} healthcheck`);
    }
    for (const entry of processes) {
      const dependsOn = compose.services[entry.name]!.depends_on ?? {};
      assert.equal(dependsOn.migrations?.condition, 'service_completed_successfully');
      for (const name of INFRASTRUCTURE) {
        assert.equal(dependsOn[name]?.condition, 'service_healthy', `${entry.name} → ${name}`);
      }
    }
    assert.equal(compose.services.migrations!.depends_on?.postgres?.condition, 'service_healthy');
  });

  test('secrets come from generated files', () => {
    const generator = readText('scripts/compose-secrets.mjs');
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        assert.doesNotMatch(key, /PASSWORD|SECRET|TOKEN/, `${name} sets ${key} inline`);
        assert.doesNotMatch(String(value), /:\/\/[^/@]+:[^/@]+@/, `${name} ${key} has credentials`);
      }
      for (const file of service.env_file ?? []) assert.equal(file, '.compose/secrets.env');
    }
    for (const variable of ['DATABASE_URL', 'AMQP_URL', 'REDIS_URL', 'CODE_HASH_SECRET']) {
      assert.match(
        generator,
        new RegExp(`\`${variable}=`),
        `compose-secrets.mjs writes ${variable}`,
      );
    }
    assert.equal(compose.secrets['jwt-signing-key']!.file, '.compose/compose-1.pem');
    assert.match(readText('.gitignore'), /^\.compose\/$/m);
  });

  test('Prometheus and Grafana see every process', () => {
    const config = readYaml<{
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    }>('deploy/prometheus/prometheus.yml');
    const targets = config.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets),
    );
    for (const entry of processes) {
      assert.ok(targets.includes(`${entry.name}:${env.get(entry.portVariable)}`), entry.name);
    }
    assert.ok(
      compose.services.prometheus!.volumes!.includes(
        './deploy/prometheus/rules:/etc/prometheus/rules:ro',
      ),
    );
    assert.ok(
      compose.services.grafana!.volumes!.includes(
        './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ),
    );
  });

  test('Dockerfile: stages, non-root, liveness check', () => {
    const dockerfile = readText('deploy/docker/Dockerfile');
    assert.match(dockerfile, /^FROM \$\{NODE_IMAGE\} AS build$/m);
    assert.match(dockerfile, /^ARG NODE_IMAGE=node:24-slim$/m);
    assert.match(dockerfile, /^RUN npm ci /m);
    assert.match(dockerfile, /npx tsc -b/);
    assert.match(dockerfile, /npm prune --omit=dev/);
    assert.match(dockerfile, /^USER [1-9]\d*:[1-9]\d*$/m);
    assert.match(dockerfile, /^HEALTHCHECK .*\n.*\/health\/live/m);
  });
});

describe('scripts/compose-secrets.mjs', () => {
  test('generates a signing key and the secrets once', () => {
    const folder = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
    try {
      const run = () =>
        execFileSync(process.execPath, [repositoryPath('scripts/compose-secrets.mjs')], {
          env: { ...process.env, COMPOSE_SECRETS_DIR: folder },
        });
      run();
      const first = readFileSync(join(folder, 'secrets.env'), 'utf8');
      const key = createPrivateKey(readFileSync(join(folder, 'compose-1.pem')));
      assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
      assert.match(first, /^CODE_HASH_SECRET=[0-9a-f]{64}$/m);
      assert.match(first, /^DATABASE_URL=postgres:\/\/postgres:[0-9a-f]+@postgres:5432\/gym$/m);

      run();
      assert.equal(readFileSync(join(folder, 'secrets.env'), 'utf8'), first, 'kept on a rerun');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
