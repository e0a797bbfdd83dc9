/**
 * `node examples/basic/dist/main.js [FILE]`: runs the basic example on a new ledger file
 * (a temp file by default) and prints what it read back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBasic } from './run-basic.js';

const file = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'perfledger-basic-')), 'plan.db');
await runBasic(file);
console.log(`\nThe ledger is ${file}.`);
