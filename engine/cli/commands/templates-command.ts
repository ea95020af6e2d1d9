import type { Command } from 'commander';
import type { Pattern } from '../../patterns/pattern.js';
import { positiveInt } from '../options.js';
import { UsageError } from '../errors.js';
import { renderTable } from '../table.js';
import { isoFromNs } from './similar-command.js';

/** The contract of `templates --json`: one array of these. */
export interface TemplateJson {
  id: string;
  template: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  example: string;
  /** The most frequent values per entity kind (users, IPs, hosts...), most frequent first. */
  entities: Record<string, Array<{ value: string; count: number }>>;
}

const ORDERS = ['count', 'first', 'last'] as const;

export function registerTemplatesCommand(program: Command): void {
  program
    .command('templates')
    .summary('the kinds of events a baseline knows: templates with counts, times and entities')
    .requiredOption('--store <dir>', 'the baseline folder')
    .option('--top <n>', 'how many templates', positiveInt('--top'), 20)
    .option('--sort <order>', `order: ${ORDERS.join(', ')} (first = newest first seen first)`, 'count')
    .option('--json', 'print one JSON array')
    .action(async (opts: { store: string; top: number; sort: string; json?: boolean }) => {
      if (!(ORDERS as readonly string[]).includes(opts.sort)) throw new UsageError(`--sort must be one of ${ORDERS.join(', ')}, got ${opts.sort}`);
      const { Baseline } = await import('../../store/baseline.js'); // SQLite and usearch: only when the command runs
      const baseline = Baseline.open(opts.store);
      try {
        const all = [...baseline.patterns.all()];
        const key = (p: Pattern): number | bigint => (opts.sort === 'count' ? p.count : opts.sort === 'first' ? p.firstSeenNs : p.lastSeenNs);
        all.sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : a.key - b.key));
        const rows = all.slice(0, opts.top).map(toJson);
        if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else {
          process.stdout.write(
            `${renderTable(
              ['count', 'last seen', 'template', 'top entities'],
              rows.map((r) => [String(r.count), r.lastSeen.slice(0, 19), r.template, topEntities(r)]),
              [8, 19, 90, 40],
            )}\n`,
          );
        }
        const events = all.reduce((n, p) => n + p.count, 0);
        process.stderr.write(`${all.length} templates, ${events} events in ${baseline.dir}${all.length > rows.length ? ` (top ${rows.length} shown)` : ''}\n`);
      } finally {
        baseline.close();
      }
    });
}

function toJson(p: Pattern): TemplateJson {
  const entities: TemplateJson['entities'] = {};
  for (const [kind, counts] of Object.entries(p.entities)) {
    entities[kind] = Object.entries(counts)
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 5);
  }
  return {
    id: p.id,
    template: p.canonical,
    count: p.count,
    firstSeen: isoFromNs(p.firstSeenNs),
    lastSeen: isoFromNs(p.lastSeenNs),
    example: p.examples[0]?.raw ?? '',
    entities,
  };
}

function topEntities(t: TemplateJson): string {
  return Object.entries(t.entities)
    .filter(([kind]) => kind !== 'port')
    .map(([kind, values]) => `${kind} ${values[0].value}${values.length > 1 ? ` +${values.length - 1}` : ''}`)
    .join(', ');
}
