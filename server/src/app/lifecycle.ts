import { Injectable } from '@nestjs/common';

/** Whether this instance is shutting down: it then reports not-ready so traffic moves elsewhere. */
@Injectable()
export class Lifecycle {
  private drainingSince: Date | undefined;

  startDraining(): void {
    this.drainingSince ??= new Date();
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }
}
