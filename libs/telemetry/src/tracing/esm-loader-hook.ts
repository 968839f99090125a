import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import {
  register as registerInThread,
  supportsSyncHooks,
} from 'import-in-the-middle/register-hooks.mjs';

/**
 * Registers the import-in-the-middle loader hook, so that instrumentations can patch packages
 * that the service loads with `import` (Nest 12 and its adapters are ES modules). Returns the
 * function to await once the instrumentations are enabled, so that the service's first `import`
 * runs after the hook has every name.
 *
 * Where Node.js can run it, the hook runs in the application thread (`module.registerHooks`).
 * The older off-thread loader (`module.register`) starts a second V8 isolate (the gateway's idle
 * RSS was 25 MB higher with it) and pays a message round trip for every module resolved at start. That
 * loader receives the names of the modules to intercept over a message channel. The in-thread
 * hook takes them as `modules`, so it too leaves every other module alone.
 */
export function registerEsmLoaderHook(modules: string[]): () => Promise<void> {
  if (supportsSyncHooks()) {
    registerInThread({ include: modules });
    return () => Promise.resolve();
  }

  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  return waitForAllMessagesAcknowledged;
}
