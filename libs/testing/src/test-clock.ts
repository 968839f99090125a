/** A clock that follows real time until a test sets it to a fixed instant. */
export class TestClock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  set(instant: string | Date): void {
    this.fixed = new Date(instant);
  }

  reset(): void {
    this.fixed = undefined;
  }
}
