// The host-steadiness probe shared by the host and server benchmarks (see test/bench/host.bench.ts).
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export const WINDOW_MS = 10;

/** What one thread measured: for each window, the instant it ended and the pieces done in it. */
interface ThreadRun {
  ends: number[];
  counts: number[];
  /** The longest time between the end of one piece and the end of the next, in ms. */
  longestPauseMs: number;
  /** The time one piece takes at the median window's pace, in µs. */
  pieceUs: number;
}

// Plain JavaScript, run with `eval`: no loader needed in the worker.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let x = 0;
function piece() { for (let i = 0; i < 2000; i++) x = (x * 31 + i) | 0; }
// Warm up until the piece runs as optimized code.
for (let i = 0; i < 200000; i++) piece();
const clock = () => performance.timeOrigin + performance.now();
const ends = [], counts = [];
let start = clock(), windowEnd = start + workerData.windowMs, count = 0, last = start, longestPauseMs = 0;
const stop = start + workerData.durationMs;
for (;;) {
  piece();
  count++;
  const now = clock();
  if (now - last > longestPauseMs) longestPauseMs = now - last;
  last = now;
  if (now >= windowEnd) {
    ends.push(now);
    counts.push(count);
    count = 0;
    windowEnd = now + workerData.windowMs;
    if (now >= stop) break;
  }
}
parentPort.postMessage({ ends, counts, longestPauseMs, x: x & 1 });
`;

function runThread(durationMs: number): Promise<ThreadRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { durationMs, windowMs: WINDOW_MS } });
    worker.once('message', (run: Omit<ThreadRun, 'pieceUs'>) => {
      const median = quantile(run.counts, 0.5);
      resolve({ ...run, pieceUs: (WINDOW_MS * 1000) / median });
    });
    worker.once('error', reject);
  });
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/** A run of consecutive windows in which a thread did less than half its median work. */
interface Episode {
  start: number;
  end: number;
  /** The fewest pieces of any of its windows, as a share of the median. */
  lowest: number;
}

function episodes(run: ThreadRun): Episode[] {
  const median = quantile(run.counts, 0.5);
  const found: Episode[] = [];
  let current: Episode | null = null;
  for (let i = 0; i < run.counts.length; i++) {
    const slow = run.counts[i] < median / 2;
    const windowStart = i === 0 ? run.ends[0] - WINDOW_MS : run.ends[i - 1];
    if (slow) {
      const share = run.counts[i] / median;
      if (current) {
        current.end = run.ends[i];
        current.lowest = Math.min(current.lowest, share);
      } else {
        current = { start: windowStart, end: run.ends[i], lowest: share };
      }
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

const overlaps = (a: Episode, others: readonly Episode[]) => others.some((b) => a.start < b.end && b.start < a.end);
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What one thread of the probe saw. */
export interface ThreadFigures {
  index: number;
  windows: number;
  median: number;
  /** The 10th- and 1st-percentile windows, as shares of the median. */
  p10: number;
  p1: number;
  /** Share of windows with less than half the median work. */
  slowShare: number;
  episodes: number;
  /** Episodes that overlap an episode of every other thread. */
  shared: number;
  medianLengthMs: number;
  longestMs: number;
  medianGapMs: number;
  /** The slowest window, as a share of the median. */
  lowest: number;
  longestPauseMs: number;
  pieceUs: number;
}

export interface HostProbe {
  threads: ThreadFigures[];
  /** Mean share of slow windows over the threads. */
  slowShare: number;
  /** Share of all episodes that were on every thread at once. */
  sharedShare: number;
  longestPauseMs: number;
}

/** Runs the probe on one thread per CPU, all at once, for `durationMs`. */
export async function probeHost(durationMs: number): Promise<HostProbe> {
  const count = os.availableParallelism();
  const runs = await Promise.all(Array.from({ length: count }, () => runThread(durationMs)));
  const threads = runs.map((run, index): ThreadFigures => {
    const median = quantile(run.counts, 0.5);
    const found = episodes(run);
    const others = runs.filter((_, i) => i !== index).map(episodes);
    const lengths = found.map((e) => e.end - e.start);
    const gaps = found.slice(1).map((e, i) => e.start - found[i].start);
    return {
      index,
      windows: run.counts.length,
      median,
      p10: quantile(run.counts, 0.1) / median,
      p1: quantile(run.counts, 0.01) / median,
      slowShare: run.counts.filter((c) => c < median / 2).length / run.counts.length,
      episodes: found.length,
      shared: found.filter((e) => others.every((o) => overlaps(e, o))).length,
      medianLengthMs: lengths.length ? quantile(lengths, 0.5) : 0,
      longestMs: lengths.length ? Math.max(...lengths) : 0,
      medianGapMs: gaps.length ? quantile(gaps, 0.5) : 0,
      lowest: found.length ? Math.min(...found.map((e) => e.lowest)) : 1,
      longestPauseMs: run.longestPauseMs,
      pieceUs: run.pieceUs,
    };
  });
  const total = threads.reduce((sum, t) => sum + t.episodes, 0);
  return {
    threads,
    slowShare: threads.reduce((sum, t) => sum + t.slowShare, 0) / threads.length,
    sharedShare: total === 0 ? 0 : threads.reduce((sum, t) => sum + t.shared, 0) / total,
    longestPauseMs: Math.max(...threads.map((t) => t.longestPauseMs)),
  };
}
