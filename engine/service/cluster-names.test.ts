import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterNumberOf, clusterOrNoiseId, ClusterNames, NOISE_LABEL } from './cluster-names.js';

const rec = (id: number, label: string) => ({ id, label, size: 10 - id, patterns: 1, topEntities: [] });

test('a cluster keeps its id and gets its readable label, made distinct; noise and unknown ids are named', () => {
  const names = new ClusterNames([rec(0, 'sshd: Failed password for …'), rec(3, 'sshd: Failed password for …'), rec(5, 'kernel: oom')]);
  assert.deepEqual(names.of(0), { cluster: 'c0', clusterLabel: 'sshd: Failed password for …' });
  assert.deepEqual(names.of(3), { cluster: 'c3', clusterLabel: 'sshd: Failed password for … (2)' });
  assert.deepEqual(names.ofId('c5'), { cluster: 'c5', clusterLabel: 'kernel: oom' });
  assert.deepEqual(names.of(-1), { cluster: 'noise', clusterLabel: NOISE_LABEL });
  // A cluster not (yet) in the stored clustering is named by its id rather than by nothing.
  assert.deepEqual(names.ofId('c9'), { cluster: 'c9', clusterLabel: 'c9' });
});

test('the names of a cluster list are made once per list, and a new list (a clustering) gets its own', () => {
  const first = [rec(0, 'sshd: Failed password for …'), rec(1, 'kernel: oom')];
  assert.equal(ClusterNames.of(first), ClusterNames.of(first));
  const second = [rec(0, 'kernel: oom'), rec(1, 'sshd: Failed password for …')];
  assert.notEqual(ClusterNames.of(second), ClusterNames.of(first));
  assert.equal(ClusterNames.of(second).of(0).clusterLabel, 'kernel: oom');
  assert.equal(ClusterNames.of(first).of(0).clusterLabel, 'sshd: Failed password for …');
});

test('cluster numbers and API ids map both ways; other ids name no cluster', () => {
  for (const n of [-1, 0, 7, 10, 70_000]) assert.equal(clusterNumberOf(clusterOrNoiseId(n)), n);
  assert.equal(clusterOrNoiseId(-3), 'noise');
  for (const id of ['c007', 'c', 'other', 'C7', 'c-1', 'c1.5']) assert.equal(clusterNumberOf(id), undefined, id);
});
