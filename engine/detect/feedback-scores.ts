// Feedback applied to outliers when they are read: a suppressed pattern's outliers disappear, a cluster
// marked normal lowers the score of outliers of its patterns (and says so). Applied at read time, so it
// acts on past and future outliers alike and is undone by nothing but deleting the feedback.
import type { FeedbackRecord, OutlierRecord } from '../store/watch-store.js';

export const NORMAL_CLUSTER_FACTOR = 0.2;

export class FeedbackScores {
  private readonly suppressed = new Map<string, FeedbackRecord>();
  private readonly normal = new Map<string, FeedbackRecord>();

  constructor(feedback: FeedbackRecord[]) {
    for (const f of feedback) {
      const into = f.kind === 'suppress_pattern' ? this.suppressed : this.normal;
      for (const id of f.patternIds) into.set(id, f);
    }
  }

  /** The outlier as feedback makes it, or undefined when suppressed. */
  apply(o: OutlierRecord): OutlierRecord | undefined {
    if (o.patternId && this.suppressed.has(o.patternId)) return undefined;
    const normal = (o.patternId && this.normal.get(o.patternId)) || undefined;
    if (!normal) return o;
    return {
      ...o,
      score: o.score * NORMAL_CLUSTER_FACTOR,
      reasons: [...o.reasons, `its cluster ${normal.target} was marked normal (feedback ${normal.id}); score lowered`],
    };
  }
}
