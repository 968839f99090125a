/**
 * Lets one log line per key through every `intervalMs`, and counts the ones held back, so an
 * outage that fails every request does not write a line per request.
 */
export class LogThrottle {
  private readonly lastLogged = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** Returns how many lines were held back since the last one when this one may be logged, else undefined. */
  admit(key: string, now = Date.now()): number | undefined {
    const last = this.lastLogged.get(key);
    if (last !== undefined && now - last < this.intervalMs) {
      this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
      return undefined;
    }

    const heldBack = this.suppressed.get(key) ?? 0;
    this.lastLogged.set(key, now);
    this.suppressed.delete(key);
    return heldBack;
  }
}
