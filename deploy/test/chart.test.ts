import assert from 'node:assert/strict';
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import {
  envExample,
  listFiles,
  platformProcesses,
  readText,
  readYaml,
  repositoryPath,
  type PlatformProcess,
} from './support/repository.js';
import {
  mergeValues,
  templateReferences,
  valueAt,
  type TemplateReference,
} from './support/template-paths.js';

const CHART = 'charts/gym-platform';

type Values = Record<string, any>;

/** The range variables of the templates and the values each one is bound to. */
function variableBindings(values: Values): Map<string, unknown[]> {
  const services = Object.values(values.services as Record<string, Values>).map((entry) =>
    mergeValues(values.serviceDefaults as Values, entry),
  );
  return new Map<string, unknown[]>([
    ['svc', services],
    ['rule', Object.values(values.networkPolicy.egress as Values)],
  ]);
}

describe('Helm chart charts/gym-platform', () => {
  let values: Values;
  let processes: PlatformProcess[];
  let validate: ReturnType<Ajv['compile']>;
  const templates = readdirSync(repositoryPath(CHART, 'templates')).map((name) => ({
    name,
    text: readText(CHART, 'templates', name),
  }));

  before(async () => {
    values = readYaml<Values>(CHART, 'values.yaml');
    processes = await platformProcesses();
    const schema = JSON.parse(readText(CHART, 'values.schema.json')) as object;
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  });

  test('values files match values.schema.json', () => {
    assert.equal(validate(values), true, JSON.stringify(validate.errors));
    for (const file of listFiles(`${CHART}/ci`, /-values\.yaml$/)) {
      const merged = mergeValues(values, readYaml<Values>(file));
      assert.equal(validate(merged), true, `${file}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test('the schema rejects invalid values', () => {
    const invalid: [string, Values][] = [
      ['an unknown top-level key', { ...values, replicaCount: 3 }],
      ['a negative replica count', mergeValues(values, { serviceDefaults: { replicas: -1 } })],
      [
        'a service without a port',
        mergeValues(values, { services: { lockers: { enabled: true } } }),
      ],
      [
        'an unknown dependency',
        mergeValues(values, { serviceDefaults: { dependencies: ['mysql'] } }),
      ],
      ['external secrets without a name', mergeValues(values, { secrets: { create: false } })],
      ['a log level typo', mergeValues(values, { config: { LOG_LEVEL: 'verbose' } })],
    ];
    for (const [what, candidate] of invalid) {
      assert.equal(validate(candidate), false, `the schema rejects ${what}`);
    }
  });

  test('template values paths exist', () => {
    const bindings = variableBindings(values);
    const references: TemplateReference[] = templates.flatMap((template) =>
      templateReferences(template.name, template.text),
    );
    assert.ok(
      references.some((reference) => reference.root === 'svc'),
      'range loops are checked',
    );

    const missing: string[] = [];
    for (const reference of references) {
      const targets = reference.root === 'Values' ? [values] : bindings.get(reference.root);
      if (!targets) continue;
      for (const target of targets) {
        if (valueAt(target, reference.path) === undefined) {
          missing.push(`${reference.file}: ${reference.root}.${reference.path.join('.')}`);
        }
      }
    }
    assert.deepEqual([...new Set(missing)], []);
  });

  test('service settings merge without sprig merge', () => {
    const helpers = templates
      .find((template) => template.name === '_helpers.tpl')!
      .text.replace(/\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g, '');
    // sprig's merge and mergeOverwrite skip false values, so `enabled: false` would be lost.
    assert.doesNotMatch(helpers, /\b(mergeOverwrite|merge)\b/);
    assert.match(helpers, /include "gym\.deepMerge"/);
  });

  test('services match .env.example and migrations', () => {
    const env = envExample();
    for (const entry of processes) {
      const service = mergeValues(values.serviceDefaults, values.services[entry.name] ?? {});
      assert.ok(values.services[entry.name], `services.${entry.name}`);
      assert.equal(String(service.port), env.get(entry.portVariable), `${entry.name} port`);
      assert.equal(service.migrations, entry.migrations !== false, `${entry.name} migrations`);
    }
  });

  test('pods run restricted and non-root', () => {
    assert.equal(values.podSecurityContext.runAsNonRoot, true);
    assert.equal(values.podSecurityContext.seccompProfile.type, 'RuntimeDefault');
    assert.equal(values.containerSecurityContext.readOnlyRootFilesystem, true);
    assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(values.containerSecurityContext.capabilities.drop, ['ALL']);
    for (const name of ['deployment.yaml', 'migrations.yaml']) {
      const text = templates.find((template) => template.name === name)!.text;
      assert.match(text, /containerSecurityContext/, `${name} sets the container context`);
      assert.match(text, /mountPath: \/tmp/, `${name} mounts a writable /tmp`);
    }
  });

  test('probes use live and ready endpoints', () => {
    const deployment = templates.find((template) => template.name === 'deployment.yaml')!.text;
    assert.match(deployment, /startupProbe:\n\s+httpGet: \{ path: \/health\/live, port: http \}/);
    assert.match(deployment, /livenessProbe:\n\s+httpGet: \{ path: \/health\/live, port: http \}/);
    assert.match(
      deployment,
      /readinessProbe:\n\s+httpGet: \{ path: \/health\/ready, port: http \}/,
    );
    assert.match(deployment, /checksum\/config:/);
    assert.match(deployment, /checksum\/secret:/);
    const startup = values.serviceDefaults.probes.startup;
    assert.ok(startup.periodSeconds * startup.failureThreshold >= 300, 'five minutes to start');
  });

  test('migration hook objects precede the Jobs', () => {
    const text = templates.find((template) => template.name === 'migrations.yaml')!.text;
    const documents = text.split(/^---$/m);
    const weightOf = (kind: string) =>
      documents
        .filter((document) => new RegExp(`^kind: ${kind}$`, 'm').test(document))
        .map((document) => {
          assert.match(document, /helm\.sh\/hook: pre-install,pre-upgrade/, `${kind} is a hook`);
          return Number(/helm\.sh\/hook-weight: '(-?\d+)'/.exec(document)?.[1]);
        });
    const jobWeights = weightOf('Job');
    assert.equal(jobWeights.length, 1);
    for (const kind of ['Secret', 'ConfigMap', 'ServiceAccount']) {
      const weights = weightOf(kind);
      assert.equal(weights.length, 1, `one ${kind} hook`);
      assert.ok(weights[0]! < jobWeights[0]!, `${kind} is created before the Jobs`);
    }
    assert.match(text, /command: \[npm, run, migrate\]/);
  });

  test('chart monitoring files link to deploy/', () => {
    assert.equal(
      realpathSync(repositoryPath(CHART, 'files/dashboards')),
      repositoryPath('deploy/grafana/dashboards'),
    );
    assert.equal(
      realpathSync(repositoryPath(CHART, 'files/rules')),
      repositoryPath('deploy/prometheus/rules'),
    );
    const dashboards = readdirSync(repositoryPath(CHART, 'files/dashboards'));
    assert.ok(dashboards.includes('platform-overview.json'));
    assert.ok(readFileSync(repositoryPath(CHART, 'files/rules/gym-platform.rules.yml')).length);
  });

  test('NOTES.txt, Chart.yaml and the helpers exist', () => {
    const chart = readYaml<{ apiVersion: string; name: string }>(CHART, 'Chart.yaml');
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'gym-platform');
    const names = templates.map((template) => template.name);
    for (const name of [
      'NOTES.txt',
      '_helpers.tpl',
      'pdb.yaml',
      'hpa.yaml',
      'networkpolicy.yaml',
    ]) {
      assert.ok(names.includes(name), name);
    }
  });
});
