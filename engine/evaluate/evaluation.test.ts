import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCanonicalizer } from '../canonical/canonicalizer.js';
import type { Embedder } from '../embed/embedder.js';
import { developmentModelDir } from '../embed/model-location.js';
import { WorkerEmbedder } from '../embed/worker-embedder.js';
import { evaluateDatasets } from './evaluation.js';
import { evaluationTable } from './evaluation-table.js';
import { readLoghubDatasets } from './loghub-datasets.js';

const dir = mkdtempSync(join(tmpdir(), 'logatlas-eval-test-'));
let embedder: Embedder;

/** A tiny data set in Loghub-2k layout: `rows` are [raw line, Content, EventId]. */
function writeDataset(name: string, rows: Array<[string, string, string]>, extraRaw = ''): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, `${name}_2k.log`), rows.map((r) => r[0]).join('\n') + '\n' + extraRaw);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = ['LineId,Content,EventId', ...rows.map((r, i) => `${i + 1},${quote(r[1])},${r[2]}`)].join('\n');
  writeFileSync(join(dir, name, `${name}_2k.log_structured_corrected.csv`), csv);
}

const rows: Array<[string, string, string]> = [];
for (let i = 0; i < 20; i++) {
  rows.push([`2024-01-01 10:00:${String(i).padStart(2, '0')} sshd[${100 + i}]: Failed password for root from 10.0.0.${i} port ${2000 + i}`, `Failed password for root from 10.0.0.${i} port ${2000 + i}`, 'E1']);
  rows.push([`2024-01-01 10:01:${String(i).padStart(2, '0')} kernel: disk temperature ${40 + i} C on sensor ${i + 10}`, `disk temperature ${40 + i} C on sensor ${i + 10}`, 'E2']);
}
rows.push(['2024-01-01 10:02:00 cron[7]: job backup finished after 31 minutes', 'job backup finished after 31 minutes', 'E3']);

before(async () => {
  writeDataset('Tiny', rows);
  embedder = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
});
after(async () => {
  await embedder?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the pipeline on a small labelled set: each event its own pattern and its own group', async () => {
  const stages: string[] = [];
  const result = await evaluateDatasets(readLoghubDatasets(dir), createCanonicalizer(), embedder, {}, (s) => stages.push(`${s.dataset} ${s.input}`));
  assert.deepEqual(stages, ['Tiny raw', 'Tiny content']);
  const [tiny] = result.datasets;
  assert.equal(tiny.lines, 41);
  assert.equal(tiny.events, 3);
  for (const input of [tiny.raw, tiny.content]) {
    assert.equal(input.patterns, 3);
    assert.equal(input.pattern.groupingAccuracy, 1);
    // Two frequent events are clusters; the one-off line is a group of its own either way.
    assert.equal(input.cluster.groupingAccuracy, 1);
    assert.ok(input.cluster.ari > 0.99);
  }
  assert.equal(result.mean.raw.cluster.groupingAccuracy, 1);
  const table = evaluationTable(result);
  assert.match(table, /\| Tiny \| 3 \| 3, \d+ \| 1\.000 \/ 1\.000 \/ 1\.000/);
  assert.match(table, /\*\*mean\*\*/);
});

test('bad input: a clear error naming the problem', () => {
  assert.throws(() => readLoghubDatasets(join(dir, 'missing')), /no such directory/);
  const empty = mkdtempSync(join(tmpdir(), 'logatlas-eval-empty-'));
  try {
    assert.throws(() => readLoghubDatasets(empty), /no data sets in Loghub-2k layout/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  writeDataset('Mismatch', rows.slice(0, 3), 'one line too many\n');
  try {
    assert.throws(() => readLoghubDatasets(dir), /Mismatch: 4 log lines but 3 labelled rows/);
  } finally {
    rmSync(join(dir, 'Mismatch'), { recursive: true, force: true });
  }
});
