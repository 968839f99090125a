import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfigOrExit, positiveInt, z } from '@gym/config';
import { createLogger } from '@gym/logging';
import { databaseConfigSchema } from './config.js';
import { billingDataSourceOptions } from './database/data-source-options.js';
import { runSubscriptionJob } from './jobs/subscription-status.job.js';
import { changeSubscriptionStatus } from './subscription/subscription-changes.js';
import {
  subscriptionStatuses,
  type SubscriptionStatus,
} from './subscription/subscription.entity.js';

const usage = `Usage: npm run ops -w @gym/billing -- <command>
  set-status <tenantId> <${subscriptionStatuses.join('|')}>
      Sets a tenant's platform subscription status and publishes
      billing.subscription.status-changed through the outbox.
  run-subscription-job
      Moves ended trials to PAST_DUE and long overdue tenants to SUSPENDED once.
  A running billing service publishes the outbox events.`;

/** Exit status for a command line error (EX_USAGE). */
const EXIT_USAGE = 64;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Command =
  | { name: 'set-status'; tenantId: string; status: SubscriptionStatus }
  | { name: 'run-subscription-job' };

function parseCommand(): Command {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [name, ...rest] = positionals;
  if (name === 'set-status' && rest.length === 2) {
    const [tenantId, status] = rest as [string, string];
    if (!UUID_PATTERN.test(tenantId))
      throw new Error(`Invalid tenant id "${tenantId}": expected a UUID\n${usage}`);
    if (!subscriptionStatuses.includes(status as SubscriptionStatus)) {
      throw new Error(
        `Invalid status "${status}": expected one of ${subscriptionStatuses.join(', ')}\n${usage}`,
      );
    }
    return { name, tenantId, status: status as SubscriptionStatus };
  }
  if (name === 'run-subscription-job' && rest.length === 0) return { name };
  throw new Error(usage);
}

let command: Command;
try {
  command = parseCommand();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(EXIT_USAGE);
}

const config = loadConfigOrExit(
  databaseConfigSchema.extend({ PAST_DUE_SUSPEND_AFTER_DAYS: positiveInt(14) }) as z.ZodType<
    z.infer<typeof databaseConfigSchema> & { PAST_DUE_SUSPEND_AFTER_DAYS: number }
  >,
);
const logger = createLogger({ serviceName: 'billing-ops', level: config.LOG_LEVEL });
const dataSource = new DataSource(billingDataSourceOptions(config));

try {
  await dataSource.initialize();
  if (command.name === 'set-status') {
    const { tenantId, status } = command;
    const previous = await dataSource.transaction((manager) =>
      changeSubscriptionStatus(manager, tenantId, status, 'operator'),
    );
    if (previous === undefined) {
      process.stderr.write(`Tenant ${tenantId} has no subscription; check the tenant id\n`);
      process.exitCode = 1;
    } else {
      logger.info(
        { tenantId, status, previousStatus: previous },
        'Subscription status set by an operator',
      );
      process.stdout.write(`${JSON.stringify({ tenantId, previousStatus: previous, status })}\n`);
    }
  } else {
    const settings = { suspendAfterDays: config.PAST_DUE_SUSPEND_AFTER_DAYS };
    const outcome = await runSubscriptionJob(dataSource, logger, settings, new Date());
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  }
} catch (error) {
  logger.fatal({ err: error }, 'Operator command failed');
  process.exitCode = 1;
} finally {
  await dataSource.destroy().catch(() => undefined);
}
