import { basename } from 'node:path';
import { listFiles, readText, readYaml } from './repository.js';

export interface RuleFile {
  groups: {
    name: string;
    rules: {
      record?: string;
      alert?: string;
      expr: string;
      annotations?: Record<string, string>;
    }[];
  }[];
}

export const RULE_FOLDER = 'deploy/prometheus/rules';
export const RULE_TEST_FOLDER = 'deploy/prometheus/tests';
export const DASHBOARD_FOLDER = 'deploy/grafana/dashboards';

export function ruleFiles(): string[] {
  return listFiles(RULE_FOLDER, /\.ya?ml$/);
}

export function rules(): RuleFile['groups'][number]['rules'] {
  return ruleFiles().flatMap((file) =>
    readYaml<RuleFile>(file).groups.flatMap((group) => group.rules),
  );
}

export interface Dashboard {
  /** File name without `.json`: a process name for a per-service dashboard. */
  name: string;
  file: string;
  uid: string;
  title: string;
  expressions: string[];
}

interface Panel {
  targets?: { expr?: string }[];
  panels?: Panel[];
}

function panelExpressions(panels: Panel[] = []): string[] {
  return panels.flatMap((panel) => [
    ...(panel.targets ?? []).flatMap((target) => (target.expr ? [target.expr] : [])),
    ...panelExpressions(panel.panels),
  ]);
}

export function dashboards(): Dashboard[] {
  return listFiles(DASHBOARD_FOLDER, /\.json$/).map((file) => {
    const json = JSON.parse(readText(file)) as { uid: string; title: string; panels?: Panel[] };
    return {
      name: basename(file, '.json'),
      file,
      uid: json.uid,
      title: json.title,
      expressions: panelExpressions(json.panels),
    };
  });
}
