import { Injectable } from '@nestjs/common';

/**
 * Where rollout plans read the time: bake times, next actions and their history. A provider of
 * its own so tests move time forward instead of sleeping through bake times.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
