// Routes that answer "what changed" and "which templates match a description" (docs/api.md): /changes
// compares a range with a baseline window from the stored per-bucket counts (never the model); /search
// embeds a description once and lists the nearest templates with the query that selects their lines.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { embeddingText } from '../canonical/embedding-text.js';
import { nearestPatterns } from '../detect/similar.js';
import type { Pattern } from '../patterns/pattern.js';
import { analyzeChanges, type ChangeTemplate } from '../report/change-analysis.js';
import { BUCKET_MS, bucketOf } from '../store/watch-store.js';
import { HttpError } from './api-server.js';
import { changesSchemas } from './changes-schemas.js';
import { ClusterNames } from './cluster-names.js';
import { templateQuery } from './template-query.js';
import type { WatchRunner } from './watch-runner.js';

/** Example lines per template row. */
const EXAMPLES = 3;
/** Templates a cluster row's query names at most (past it the filter grows unwieldy: no query). */
const CLUSTER_QUERY_TEMPLATES = 30;

interface ChangesQuery {
  watch: string;
  from: number;
  to: number;
  baselineFrom?: number;
  baselineTo?: number;
  limit: number;
}

export function registerChangeRoutes(api: FastifyInstance, watchOf: (req: FastifyRequest, name: string) => WatchRunner): void {
  api.get<{ Querystring: ChangesQuery }>('/changes', { schema: changesSchemas.changes }, async (req) => changes(watchOf(req, req.query.watch), req.query));

  api.post<{ Body: { watch: string; text: string; k: number } }>('/search', { schema: changesSchemas.search }, async (req) => {
    const b = req.body;
    const w = watchOf(req, b.watch);
    const embedder = w.cachedEmbedder;
    if (!embedder) throw new HttpError(503, 'the model is still loading; try again shortly');
    const text = b.text.trim();
    if (text.length === 0) throw new HttpError(400, 'text must not be blank');
    const [vector] = await embedder.embed([embeddingText(text)]);
    const hits = nearestPatterns({ patterns: w.baseline.patterns, index: w.baseline.vectorIndex() }, vector, b.k);
    const names = ClusterNames.of(w.store.clusters());
    const results = hits.map((h) => ({
      pattern: h.pattern.id,
      canonical: h.pattern.canonical,
      score: 1 - Math.max(0, h.distance),
      distance: Math.max(0, h.distance),
      count: h.pattern.count,
      ...names.of(w.clusterOf(h.pattern.key) ?? -1),
      example: h.pattern.examples[0]?.raw ?? '',
      ...templateQuery(w.def.selector, [h.pattern], w.baseline.patterns),
    }));
    const all =
      hits.length > 0
        ? templateQuery(
            w.def.selector,
            hits.map((h) => h.pattern),
            w.baseline.patterns,
          )
        : null;
    return { results, query: all?.query ?? null, logsql: all?.logsql ?? null, exact: all?.exact ?? true };
  });
}

function changes(w: WatchRunner, q: ChangesQuery) {
  if (q.to <= q.from) throw new HttpError(400, 'to must be after from');
  if ((q.baselineFrom === undefined) !== (q.baselineTo === undefined)) throw new HttpError(400, 'give both baselineFrom and baselineTo, or neither');
  // Counts are kept per 10 s bucket: windows are widened to whole buckets, and the lengths compared are
  // those of the widened windows.
  const fromMs = bucketOf(q.from);
  const toMs = bucketOf(q.to + BUCKET_MS - 1);
  const baselineFromMs = q.baselineFrom !== undefined ? bucketOf(q.baselineFrom) : fromMs - (toMs - fromMs);
  const baselineToMs = q.baselineTo !== undefined ? bucketOf(q.baselineTo + BUCKET_MS - 1) : fromMs;
  if (baselineToMs <= baselineFromMs) throw new HttpError(400, 'baselineTo must be after baselineFrom');
  const windows = { fromMs, toMs, baselineFromMs, baselineToMs };
  const templates: Array<ChangeTemplate & { pattern: Pattern }> = [];
  for (const p of w.baseline.patterns.all()) {
    templates.push({ key: p.key, firstSeenMs: Number(p.firstSeenNs / 1_000_000n), cluster: w.clusterOf(p.key), pattern: p });
  }
  const rangeCounts = w.store.patternCounts(fromMs, toMs);
  const baselineCounts = w.store.patternCounts(baselineFromMs, baselineToMs);
  const result = analyzeChanges({ ...windows, templates, rangeCounts, baselineCounts });
  const names = ClusterNames.of(w.store.clusters());
  // Each cluster's rows, grouped once (every noise template under -1, as the cluster rows name noise).
  const membersOf = new Map<number, typeof result.templates>();
  for (const r of result.templates) {
    const cluster = Math.max(-1, r.template.cluster ?? -1);
    const rows = membersOf.get(cluster);
    if (rows) rows.push(r);
    else membersOf.set(cluster, [r]);
  }
  const stats = (c: { status: string; count: number; baselineCount: number; ratio: number | null; pValue: number; score: number }) => ({
    status: c.status,
    count: c.count,
    baselineCount: c.baselineCount,
    ratio: c.ratio,
    pValue: c.pValue,
    score: c.score,
  });
  return {
    from: fromMs,
    to: toMs,
    baselineFrom: baselineFromMs,
    baselineTo: baselineToMs,
    templates: result.templates.slice(0, q.limit).map((r) => {
      const p = r.template.pattern;
      return {
        pattern: p.id,
        canonical: p.canonical,
        ...names.of(r.template.cluster ?? -1),
        ...stats(r),
        firstSeenMs: r.template.firstSeenMs,
        examples: p.examples.slice(0, EXAMPLES).map((e) => e.raw),
        ...templateQuery(w.def.selector, [p], w.baseline.patterns),
      };
    }),
    clusters: result.clusters.slice(0, q.limit).map((c) => {
      // The lines of the cluster's templates that had events in either window.
      const members = membersOf.get(c.cluster) ?? [];
      const query =
        members.length <= CLUSTER_QUERY_TEMPLATES
          ? templateQuery(
              w.def.selector,
              members.map((r) => r.template.pattern),
              w.baseline.patterns,
            )
          : { query: null, logsql: null, exact: false };
      return { ...names.of(c.cluster), templates: c.templates, ...stats(c), ...query };
    }),
  };
}
