import type { Command } from 'commander';
import { nearestExample, similarToLine } from '../../detect/similar.js';
import { addModelOptions, positiveInt } from '../options.js';
import { renderTable } from '../table.js';
import { queryContextFor, type CommonOptions } from '../wiring.js';

/** The contract of `similar --json`: one array of these. */
export interface SimilarJson {
  pattern: string;
  id: string;
  distance: number;
  count: number;
  example: string;
  firstSeen: string;
  lastSeen: string;
}

export function registerSimilarCommand(program: Command): void {
  const cmd = program
    .command('similar')
    .summary('the known patterns nearest in meaning to a line')
    .requiredOption('--store <dir>', 'the baseline folder')
    .option('-k <n>', 'how many patterns', positiveInt('-k'), 5)
    .option('--json', 'print one JSON array')
    .argument('<line>', 'a log line, quoted');
  addModelOptions(cmd);
  cmd.action(async (line: string, opts: CommonOptions & { store: string; k: number; json?: boolean }) => {
    const { Baseline } = await import('../../store/baseline.js'); // SQLite and usearch: only when a command runs
    const baseline = Baseline.open(opts.store);
    try {
      const ctx = await queryContextFor(baseline, opts);
      try {
        const hits = await similarToLine(ctx, line, opts.k);
        const rows: SimilarJson[] = hits.map(({ pattern, distance }) => ({
          pattern: pattern.canonical,
          id: pattern.id,
          distance: round(distance),
          count: pattern.count,
          example: nearestExample(pattern, line)?.raw ?? '',
          firstSeen: isoFromNs(pattern.firstSeenNs),
          lastSeen: isoFromNs(pattern.lastSeenNs),
        }));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else {
          process.stdout.write(
            `${renderTable(
              ['distance', 'count', 'pattern', 'example'],
              rows.map((r) => [r.distance.toFixed(3), String(r.count), r.pattern, r.example]),
              [8, 8, 60, 70],
            )}\n`,
          );
        }
      } finally {
        await ctx.embedder.close();
      }
    } finally {
      baseline.close();
    }
  });
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function isoFromNs(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}
