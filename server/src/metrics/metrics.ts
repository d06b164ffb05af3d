import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What SDK delivery counts (DeliveryStats), read when Prometheus scrapes. */
export interface DeliveryFigures {
  readonly openStreams: number;
  readonly streamsOpenedTotal: number;
  readonly slowStreamsTotal: number;
  readonly snapshotBuildsTotal: number;
  readonly snapshotIncrementalBuildsTotal: number;
  readonly snapshotMemoryHitsTotal: number;
  readonly snapshotStoreHitsTotal: number;
  readonly secretsLeftOutTotal: number;
  readonly snapshotEventsTotal: number;
  readonly patchEventsTotal: number;
}

const NO_DELIVERY: DeliveryFigures = {
  openStreams: 0,
  streamsOpenedTotal: 0,
  slowStreamsTotal: 0,
  snapshotBuildsTotal: 0,
  snapshotIncrementalBuildsTotal: 0,
  snapshotMemoryHitsTotal: 0,
  snapshotStoreHitsTotal: 0,
  secretsLeftOutTotal: 0,
  snapshotEventsTotal: 0,
  patchEventsTotal: 0,
};

/**
 * Every Prometheus instrument of one server instance, in its own registry (tests run several
 * servers in one process). Counters are `…_total`, durations in seconds. Delivery keeps its own
 * plain counters on the hot path; they are copied in when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  private delivery: DeliveryFigures = NO_DELIVERY;

  readonly httpRequestDuration = new Histogram({
    name: 'flagstaff_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly busReconnects = new Counter({
    name: 'flagstaff_bus_reconnects_total',
    help: 'Reconnections of the change bus to Redis',
    registers: [this.registry],
  });

  readonly propagationDelay = new Histogram({
    name: 'flagstaff_propagation_delay_seconds',
    help: 'From a change committing (on any instance) to this instance hearing of it on the bus',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly evaluationsReported = new Counter({
    name: 'flagstaff_evaluations_reported_total',
    help: 'Flag evaluations SDKs reported through /sdk/v1/events (of flags that exist)',
    registers: [this.registry],
  });

  readonly rolloutPlanTransitions = new Counter({
    name: 'flagstaff_rollout_plan_transitions_total',
    help: 'Rollout plan transitions this instance made, by kind (started, advanced, paused, …) and cause',
    labelNames: ['kind', 'cause'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'flagstaff_' });
    const figures = () => this.delivery;
    new Gauge({
      name: 'flagstaff_streams_open',
      help: 'SDK streams (Server-Sent Events) open on this instance',
      registers: [this.registry],
      collect() {
        this.set(figures().openStreams);
      },
    });
    const counted: Array<[string, string, (f: DeliveryFigures) => number]> = [
      ['flagstaff_streams_opened_total', 'SDK streams accepted', (f) => f.streamsOpenedTotal],
      [
        'flagstaff_streams_slow_total',
        'Times a stream fell behind and was caught up with one event',
        (f) => f.slowStreamsTotal,
      ],
      ['flagstaff_snapshot_builds_total', 'Snapshots built from the database', (f) => f.snapshotBuildsTotal],
      [
        'flagstaff_snapshot_incremental_builds_total',
        'Snapshots built from the version before, reading only what changed',
        (f) => f.snapshotIncrementalBuildsTotal,
      ],
      [
        'flagstaff_snapshot_memory_hits_total',
        'Snapshots served from this instance’s memory',
        (f) => f.snapshotMemoryHitsTotal,
      ],
      [
        'flagstaff_snapshot_store_hits_total',
        'Snapshots another instance built, found in Redis',
        (f) => f.snapshotStoreHitsTotal,
      ],
      [
        'flagstaff_secrets_left_out_total',
        'Secrets that could not be decrypted and were left out of a snapshot',
        (f) => f.secretsLeftOutTotal,
      ],
      [
        'flagstaff_stream_snapshot_events_total',
        'snapshot events written to streams',
        (f) => f.snapshotEventsTotal,
      ],
      ['flagstaff_stream_patch_events_total', 'patch events written to streams', (f) => f.patchEventsTotal],
    ];
    for (const [name, help, read] of counted) {
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(read(figures()));
        },
      });
    }
  }

  /** Where delivery's counters are read from once the application is up. */
  observeDelivery(figures: DeliveryFigures): void {
    this.delivery = figures;
  }
}
