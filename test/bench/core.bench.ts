// Benchmarks of the policy core: the deadline engine and SLA status. `npx tsx test/bench/core.bench.ts`
import { addSupportTime, slaStatus } from '../../core/index.js';
import { writeBenchmarkSection } from './_lib/report.js';

const HOUR = 3_600_000;
const from = Date.UTC(1990, 0, 1);
const to = Date.UTC(2060, 11, 31);

/** A seeded generator, so every run measures the same instants. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// addSupportTime: 1,000,000 calls (half 2 h, half 24 h targets) per round, median of 7 rounds.
const rnd = random(42);
const starts = Array.from({ length: 1_000_000 }, () => new Date(from + Math.floor(rnd() * (to - from))));
addSupportTime(starts[0], HOUR); // build the closure table once, outside the timing
let sink = 0;
const rates: number[] = [];
for (let round = 0; round < 7; round++) {
  const t0 = performance.now();
  for (let i = 0; i < starts.length; i++) sink += addSupportTime(starts[i], (i & 1 ? 24 : 2) * HOUR).getTime() & 1;
  rates.push(starts.length / ((performance.now() - t0) / 1000));
}

// slaStatus: 10,000 open and answered cases, evaluated at one instant, median of 21 rounds.
const now = new Date('2026-11-26T14:51:00Z');
const cases = Array.from({ length: 10_000 }, (_, i) => {
  const receivedAt = new Date(now.getTime() - Math.floor(rnd() * 30 * 24 * HOUR));
  return {
    receivedAt,
    firstResponseHours: i % 3 === 0 ? 2 : 24,
    firstResponseAt: i % 4 === 0 ? new Date(receivedAt.getTime() + HOUR) : undefined,
  };
});
const slaTimes: number[] = [];
for (let round = 0; round < 21; round++) {
  const t0 = performance.now();
  for (const c of cases) sink += slaStatus(c, now).remainingMs & 1;
  slaTimes.push(performance.now() - t0);
}

const rate = median(rates);
const sla = median(slaTimes);
const lines = [
  '| measure | result | target |',
  '|---|---|---|',
  `| \`addSupportTime\`, 2 h and 24 h targets from random instants 1990–2060 (median of 7 rounds of 1,000,000 calls, one core) | **${Math.round(rate).toLocaleString('en-US')} calls/s** (min ${Math.round(Math.min(...rates)).toLocaleString('en-US')}) | ≥ 1,000,000 calls/s |`,
  `| \`slaStatus\` for 10,000 cases (median of 21 rounds) | **${sla.toFixed(2)} ms** in total (max ${Math.max(...slaTimes).toFixed(2)} ms) | < 20 ms |`,
];
console.log(lines.join('\n'));
console.log(`(checksum ${sink})`);
writeBenchmarkSection(
  'core',
  'Policy core: deadline engine and SLA status',
  'npm run bench -- core   (npx tsx test/bench/core.bench.ts)',
  lines.join('\n'),
);
