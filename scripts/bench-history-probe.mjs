// Preloaded into a server the history bench starts (node --import): reports the port it bound
// over IPC, and the event loop's health on request. The longest block is the event-loop delay
// histogram's max (monitorEventLoopDelay, 1 ms resolution: a timer due every millisecond fires
// that much late); garbage collections are counted by a perf_hooks observer, with their pauses.
import net from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

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
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (message) => {
  if (message?.probe === 'reset') {
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
  }
  if (message?.probe === 'read') {
    process.send?.({ loop: { maxBlockMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6, gc } });
  }
});
process.channel?.unref(); // the channel must not keep the process alive: it exits by itself on SIGTERM
