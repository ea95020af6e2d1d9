// Loaded with `node --import` into a process the bench runs whole (the CLI): when the process exits it
// writes its own CPU time (user + system, every thread, since the process started) and peak RSS to the
// file named by LOGATLAS_BENCH_USAGE_FILE, so that start-up counts as well as the work.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.LOGATLAS_BENCH_USAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const usage = { cpuSeconds: (cpu.user + cpu.system) / 1e6, userSeconds: cpu.user / 1e6, systemSeconds: cpu.system / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    writeFileSync(file, JSON.stringify(usage));
  });
}
