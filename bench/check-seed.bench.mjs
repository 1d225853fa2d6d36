/**
 * How long the live checks take on the seed package (they run on every keystroke).
 * Build first: cd shared && npx tsc -p tsconfig.build.json ; then: node bench/check-seed.bench.mjs
 * Prints the median and p99 of runChecks + computeFigures, and a baseline measured in the same
 * run (a JSON deep copy of the seed), so the numbers can be compared across machines.
 */
let pkg;
try {
  pkg = await import('../shared/dist/index.js');
  if (!pkg.runChecks) throw new Error('root index does not re-export the package module yet');
} catch {
  pkg = await import('../shared/dist/package/index.js');
}
const { runChecks, computeFigures, SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, SEED_CONTEXT } = pkg;

const ITERATIONS = 2000;
const WARMUP = 500;

function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    fn();
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { min: samples[0], median: at(0.5), p99: at(0.99) };
}

let sink = 0;
const checks = measure(() => {
  const figures = computeFigures(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE);
  sink += runChecks(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, SEED_CONTEXT, figures).length;
});
const checksOwnFigures = measure(() => {
  sink += computeFigures(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE).indicators.length;
  sink += runChecks(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, SEED_CONTEXT).length;
});
const baseline = measure(() => {
  sink += JSON.parse(JSON.stringify(SEED_2024_LUKOU_GSL)).version;
});

const f = (x) => x.toFixed(1).padStart(8);
console.log(`node ${process.version}, ${ITERATIONS} iterations after ${WARMUP} warm-up`);
const line = (name, r) => console.log(`${name.padEnd(44)} min ${f(r.min)} µs   median ${f(r.median)} µs   p99 ${f(r.p99)} µs`);
line('computeFigures + runChecks (figures shared)', checks);
line('computeFigures + runChecks (computed twice)', checksOwnFigures);
line('baseline JSON.parse(JSON.stringify(seed))', baseline);
console.log(`ratio checks / baseline (median)             ${(checks.median / baseline.median).toFixed(1)}×`);
console.log(`budget: 2000 µs per keystroke -> ${checks.p99 < 2000 ? 'within' : 'OVER'} budget at p99`);
if (sink === 0) console.log('');
