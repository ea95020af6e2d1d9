// Loaded into `logatlas serve` by the service-api bench (node --import): measures the event loop delay of
// the thread that answers HTTP (perf_hooks.monitorEventLoopDelay). On SIGUSR2 it writes the figures since
// the last signal to stderr as `[loop-delay] {json}` and starts again, so the bench gets one reading per
// route it loads. A request arriving during a long synchronous slice waits at least that slice.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.stderr.write(`[loop-delay] ${JSON.stringify({ maxMs: ms(delay.max), p99Ms: ms(delay.percentile(99)), meanMs: ms(delay.mean) })}\n`);
  delay.reset();
});
