import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { LogEvent } from '../events/event.js';
import { UnparsedTally } from '../patterns/unparsed-tally.js';
import type { Baseline } from '../store/baseline.js';

export interface IngestProgress {
  phase: 'read' | 'embed';
  /** Events read so far (read) or patterns embedded so far (embed). */
  done: number;
  /** Known only for the embed phase. */
  total?: number;
  patterns: number;
}

export interface IngestOptions {
  /** New patterns embedded per model call and per save. */
  embedBatch: number;
  /** Events between two saves of counts while reading, so a crash loses little. */
  saveEvery: number;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestSummary {
  events: number;
  /** Templates this run made (some may have merged into others since: see `patterns`). */
  newPatterns: number;
  patterns: number;
  embedded: number;
  /** Lines that could not be canonicalized or templated: counted under UNPARSED_CANONICAL. */
  unparsed: number;
  /** The first such failure, to say why. */
  firstFailure?: string;
}

const DEFAULTS: IngestOptions = { embedBatch: 256, saveEvery: 50_000 };

/**
 * Reads events into a baseline: canonicalize, count under patterns, then embed the patterns that have
 * no vector yet and add them to the index. Counting never waits for the model; embedding happens
 * once per new pattern. An interrupted run resumes: patterns saved without vectors are embedded next time.
 */
export async function ingest(
  batches: AsyncIterable<LogEvent[]>,
  baseline: Baseline,
  canonicalizer: Canonicalizer,
  embedder: Embedder,
  options: Partial<IngestOptions> = {},
): Promise<IngestSummary> {
  const opts = { ...DEFAULTS, ...options };
  let made = 0;
  let count = 0;
  const unparsed = new UnparsedTally();
  let sinceSave = 0;
  for await (const batch of batches) {
    for (const event of batch) {
      const added = baseline.patterns.add(event, canonicalizer.canonicalize(event.text));
      if (added.isNew) made++;
      unparsed.note(event, added.failure);
    }
    count += batch.length;
    sinceSave += batch.length;
    if (sinceSave >= opts.saveEvery) {
      sinceSave = 0;
      baseline.save();
      opts.onProgress?.({ phase: 'read', done: count, patterns: baseline.patterns.size });
    }
  }
  baseline.save();
  opts.onProgress?.({ phase: 'read', done: count, patterns: baseline.patterns.size });

  const pending = baseline.patternsWithoutVectors();
  let embedded = 0;
  for (let i = 0; i < pending.length; i += opts.embedBatch) {
    const batch = pending.slice(i, i + opts.embedBatch);
    const vectors = await embedder.embed(batch.map((p) => embeddingText(p.canonical)));
    baseline.addVectors(batch.map((p, j) => ({ ...p, vector: vectors[j] })));
    baseline.save();
    embedded += batch.length;
    opts.onProgress?.({ phase: 'embed', done: embedded, total: pending.length, patterns: baseline.patterns.size });
  }
  return { events: count, newPatterns: made, patterns: baseline.patterns.size, embedded, ...unparsed.summary() };
}
