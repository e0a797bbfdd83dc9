/**
 * `node examples/embedding/dist/main.js [--db plan.db] [--port 8080]`: serves the plan API on
 * 127.0.0.1 until interrupted. Try:
 *
 *   curl -X POST localhost:8080/actions -H 'X-Actor: j.smith' -d '{"code":"FP1922_02", …}'
 *   curl 'localhost:8080/reports/quarter?fy=2019/20&quarter=1'
 */
import { parseArgs } from 'node:util';
import { createPlanApp } from './plan-app.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'plan.db' }, port: { type: 'string', default: '8080' } },
});
const app = await createPlanApp({ file: values.db });
app.server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`perfledger example API on http://127.0.0.1:${values.port}/ (ledger ${values.db})`);
});
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
