import { Injectable } from '@nestjs/common';

/** Whether this instance is shutting down: it then reports not-ready so traffic moves elsewhere. */
@Injectable()
export class Lifecycle {
  private isDraining = false;

  startDraining(): void {
    this.isDraining = true;
  }

  get draining(): boolean {
    return this.isDraining;
  }
}
