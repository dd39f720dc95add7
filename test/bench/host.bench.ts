// How steadily this machine gives its CPUs to a program: `npx tsx test/bench/host.bench.ts`
// (or `node scripts/bench.mjs host`).
//
// One thread per CPU runs the same fixed piece of integer work (no memory traffic, no allocation, no system
// call) over and over and counts how many pieces it completes in each 10 ms window. On a steady machine every
// window holds about the same count. The figures say how often, how long and how much the count drops, whether
// the threads drop together, and how much of the work lost in a slow window the thread spent waiting in the
// kernel's run queue for a CPU (this machine busy) rather than running slowly without waiting (the host).
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
      `longest pause ${fmt(t.longestPauseMs, 1)} ms; work lost / run-queue wait per slow window ${fmt(t.slowLostMs, 1)} / ${fmt(t.slowWaitMs, 1)} ms`,
  );
}

const rows = perThread.map(
  (t) =>
    `| ${t.index + 1} | ${fmt(t.pieceUs, 1)} | ${fmt(100 * t.p10)} % | ${fmt(100 * t.p1)} % | ${fmt(100 * t.slowShare, 1)} % | ` +
    `${t.episodes} | ${t.shared} | ${fmt(t.medianLengthMs)} / ${fmt(t.longestMs)} | ${fmt(t.medianGapMs)} | ` +
    `${fmt(100 * t.lowest)} % | ${fmt(t.slowLostMs, 1)} / ${fmt(t.slowWaitMs, 1)} | ${fmt(t.longestPauseMs, 1)} |`,
);
const total = perThread.reduce((sum, t) => sum + t.episodes, 0);
const lost = perThread.reduce((sum, t) => sum + t.slowLostMs, 0) / perThread.length;
const waited = perThread.reduce((sum, t) => sum + t.slowWaitMs, 0) / perThread.length;

writeBenchmarkSection(
  'host',
  'Host: how steadily this machine gives its CPUs',
  'node scripts/bench.mjs host',
  `
One thread per CPU (${threads} here), all at once, ${DURATION_MS / 1000} s, with nothing else of ours running. Each
repeats the same fixed piece of integer work (no memory traffic, no allocation, no system call) and counts the pieces it
completes in each ${WINDOW_MS} ms window. A window with less than half the thread's median count is *slow*; consecutive
slow windows make an *episode*. "At the same time" counts the episodes of a thread that overlap an episode of every
other thread. Per slow window, on average: the time lost (the window's length minus the time its pieces take at the
median pace) and the time the kernel kept the thread waiting for a CPU (\`/proc/thread-self/schedstat\`); whatever
was lost without waiting, the host took. The longest pause is the longest time between two consecutive pieces.

| thread | one piece at the median pace µs | 10th-percentile window, share of the median | 1st-percentile window | slow windows | episodes | at the same time | episode length median / longest ms | median time between episodes ms | slowest window, share of the median | per slow window: time lost / waited for a CPU ms | longest pause ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

${
  total > 0
    ? `${fmt(100 * probe.sharedShare)} % of the episodes were on every thread at once. A slow window lost ${fmt(lost, 1)} ms
on average, of which the thread waited ${fmt(waited, 1)} ms for a CPU here. ${
        probe.sharedShare >= 0.5 && waited < lost / 2
          ? `Most of the loss was not waiting, and the CPUs mostly slowed together: what slows them is outside this machine
(the host it runs on), not another program here.`
          : 'Much of the loss was waiting for a CPU, or the CPUs slowed one at a time: something on this machine took them.'
      } About ${fmt(100 * probe.slowShare, 1)} % of the time, the CPUs ran below half their usual speed.`
    : 'No thread had a slow window in this run.'
}

How this bears on the server benchmark (the "Reference support API" section above): at 50 connections about 50 incident
submissions are in flight at once, answered together as each batch is committed. A moment when the host slows every CPU
holds up every request in flight. That benchmark runs a light version of this probe during each route and sets its
slowest incident submissions against it (the last paragraphs of its section).
`,
);
