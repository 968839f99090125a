import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listFiles, readText, readYaml, repositoryPath } from './support/repository.js';
import { RULE_TEST_FOLDER, ruleFiles, rules } from './support/observability-files.js';
import { promtool } from './support/prometheus-server.js';

/** The alerts the platform must have: one per failure an operator acts on. */
const REQUIRED_ALERTS = [
  'GymServiceDown',
  'GymHighErrorRatio',
  'GymLatencySLOBreach',
  'GymOutboxBacklogOld',
  'GymDeadLetterQueueNotEmpty',
  'GymJobFailed',
  'GymCircuitBreakerOpen',
];

interface RuleTests {
  tests: { alert_rule_test?: { alertname: string }[] }[];
}

describe('Prometheus rules', () => {
  test('promtool check rules accepts every rule file', () => {
    const files = ruleFiles().map((file) => repositoryPath(file));
    assert.ok(files.length > 0, 'rule files exist');
    const check = promtool(['check', 'rules', ...files]);
    assert.equal(check.status, 0, check.output);
  });

  test('promtool test rules passes every rule unit test', () => {
    const files = listFiles(RULE_TEST_FOLDER, /\.ya?ml$/).map((file) => repositoryPath(file));
    assert.ok(files.length > 0, 'rule unit tests exist');
    const check = promtool(['test', 'rules', ...files]);
    assert.equal(check.status, 0, check.output);
  });

  test('required alerts have summary and runbook', () => {
    const alerts = rules().filter((rule) => rule.alert);
    assert.deepEqual(
      REQUIRED_ALERTS.filter((name) => !alerts.some((rule) => rule.alert === name)),
      [],
    );
    for (const rule of alerts) {
      assert.ok(rule.annotations?.summary, `${rule.alert} has a summary`);
      assert.equal(
        rule.annotations?.runbook,
        `docs/observability.md#${rule.alert!.toLowerCase()}`,
        `${rule.alert} names its runbook`,
      );
    }
  });

  test('every alert has a unit test and runbook section', () => {
    const tests = listFiles(RULE_TEST_FOLDER, /\.ya?ml$/).flatMap(
      (file) => readYaml<RuleTests>(file).tests,
    );
    const tested = new Set(
      tests.flatMap((entry) => (entry.alert_rule_test ?? []).map((check) => check.alertname)),
    );
    const runbooks = readText('docs/observability.md');
    for (const rule of rules().filter((item) => item.alert)) {
      assert.ok(tested.has(rule.alert!), `${rule.alert} has a rule unit test`);
      assert.match(runbooks, new RegExp(`^### ${rule.alert}$`, 'm'), `${rule.alert} runbook`);
    }
  });
});
