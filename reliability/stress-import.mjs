import { runImportLimits } from './dist/scenarios/import-limits.js';
const r = runImportLimits({ hugeRows: 1_000_000, rows: 20_000 });
console.log(JSON.stringify(r, null, 1));
