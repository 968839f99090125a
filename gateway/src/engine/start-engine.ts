import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayRuntime } from '../runtime/gateway-runtime.js';
import { buildEngineConfig } from './engine-config.js';
import { routeEngineLogsToPino } from './engine-logs.js';
import { installPluginRuntime } from './plugin-runtime.js';

interface ExpressGatewayMain {
  load(configPath: string): ExpressGatewayMain;
  run(): Promise<[{ app: Server }, unknown]>;
}

const require = createRequire(import.meta.url);

/**
 * Starts express-gateway with our plugin: writes its config files into a temporary folder,
 * starts the HTTP server and returns it once it listens. The folder is removed after startup
 * because the engine has read everything it needs and does not watch it.
 */
export async function startEngine(runtime: GatewayRuntime): Promise<Server> {
  const configFolder = await writeEngineConfigFolder(runtime);
  try {
    installPluginRuntime(runtime);
    process.env.EG_DISABLE_CONFIG_WATCH = 'true';
    routeEngineLogsToPino(runtime.logger, runtime.config.LOG_LEVEL);

    const expressGateway = require('express-gateway') as () => ExpressGatewayMain;
    const [gateway] = await expressGateway().load(configFolder).run();
    return gateway.app;
  } finally {
    await rm(configFolder, { recursive: true, force: true });
  }
}

async function writeEngineConfigFolder(runtime: GatewayRuntime): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'gym-gateway-'));
  const engineConfig = buildEngineConfig({
    config: runtime.config,
    services: runtime.services,
    pluginPath: fileURLToPath(new URL('./gym-plugin.js', import.meta.url)),
  });

  // The engine requires its schemas of users, applications and credentials to be present.
  const engineModels = join(dirname(require.resolve('express-gateway')), 'config', 'models');
  await cp(engineModels, join(folder, 'models'), { recursive: true });
  await writeFile(join(folder, 'system.config.json'), JSON.stringify(engineConfig.system), {
    mode: 0o600,
  });
  await writeFile(join(folder, 'gateway.config.json'), JSON.stringify(engineConfig.gateway));
  return folder;
}
