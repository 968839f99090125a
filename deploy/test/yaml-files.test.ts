import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  listFiles,
  platformProcesses,
  readText,
  readYaml,
  readYamlDocuments,
} from './support/repository.js';

/** YAML files outside node_modules and build output; chart templates are Go templates, not YAML. */
function yamlFiles(): string[] {
  return ['.github', 'deploy', 'charts', '.']
    .flatMap((folder) =>
      listFiles(folder, /\.ya?ml$/).filter(
        (file) => !/(^|\/)(node_modules|dist|\.git)\//.test(file) && !file.includes('/templates/'),
      ),
    )
    .filter((file, index, all) => all.indexOf(file) === index);
}

describe('YAML files', () => {
  test('every YAML file parses', () => {
    const files = yamlFiles();
    for (const required of [
      'docker-compose.yml',
      'skaffold.yaml',
      'charts/gym-platform/values.yaml',
    ]) {
      assert.ok(files.includes(required), `${required} is checked`);
    }
    for (const file of files) {
      assert.doesNotThrow(() => readYamlDocuments(file), file);
    }
  });

  test('skaffold: every image, dev and prod profiles', async () => {
    const skaffold = readYaml<{
      build: { artifacts: { image: string; docker: { buildArgs: Record<string, string> } }[] };
      deploy: {
        helm: { releases: { chartPath: string; setValueTemplates: Record<string, string> }[] };
      };
      profiles: { name: string }[];
    }>('skaffold.yaml');
    for (const entry of await platformProcesses()) {
      const artifact = skaffold.build.artifacts.find(
        (item) => item.image === `gym-platform-${entry.name}`,
      );
      assert.ok(artifact, `artifact of ${entry.name}`);
      assert.equal(artifact.docker.buildArgs.SERVICE_DIR, entry.dir);
      assert.ok(
        skaffold.deploy.helm.releases[0]!.setValueTemplates[`image.overrides.${entry.name}`],
      );
    }
    assert.equal(skaffold.deploy.helm.releases[0]!.chartPath, 'charts/gym-platform');
    const text = readText('skaffold.yaml');
    for (const profile of ['dev', 'prod']) {
      assert.ok(
        skaffold.profiles.some((item) => item.name === profile),
        profile,
      );
      assert.match(
        text,
        new RegExp(`# ${profile}: .+\\n(\\s*#.*\\n)*\\s+- name: ${profile}\\n`),
        `${profile} comment`,
      );
    }
  });

  test('chart workflow: lint, render, kind, upgrade', () => {
    const workflow = readYaml<{ jobs: Record<string, { steps: { run?: string }[] }> }>(
      '.github/workflows/chart.yml',
    );
    const script = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.map((step) => step.run ?? ''))
      .join('\n');
    for (const command of [
      'helm lint',
      'helm template',
      'kubeconform',
      'helm install',
      'helm upgrade',
      'kind load',
    ]) {
      assert.ok(script.includes(command), command);
    }
    assert.match(script, /test "\$failed" -eq 0/);
  });
});
