import { UnknownSchemaVersionError } from '../errors/index.js';
import { type EventType, eventCatalogue, isEventType } from './event-catalogue.js';

/**
 * Turns the data of one stored schema version of an event type into the next version's shape.
 * Upcasting happens on read; stored bytes (and so the hash chain) are never rewritten.
 *
 * @example
 * ```ts
 * const renameApprovedBy: Upcaster = {
 *   type: 'DueDateRevised',
 *   fromVersion: 1,
 *   upcast: ({ approvedBy, ...rest }: any) => ({ ...rest, approver: approvedBy }),
 * };
 * ```
 */
export interface Upcaster {
  /** The event type whose stored data this upcaster reads. */
  readonly type: EventType;
  /** The stored schema version it reads; it returns data in the shape of `fromVersion + 1`. */
  readonly fromVersion: number;
  /** Returns the data in the next version's shape. Must be pure: it runs on every read. */
  upcast(data: unknown): unknown;
}

/**
 * The registered upcasters, applied step by step from a stored version to the current one.
 *
 * @example
 * ```ts
 * const chain = new UpcasterChain([renameApprovedBy]);
 * chain.toCurrent('DueDateRevised', 1, storedData);
 * ```
 */
export class UpcasterChain {
  readonly #steps = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.#steps.set(`${upcaster.type}@${upcaster.fromVersion}`, upcaster);
  }

  /** True when no upcaster is registered (the common case, and the fast path). */
  get isEmpty(): boolean {
    return this.#steps.size === 0;
  }

  /** Brings `data` stored at `schemaVersion` to the current version of `type`. */
  toCurrent(type: string, schemaVersion: number, data: unknown): unknown {
    const current = isEventType(type) ? eventCatalogue[type].schemaVersion : undefined;
    if (current === undefined || schemaVersion === current) return data;
    let version = schemaVersion;
    let value = data;
    while (version < current) {
      const step = this.#steps.get(`${type}@${version}`);
      if (step === undefined) throw new UnknownSchemaVersionError(type, schemaVersion, current);
      value = step.upcast(value);
      version += 1;
    }
    if (version !== current) throw new UnknownSchemaVersionError(type, schemaVersion, current);
    return value;
  }
}
