import type { HttpResult } from '@gym/stack';

/**
 * Repeats `attempt` until it answers `status`, for data that reaches another service as an
 * event a moment later; fails with the last answer after `timeoutMs`.
 */
export async function retryUntilStatus(
  status: number,
  attempt: () => Promise<HttpResult>,
  { timeoutMs = 20_000, intervalMs = 200 } = {},
): Promise<HttpResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await attempt();
    if (response.status === status) return response;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${status} within ${timeoutMs} ms, got ${response.status}: ${response.text}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
