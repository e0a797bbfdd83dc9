import { ValidationError, type ValidationIssue } from '../errors/index.js';

// better-sqlite3 takes the busy timeout as a 32-bit signed integer of milliseconds.
const MAX_BUSY_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Checks the options of `openLedger` / `openReadonlyLedger` before anything is opened, so a
 * wrong type is a {@link ValidationError} rather than a TypeError from better-sqlite3, and a
 * misspelt `durability` is refused rather than silently meaning `'normal'`.
 *
 * @example
 * ```ts
 * validateOpenOptions({ file: 'plan.db', durability: 'FULL' }); // throws VALIDATION_FAILED
 * ```
 */
export function validateOpenOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('The ledger options must be an object such as { file: "plan.db" }.', [
      { path: [], message: 'must be an object' },
    ]);
  }
  const { file, readonly, durability, busyTimeoutMs, statusKeys, upcasters, clock, maxClockJumpDays } =
    options as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: [path], message });
  if (typeof file !== 'string' || file === '') issue('file', 'must be the path of the database file');
  if (readonly !== undefined && typeof readonly !== 'boolean') issue('readonly', 'must be true or false');
  if (durability !== undefined && durability !== 'full' && durability !== 'normal') {
    issue('durability', "must be 'full' or 'normal'");
  }
  if (
    busyTimeoutMs !== undefined &&
    !(
      Number.isSafeInteger(busyTimeoutMs) &&
      (busyTimeoutMs as number) >= 0 &&
      (busyTimeoutMs as number) <= MAX_BUSY_TIMEOUT_MS
    )
  ) {
    issue('busyTimeoutMs', `must be a whole number of milliseconds from 0 to ${MAX_BUSY_TIMEOUT_MS}`);
  }
  if (statusKeys !== undefined && !Array.isArray(statusKeys))
    issue('statusKeys', 'must be a list of status keys');
  if (upcasters !== undefined) {
    if (!Array.isArray(upcasters)) issue('upcasters', 'must be a list of upcasters');
    else {
      upcasters.forEach((upcaster: unknown, index) => {
        const { type, fromVersion, upcast } = (upcaster ?? {}) as Record<string, unknown>;
        if (typeof type !== 'string' || !Number.isSafeInteger(fromVersion) || typeof upcast !== 'function') {
          issues.push({
            path: ['upcasters', index],
            message: 'must be { type, fromVersion, upcast } with a function upcast',
          });
        }
      });
    }
  }
  if (clock !== undefined && typeof clock !== 'function')
    issue('clock', 'must be a function returning a Date');
  if (
    maxClockJumpDays !== undefined &&
    !(Number.isSafeInteger(maxClockJumpDays) && (maxClockJumpDays as number) >= 1)
  ) {
    issue('maxClockJumpDays', 'must be a whole number of days, at least 1');
  }
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`The ledger options are invalid; nothing was opened: ${summary}`, issues);
  }
}
