// Anomalies `logatlas replay --inject` adds to a data set, each a shape the service should flag:
// - brute-force: failed logins from one IP across several hosts and users (entity spread, burst);
// - new-error: one error line unlike anything in ordinary logs (distance, novelty);
// - burst: the data set's most common line repeated many times within a minute (burst).
import type { Labels } from '../loki/entry.js';

export const ANOMALY_KINDS = ['brute-force', 'new-error', 'burst'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface InjectedLine {
  /** Offset from the injection point, ms. */
  offsetMs: number;
  line: string;
  labels: Labels;
}

export const BRUTE_FORCE_IP = '203.0.113.77';
export const NEW_ERROR_LINE = 'FATAL replica store: checksum mismatch in segment 0x7f3a9c after compaction, refusing to serve reads until repaired';

const HOSTS = ['web-1', 'web-2', 'db-1', 'cache-1', 'batch-7'];
const USERS = ['admin', 'oracle', 'test', 'postgres', 'guest', 'ubuntu', 'pi', 'deploy'];

/** The lines of one anomaly. `commonLine` is the most frequent line of the data set (for a burst). */
export function anomalyLines(kind: AnomalyKind, commonLine: string): InjectedLine[] {
  switch (kind) {
    case 'brute-force':
      return Array.from({ length: 40 }, (_, i) => ({
        offsetMs: i * 1500,
        line: `sshd[${4100 + i}]: Failed password for invalid user ${USERS[i % USERS.length]} from ${BRUTE_FORCE_IP} port ${40000 + i * 7} ssh2`,
        labels: { host: HOSTS[i % HOSTS.length] },
      }));
    case 'new-error':
      return [{ offsetMs: 0, line: NEW_ERROR_LINE, labels: {} }];
    case 'burst':
      return Array.from({ length: 150 }, (_, i) => ({ offsetMs: i * 400, line: commonLine, labels: {} }));
  }
}

export function parseAnomalyKind(value: string): AnomalyKind {
  if ((ANOMALY_KINDS as readonly string[]).includes(value)) return value as AnomalyKind;
  throw new RangeError(`--inject expects one of ${ANOMALY_KINDS.join(', ')}, got "${value}"`);
}

/** The most frequent raw line (first one on ties), or a fixed line for an empty set. */
export function mostCommonLine(lines: string[]): string {
  const counts = new Map<string, number>();
  let best = 'service heartbeat ok';
  let bestCount = 0;
  for (const l of lines) {
    const n = (counts.get(l) ?? 0) + 1;
    counts.set(l, n);
    if (n > bestCount) {
      best = l;
      bestCount = n;
    }
  }
  return best;
}
