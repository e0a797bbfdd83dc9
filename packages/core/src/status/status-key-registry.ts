import { describeValue } from '../errors/describe-value.js';
import { ValidationError } from '../errors/index.js';
import { builtInStatusKeys } from './built-in-status-keys.js';
import { defineStatusKey, type StatusKey } from './status-key.js';

/**
 * The status keys a ledger accepts: the built-ins plus an organisation's own. Immutable, so
 * the set in force cannot change between validating a command and recording its event.
 *
 * @example
 * ```ts
 * const keys: StatusKeyRegistry = createStatusKeyRegistry();
 * keys.require('rag').values; // ['Green', 'Amber', 'Red', 'Complete']
 * ```
 */
export interface StatusKeyRegistry {
  /** The key with this id, or `undefined`. */
  readonly get: (id: string) => StatusKey | undefined;
  /** The key with this id; throws ValidationError naming the id and the known ids. */
  readonly require: (id: string) => StatusKey;
  /** Whether a key with this id is registered. */
  readonly has: (id: string) => boolean;
  /** Every key: built-ins first, then extras in the order given. */
  readonly list: () => readonly StatusKey[];
}

/**
 * Creates a registry of the built-in keys plus `extra`. Extras are re-validated with
 * {@link defineStatusKey}, so hand-written object literals are accepted and frozen too.
 *
 * @throws ValidationError when an extra key is invalid or reuses an id (built-in or extra).
 * @example
 * ```ts
 * const keys = createStatusKeyRegistry([
 *   defineStatusKey({ id: 'brag', label: 'BRAG', values: ['Blue', 'Red', 'Amber', 'Green'], completedValue: 'Blue' }),
 * ]);
 * keys.get('brag')?.label; // 'BRAG'
 * ```
 */
export function createStatusKeyRegistry(extra: readonly StatusKey[] = []): StatusKeyRegistry {
  const byId = new Map<string, StatusKey>();
  for (const key of builtInStatusKeys) byId.set(key.id, key);
  extra.forEach((candidate, index) => {
    const key = defineStatusKey(candidate);
    if (byId.has(key.id)) {
      const message = `Duplicate status key id "${key.id}"`;
      throw new ValidationError(message, [{ path: [index, 'id'], message }]);
    }
    byId.set(key.id, key);
  });
  const keys = Object.freeze([...byId.values()]);

  return Object.freeze({
    get: (id: string) => byId.get(id),
    has: (id: string) => byId.has(id),
    require: (id: string) => {
      const key = byId.get(id);
      if (key === undefined) {
        const known = keys.map((known) => known.id).join(', ');
        const message = `Unknown status key ${describeValue(id)}; known keys: ${known}`;
        throw new ValidationError(message, [{ path: [], message }]);
      }
      return key;
    },
    list: () => keys,
  });
}
