// How steadily this machine gives its CPUs to a program: `npx tsx test/bench/host.bench.ts`
// (or `node scripts/bench.mjs host`).
//
// One thread per CPU runs the same fixed piece of integer work (no memory traffic, no allocation, no system
// call) over and over and counts how many pieces it completes in each 10 ms window. On a steady machine every
// window holds about the same count. The figures say how often, how long and how much the count drops, whether
// the threads drop together (the whole machine slowed: the host) or one at a time (something else on this
// machine took that CPU), and the longest pause between two pieces (a thread taken off its CPU altogether).
// The server benchmark's tail latency is read against them.
import { fmt, probeHost, WINDOW_MS } from './_lib/host-probe.js';
import { writeBenchmarkSection } from './_lib/report.js';

const DURATION_MS = Number(process.env.HOST_BENCH_DURATION ?? 20) * 1000;

const probe = await probeHost(DURATION_MS);
const perThread = probe.threads;
const threads = perThread.length;
for (const t of perThread) {
  console.log(
    `thread ${t.index}: ${t.windows} windows, median ${t.median} pieces; slow (< half) ${fmt(100 * t.slowShare, 1)} %; ` +
      `${t.episodes} episodes (${t.shared} at the same time on every other thread), median ${fmt(t.medianLengthMs)} ms, ` +
      `longest ${fmt(t.longestMs)} ms, every ${fmt(t.medianGapMs)} ms; lowest ${fmt(100 * t.lowest)} % of the median; ` +
      `longest pause ${fmt(t.longestPauseMs, 1)} ms`,
  );
}

const rows = perThread.map(
  (t) =>
    `| ${t.index + 1} | ${fmt(t.pieceUs, 1)} | ${fmt(100 * t.p10)} % | ${fmt(100 * t.p1)} % | ${fmt(100 * t.slowShare, 1)} % | ` +
    `${t.episodes} | ${t.shared} | ${fmt(t.medianLengthMs)} / ${fmt(t.longestMs)} | ${fmt(t.medianGapMs)} | ` +
    `${fmt(100 * t.lowest)} % | ${fmt(t.longestPauseMs, 1)} |`,
);
const total = perThread.reduce((sum, t) => sum + t.episodes, 0);

writeBenchmarkSection(
  'host',
  'Host: how steadily this machine gives its CPUs',
  'node scripts/bench.mjs host',
  `
One thread per CPU (${threads} here), all at once, ${DURATION_MS / 1000} s, with nothing else of ours running. Each
repeats the same fixed piece of integer work (no memory traffic, no allocation, no system call) and counts the pieces it
completes in each ${WINDOW_MS} ms window. A window with less than half the thread's median count is *slow*; consecutive
slow windows make an *episode*. "At the same time" counts the episodes of a thread that overlap an episode of every
other thread. The longest pause is the longest time between two consecutive pieces: a thread taken off its CPU
altogether would show it.

| thread | one piece at the median pace µs | 10th-percentile window, share of the median | 1st-percentile window | slow windows | episodes | at the same time | episode length median / longest ms | median time between episodes ms | slowest window, share of the median | longest pause ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

${
  total > 0
    ? `${fmt(100 * probe.sharedShare)} % of the episodes were on every thread at once, and no thread was ever paused longer
than ${fmt(probe.longestPauseMs, 1)} ms. ${
        probe.sharedShare >= 0.5
          ? `The same fixed work mostly slowed on all ${threads} CPUs together: what slows it is outside this machine
(the host it runs on), not another program here.`
          : 'Most episodes were on one CPU at a time: something on this machine took that CPU.'
      } About ${fmt(100 * probe.slowShare, 1)} % of the time, the CPUs ran below half their usual speed.`
    : 'No thread had a slow window in this run.'
}

How this bears on the server benchmark (the "Reference support API" section above): at 50 connections about 50 incident
submissions are in flight at once, answered together as each batch is committed; its median latency is about the time
one batch takes. An episode that slows every CPU for tens of milliseconds holds up every request in flight while it
lasts, so the few percent of the time spent in episodes become a few percent of requests answered late together, and
the 99th percentile of \`POST /v1/incidents\` falls among them.
`,
);
