import type { Figure } from '../report/results.js';
import type { BenchSettings } from '../settings.js';

export interface ScenarioContext {
  settings: BenchSettings;
  log(message: string): void;
}

export interface ScenarioOutcome {
  figures: Figure[];
  notes: string[];
}

export interface Scenario {
  id: string;
  title: string;
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}
