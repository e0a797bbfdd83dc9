/**
 * `node examples/auditor/dist/main.js LEDGER [--checkpoint FILE]... [--public-key FILE]`: audits
 * a ledger someone handed you. Exits 1 when it does not verify.
 */
import { parseArgs } from 'node:util';
import { auditLedger } from './audit-ledger.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { checkpoint: { type: 'string', multiple: true, default: [] }, 'public-key': { type: 'string' } },
});
const file = positionals[0];
if (file === undefined) {
  console.error('usage: auditor LEDGER [--checkpoint FILE]... [--public-key FILE]');
  process.exit(2);
}
const findings = await auditLedger({
  file,
  checkpoints: values.checkpoint,
  ...(values['public-key'] === undefined ? {} : { publicKey: values['public-key'] }),
});
process.exitCode = findings.verified ? 0 : 1;
