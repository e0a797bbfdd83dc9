/** Where `npm run demo` runs: the SQLite file under out/ by default, or a PostgreSQL ledger. */
export interface DemoTarget {
  /** The PostgreSQL database and ledger, or undefined for the SQLite file. */
  readonly postgres?: { readonly url: string; readonly ledger: string };
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Reads `npm run demo -- [--db postgres://…] [--ledger demo…]` (and `PERFLEDGER_DB` when it is a
 * PostgreSQL URL). The demo replaces the ledger it runs in, so it takes only a PostgreSQL URL
 * (its SQLite file is always `out/perfledger-demo.db`) and only a ledger whose name starts with
 * `demo`: it can never replace a real ledger.
 *
 * @throws Error with a usage message for anything else.
 */
export function demoTarget(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoTarget {
  let db: string | undefined;
  let ledger = 'demo';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = inline ?? argv[i + 1];
    if ((flag === '--db' || flag === '--ledger') && value !== undefined) {
      if (inline === undefined) i++;
      if (flag === '--db') db = value;
      else ledger = value;
    } else {
      throw new Error(
        `demo: unknown argument '${arg}'; usage: npm run demo [-- --db postgres://… [--ledger demo]]`,
      );
    }
  }
  const fromEnv = env.PERFLEDGER_DB;
  if (db === undefined && fromEnv !== undefined && POSTGRES_URL.test(fromEnv)) db = fromEnv;
  if (db === undefined) return {};
  if (!POSTGRES_URL.test(db)) {
    throw new Error(
      'demo: --db takes a PostgreSQL URL (postgres://user@host:5432/database); on SQLite the demo always writes out/perfledger-demo.db.',
    );
  }
  if (!/^demo[a-z0-9_]{0,36}$/.test(ledger)) {
    throw new Error(
      `demo: the demo replaces the ledger it runs in, so its name must start with 'demo' (lower-case letters, digits, _), not '${ledger}'.`,
    );
  }
  return { postgres: { url: db, ledger } };
}
