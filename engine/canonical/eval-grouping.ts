/**
 * Grouping accuracy of the canonicalizer alone: each distinct canonical form is taken as one group and
 * compared with Loghub's EventId (a line is correct when its group holds exactly the lines of its
 * EventId). Run after `tsc`:
 *   node build/engine/canonical/eval-grouping.js [--numbers-min-len N] [--no-mask-numbers]
 *     [--no-mask-ips] [--seed-style] [--explain DATASET] [--datasets DIR]
 * A script for the lead to move to bench/; it prints a table and never fails on the numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createCanonicalizer, type CanonicalizerConfig } from './canonicalizer.js';
import { DEFAULT_RULES } from './default-rules.js';

/**
 * A baseline close to seed-style masking (macro2micro): timestamps, UUIDs, hex, IPs and numbers of two
 * or more digits, nothing key-aware. `--seed-style` evaluates it for comparison.
 */
export const SEED_STYLE: CanonicalizerConfig = {
  rules: DEFAULT_RULES.filter((r) => r.kind === 'time' || ['uuid', 'hex', 'ipv4', 'ipv6', 'number'].includes(r.name)),
  numbersMinLen: 2,
  maxLength: 0,
};

export const LOGHUB_DATASETS = ['Apache', 'HDFS', 'Hadoop', 'HealthApp', 'Linux', 'OpenSSH', 'Spark', 'Windows', 'Zookeeper'];

/** `../shared/datasets` next to the repository (build/engine/canonical → repo root). */
export const DEFAULT_DATASETS_DIR = fileURLToPath(new URL('../../../../shared/datasets', import.meta.url));

export interface LabeledLines {
  raw: string[];
  content: string[];
  eventIds: string[];
}

export function readLoghub(datasetsDir: string, name: string): LabeledLines {
  const dir = join(datasetsDir, 'loghub-2k', name);
  const raw = readFileSync(join(dir, `${name}_2k.log`), 'utf8').split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const rows = parse(readFileSync(join(dir, `${name}_2k.log_structured_corrected.csv`), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  if (rows.length !== raw.length) throw new Error(`${name}: ${raw.length} raw lines but ${rows.length} labeled rows`);
  return { raw, content: rows.map((r) => r.Content), eventIds: rows.map((r) => r.EventId) };
}

/** Loghub grouping accuracy of predicted group keys against true event ids. */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  const groups = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    const g = groups.get(p);
    if (g === undefined) groups.set(p, [i]);
    else g.push(i);
  });
  let correct = 0;
  for (const members of groups.values()) {
    const id = truth[members[0]];
    if (members.every((i) => truth[i] === id) && truthSize.get(id) === members.length) correct += members.length;
  }
  return correct / truth.length;
}

/** Prints, for one data set, the true events split over several forms and the forms that mix events. */
function explain(lines: string[], forms: string[], truth: string[]): void {
  const formsByEvent = new Map<string, Map<string, number>>();
  const eventsByForm = new Map<string, Set<string>>();
  forms.forEach((f, i) => {
    const byEvent = formsByEvent.get(truth[i]) ?? new Map<string, number>();
    byEvent.set(f, (byEvent.get(f) ?? 0) + 1);
    formsByEvent.set(truth[i], byEvent);
    const events = eventsByForm.get(f) ?? new Set<string>();
    events.add(truth[i]);
    eventsByForm.set(f, events);
  });
  console.log('--- events split over several forms (first 3 forms each)');
  for (const [event, byForm] of formsByEvent) {
    if (byForm.size < 2) continue;
    console.log(`${event}: ${byForm.size} forms`);
    for (const [f, n] of [...byForm].slice(0, 3)) console.log(`   ${n}× ${f}`);
  }
  console.log('--- forms mixing several events');
  for (const [f, events] of eventsByForm) {
    if (events.size < 2) continue;
    const example = lines[forms.indexOf(f)];
    console.log(`${[...events].join(',')}: ${f}\n   e.g. ${example}`);
  }
}

function main(argv: string[]): void {
  let config: CanonicalizerConfig = {};
  let datasetsDir = process.env.LOGATLAS_DATASETS ?? DEFAULT_DATASETS_DIR;
  let explainName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--numbers-min-len') config.numbersMinLen = Number(argv[++i]);
    else if (arg === '--no-mask-numbers') config.maskNumbers = false;
    else if (arg === '--no-mask-ips') config.maskIps = false;
    else if (arg === '--explain') explainName = argv[++i];
    else if (arg === '--seed-style') config = { ...SEED_STYLE, ...config };
    else if (arg === '--datasets') datasetsDir = argv[++i];
    else throw new Error(`unknown argument ${arg}`);
  }
  const canonicalizer = createCanonicalizer(config);
  const form = (line: string) => canonicalizer.canonicalize(line).canonical;
  console.log('dataset     raw GA  content GA  raw forms  content forms  events');
  let sumRaw = 0;
  let sumContent = 0;
  for (const name of LOGHUB_DATASETS) {
    const data = readLoghub(datasetsDir, name);
    const rawForms = data.raw.map(form);
    const contentForms = data.content.map(form);
    const rawGa = groupingAccuracy(rawForms, data.eventIds);
    const contentGa = groupingAccuracy(contentForms, data.eventIds);
    sumRaw += rawGa;
    sumContent += contentGa;
    const events = new Set(data.eventIds).size;
    console.log(
      `${name.padEnd(10)}  ${rawGa.toFixed(3)}   ${contentGa.toFixed(3)}       ${String(new Set(rawForms).size).padStart(5)}` +
        `      ${String(new Set(contentForms).size).padStart(5)}       ${String(events).padStart(4)}`,
    );
    if (name === explainName) {
      console.log('=== raw');
      explain(data.raw, rawForms, data.eventIds);
      console.log('=== content');
      explain(data.content, contentForms, data.eventIds);
    }
  }
  const n = LOGHUB_DATASETS.length;
  console.log(`${'mean'.padEnd(10)}  ${(sumRaw / n).toFixed(3)}   ${(sumContent / n).toFixed(3)}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
