/**
 * What the caller believes about a stream before appending to it:
 * an exact version, `'no-stream'` (must not exist), `'exists'` (must exist) or `'any'`.
 *
 * @example
 * ```ts
 * ledger.append('action:FP1922_02', events, { expectedVersion: 3 });
 * ```
 */
export type ExpectedVersion = number | 'no-stream' | 'exists' | 'any';
