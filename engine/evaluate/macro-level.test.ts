import assert from 'node:assert/strict';
import { test } from 'node:test';
import { macroMeasures } from './macro-level.js';

// Four templates: 0 and 1 (program sshd) form cluster 0, 2 (sshd) is noise, 3 (kernel) is cluster 1.
// Lines: template 0 ×3 (event A), 1 ×1 (event A: the template layer split it), 2 ×2 (B), 3 ×4 (C).
const templateOfLine = [0, 0, 0, 1, 2, 2, 3, 3, 3, 3];
const eventIds = ['A', 'A', 'A', 'A', 'B', 'B', 'C', 'C', 'C', 'C'];
const components = ['sshd', 'sshd', 'sshd', 'sshd', 'sshd', 'sshd', 'kernel', 'kernel', 'kernel', 'kernel'];
const labels = Int32Array.from([0, 0, -1, 1]);
const counts = [3, 1, 2, 4];

test('sizes, noise and event types', () => {
  const m = macroMeasures(templateOfLine, labels, counts, eventIds, components);
  assert.equal(m.templates, 4);
  assert.equal(m.clusters, 2);
  assert.equal(m.templatesPerCluster, 1.5);
  assert.equal(m.noiseTemplates, 0.25);
  assert.equal(m.noiseEvents, 0.2);
  assert.equal(m.typesPerCluster, 1);
  // Event A's two templates share cluster 0: every type is whole.
  assert.equal(m.typesKeptWhole, 1);
});

test('B-cubed agreement with programs over templates', () => {
  const m = macroMeasures(templateOfLine, labels, counts, eventIds, components);
  // Purity: every group holds one program. Gathering: sshd templates 0 and 1 see 2 of 3 sshd templates,
  // template 2 (noise) sees 1 of 3, kernel sees 1 of 1: (2/3 + 2/3 + 1/3 + 1) / 4.
  assert.equal(m.programPurity, 1);
  assert.ok(Math.abs(m.programGathering - (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4) < 1e-12);
  assert.ok(Math.abs(m.programF1 - (2 * m.programGathering) / (1 + m.programGathering)) < 1e-12);
  // Everything in one cluster: gathering 1, purity drops.
  const one = macroMeasures(templateOfLine, Int32Array.from([0, 0, 0, 0]), counts, eventIds, components);
  assert.equal(one.programGathering, 1);
  assert.ok(Math.abs(one.programPurity - (3 / 4 + 3 / 4 + 3 / 4 + 1 / 4) / 4) < 1e-12);
});

test('a split event type and a missing Component column', () => {
  const split = macroMeasures(templateOfLine, Int32Array.from([0, 1, -1, 1]), counts, eventIds);
  // Event A's templates are in two clusters: its 4 lines of 10 are not whole.
  assert.equal(split.typesKeptWhole, 0.6);
  assert.ok(Number.isNaN(split.programF1));
  const oneProgram = macroMeasures(
    templateOfLine,
    labels,
    counts,
    eventIds,
    eventIds.map(() => 'LabSZ'),
  );
  assert.ok(Number.isNaN(oneProgram.programPurity), 'a single program says nothing');
});
