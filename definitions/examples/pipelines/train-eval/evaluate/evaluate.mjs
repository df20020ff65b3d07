// Scores the model on test.csv; writes metrics.json to the report folder and reports test_mse.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [modelDir, dataDir, reportDir] = process.argv.slice(2);
const model = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
const rows = readFileSync(join(dataDir, 'test.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
const points = rows.map((line) => line.split(',').map(Number));
const mse = points.reduce((sum, [x, y]) => sum + (model.w * x + model.b - y) ** 2, 0) / points.length;

mkdirSync(reportDir, { recursive: true });
writeFileSync(join(reportDir, 'metrics.json'), JSON.stringify({ test_mse: mse, test_rows: points.length, model }, null, 2));
if (process.env.SLUICE_METRICS_FILE) {
  appendFileSync(process.env.SLUICE_METRICS_FILE, JSON.stringify({ name: 'test_mse', value: mse }) + '\n');
}
console.log(`test_mse=${mse.toFixed(5)} on ${points.length} rows`);
