import { ChangeRow, ChangeStatus } from '../datasource/types';

// Ordering and wording of the Changes page (GET /changes rows).

const STATUS_ORDER: Record<ChangeStatus, number> = { new: 0, grown: 1, gone: 2, shrunk: 3, steady: 4 };

/** New templates first, then grown, gone, shrunk, steady; within a status the most significant first. */
export function orderChanges(rows: ChangeRow[]): ChangeRow[] {
  return [...rows].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.significance - a.significance || b.count - a.count);
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
