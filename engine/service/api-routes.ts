// The routes of docs/api.md. Panel and alert reads (stats, volumes, outliers, counts, scatter, clusters,
// and /changes in changes-routes.ts) come from stored results only; /similar with a line and /search are
// the reads that may call the model. Editing routes (feedback undo, watch edit) are in watch-edit-routes.ts.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { embeddingText } from '../canonical/embedding-text.js';
import { FeedbackScores } from '../detect/feedback-scores.js';
import { nearestExample, nearestPatterns, similarToLine, type SimilarPattern } from '../detect/similar.js';
import { grownTemplateCounts } from '../report/change-analysis.js';
import { BUCKET_MS, type FeedbackRecord, type OutlierRecord } from '../store/watch-store.js';
import { HttpError } from './api-server.js';
import { schemas } from './api-schemas.js';
import { ConflictError, type AtlasService } from './atlas-service.js';
import { matchesLabels, parseLabelFilter } from './label-filter.js';
import { clusterId, ClusterNames, type ClusterRef } from './cluster-names.js';
import { ReadCache } from './read-cache.js';
import { registerChangeRoutes } from './changes-routes.js';
import { registerEditRoutes } from './watch-edit-routes.js';
import { watchJson } from './watch-json.js';
import type { WatchRunner } from './watch-runner.js';
import { volumeSums } from './volume-sums.js';
import { volumesJson, type VolumeSeries } from './volumes-json.js';
import { changeWatch, checkSelector } from './watch-change.js';

const MAX_POINTS = 11_000;

export function registerRoutes(api: FastifyInstance, service: AtlasService, tenantOf: (req: FastifyRequest) => string): void {
  const cache = new ReadCache();
  /**
   * A stored-results answer, serialized once and the same bytes sent until the watch's results change:
   * a day of volumes is tens of kB of JSON, and 50 dashboards asking for it cost more in serializing
   * than in computing. `json` writes the answer's text itself (as the route's response schema would).
   */
  const cachedJson = (req: FastifyRequest, reply: FastifyReply, w: WatchRunner, json: () => string, version = w.store.version): FastifyReply => {
    const key = `${tenantOf(req)}\u0000${w.def.name}\u0000${w.def.createdMs}\u0000${req.url}`;
    // Revalidation: an alert rule asking again before anything changed gets 304 and no body.
    const tag = cache.tag(key, version);
    reply.header('ETag', tag);
    if (matchesTag(req.headers['if-none-match'], tag)) return reply.code(304).send();
    // Kept as bytes: a cached answer of 200 kB is not encoded again for every request.
    return reply.type('application/json; charset=utf-8').send(cache.get(key, version, () => Buffer.from(json())));
  };
  /** The same, serialized with the route's response schema. */
  const cached = <T>(req: FastifyRequest, reply: FastifyReply, w: WatchRunner, compute: () => T, version = w.store.version): FastifyReply =>
    cachedJson(req, reply, w, () => reply.serialize(compute()) as string, version);
  const watchOf = (req: FastifyRequest, name: string): WatchRunner => {
    if (service.isRestarting(tenantOf(req), name)) throw new HttpError(503, `watch ${name} is restarting with its new query; try again shortly`);
    const runner = service.runner(tenantOf(req), name);
    if (!runner) throw new HttpError(404, `no watch named ${name}`);
    return runner;
  };
  /** A pattern's current cluster, id and readable label (null: not clustered yet). */
  const clusterOfPattern = (runner: WatchRunner, names: ClusterNames, patternId: string | null): ClusterRef | null => {
    const p = patternId ? runner.baseline.patterns.getById(patternId) : undefined;
    const c = p ? runner.clusterOf(p.key) : undefined;
    return c === undefined ? null : names.of(c);
  };

  registerChangeRoutes(api, watchOf);
  registerEditRoutes(api, service, tenantOf);

  api.get('/health', { schema: schemas.health }, async (_req, reply) => {
    const h = service.health();
    return reply.code(h.status === 'ok' ? 200 : 503).send(h);
  });

  api.get<{ Querystring: { watch: string } }>('/stats', { schema: schemas.stats }, async (req) => {
    const w = watchOf(req, req.query.watch);
    return {
      watch: w.def.name,
      events: w.events,
      patterns: w.baseline.patterns.size,
      clusters: w.store.clusterCount(),
      outliers: w.store.outlierTotal(),
      lastEventMs: w.lastEventMs,
    };
  });

  api.get('/watches', { schema: schemas.listWatches }, async (req) => ({ watches: service.watches(tenantOf(req)).map(watchJson) }));

  api.post<{ Body: { name: string; selector: string; backfillFromMs?: number } }>('/watches', { schema: schemas.createWatch }, async (req, reply) => {
    const runner = await changeWatch(req.body.selector, () => service.addWatch(tenantOf(req), req.body));
    return reply.code(201).send(watchJson(runner));
  });

  api.get<{ Params: { name: string } }>('/watches/:name', { schema: schemas.getWatch }, async (req) => watchJson(watchOf(req, req.params.name)));

  api.delete<{ Params: { name: string } }>('/watches/:name', { schema: schemas.deleteWatch }, async (req, reply) => {
    try {
      if (!(await service.removeWatch(tenantOf(req), req.params.name))) throw new HttpError(404, `no watch named ${req.params.name}`);
    } catch (err) {
      if (err instanceof ConflictError) throw new HttpError(409, err.message);
      throw err;
    }
    return reply.code(204).send();
  });

  api.get<{ Querystring: { watch: string; from: number; to: number; step: number; cluster?: string[]; labels?: string; top: number } }>(
    '/volumes',
    { schema: schemas.volumes },
    async (req, reply) => {
      const q = req.query;
      const w = watchOf(req, q.watch);
      return cachedJson(req, reply, w, () => volumes(w, q));
    },
  );

  const volumes = (w: WatchRunner, q: { from: number; to: number; step: number; cluster?: string[]; labels?: string; top: number }) => {
    const stepMs = Math.max(q.step * 1000, BUCKET_MS);
    const starts = timeline(q.from, q.to, stepMs);
    let streamIds: number[] | undefined;
    if (q.labels !== undefined) {
      const matchers = parseLabelFilter(q.labels);
      streamIds = w.store
        .streams()
        .filter((s) => matchesLabels(labelsOf(s.labels), matchers))
        .map((s) => s.id);
    }
    const wantsOther = q.cluster ? q.cluster.includes('other') : true;
    const { chosen, rest, restClusters } = volumeSums(w.store, q.from, q.to, stepMs, streamIds, q.cluster ? { clusters: q.cluster } : { top: q.top });
    const names = ClusterNames.of(w.store.clusters());
    const series: VolumeSeries[] = chosen.map(({ cluster, points }) => ({ cluster, label: names.ofId(cluster).clusterLabel, points }));
    if (wantsOther && restClusters > 0) {
      series.push({ cluster: 'other', label: `${restClusters} other cluster${restClusters === 1 ? '' : 's'}`, points: rest });
    }
    return volumesJson(stepMs / 1000, starts, series);
  };

  api.get<{ Querystring: { watch: string; from: number; to: number; limit: number; minScore?: number } }>(
    '/outliers',
    { schema: schemas.outliers },
    async (req, reply) => {
      const q = req.query;
      const w = watchOf(req, q.watch);
      if (q.to <= q.from) throw new HttpError(400, 'to must be after from');
      return cached(req, reply, w, () => outliers(w, q));
    },
  );

  const outliers = (w: WatchRunner, q: { from: number; to: number; limit: number; minScore?: number }) => {
    const feedback = new FeedbackScores(w.store.feedback());
    const names = ClusterNames.of(w.store.clusters());
    const out: Array<ReturnType<typeof outlierJson>> = [];
    let before: { timeMs: number; id: number } | undefined;
    const pageSize = Math.max(q.limit * 2, 100);
    for (let page = 0; page < 50 && out.length < q.limit; page++) {
      const rows = w.store.outliers(q.from, q.to, pageSize, before);
      for (const row of rows) {
        const o = feedback.apply(row);
        if (o && (q.minScore === undefined || o.score >= q.minScore)) {
          out.push(outlierJson(o, clusterOfPattern(w, names, o.patternId) ?? (o.cluster === null ? null : names.ofId(o.cluster))));
        }
        if (out.length >= q.limit) break;
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1];
      before = { timeMs: last.timeMs, id: last.id! };
    }
    return { outliers: out };
  };

  api.get<{ Querystring: { watch: string; from: number; to: number; step: number; kind: 'outliers' | 'new_patterns' | 'events' | 'grown_templates' } }>(
    '/counts',
    { schema: schemas.counts },
    async (req, reply) => {
      const q = req.query;
      const w = watchOf(req, q.watch);
      const stepMs = q.kind === 'events' || q.kind === 'grown_templates' ? Math.max(q.step * 1000, BUCKET_MS) : q.step * 1000;
      const starts = timeline(q.from, q.to, stepMs);
      return cached(req, reply, w, () => {
        if (q.kind === 'grown_templates') {
          const grown = grownTemplateCounts(w.store.patternStepCounts(starts[0] - stepMs, q.to, stepMs), starts, stepMs);
          return { kind: q.kind, step: stepMs / 1000, points: starts.map((t, i) => [t, grown[i]]) };
        }
        const rows =
          q.kind === 'events'
            ? w.store.eventCounts(q.from, q.to, stepMs)
            : q.kind === 'new_patterns'
              ? w.store.newPatternCounts(q.from, q.to, stepMs)
              : w.store.outlierCounts(q.from, q.to, stepMs, suppressedPatterns(w.store.feedback()));
        const byT = new Map(rows.map((r) => [r.t, r.count]));
        return { kind: q.kind, step: stepMs / 1000, points: starts.map((t) => [t, byT.get(t) ?? 0]) };
      });
    },
  );

  api.get<{ Querystring: { watch: string; limit: number } }>('/scatter', { schema: schemas.scatter }, async (req) => {
    const w = watchOf(req, req.query.watch);
    const points = [];
    const names = ClusterNames.of(w.store.clusters());
    for (const p of w.placements().values()) {
      const pattern = w.baseline.patterns.getByKey(p.patternKey);
      if (!pattern) continue;
      points.push({ pattern: pattern.id, x: p.x, y: p.y, ...names.of(p.cluster), count: pattern.count, canonical: pattern.canonical });
    }
    points.sort((a, b) => b.count - a.count);
    return { points: points.slice(0, req.query.limit) };
  });

  api.get<{ Querystring: { watch: string; limit?: number } }>('/clusters', { schema: schemas.clusters }, async (req, reply) => {
    const w = watchOf(req, req.query.watch);
    // Changes with a clustering only, not with every ingest batch. A limit serves alert rules and
    // tables of the largest clusters: a watch of 100,000 templates has hundreds (200 kB of JSON).
    return cached(
      req,
      reply,
      w,
      () => {
        const clusters = w.store.clusters();
        const names = ClusterNames.of(clusters);
        const shown = clusters.slice(0, req.query.limit ?? clusters.length);
        return { total: clusters.length, clusters: shown.map((c) => ({ ...c, id: clusterId(c.id), clusterLabel: names.of(c.id).clusterLabel })) };
      },
      w.store.clustersVersion,
    );
  });

  api.post<{ Body: { watch: string; line?: string; pattern?: string; k: number } }>('/similar', { schema: schemas.similar }, async (req) => {
    const b = req.body;
    if ((b.line === undefined) === (b.pattern === undefined)) throw new HttpError(400, 'give exactly one of "line" or "pattern"');
    const w = watchOf(req, b.watch);
    const embedder = w.cachedEmbedder;
    const canonicalizer = w.canonicalizer;
    if (!embedder || !canonicalizer) throw new HttpError(503, 'the model is still loading; try again shortly');
    const ctx = { canonicalizer, embedder, patterns: w.baseline.patterns, index: w.baseline.vectorIndex() };
    let hits: SimilarPattern[];
    if (b.line !== undefined) hits = await similarToLine(ctx, b.line, b.k);
    else {
      const p = w.baseline.patterns.getById(b.pattern!);
      if (!p) throw new HttpError(404, `no pattern ${b.pattern} in watch ${b.watch}`);
      const [vector] = await embedder.embed([embeddingText(p.canonical)]); // a cache hit: stored when the pattern was new
      hits = nearestPatterns(ctx, vector, b.k + 1)
        .filter((h) => h.pattern.id !== p.id)
        .slice(0, b.k);
    }
    const names = ClusterNames.of(w.store.clusters());
    return {
      results: hits.map((h) => {
        // The example nearest the asked line in wording (a root line for a question about root).
        const example = (b.line !== undefined ? nearestExample(h.pattern, b.line) : undefined) ?? h.pattern.examples[0];
        return {
          pattern: h.pattern.id,
          canonical: h.pattern.canonical,
          distance: Math.max(0, h.distance),
          count: h.pattern.count,
          example: example?.raw ?? '',
          ...(clusterOfPattern(w, names, h.pattern.id) ?? names.ofId('noise')),
          labels: example?.labels ?? {},
        };
      }),
    };
  });

  api.post<{ Body: { watch: string; kind: FeedbackRecord['kind']; target: string; note?: string } }>(
    '/feedback',
    { schema: schemas.postFeedback },
    async (req, reply) => {
      const b = req.body;
      const w = watchOf(req, b.watch);
      let patternIds: string[];
      if (b.kind === 'normal_cluster') {
        const m = /^c(\d+)$/.exec(b.target);
        const id = m ? Number(m[1]) : NaN;
        patternIds = [];
        for (const p of w.placements().values()) {
          if (p.cluster === id) {
            const pattern = w.baseline.patterns.getByKey(p.patternKey);
            if (pattern) patternIds.push(pattern.id);
          }
        }
        if (patternIds.length === 0) throw new HttpError(404, `no cluster ${b.target} in watch ${b.watch}`);
      } else {
        if (!w.baseline.patterns.getById(b.target)) throw new HttpError(404, `no pattern ${b.target} in watch ${b.watch}`);
        patternIds = [b.target];
      }
      const f: FeedbackRecord = { id: randomUUID(), kind: b.kind, target: b.target, note: b.note ?? null, createdMs: Date.now(), patternIds };
      w.store.addFeedback(f);
      return reply.code(201).send(feedbackJson(f));
    },
  );

  api.get<{ Querystring: { watch: string } }>('/feedback', { schema: schemas.getFeedback }, async (req) => ({
    feedback: watchOf(req, req.query.watch).store.feedback().map(feedbackJson),
  }));

  api.post<{ Body: { watch?: string; selector?: string; from: number; to: number } }>('/jobs', { schema: schemas.postJob }, async (req, reply) => {
    const b = req.body;
    if ((b.watch === undefined) === (b.selector === undefined)) throw new HttpError(400, 'give exactly one of "watch" or "selector"');
    if (b.to <= b.from) throw new HttpError(400, 'to must be after from');
    const watch = b.watch !== undefined ? watchOf(req, b.watch) : undefined;
    const selector = watch ? watch.def.selector : b.selector!;
    checkSelector(selector);
    const job = service.jobs.submit({ tenant: tenantOf(req), selector, fromMs: b.from, toMs: b.to, watch });
    return reply.code(202).send({ id: job.id, state: job.state });
  });

  api.get<{ Params: { id: string } }>('/jobs/:id', { schema: schemas.getJob }, async (req) => {
    const job = service.jobs.get(tenantOf(req), req.params.id);
    if (!job) throw new HttpError(404, `no job ${req.params.id}`);
    return { id: job.id, state: job.state, progress: job.progress, error: job.error, result: job.result };
  });
}

/** Whether an If-None-Match header names `tag` (a list of tags, or `*`). */
function matchesTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === tag || v === `W/${tag}`;
  });
}

/** Step starts covering [from, to), aligned to the step; refuses absurd point counts. */
function timeline(fromMs: number, toMs: number, stepMs: number): number[] {
  if (toMs <= fromMs) throw new HttpError(400, 'to must be after from');
  const first = Math.floor(fromMs / stepMs) * stepMs;
  const n = Math.ceil((toMs - first) / stepMs);
  if (n > MAX_POINTS) throw new HttpError(400, `${n} points asked for; at most ${MAX_POINTS}: use a larger step`);
  return Array.from({ length: n }, (_, i) => first + i * stepMs);
}

function labelsOf(key: string): Record<string, string> {
  return Object.fromEntries(parseLabelFilter(key).map((m) => [m.name, m.value]));
}

function suppressedPatterns(feedback: FeedbackRecord[]): string[] {
  return feedback.filter((f) => f.kind === 'suppress_pattern').flatMap((f) => f.patternIds);
}

function outlierJson(o: OutlierRecord, cluster: ClusterRef | null) {
  return {
    id: o.id,
    timeMs: o.timeMs,
    tsNs: o.tsNs,
    score: o.score,
    reasons: o.reasons,
    line: o.line,
    labels: o.labels,
    pattern: o.patternId,
    nearestPattern: o.nearestPatternId,
    nearestCanonical: o.nearestCanonical,
    distance: o.distance,
    cluster: cluster?.cluster ?? null,
    clusterLabel: cluster?.clusterLabel ?? null,
    kind: o.kind,
    rule: o.rule,
  };
}

function feedbackJson(f: FeedbackRecord) {
  return { id: f.id, kind: f.kind, target: f.target, note: f.note, createdMs: f.createdMs, patterns: f.patternIds };
}
