import type { GatewayRuntime } from '../runtime/gateway-runtime.js';

let installed: GatewayRuntime | undefined;

/**
 * Hands the runtime to the plugin module. express-gateway loads the plugin by path and calls its
 * `init` without arguments of ours, so the runtime travels through this module, which the plugin
 * and the starter share.
 */
export function installPluginRuntime(runtime: GatewayRuntime): void {
  installed = runtime;
}

export function pluginRuntime(): GatewayRuntime {
  if (!installed) {
    throw new Error('The gateway runtime is not installed: start the gateway with startEngine()');
  }
  return installed;
}
