import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dashboards } from './support/observability-files.js';
import { listFiles, platformProcesses, readText, readYaml } from './support/repository.js';

describe('Grafana dashboards', () => {
  test('overview, messaging and per-process boards exist', async () => {
    const names = dashboards().map((dashboard) => dashboard.name);
    const expected = [
      'platform-overview',
      'messaging',
      ...(await platformProcesses()).map((entry) => entry.name),
    ];
    assert.deepEqual(
      expected.filter((name) => !names.includes(name)),
      [],
    );
  });

  test('dashboards: unique uid, title and datasource variable', () => {
    const all = dashboards();
    assert.equal(new Set(all.map((dashboard) => dashboard.uid)).size, all.length);
    assert.equal(new Set(all.map((dashboard) => dashboard.title)).size, all.length);
    for (const dashboard of all) {
      assert.ok(dashboard.expressions.length > 0, `${dashboard.file} has queries`);
      const text = readText(dashboard.file);
      assert.doesNotMatch(
        text,
        /"uid": "(?!\$\{datasource\}|gym-)/,
        `${dashboard.file} datasources`,
      );
    }
  });

  test('a per-process board selects only its own job', () => {
    for (const dashboard of dashboards().filter(
      (item) => !['platform-overview', 'messaging'].includes(item.name),
    )) {
      for (const expression of dashboard.expressions) {
        assert.ok(
          expression.includes(`job="${dashboard.name}"`),
          `${dashboard.file}: ${expression}`,
        );
      }
    }
  });

  test('compose provisioning loads boards and Prometheus', () => {
    const files = listFiles('deploy/grafana/provisioning', /\.ya?ml$/);
    const providers = files.flatMap(
      (file) => readYaml<{ providers?: { options: { path: string } }[] }>(file).providers ?? [],
    );
    const datasources = files.flatMap(
      (file) => readYaml<{ datasources?: { type: string; uid: string }[] }>(file).datasources ?? [],
    );
    assert.ok(
      providers.some((provider) => provider.options.path === '/var/lib/grafana/dashboards'),
    );
    assert.ok(datasources.some((source) => source.type === 'prometheus'));
  });
});
