/**
 * Reader throughput and memory, printed as JSON (a report, never a pass/fail):
 *   node build/engine/events/bench-read.js [--repeat 3] [--datasets ../shared/datasets]
 * Each figure is the best of `repeat` runs by wall time, with the CPU time of that run beside it
 * (on a busy machine CPU-based rates say more about the code than wall-clock ones).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitLineBatches, splitLines, type ByteSource } from './lines.js';
import { openEventBatches, openEvents } from './open.js';
import { TextTimeFinder } from './text-time.js';

interface Rate {
  items: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  itemsPerSecond: number;
  itemsPerCpuSecond: number;
  mbPerSecond: number;
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const repeat = Number(argument('repeat', '3'));
const datasets = resolve(argument('datasets', fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url))));

async function measure(bytes: number, run: () => Promise<number>): Promise<Rate> {
  let best: Rate | undefined;
  for (let i = 0; i < repeat; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const items = await run();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const rate: Rate = {
      items,
      bytes,
      seconds: round(seconds, 3),
      cpuSeconds: round(cpuSeconds, 3),
      itemsPerSecond: Math.round(items / seconds),
      itemsPerCpuSecond: Math.round(items / cpuSeconds),
      mbPerSecond: round(bytes / seconds / 1e6, 1),
    };
    if (best === undefined || rate.seconds < best.seconds) best = rate;
  }
  return best!;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** `count` chunks of `chunk`, as a stream would deliver them. */
async function* repeated(chunk: Buffer, count: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i++) yield chunk;
}

async function countBatches(batches: AsyncIterable<unknown[]>): Promise<number> {
  let n = 0;
  for await (const batch of batches) n += batch.length;
  return n;
}

async function countItems(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

const report: Record<string, unknown> = { node: process.version, repeat, loadAverage: (await import('node:os')).loadavg() };

// 1. Short lines (58 bytes, an sshd line) from memory: the splitter and the text reader alone.
const shortLine = 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster\n';
const shortChunk = Buffer.from(shortLine.repeat(Math.floor((256 * 1024) / shortLine.length)));
const shortChunks = 200;
const shortBytes = shortChunk.length * shortChunks;
const stdinOf = (): ByteSource => repeated(shortChunk, shortChunks);
report.shortLines = {
  splitLineBatches: await measure(shortBytes, () => countBatches(splitLineBatches(stdinOf()))),
  splitLines: await measure(shortBytes, () => countItems(splitLines(stdinOf()))),
  openEventBatchesText: await measure(shortBytes, () => countBatches(openEventBatches(['-'], { stdin: stdinOf(), format: 'text' }))),
  openEventsText: await measure(shortBytes, () => countItems(openEvents(['-'], { stdin: stdinOf(), format: 'text' }))),
};

// 2. The benchmark file of the end-to-end comparison, read as text from disk.
const merged = join(datasets, 'scalyr-samples', 'merged_events.txt');
if (existsSync(merged)) {
  const bytes = statSync(merged).size;
  report.mergedEventsText = {
    file: merged,
    openEventBatches: await measure(bytes, () => countBatches(openEventBatches([merged]))),
    openEvents: await measure(bytes, () => countItems(openEvents([merged]))),
  };
}

// 3. All CSV and JSON sample exports.
const logs = join(datasets, 'scalyr-samples', 'logs');
if (existsSync(logs)) {
  for (const ext of ['csv', 'json']) {
    const files = readdirSync(logs)
      .filter((f) => f.endsWith(`.${ext}`))
      .map((f) => join(logs, f));
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    report[`scalyr${ext.toUpperCase()}`] = { files: files.length, rate: await measure(bytes, () => countBatches(openEventBatches(files))) };
  }
}

// 4. Times from the text: a syslog file without years (the extra reading for the year rollovers
// included) against the same lines with ISO stamps, and the finder alone on hostile 1 MB lines.
{
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-bench-times-'));
  try {
    const count = 500_000;
    const syslog: string[] = [];
    const iso: string[] = [];
    for (let i = 0; i < count; i++) {
      const t = new Date(Date.UTC(2023, 11, 31, 20) + i * 50);
      const clock = t.toISOString().slice(11, 19);
      const day = t.getUTCMonth() === 11 ? 'Dec 31' : 'Jan  1';
      syslog.push(`${day} ${clock} LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186`);
      iso.push(`${t.toISOString().slice(0, 19)}Z LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186`);
    }
    const syslogFile = join(dir, 'syslog.log');
    const isoFile = join(dir, 'iso.log');
    writeFileSync(syslogFile, syslog.join('\n') + '\n');
    writeFileSync(isoFile, iso.join('\n') + '\n');
    const finder = new TextTimeFinder();
    const hostile = ['1 '.repeat(1 << 19), '2021-'.repeat(200_000), 'Jun '.repeat(250_000), 'time='.repeat(200_000), 'a=1:'.repeat(250_000)];
    report.textTimes = {
      syslogNoYearFile: await measure(statSync(syslogFile).size, () => countBatches(openEventBatches([syslogFile]))),
      isoFile: await measure(statSync(isoFile).size, () => countBatches(openEventBatches([isoFile]))),
      hostile1MBLinesMs: hostile.map((line) => {
        const t0 = performance.now();
        finder.find(line);
        return round(performance.now() - t0, 2);
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 5. Memory on a generated 200 MB stream: 100 MB of 1 KiB lines, one 50 MB line, 50 MB of short lines.
{
  const mib = 1 << 20;
  const kibLines = Buffer.from(('k'.repeat(1023) + '\n').repeat(1024));
  const noNewline = Buffer.alloc(mib, 0x61);
  const shortMib = Buffer.from(('s'.repeat(63) + '\n').repeat(mib / 64));
  async function* generated(): AsyncGenerator<Buffer> {
    for (let i = 0; i < 200; i++) {
      // Copies, as a file stream hands out fresh buffers.
      yield Buffer.from(i < 100 ? kibLines : i < 150 ? noNewline : shortMib);
    }
  }
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let lines = 0;
  const t0 = performance.now();
  for await (const batch of splitLineBatches(generated())) {
    lines += batch.length;
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  const mb = (n: number) => round(n / 1e6, 1);
  report.memory200MB = {
    lines,
    seconds: round((performance.now() - t0) / 1000, 2),
    rssBeforeMB: mb(before.rss),
    rssPeakMB: mb(peakRss),
    heapBeforeMB: mb(before.heapUsed),
    heapPeakMB: mb(peakHeap),
  };
}

console.log(JSON.stringify(report, null, 2));
