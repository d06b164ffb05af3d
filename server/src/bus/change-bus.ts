import type { ReleaseEvent, ReleaseListener } from './release-event.js';

/** An environment changed: its version is now `version`. Carried between server instances. */
export interface ChangeEvent {
  readonly projectId: string;
  readonly environmentId: string;
  readonly version: number;
  /** When the change committed (epoch ms), for the propagation-delay metric; absent from older senders. */
  readonly committedAt?: number;
}

export type BusKind = 'redis' | 'memory';
export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Change notifications between server instances. Delivery is best-effort by design: instances
 * also re-check environment versions on an interval, so a lost message delays but never drops
 * an update.
 */
export interface ChangeBus {
  readonly kind: BusKind;
  /**
   * Tells every instance, this one included; an instance may hear one event more than once, so
   * listeners treat an event for a version they know as nothing new.
   */
  publish(event: ChangeEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void;
  /** Release records (deployment status, health) travel apart from environment changes. */
  publishRelease(event: ReleaseEvent): Promise<void>;
  subscribeReleases(listener: ReleaseListener): () => void;
  /** Resolves when the bus can carry messages now; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The shared listener registry of both buses: listeners never break each other or the bus. */
export class ChangeListeners<E = ChangeEvent> {
  private readonly listeners = new Set<(event: E) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Parses a message from the wire; anything malformed is refused rather than half-trusted. */
export function parseChangeEvent(raw: string): ChangeEvent | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { projectId, environmentId, version, committedAt } = value as Record<string, unknown>;
    if (typeof projectId !== 'string' || typeof environmentId !== 'string') return undefined;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return undefined;
    if (typeof committedAt === 'number' && Number.isFinite(committedAt)) {
      return { projectId, environmentId, version, committedAt };
    }
    return { projectId, environmentId, version };
  } catch {
    return undefined;
  }
}
