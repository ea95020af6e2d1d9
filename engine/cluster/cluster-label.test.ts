import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterLabel, distinctLabels, LABEL_MAX_CHARS } from './cluster-label.js';

// Clusters as the default clustering made them from Loghub-2k's raw lines (the template layer's text and
// counts): what a reader sees in cluster_summary.csv, the HTML reports and the service's /clusters.

test('OpenSSH: the words most failed-login templates share, in the order of the most frequent one', () => {
  const templates = [
    { canonical: '<TS> <HOST> sshd[<NUM>]: Invalid user <USER> from <IP>', count: 113 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Failed password for invalid user <USER> from <IP> port <PORT> ssh2', count: 135 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Failed password for <*> from <IP> port <PORT> ssh2', count: 383 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: message repeated <NUM> times: [ Failed password for root from <IP> port <PORT> ssh2]', count: 2 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Did not receive identification string from <IP>', count: 10 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Failed none for invalid user <USER> from <IP> port <PORT> ssh2', count: 4 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Accepted password for fztu from <IP> port <PORT> ssh2', count: 1 },
  ];
  assert.equal(clusterLabel(templates), 'sshd: Failed password for … from … port … ssh2');
});

test('OpenSSH: a disconnect theme is named by what its templates share, not by its largest template alone', () => {
  const templates = [
    { canonical: '<TS> <HOST> sshd[<NUM>]: input_userauth_request: invalid user <USER> [preauth]', count: 113 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Connection closed by <IP> [preauth]', count: 34 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Received disconnect from <IP>: <NUM>: Bye Bye [preauth]', count: 413 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Disconnecting: Too many authentication failures for <*> [preauth]', count: 3 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: error: Received disconnect from <IP>: <NUM>: com.jcraft.jsch.JSchException: Auth fail [preauth]', count: 2 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Received disconnect from <IP>: <NUM>: Closed due to user request. [preauth]', count: 7 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: error: Received disconnect from <IP>: <NUM>: No more user authentication methods available. [preauth]', count: 45 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: Received disconnect from <IP>: <NUM>: disconnected by user', count: 1 },
    { canonical: '<TS> <HOST> sshd[<NUM>]: fatal: Write failed: Connection reset by peer [preauth]', count: 1 },
  ];
  // "Bye Bye" (only the largest template's) is left out.
  assert.equal(clusterLabel(templates), 'sshd: Received disconnect from … preauth');
});

test('Linux: program from the syslog header, shared words case-blind, no placeholders', () => {
  const klogind = [
    { canonical: '<TS> <HOST> klogind[<NUM>]: Authentication failed from <IP> (<HOST>): Permission denied in replay cache code', count: 8 },
    { canonical: '<TS> <HOST> klogind[<NUM>]: Kerberos authentication failed', count: 23 },
    { canonical: '<TS> <HOST> klogind[<NUM>]: Authentication failed from <IP> (<HOST>): Software caused connection abort', count: 15 },
  ];
  assert.equal(clusterLabel(klogind), 'klogind: authentication failed');
  const hashTables = ['PID', 'Dentry cache', 'Inode-cache', 'Mount-cache', 'Dquot-cache'].map((what) => ({
    canonical: `<TS> <HOST> kernel: ${what} hash table entries: <NUM> (order: <NUM>, <SIZE>)`,
    count: 1,
  }));
  assert.equal(clusterLabel(hashTables), 'kernel: hash table entries … order');
});

test('Java loggers: the class without its package, levels and thread fields left out', () => {
  const hdfs = [
    { canonical: '<TS> <NUM> INFO dfs.DataNode$DataXceiver: Receiving block blk_<NUM> src: /<IP>:<PORT> dest: /<IP>:<PORT>', count: 292 },
    { canonical: '<TS> <NUM> INFO dfs.DataNode$DataXceiver: <IP>:<PORT> Served block blk_<NUM> to /<IP>', count: 80 },
    { canonical: '<TS> <NUM> WARN dfs.DataNode$DataXceiver: <IP>:<PORT>:Got exception while serving blk_<NUM> to /<IP>:', count: 80 },
    { canonical: '<TS> <NUM> INFO dfs.DataNode$DataXceiver: Received block blk_<NUM> src: /<IP>:<PORT> dest: /<IP>:<PORT> of size <NUM>', count: 2 },
  ];
  assert.equal(clusterLabel(hdfs), 'DataNode.DataXceiver: block blk … src … dest');
  const zookeeper = [
    { canonical: '<TS> - WARN [<THREAD>:QuorumCnxManager$SendWorker@<NUM>] - Send worker leaving thread', count: 262 },
    { canonical: '<TS> - WARN [<THREAD>:QuorumCnxManager$SendWorker@<NUM>] - Interrupted while waiting for message on queue', count: 314 },
    { canonical: '<TS> - WARN [<THREAD>:QuorumCnxManager$RecvWorker@<NUM>] - Connection broken for id <NUM>, my id = <NUM>, error =', count: 291 },
    { canonical: '<TS> - WARN [<THREAD>:QuorumCnxManager$RecvWorker@<NUM>] - Interrupting SendWorker', count: 266 },
  ];
  // Half SendWorker, half RecvWorker: the class they share; too few shared words, so the largest template's.
  assert.equal(clusterLabel(zookeeper), 'QuorumCnxManager: Interrupted while waiting for message on queue');
  const hadoop = [
    { canonical: '<TS> INFO [<THREAD>] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_<NUM>', count: 1 },
    { canonical: '<TS> INFO [<THREAD>] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Executing with tokens:', count: 1 },
  ];
  assert.match(clusterLabel(hadoop), /^MRAppMaster: /);
});

test('HealthApp: pipe-separated fields; two templates with no word in common fall back to the larger', () => {
  const templates = [
    { canonical: '<TS>|Step_ExtSDM|<NUM>|calculateAltitudeWithCache totalAltitude=<NUM>', count: 240 },
    { canonical: '<TS>|Step_ExtSDM|<NUM>|calculateCaloriesWithCache totalCalories=<NUM>', count: 241 },
  ];
  const label = clusterLabel(templates);
  assert.equal(label, 'Step_ExtSDM … calculateCaloriesWithCache totalCalories');
  assert.ok(!/[<>*]/.test(label));
});

test('a template without words lends the cluster the words of the next one; long labels are cut', () => {
  const kernel = [
    { canonical: '<TS> <HOST> kernel: <*> <*> <*>', count: 8 },
    { canonical: '<TS> <HOST> kernel: DMI <NUM> present.', count: 1 },
  ];
  assert.equal(clusterLabel(kernel), 'kernel: DMI … present');
  const long = clusterLabel([{ canonical: Array.from({ length: 9 }, (_, i) => `averyveryverylongword${i}`).join(' '), count: 1 }]);
  assert.ok(long.length <= LABEL_MAX_CHARS && long.endsWith('…'), long);
  assert.equal(clusterLabel([]), '');
  assert.notEqual(clusterLabel([{ canonical: '<TS> <NUM>', count: 3 }]), '', 'a template of values only still has a label');
});

test('distinct labels for display: repeats are numbered in order', () => {
  assert.deepEqual(distinctLabels(['sshd: session', 'kernel: PCI', 'sshd: session', 'sshd: session']), [
    'sshd: session',
    'kernel: PCI',
    'sshd: session (2)',
    'sshd: session (3)',
  ]);
});
