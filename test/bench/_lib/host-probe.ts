// The host-steadiness probe shared by the host and server benchmarks (see test/bench/host.bench.ts).
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export const WINDOW_MS = 10;

/** What one thread measured: for each window, the instant it ended and the pieces done in it. */
interface ThreadRun {
  ends: number[];
  counts: number[];
  /** For each window, the time the thread waited in the run queue for a CPU, in ms. */
  waits: number[];
  /** The longest time between the end of one piece and the end of the next, in ms. */
  longestPauseMs: number;
  /** Pieces in the median window. */
  median: number;
  /** The time one piece takes at the median window's pace, in µs. */
  pieceUs: number;
}

// Plain JavaScript, run with `eval`: no loader needed in the worker.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let x = 0;
function piece() { for (let i = 0; i < 2000; i++) x = (x * 31 + i) | 0; }
// Warm up (about 0.2 s) until the piece runs as optimized code.
for (let i = 0; i < 10000; i++) piece();
const clock = () => performance.timeOrigin + performance.now();
// Time this thread has waited in the kernel's run queue for a CPU, in ns.
const runQueueNs = () => Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[1]);
const ends = [], counts = [], waits = [];
let start = clock(), windowEnd = start + workerData.windowMs, count = 0, last = start, longestPauseMs = 0;
let waited = runQueueNs();
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
    const queued = runQueueNs();
    waits.push((queued - waited) / 1e6);
    waited = queued;
    count = 0;
    windowEnd = now + workerData.windowMs;
    if (now >= stop) break;
  }
}
parentPort.postMessage({ ends, counts, waits, longestPauseMs, x: x & 1 });
`;

function runThread(durationMs: number): Promise<ThreadRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { durationMs, windowMs: WINDOW_MS } });
    worker.once('message', (run: Omit<ThreadRun, 'median' | 'pieceUs'>) => {
      const median = quantile(run.counts, 0.5);
      resolve({ ...run, median, pieceUs: (WINDOW_MS * 1000) / median });
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

/** When window `i` began: when the one before it ended (the first is taken as a full window). */
function windowStart(run: ThreadRun, i: number): number {
  return i === 0 ? run.ends[0] - WINDOW_MS : run.ends[i - 1];
}

function episodes(run: ThreadRun): Episode[] {
  const median = run.median;
  const found: Episode[] = [];
  let current: Episode | null = null;
  for (let i = 0; i < run.counts.length; i++) {
    const slow = run.counts[i] < median / 2;
    if (slow) {
      const share = run.counts[i] / median;
      if (current) {
        current.end = run.ends[i];
        current.lowest = Math.min(current.lowest, share);
      } else {
        current = { start: windowStart(run, i), end: run.ends[i], lowest: share };
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
  /** Run-queue wait per slow window, on average (ms): near 0 when no other thread here took the CPU. */
  slowWaitMs: number;
  /** Work lost per slow window, on average, in ms at the median pace: the window's length minus the time its pieces take at that pace. */
  slowLostMs: number;
  pieceUs: number;
}

export interface HostProbe {
  threads: ThreadFigures[];
  /** Mean share of slow windows over the threads. */
  slowShare: number;
  /** Share of all episodes that were on every thread at once. */
  sharedShare: number;
}

/** Runs the probe on one thread per CPU, all at once, for `durationMs`. */
export async function probeHost(durationMs: number): Promise<HostProbe> {
  const count = os.availableParallelism();
  const runs = await Promise.all(Array.from({ length: count }, () => runThread(durationMs)));
  const threads = runs.map((run, index): ThreadFigures => {
    const median = run.median;
    const found = episodes(run);
    const others = runs.filter((_, i) => i !== index).map(episodes);
    const lengths = found.map((e) => e.end - e.start);
    const gaps = found.slice(1).map((e, i) => e.start - found[i].start);
    const slowIndexes = run.counts.flatMap((c, i) => (c < median / 2 ? [i] : []));
    const slowWaits = slowIndexes.map((i) => run.waits[i]);
    const slowLost = slowIndexes.map((i) => run.ends[i] - windowStart(run, i) - (run.counts[i] * run.pieceUs) / 1000);
    const mean = (values: number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0);
    return {
      index,
      windows: run.counts.length,
      median,
      p10: quantile(run.counts, 0.1) / median,
      p1: quantile(run.counts, 0.01) / median,
      slowShare: slowIndexes.length / run.counts.length,
      episodes: found.length,
      shared: found.filter((e) => others.every((o) => overlaps(e, o))).length,
      medianLengthMs: lengths.length ? quantile(lengths, 0.5) : 0,
      longestMs: lengths.length ? Math.max(...lengths) : 0,
      medianGapMs: gaps.length ? quantile(gaps, 0.5) : 0,
      lowest: found.length ? Math.min(...found.map((e) => e.lowest)) : 1,
      longestPauseMs: run.longestPauseMs,
      slowWaitMs: mean(slowWaits),
      slowLostMs: mean(slowLost),
      pieceUs: run.pieceUs,
    };
  });
  const total = threads.reduce((sum, t) => sum + t.episodes, 0);
  return {
    threads,
    slowShare: threads.reduce((sum, t) => sum + t.slowShare, 0) / threads.length,
    sharedShare: total === 0 ? 0 : threads.reduce((sum, t) => sum + t.shared, 0) / total,
  };
}

/** One timing of the monitor's fixed sample of work. */
export interface MonitorSample {
  /** When it started (ms since the epoch, sub-millisecond). */
  start: number;
  wallMs: number;
  /** Time the thread spent waiting in the kernel's run queue for a CPU (`/proc/thread-self/schedstat`). */
  waitMs: number;
}

export interface HostMonitor {
  /** Stops the monitor and returns its samples, and the CPU time it used while sampling (ms). */
  stop(): Promise<{ samples: MonitorSample[]; cpuMs: number }>;
}

// Every 10 ms, 25 pieces of the probe's work (about 0.5 ms; with the reads, 6–7 % of one CPU), timed by the wall clock and
// by the kernel's count of the time the thread waited for a CPU. Plain JavaScript, run with `eval`.
const MONITOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const stopFlag = new Int32Array(workerData.stop);
let x = 0;
function piece() { for (let i = 0; i < 2000; i++) x = (x * 31 + i) | 0; }
for (let i = 0; i < 10000; i++) piece();
// Time on a CPU and time waiting in the run queue for one, in ns, as the kernel counts them for this thread.
const schedstat = () => readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ').map(Number);
const samples = [];
const cpuStart = schedstat()[0];
parentPort.postMessage({ ready: true });
while (Atomics.load(stopFlag, 0) === 0) {
  const before = schedstat();
  const t0 = performance.now();
  for (let i = 0; i < 25; i++) piece();
  const t1 = performance.now();
  const after = schedstat();
  samples.push(performance.timeOrigin + t0, t1 - t0, (after[1] - before[1]) / 1e6);
  Atomics.wait(stopFlag, 0, 0, 10);
}
parentPort.postMessage({ samples, cpuMs: (schedstat()[0] - cpuStart) / 1e6, x: x & 1 });
`;

/**
 * Starts a light monitor thread that keeps timing a small fixed piece of work while something else runs (a
 * benchmark route), so that moments when the host slowed the CPUs can be set against that run's latencies.
 */
export async function startHostMonitor(): Promise<HostMonitor> {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(MONITOR, { eval: true, workerData: { stop } });
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const done = new Promise<{ samples: MonitorSample[]; cpuMs: number }>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; samples?: number[]; cpuMs?: number }) => {
      if (message.ready) {
        ready();
        return;
      }
      const flat = message.samples ?? [];
      const samples: MonitorSample[] = [];
      for (let i = 0; i < flat.length; i += 3) {
        samples.push({ start: flat[i], wallMs: flat[i + 1], waitMs: flat[i + 2] });
      }
      resolve({ samples, cpuMs: message.cpuMs ?? 0 });
    });
    worker.once('error', reject);
  });
  // Measured work starts once the monitor's own warm-up is over.
  await Promise.race([started, done]);
  return {
    stop() {
      Atomics.store(new Int32Array(stop), 0, 1);
      Atomics.notify(new Int32Array(stop), 0);
      return done;
    },
  };
}

/**
 * Sorts the monitor's slow samples (more than twice the median): *waiting* ones spent over 10 % of their time
 * waiting in the run queue for a CPU (this machine was busy); the others were slowed by the host (the thread was
 * not waiting for a CPU, yet the work took more than twice as long).
 */
export function classifySamples(samples: readonly MonitorSample[]): {
  medianMs: number;
  hostSlowed: MonitorSample[];
  waiting: MonitorSample[];
} {
  const medianMs = quantile(
    samples.map((s) => s.wallMs),
    0.5,
  );
  const slow = samples.filter((s) => s.wallMs > 2 * medianMs);
  return {
    medianMs,
    hostSlowed: slow.filter((s) => s.waitMs <= 0.1 * s.wallMs),
    waiting: slow.filter((s) => s.waitMs > 0.1 * s.wallMs),
  };
}

/**
 * Whether the interval [from, to] overlaps one of `samples`: sorted by start and never overlapping each other
 * (one thread took them one after the other), so only the last one to start by `to` can.
 */
export function overlapsSample(samples: readonly MonitorSample[], from: number, to: number): boolean {
  let lo = 0;
  let hi = samples.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].start <= to) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last >= 0 && samples[last].start + samples[last].wallMs >= from;
}
