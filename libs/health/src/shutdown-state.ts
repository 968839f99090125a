import { Injectable } from '@nestjs/common';

/** Whether the process has begun to shut down; readiness reports 503 from then on. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }
}
