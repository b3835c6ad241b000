#!/usr/bin/env node
// One cold start, run by bench/run.mjs in a fresh process each time. Prints JSON.
//   node bench/cold.mjs <module url>  -> { ms }: import of the module + its first W1 computation
//   node bench/cold.mjs --intl         -> { ms }: the first Intl.DateTimeFormat + formatToParts,
//                                         the floor any engine reading the runtime's zone data pays
import { ENGINE_FORMAT, NOW, w1 } from './workloads.mjs';

const target = process.argv[2];
let ms;
if (target === '--intl') {
  const t0 = performance.now();
  new Intl.DateTimeFormat('en-US', ENGINE_FORMAT).formatToParts(NOW);
  ms = performance.now() - t0;
} else {
  const engine = {};
  const run = w1(engine); // the busy data is built here, before the clock starts
  const t0 = performance.now();
  Object.assign(engine, await import(target));
  const slots = run();
  ms = performance.now() - t0;
  if (slots.length === 0) throw new Error('W1 found no slots');
}
console.log(JSON.stringify({ ms }));
