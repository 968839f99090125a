import type { ChildService } from './child-service.js';

/**
 * Polls `<baseUrl>/health/ready` until it answers 2xx, as a load balancer would before sending
 * traffic. Fails early when the process exits, with its last output lines.
 */
export async function waitUntilReady(
  baseUrl: string,
  service: ChildService,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running) {
      throw new Error(`${service.name} exited during startup. Output:\n${service.tail()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `${service.name} was not ready within ${timeoutMs} ms. Output:\n${service.tail()}`,
  );
}
