import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';

/**
 * Registers the import-in-the-middle loader hook, so that instrumentations can patch packages
 * that the service loads with `import` (Nest 12 and its adapters are ES modules). The hook only
 * intercepts the modules that the instrumentations hook, because the message channel sends it
 * their names. Returns the function to await once the instrumentations are enabled, so that the
 * service's first `import` runs after the hook knows every name.
 */
export function registerEsmLoaderHook(): () => Promise<void> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();

  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  return waitForAllMessagesAcknowledged;
}
