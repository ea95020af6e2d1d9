import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Embedder } from '../embed/embedder.js';
import { developmentModelDir } from '../embed/model-location.js';
import { WorkerEmbedder } from '../embed/worker-embedder.js';
import { evaluate, type EvaluationResult } from './evaluation.js';
import { evaluationTable } from './evaluation-table.js';
import { readLoghubDatasets, type LabeledDataset } from './loghub-datasets.js';

// Three small labelled logs through the real canonicalizer, template layer and model. Sizes with
// switching units occur in one of them only, sshd user names in another only: the rules for them
// (`size`, `auth_user`) help one set each, so the fold holding that set out must drop them.
const users = ['root', 'admin', 'guest', 'test', 'oracle', 'postgres', 'ubuntu', 'pi', 'git', 'ftp'];
const units = ['KB', 'MB', 'B'];
// Each user fails four times in a row: ten names, none of them rare (the template layer opens a
// position early only on rare words), fewer than it needs otherwise, so only `auth_user` joins them.
const userOf = (i: number) => users[Math.floor(i / 6) % users.length];

function dataset(name: string, rows: Array<[string, string, string, string?]>): LabeledDataset {
  return { name, raw: rows.map((r) => r[0]), content: rows.map((r) => r[1]), eventIds: rows.map((r) => r[2]), components: rows.map((r) => r[3] ?? name) };
}

const sizes = dataset(
  'Sizes',
  Array.from({ length: 60 }, (_, i): [string, string, string, string] =>
    i % 2 === 0
      ? [
          `17/06/09 20:10:${String(i % 60).padStart(2, '0')} INFO storage.MemoryStore: Block rdd_${i} stored as values in memory (estimated size ${i + 3}.5 ${units[i % 3]})`,
          `Block rdd_${i} stored as values in memory (estimated size ${i + 3}.5 ${units[i % 3]})`,
          'E1',
          'MemoryStore',
        ]
      : [
          `17/06/09 20:11:${String(i % 60).padStart(2, '0')} INFO storage.BlockManager: Found block rdd_${i} locally`,
          `Found block rdd_${i} locally`,
          'E2',
          'BlockManager',
        ],
  ),
);
const sshd = dataset(
  'Sshd',
  Array.from({ length: 60 }, (_, i): [string, string, string, string] =>
    i % 3 === 2
      ? [
          `Dec 10 06:55:${String(i).padStart(2, '0')} LabSZ sshd[${2400 + i}]: Received disconnect from 10.0.0.${i}: 11: Bye Bye [preauth]`,
          `Received disconnect from 10.0.0.${i}: 11: Bye Bye [preauth]`,
          'E2',
          'sshd',
        ]
      : [
          `Dec 10 06:55:${String(i).padStart(2, '0')} LabSZ sshd[${2400 + i}]: Failed password for ${userOf(i)} from 10.0.0.${i} port ${4000 + i} ssh2`,
          `Failed password for ${userOf(i)} from 10.0.0.${i} port ${4000 + i} ssh2`,
          'E1',
          'sshd',
        ],
  ),
);
const plain = dataset(
  'Plain',
  Array.from({ length: 60 }, (_, i): [string, string, string, string] =>
    i % 2 === 0
      ? [
          `2024-01-01 10:00:${String(i).padStart(2, '0')} kernel: disk temperature ${40 + i} C on sensor ${i}`,
          `disk temperature ${40 + i} C on sensor ${i}`,
          'E1',
          'kernel',
        ]
      : [
          `2024-01-01 10:01:${String(i).padStart(2, '0')} cron[${i}]: job backup finished after ${i} minutes`,
          `job backup finished after ${i} minutes`,
          'E2',
          'cron',
        ],
  ),
);

let embedder: Embedder;
let result: EvaluationResult;
const stages: string[] = [];

before(async () => {
  embedder = await WorkerEmbedder.start({ modelDir: developmentModelDir(), dtype: 'q8' });
  result = await evaluate([sizes, sshd, plain], embedder, { onStage: (s) => stages.push(s) });
});
after(async () => {
  await embedder?.close();
});

const row = (name: string) => result.templates.find((r) => r.name === name)!;

test('all-sets: the template layer with every rule groups each small log exactly; exact forms split the user names', () => {
  for (const name of ['Sizes', 'Sshd', 'Plain']) {
    assert.equal(row(name).allSets.raw.groupingAccuracy, 1, name);
    assert.equal(row(name).allSets.content.groupingAccuracy, 1, name);
    assert.equal(row(name).allSets.templates.raw, 2, name);
  }
  // Exact canonical forms keep the user names apart (kept in the text): one form per name.
  assert.ok(row('Sshd').baseline.templates.raw > 2);
  assert.ok(row('Sshd').baseline.raw.groupingAccuracy < 1);
});

test('single-rule ablation: size and auth_user each help exactly the set they were written for', () => {
  const rule = (name: string) => result.rules.find((r) => r.rule === name)!;
  assert.deepEqual(rule('size').helps, ['Sizes']);
  assert.deepEqual(rule('auth_user').helps, ['Sshd']);
  assert.ok(rule('size').deltas[0] < 0);
  assert.ok(result.oneSetRules.rules.includes('size') && result.oneSetRules.rules.includes('auth_user'));
  assert.ok(result.oneSetRules.without.raw < result.oneSetRules.withAll.raw);
  assert.ok(result.rulesUnderTest.includes('size'));
  assert.ok(!result.rulesUnderTest.includes('uuid'), 'a rule with no effect anywhere is not under test');
});

test('leave-one-out: a fold drops the rule only its held-out set needs, and the held-out score shows it', () => {
  assert.ok(row('Sizes').leaveOneOut.droppedRules.includes('size'));
  assert.ok(!row('Sshd').leaveOneOut.droppedRules.includes('size'), 'kept while Sizes is in training');
  assert.ok(row('Sizes').leaveOneOut.raw.groupingAccuracy < row('Sizes').allSets.raw.groupingAccuracy);
  assert.ok(row('Sshd').leaveOneOut.droppedRules.includes('auth_user'));
  assert.ok(!row('Plain').leaveOneOut.droppedRules.includes('auth_user'));
  for (const r of result.templates) {
    assert.ok([4, 6, 8, 12, 16, 24, 32].includes(r.leaveOneOut.setting.evidenceValues));
    assert.ok(r.leaveOneOut.trainingScore >= 0 && r.leaveOneOut.trainingScore <= 1);
  }
});

test('first-seen alerts: counted on the second half of each log', () => {
  for (const r of result.novelty) {
    // Both event types of every log occur in its first half: every second-half line is of a known type.
    assert.equal(r.allSets.knownLines, 30, r.name);
    assert.equal(r.allSets.newTypes, 0, r.name);
  }
  // With every rule the templates are known after the first half: no false alert.
  for (const r of result.novelty) assert.equal(r.allSets.falseAlerts, 0, r.name);
});

test('macro level: measures per set, the loo choice on the grid, labels of the largest themes', () => {
  assert.equal(result.macro.length, 3);
  for (const m of result.macro) {
    assert.equal(m.allSets.templates, 2, m.name);
    assert.ok(m.allSets.noiseTemplates >= 0 && m.allSets.noiseTemplates <= 1);
    assert.ok([2, 3, 4].includes(m.leaveOneOut.setting.minClusterSize));
    for (const c of m.largestClusters) assert.ok(c.label.length > 0 && !/^c\d+$/.test(c.label));
  }
});

test('the table shows every section, the means and the goals', () => {
  const table = evaluationTable(result);
  for (const heading of ['Template level (micro): baseline', 'leave one data set out', 'First-seen alerts', 'single-rule ablation', 'Macro level']) {
    assert.ok(table.includes(heading), heading);
  }
  assert.match(table, /\| Sizes \| 60 \| 2 \|/);
  assert.match(table, /Goals: leave-one-out GA ≥ 0\.9 raw/);
  assert.match(table, /- Sizes held out: .*size/);
  assert.ok(stages.some((s) => s.startsWith('leave-one-out fold 3/3')));
});

test('bad input: a clear error naming the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-eval-test-'));
  try {
    assert.throws(() => readLoghubDatasets(join(dir, 'missing')), /no such directory/);
    assert.throws(() => readLoghubDatasets(dir), /no data sets in Loghub-2k layout/);
    mkdirSync(join(dir, 'Mismatch'));
    writeFileSync(join(dir, 'Mismatch', 'Mismatch_2k.log'), 'a\nb\nc\n');
    writeFileSync(join(dir, 'Mismatch', 'Mismatch_2k.log_structured_corrected.csv'), 'LineId,Content,EventId\n1,a,E1\n2,b,E2\n');
    assert.throws(() => readLoghubDatasets(dir), /Mismatch: 3 log lines but 2 labelled rows/);
    writeFileSync(join(dir, 'Mismatch', 'Mismatch_2k.log_structured_corrected.csv'), 'LineId,Component,Content,EventId\n1,x,a,E1\n2,y,b,E2\n3,x,c,E1\n');
    const [read] = readLoghubDatasets(dir);
    assert.deepEqual(read.components, ['x', 'y', 'x']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
