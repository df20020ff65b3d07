/**
 * Expression engine throughput: evaluations per second of compiled expressions (one core, one
 * process), plus parse+compile throughput. Prints a table and a JSON line; asserts nothing.
 * Goal (issue 2): >= 1,000,000 evaluations/s for the first expression.
 */
import { cpus } from 'node:os';
import { compileTemplate, contextView, parseTemplate, type Evaluator } from '../engine/expressions/index.js';

const CASES: [string, string][] = [
  ['concat + add (goal case)', "@concat(triggerBody()?['Name'], '-', string(add(1, 2)))"],
  ['property read', "@triggerBody()?['Name']"],
  ['interpolation', "@{triggerBody()?['Name']}/@{variables('counter')}"],
  ['if + length + greater', "@if(greater(length(triggerBody()?['Items']), 2), 'many', 'few')"],
  ['equals + toLower', "@equals(toLower(triggerBody()?['Name']), 'data/file-0001.csv')"],
  ['json + index', "@json('{\"a\": [1, 2, 3]}')?['a'][1]"],
  ['date arithmetic + format', "@formatDateTime(addDays('2018-03-15T13:00:00Z', 10), 'yyyy-MM-dd')"],
];

const view = contextView({
  triggerBody: { Name: 'data/file-0001.csv', Size: 123, Items: [1, 2, 3, 4] },
  variables: { counter: 7 },
  now: '2026-01-01T00:00:00Z',
});

/** Runs `fn` in growing batches until `ms` elapsed; returns operations per second. */
function measure(fn: () => void, ms: number): number {
  let batch = 1000;
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  for (;;) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    const elapsed = process.hrtime.bigint() - start;
    if (elapsed >= budget) return (ops * 1e9) / Number(elapsed);
    batch = Math.min(batch * 2, 1_000_000);
  }
}

function row(name: string, opsPerSecond: number): string {
  return `${name.padEnd(30)} ${Math.round(opsPerSecond).toLocaleString('en-US').padStart(14)}`;
}

const durationMs = Number(process.env['BENCH_MS'] ?? 1000);
const results: Record<string, number> = {};
console.log(`expression engine, ${cpus().length} cores visible, ${durationMs} ms per case`);
console.log(`${'case'.padEnd(30)} ${'evaluations/s'.padStart(14)}`);
for (const [name, text] of CASES) {
  let evaluator: Evaluator;
  try {
    evaluator = compileTemplate(text);
    evaluator(view);
  } catch (err) {
    console.log(`${name.padEnd(30)} ${'error'.padStart(14)}  ${(err as Error).message}`);
    continue;
  }
  measure(() => evaluator(view), Math.min(200, durationMs)); // warm-up: let the JIT settle
  const rate = measure(() => evaluator(view), durationMs);
  results[name] = Math.round(rate);
  console.log(row(name, rate));
}
const parseRate = measure(() => compileTemplate(CASES[0]![1]), durationMs);
results['parse + compile (goal case)'] = Math.round(parseRate);
console.log(row('parse + compile (goal case)', parseRate));
const parseOnly = measure(() => parseTemplate(CASES[3]![1]), durationMs);
results['parse only (if case)'] = Math.round(parseOnly);
console.log(row('parse only (if case)', parseOnly));
console.log(JSON.stringify({ bench: 'expressions', node: process.version, results }));
