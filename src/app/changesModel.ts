import { ChangeRow, ChangeStatus } from '../datasource/types';

// Ordering and wording of the Changes page (GET /changes rows).

const FIRST: Partial<Record<ChangeStatus, number>> = { new: 0, gone: 1 };

/** The engine's order, kept when rows are filtered or merged: new first, then gone, then the most
 * surprising (score = −log10 p), then the larger count. */
export function orderChanges(rows: ChangeRow[]): ChangeRow[] {
  return [...rows].sort((a, b) => (FIRST[a.status] ?? 2) - (FIRST[b.status] ?? 2) || b.score - a.score || b.count - a.count);
}

/** "12 → 340 (×28.3)", "new: 5", "gone (was 40)". */
export function countChange(r: ChangeRow): string {
  if (r.status === 'new' || r.baselineCount === 0) {
    return `new: ${r.count.toLocaleString('en-US')}`;
  }
  if (r.status === 'gone' || r.count === 0) {
    return `gone (was ${r.baselineCount.toLocaleString('en-US')})`;
  }
  const ratio = r.count / r.baselineCount;
  return `${r.baselineCount.toLocaleString('en-US')} → ${r.count.toLocaleString('en-US')} (×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)})`;
}

/** The baseline range the engine compares with when none is given: the same length, just before. */
export function previousRange(from: number, to: number): { baselineFrom: number; baselineTo: number } {
  return { baselineFrom: from - (to - from), baselineTo: from };
}
