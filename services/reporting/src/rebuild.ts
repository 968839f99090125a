import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { BrokerConnection, resolveMessagingOptions, RpcClient } from '@gym/messaging';
import { rebuildConfigSchema } from './config.js';
import { reportingDataSourceOptions } from './database/data-source-options.js';
import { rebuildReadModels } from './rebuild/read-model-rebuild.js';

const usage = `Usage: npm run rebuild -w @gym/reporting -- [--tenant <uuid>]
  Wipes reporting's read models (of one tenant, or of every tenant) and rebuilds them from the
  current state that identity, membership and billing replay. Those services must be running.`;

/** Exit status for a command line error (EX_USAGE). */
const EXIT_USAGE = 64;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseTenant(): string | undefined {
  const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
  if (values.tenant !== undefined && !UUID_PATTERN.test(values.tenant)) {
    throw new Error(`Invalid tenant id "${values.tenant}": expected a UUID`);
  }
  return values.tenant;
}

let tenantId: string | undefined;
try {
  tenantId = parseTenant();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(EXIT_USAGE);
}

const config = loadConfigOrExit(rebuildConfigSchema);
const logger = createLogger({ serviceName: 'reporting-rebuild', level: config.LOG_LEVEL });
const dataSource = new DataSource(reportingDataSourceOptions(config));
const messaging = resolveMessagingOptions({
  url: config.AMQP_URL,
  serviceName: `${config.AMQP_QUEUE_PREFIX}reporting-rebuild`,
  exchange: config.AMQP_EVENTS_EXCHANGE,
  logger,
});
const connection = new BrokerConnection(messaging);
const rpcClient = new RpcClient(connection, messaging);

try {
  await dataSource.initialize();
  await connection.start();
  await rpcClient.start();
  const summary = await rebuildReadModels(dataSource, connection, rpcClient, {
    tenantId,
    queuePrefix: config.AMQP_QUEUE_PREFIX,
    ownerTimeoutMs: config.REBUILD_OWNER_TIMEOUT_MS,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} catch (error) {
  logger.fatal({ err: error }, 'Rebuilding the read models failed');
  process.exitCode = 1;
} finally {
  await rpcClient.stop().catch(() => undefined);
  await connection.close().catch(() => undefined);
  await dataSource.destroy().catch(() => undefined);
}
