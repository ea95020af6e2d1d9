import type { Command } from 'commander';
import type { LogEvent } from '../../events/event.js';
import { push, pushBatch } from '../../loki/push.js';
import { parseLabelFilter } from '../../service/label-filter.js';
import { parseAnomalyKind, type AnomalyKind } from '../../replay/anomalies.js';
import { replayEntries } from '../../replay/replay-entries.js';
import { UsageError } from '../errors.js';
import { addReadOptions } from '../options.js';
import { Progress } from '../progress.js';
import { eventBatchesFrom, type CommonOptions } from '../wiring.js';
import { addLogStoreOptions, pushClient, type LogStoreOptions } from './log-store-options.js';
import { forceFlush } from '../../victorialogs/http.js';

type ReplayOptions = CommonOptions & LogStoreOptions & { labels: string; speed: 'max' | number; inject: AnomalyKind[]; json?: boolean };

export function registerReplayCommand(program: Command): void {
  const cmd = program
    .command('replay')
    .summary('push a log data set to Loki or VictoriaLogs with realistic timing, optionally with injected anomalies')
    .description(
      'Reads log files and pushes their lines to Loki (or to VictoriaLogs, through its Loki push API).\n' +
        '--speed max pushes everything at once, moved in time\n' +
        'so that the last line is now; --speed N plays the recorded gaps N times faster from now on, each\n' +
        'line stamped when it is pushed (what a watching `logatlas serve` follows live).',
    )
    .requiredOption('--labels <selector>', 'stream labels of the pushed lines, e.g. {job="replay"}')
    .option('--speed <max|N>', 'max, or a factor such as 1 or 10', parseSpeed, 'max' as const)
    .option('--inject <kind>', 'add an anomaly: brute-force, new-error or burst (repeatable)', collectKind, [] as AnomalyKind[])
    .option('--json', 'print a JSON summary')
    .argument('<files...>', 'log files, or - for standard input');
  addLogStoreOptions(cmd, 'tenant: Loki X-Scope-OrgID, or VictoriaLogs AccountID[:ProjectID]');
  addReadOptions(cmd);
  cmd.action(async (files: string[], opts: ReplayOptions) => {
    const baseLabels = equalityLabels(opts.labels);
    const http = pushClient(opts);
    const events: LogEvent[] = [];
    for await (const batch of eventBatchesFrom(files, opts)) events.push(...batch);
    const { entries, injected } = replayEntries(events, { baseLabels, speed: opts.speed, nowMs: Date.now(), inject: opts.inject });
    const progress = new Progress('pushing');
    let pushed = 0;
    if (opts.speed === 'max') {
      const res = await push(http, entries);
      pushed = res.entries;
    } else {
      const start = Date.now();
      for (let i = 0; i < entries.length;) {
        const wait = entries[i].dueMs - (Date.now() - start);
        if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
        const elapsed = Date.now() - start;
        let j = i;
        while (j < entries.length && entries[j].dueMs <= elapsed && j - i < 1000) j++;
        if (j === i) continue;
        // Stamped when pushed: a follower's cursor is never ahead of a line it has not seen.
        const now = BigInt(Date.now()) * 1_000_000n;
        const batch = entries.slice(i, j).map((e) => ({ ...e, tsNs: e.tsNs > now ? now : e.tsNs }));
        await pushBatch(http, uniqueWithin(batch));
        pushed += batch.length;
        progress.update(pushed, entries.length, 'lines');
        i = j;
      }
    }
    progress.done();
    if (opts.victorialogs !== undefined) await flushVictoriaLogs(opts.victorialogs);
    const first = entries[0]?.tsNs;
    const last = entries.reduce<bigint | undefined>((m, e) => (m === undefined || e.tsNs > m ? e.tsNs : m), undefined);
    const injectedTotal = Object.values(injected).reduce((a, b) => a + b, 0);
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ pushed, injected, labels: baseLabels, firstTsNs: first?.toString() ?? null, lastTsNs: last?.toString() ?? null })}\n`,
      );
    } else {
      const what = Object.entries(injected)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      process.stdout.write(
        `pushed ${pushed} lines${injectedTotal ? ` (${injectedTotal} injected: ${what})` : ''} to ${opts.loki ?? opts.victorialogs} as ${opts.labels}\n`,
      );
    }
  });
}

/** Clamping to "now" can make two entries of a stream share a timestamp: spread them by 1 ns. */
function uniqueWithin<T extends { stream: Record<string, string>; tsNs: bigint }>(batch: T[]): T[] {
  const last = new Map<string, bigint>();
  return batch.map((e) => {
    const key = JSON.stringify(Object.entries(e.stream).sort());
    const prev = last.get(key);
    const ts = prev !== undefined && e.tsNs <= prev ? prev + 1n : e.tsNs;
    last.set(key, ts);
    return { ...e, tsNs: ts };
  });
}

function equalityLabels(selector: string): Record<string, string> {
  let matchers;
  try {
    matchers = parseLabelFilter(selector);
  } catch (err) {
    throw new UsageError(`--labels: ${(err as Error).message}`);
  }
  if (matchers.length === 0 || matchers.some((m) => m.op !== '=')) {
    throw new UsageError('--labels needs at least one label and only = matchers, e.g. {job="replay"}');
  }
  return Object.fromEntries(matchers.map((m) => [m.name, m.value]));
}

function parseSpeed(value: string): 'max' | number {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) throw new UsageError(`--speed expects max or a positive number, got "${value}"`);
  return n;
}

function collectKind(value: string, previous: AnomalyKind[]): AnomalyKind[] {
  try {
    return [...previous, parseAnomalyKind(value)];
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * VictoriaLogs makes pushed rows searchable about a second later ("Forced flush" in its docs). A replay
 * at speed max back-dates its lines: a watch polling in that second would move its cursor past rows it
 * could not see yet. So replay returns only once they are searchable.
 */
async function flushVictoriaLogs(url: string): Promise<void> {
  try {
    await forceFlush(url);
  } catch (err) {
    process.stderr.write(`logatlas: warning: could not make the pushed rows searchable at once (${(err as Error).message}); they may be a second late\n`);
  }
}
