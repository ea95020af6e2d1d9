import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_THRESHOLD, Detector, type Detection } from '../../detect/detector.js';
import { nearestExample } from '../../detect/similar.js';
import type { LogEvent } from '../../events/event.js';
import { addModelOptions, addReadOptions, distance, positiveInt } from '../options.js';
import { Progress } from '../progress.js';
import { isoFromNs, round } from './similar-command.js';
import { eventBatchesFrom, queryContextFor, type CommonOptions } from '../wiring.js';

/** The contract of `detect --json`: one object per input line. */
export interface DetectJson {
  line: number;
  text: string;
  canonical: string;
  nearest: string | null;
  nearestId: string | null;
  nearestExample: string | null;
  distance: number | null;
  known: boolean;
  flagged: boolean;
  reasons: string[];
  origin: string;
  time?: string;
}

type DetectOptions = CommonOptions & {
  store: string;
  threshold: number;
  json?: boolean;
  alertsDir?: string;
  batch: number;
};

export function registerDetectCommand(program: Command): void {
  const cmd = program
    .command('detect')
    .summary('flag lines unlike anything in the baseline')
    .description(
      'For each incoming line, finds its nearest known pattern and cosine distance; lines farther than\n' +
        `--threshold are flagged with a reason. The default threshold (${DEFAULT_THRESHOLD}) is explained in the README.`,
    )
    .requiredOption('--store <dir>', 'the baseline folder')
    .option('--threshold <t>', 'cosine distance above which a line is flagged', distance('--threshold'), DEFAULT_THRESHOLD)
    .option('--json', 'print one JSON object per input line')
    .option('--alerts-dir <dir>', 'write one alert file (JSON) per flagged line into this folder')
    .option('--batch <n>', 'lines judged per model call', positiveInt('--batch'), 256)
    .argument('<files...>', 'log files, or - for standard input');
  addReadOptions(cmd);
  addModelOptions(cmd);
  cmd.action(async (files: string[], opts: DetectOptions) => {
    const { Baseline } = await import('../../store/baseline.js'); // SQLite and usearch: only when a command runs
    const baseline = Baseline.open(opts.store);
    try {
      const ctx = await queryContextFor(baseline, opts);
      const detector = new Detector(ctx, { threshold: opts.threshold });
      const alertsDir = opts.alertsDir ? resolve(opts.alertsDir) : undefined;
      if (alertsDir) mkdirSync(alertsDir, { recursive: true });
      const progress = new Progress('detecting');
      let lines = 0;
      let flagged = 0;
      if (!opts.json) process.stdout.write(`${formatRow(['line', 'verdict', 'distance', 'nearest known pattern', 'text'])}\n`);
      const judge = async (batch: LogEvent[]): Promise<void> => {
        for (const d of await detector.detect(batch)) {
          lines++;
          if (d.flagged) {
            flagged++;
            if (alertsDir) writeAlert(alertsDir, d, opts.threshold);
          }
          process.stdout.write(`${opts.json ? JSON.stringify(toJson(d)) : formatDetection(d)}\n`);
        }
        progress.update(lines, undefined, `lines, ${flagged} flagged`);
      };
      try {
        // Each chunk the reader hands over is judged at once, so a live stream (tail -f | detect -)
        // is answered as lines arrive; big chunks are cut to --batch lines per model call.
        for await (const read of eventBatchesFrom(files, opts)) {
          for (let i = 0; i < read.length; i += opts.batch) await judge(read.slice(i, i + opts.batch));
        }
      } finally {
        progress.done();
        await ctx.embedder.close();
      }
      process.stderr.write(`${lines} lines, ${flagged} flagged (threshold ${opts.threshold})${alertsDir ? `, alerts in ${alertsDir}` : ''}\n`);
    } finally {
      baseline.close();
    }
  });
}

export function toJson(d: Detection): DetectJson {
  return {
    line: d.event.seq,
    text: d.event.text,
    canonical: d.canonical,
    nearest: d.nearest?.canonical ?? null,
    nearestId: d.nearest?.id ?? null,
    nearestExample: d.nearest ? (nearestExample(d.nearest, d.event.text)?.raw ?? null) : null,
    distance: Number.isFinite(d.distance) ? round(d.distance) : null,
    known: d.known,
    flagged: d.flagged,
    reasons: d.reasons,
    origin: d.event.origin,
    ...(d.event.timestampNs !== undefined ? { time: isoFromNs(d.event.timestampNs) } : {}),
  };
}

const WIDTHS = [6, 7, 8, 48];
function formatRow(cells: string[]): string {
  return cells.map((c, i) => (i < WIDTHS.length ? cut(c, WIDTHS[i]).padEnd(WIDTHS[i]) : c)).join('  ');
}
function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
function formatDetection(d: Detection): string {
  const dist = Number.isFinite(d.distance) ? d.distance.toFixed(3) : '-';
  return formatRow([String(d.event.seq), d.flagged ? 'ALERT' : d.known ? 'known' : 'near', dist, d.nearest?.canonical ?? '-', d.event.text]);
}

/** One file per flagged line, named so that files sort by input order and never collide. */
function writeAlert(dir: string, d: Detection, threshold: number): void {
  const origin = d.event.origin === '-' ? 'stdin' : d.event.origin.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  const name = `alert-${origin}-line${String(d.event.seq).padStart(8, '0')}.json`;
  const alert = { kind: 'unlike-known', threshold, detectedAt: new Date().toISOString(), ...toJson(d), raw: d.event.raw, labels: d.event.labels };
  writeFileSync(join(dir, name), `${JSON.stringify(alert, null, 2)}\n`);
}
