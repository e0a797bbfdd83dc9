import { ValidationError, type ValidationIssue } from '../errors/index.js';

/**
 * Refuses an engine's options that are not an object, or that have a key not in `allowed`, with
 * a `ValidationError` naming each unknown key (a misspelt `durabilty` must not silently mean the
 * default). `example` shows the shape expected, in the message for a non-object.
 *
 * @example
 * ```ts
 * checkOptionKeys({ file: 'plan.db', durabilty: 'full' }, ['file', 'durability'], 'sqliteStore options', '{ file: "plan.db" }'); // throws
 * ```
 */
export function checkOptionKeys(
  options: unknown,
  allowed: readonly string[],
  where: string,
  example: string,
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(`The ${where} must be an object such as ${example}.`, [
      { path: [], message: 'must be an object' },
    ]);
  }
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  throw new ValidationError(
    `The ${where} have ${unknown.length === 1 ? 'an unknown key' : 'unknown keys'} ${unknown.map((key) => `'${key}'`).join(', ')}; known keys: ${allowed.join(', ')}.`,
    unknown.map((key) => ({ path: [key], message: 'unknown key' })),
  );
}

/**
 * The problems with the options every engine takes alike (`clock`, `maxClockJumpDays`,
 * `upcasters`), as issues to report with the engine's own; `upcasterChain` says `upcasters` is
 * already an `UpcasterChain`, which needs no check.
 *
 * @example
 * ```ts
 * const issues = commonStoreOptionIssues({ maxClockJumpDays: 0 }, false); // [{ path: ['maxClockJumpDays'], … }]
 * ```
 */
export function commonStoreOptionIssues(
  options: Readonly<Record<string, unknown>>,
  upcasterChain: boolean,
): ValidationIssue[] {
  const { clock, maxClockJumpDays, upcasters } = options;
  const issues: ValidationIssue[] = [];
  if (clock !== undefined && typeof clock !== 'function') {
    issues.push({ path: ['clock'], message: 'must be a function returning a Date' });
  }
  if (
    maxClockJumpDays !== undefined &&
    !(Number.isSafeInteger(maxClockJumpDays) && (maxClockJumpDays as number) >= 1)
  ) {
    issues.push({ path: ['maxClockJumpDays'], message: 'must be a whole number of days, at least 1' });
  }
  if (upcasters !== undefined && !upcasterChain) {
    if (!Array.isArray(upcasters))
      issues.push({ path: ['upcasters'], message: 'must be a list of upcasters' });
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
  return issues;
}
