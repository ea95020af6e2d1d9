import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer } from '../canonical/types.js';
import { textLineEvent } from '../events/text.js';
import type { Embedder } from '../embed/embedder.js';
import type { VectorIndex } from '../index/vector-index.js';
import type { Pattern, PatternExample } from '../patterns/pattern.js';
import type { PatternTable } from '../patterns/pattern-table.js';

/** A known pattern near a query, with what a person needs to judge it. */
export interface SimilarPattern {
  pattern: Pattern;
  /** Cosine distance: 0 = same meaning, 1 = unrelated, 2 = opposite. */
  distance: number;
}

/** The pieces a query against a baseline needs. */
export interface QueryContext {
  canonicalizer: Canonicalizer;
  embedder: Embedder;
  patterns: PatternTable;
  index: VectorIndex;
}

/** Nearest known patterns to each of several vectors. */
export function nearestPatterns(ctx: Pick<QueryContext, 'patterns' | 'index'>, vector: Float32Array, k: number): SimilarPattern[] {
  const out: SimilarPattern[] = [];
  for (const n of ctx.index.search(vector, k)) {
    const pattern = ctx.patterns.getByKey(n.key);
    // An index entry without a pattern would be a store bug; skip rather than show a ghost.
    if (pattern) out.push({ pattern, distance: n.distance });
  }
  return out;
}

/**
 * The k known patterns nearest in meaning to a raw line. The line is read as the text reader reads a
 * line (a leading `[source]` is a label, not message), so a pasted line meets the form it was stored as.
 */
export async function similarToLine(ctx: QueryContext, line: string, k: number): Promise<SimilarPattern[]> {
  const { canonical, entities } = ctx.canonicalizer.canonicalize(textLineEvent(line, 1, 'query').text);
  // A line of a known kind is its template, at distance 0, and its neighbours are the template's (whose
  // vector the cache holds: no model call).
  const own = ctx.patterns.get(canonical, entities);
  const [vector] = await ctx.embedder.embed([embeddingText(own?.canonical ?? canonical)]);
  if (!own) return nearestPatterns(ctx, vector, k);
  const rest = nearestPatterns(ctx, vector, k + 1).filter((h) => h.pattern !== own);
  return [{ pattern: own, distance: 0 }, ...rest].slice(0, k);
}

/**
 * Of a pattern's kept examples (and its one line per user), the one closest in wording to a query line: the most words in common
 * (then the shorter). A template's parameters hide which user or host an example was about; the query
 * names one, so an example that names it too is the one a reader wants to see (`root` for a question
 * about `root`).
 */
export function nearestExample(pattern: Pattern, line: string): PatternExample | undefined {
  const candidates = [...pattern.examples, ...(pattern.exemplars ?? [])];
  if (candidates.length <= 1) return candidates[0];
  const words = new Set(wordsOf(line));
  let best: PatternExample | undefined;
  let bestShared = -1;
  for (const example of candidates) {
    let shared = 0;
    for (const w of new Set(wordsOf(example.raw))) if (words.has(w)) shared++;
    if (shared > bestShared || (shared === bestShared && best !== undefined && example.raw.length < best.raw.length)) {
      best = example;
      bestShared = shared;
    }
  }
  return best;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_.@-]+/u)
    .filter((w) => w.length > 0);
}
