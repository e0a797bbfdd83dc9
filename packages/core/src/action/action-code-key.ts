/**
 * The form in which two action codes are compared: codes are letters, digits and `. _ / -`
 * (ASCII), and `DC02` and `dc02` name the same action, so a code's key is its upper-case
 * spelling. The ledger refuses to register a code whose key is taken, and the importer matches a
 * row to the action with the same key; the code itself is kept as first registered.
 *
 * @example
 * ```ts
 * actionCodeKey('dc02') === actionCodeKey('DC02'); // true
 * ```
 */
export function actionCodeKey(code: string): string {
  return code.toUpperCase();
}
