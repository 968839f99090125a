import { baselinesScenario } from './baselines.js';
import { gatewayOverheadScenario } from './gateway-overhead.js';
import { memberImportScenario } from './member-import.js';
import { memberSearchScenario } from './member-search.js';
import { paymentWriteScenario } from './payment-write.js';
import { reportLagScenario } from './report-lag.js';
import { reportScaleScenario } from './report-scale.js';
import type { Scenario } from './scenario.js';
import { stackReadyScenario } from './stack-ready.js';

/** Every scenario, in the order `npm run bench` runs them and the report lists them. */
export const scenarios: Scenario[] = [
  baselinesScenario,
  gatewayOverheadScenario,
  paymentWriteScenario,
  memberImportScenario,
  memberSearchScenario,
  reportLagScenario,
  reportScaleScenario,
  stackReadyScenario,
];
