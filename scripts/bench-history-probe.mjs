// Preloaded into a server the history bench starts (node --import): reports the port it bound
// over IPC, and the event loop's health on request. The longest block is the event-loop delay
// histogram's max (monitorEventLoopDelay, 1 ms resolution: a timer due every millisecond fires
// that much late); garbage collections are counted by a perf_hooks observer, with their pauses.
//
// With PROBE_SLOW_MS set it also keeps a timeline of everything slower than that, for
// correlating slow requests with their cause: event-loop stalls (a 1 ms interval that fired
// late), GC pauses, and better-sqlite3 statement runs (COMMIT included, so a commit that ran
// a WAL checkpoint shows up), each with its wall-clock start; stalls and commits are split
// into time running, waiting for a core and blocked (I/O), from the thread's schedstat.
import { openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

const slowMs = Number(process.env.PROBE_SLOW_MS ?? Number.NaN);
let timeline = [];
const wallClock = (start) => performance.timeOrigin + start;
/**
 * The main thread's time on a core and waiting in the run queue (ns, /proc/thread-self/schedstat):
 * over a stall, what is neither was time blocked in a system call (an fsync, a read).
 */
const schedFd = slowMs > 0 ? openSync('/proc/thread-self/schedstat', 'r') : -1; // the main thread's, opened on it
const schedBuffer = Buffer.alloc(128);
const sched = () => {
  // One pread per call (procfs renders the file afresh at offset 0): cheap enough for every tick.
  const length = readSync(schedFd, schedBuffer, 0, schedBuffer.length, 0);
  const [onCpu, waiting] = schedBuffer.toString('latin1', 0, length).split(' ');
  return { onCpu: Number(onCpu), waiting: Number(waiting) };
};
/** A slow stretch of the main thread, split into running, waiting for a core and blocked. */
const split = (kind, started, before, fields = {}) => {
  const ms = performance.now() - started;
  if (ms <= slowMs) return;
  const after = sched();
  const busyMs = (after.onCpu - before.onCpu) / 1e6;
  const waitingMs = (after.waiting - before.waiting) / 1e6;
  timeline.push({ kind, at: wallClock(started), ms, busyMs, waitingMs, blockedMs: Math.max(0, ms - busyMs - waitingMs), ...fields });
};
if (slowMs > 0) {
  let last = performance.now();
  let lastSched = sched();
  setInterval(() => {
    split('stall', last, lastSched);
    last = performance.now();
    lastSched = sched();
  }, 1).unref();
  // PROBE_PRAGMA (e.g. wal_autocheckpoint=0) is applied to every database the server opens, for experiments.
  const Database = createRequire(import.meta.url)('better-sqlite3');
  if (process.env.PROBE_PRAGMA) {
    const pragma = Database.prototype.pragma;
    const done = new WeakSet();
    Database.prototype.pragma = function (...args) {
      if (!done.has(this)) {
        done.add(this);
        pragma.call(this, process.env.PROBE_PRAGMA);
      }
      return pragma.apply(this, args);
    };
  }
  const Statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
  const run = Statement.run;
  Statement.run = function (...args) {
    const commit = this.source === 'COMMIT';
    const before = commit ? sched() : undefined;
    const started = performance.now();
    try {
      return run.apply(this, args);
    } finally {
      if (commit) split('sql', started, before, { sql: this.source });
      else if (performance.now() - started > slowMs)
        timeline.push({ kind: 'sql', sql: this.source.slice(0, 40), at: wallClock(started), ms: performance.now() - started });
    }
  };
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') process.send?.({ listening: address.port });
  });
  return listen.apply(this, args);
};

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (entry.duration > slowMs) timeline.push({ kind: 'gc', at: wallClock(entry.startTime), ms: entry.duration, gcKind: entry.detail?.kind });
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (message) => {
  if (message?.probe === 'reset') {
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    timeline = [];
  }
  if (message?.probe === 'read') {
    process.send?.({ loop: { maxBlockMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6, gc, timeline } });
  }
});
process.channel?.unref(); // the channel must not keep the process alive: it exits by itself on SIGTERM
