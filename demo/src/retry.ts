import { ApiError } from './gateway-client.js';

/**
 * Runs `action` again while it fails with one of `codes`: the answer of a service whose replica
 * of another service's data (a new branch, a new member) has not arrived yet.
 */
export async function retryWhileReplicaLags<T>(
  action: () => Promise<T>,
  codes: readonly string[],
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      const lagging = error instanceof ApiError && codes.includes(error.code ?? '');
      if (!lagging || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
