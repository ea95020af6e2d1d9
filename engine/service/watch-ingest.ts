// One watch's ingest path for one batch of Loki entries: canonicalize and count under patterns, embed
// the new patterns (one model call per batch), judge them (distance, novelty), feed the burst, entity
// and rule detectors, and commit counts, outliers and the advanced cursor in one transaction.
import { createHash } from 'node:crypto';
import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer, CanonicalResult } from '../canonical/types.js';
import { AlertRuleEvaluator, type AlertRule, type DetectionConfig } from '../detect/alert-rules.js';
import type { AlertWindowsState } from '../detect/alert-windows.js';
import { BurstDetector } from '../detect/burst-detector.js';
import { DEFAULT_THRESHOLD } from '../detect/detector.js';
import { EntitySpreadDetector, type EntitySpreadState } from '../detect/entity-spread.js';
import { judgeNewPattern } from '../detect/novelty.js';
import type { Embedder } from '../embed/embedder.js';
import type { LogEvent } from '../events/event.js';
import { entryKey, labelsKey, type LokiEntry } from '../loki/entry.js';
import type { Pattern } from '../patterns/pattern.js';
import { baselineVectorKey, type Baseline } from '../store/baseline.js';
import {
  bucketOf,
  type BucketIncrement,
  type EntityIncrement,
  type EntityLinkIncrement,
  type OutlierRecord,
  type SqliteWatchStore,
  type WatchCursor,
} from '../store/watch-store.js';
import { clusterId } from './cluster-names.js';

/** Entity kinds tallied per bucket (others, such as ids and paths, are too many to be worth it). */
const TALLIED_KINDS = new Set(['ip', 'user', 'host', 'email']);
/**
 * Longest stretch of canonicalizing or counting before a turn of the event loop: a page of 1,000 entries
 * takes tens of ms (hundreds on a loaded machine), and HTTP requests wait for the whole of a synchronous
 * stretch. By time, not by entries: each turn also waits for the requests queued meanwhile, so under a
 * heavy read load many small slices would slow ingest down more than they help the reads.
 */
const SLICE_MS = 20;
/** Stream labels that name the host a line came from. */
const HOST_LABELS = ['host', 'hostname', 'instance', 'node'];

export interface WatchIngestDeps {
  name: string;
  baseline: Baseline;
  store: SqliteWatchStore;
  canonicalizer: Canonicalizer;
  /** The model behind the baseline's vector cache. */
  embedder: Embedder;
  detection: DetectionConfig;
  threshold?: number;
  /** Rule name → vector of its `similarTo` line. */
  ruleVectors: Map<string, Float32Array>;
  /** Current cluster of a pattern key (from the last clustering). */
  clusterOf(patternKey: number): number | undefined;
}

export interface IngestResult {
  cursor: WatchCursor;
  events: number;
  newPatterns: number;
  outliers: number;
}

/** The identity of an entry kept in the cursor: short, and enough to tell entries at one timestamp apart. */
export function entryHash(e: LokiEntry): string {
  return createHash('sha1').update(entryKey(e)).digest('base64url').slice(0, 16);
}

/** The detectors' windows saved with the cursor. */
export interface DetectorState {
  version: 1;
  bursts: AlertWindowsState;
  spreads: EntitySpreadState;
  rules: AlertWindowsState;
}

export class WatchIngest {
  private readonly bursts: BurstDetector;
  private readonly spreads: EntitySpreadDetector;
  private readonly rules: AlertRuleEvaluator;
  private readonly ruleDistances = new Map<number, Map<string, number | undefined>>();

  constructor(private readonly deps: WatchIngestDeps) {
    this.bursts = new BurstDetector(deps.detection.bursts);
    this.spreads = new EntitySpreadDetector(deps.detection.entitySpread);
    this.rules = new AlertRuleEvaluator(deps.detection.rules);
  }

  /** The burst, entity-spread and rule windows, as saved with each commit. */
  detectorState(): DetectorState {
    return { version: 1, bursts: this.bursts.state(), spreads: this.spreads.state(), rules: this.rules.state() };
  }

  /**
   * Goes on with the windows a previous run committed with its cursor, so that a restart neither misses
   * a burst that spans it nor reports one twice. State of another shape (an older engine) is ignored.
   */
  restoreDetectors(state: unknown): void {
    const s = state as Partial<DetectorState> | undefined;
    if (s?.version !== 1 || !s.bursts || !s.spreads || !s.rules) return;
    this.bursts.restore(s.bursts);
    this.spreads.restore(s.spreads);
    this.rules.restore(s.rules);
  }

  /** Counts `entries` (oldest first, all at or after the cursor and none already counted) and commits. */
  async ingest(entries: LokiEntry[], cursor: WatchCursor, live: boolean): Promise<IngestResult> {
    const { baseline, store, canonicalizer } = this.deps;
    const results: Array<{ event: LogEvent; entry: LokiEntry; canonical: CanonicalResult; pattern: Pattern; isNew: boolean }> = [];
    // Loaded (and repaired from the vector cache) before this batch's patterns exist: a lazy first load
    // after embedding would take the batch's own vectors in, and every new pattern would find itself.
    const index = baseline.vectorIndex();
    const knownBefore = baseline.patterns.size;
    const slices = new Slices();
    for (const [i, entry] of entries.entries()) {
      if (i % 50 === 49) await slices.maybeYield();
      const event: LogEvent = {
        raw: entry.line,
        text: entry.line,
        timestampNs: entry.tsNs,
        labels: entry.stream,
        metadata: entry.structuredMetadata,
        seq: cursor.events + i + 1,
        origin: this.deps.name,
      };
      const canonical = canonicalizer.canonicalize(event.text);
      const { pattern, isNew } = baseline.patterns.add(event, canonical);
      results.push({ event, entry, canonical, pattern, isNew });
    }

    // Templates merged while this batch was counted: its lines count under the template they joined; a
    // template made and merged within the batch was not new after all.
    const made = new Set<number>();
    for (const r of results) {
      if (r.isNew) made.add(r.pattern.key);
      r.pattern = baseline.patterns.getByKey(r.pattern.key) ?? r.pattern;
    }
    const fresh = results.filter((r) => r.isNew && made.has(r.pattern.key));
    // Refined templates (a value became a parameter) lost their vector: embedded again with the new ones.
    const refined = baseline.takeTemplateChanges().filter((p) => !made.has(p.key));
    const texts = [...fresh.map((r) => embeddingText(r.pattern.canonical)), ...refined.map((p) => embeddingText(p.canonical))];
    const embedded = texts.length > 0 ? await this.deps.embedder.embed(texts) : [];
    const vectors = embedded.slice(0, fresh.length);
    refined.forEach((p, i) => {
      baseline.addVectors([{ key: p.key, canonical: p.canonical, vector: embedded[fresh.length + i] }]);
      this.ruleDistances.delete(p.key);
    });
    const outliers: OutlierRecord[] = [];
    fresh.forEach((r, i) => {
      const [hit] = index.search(vectors[i], 1);
      const nearest = hit ? baseline.patterns.getByKey(hit.key) : undefined;
      const verdict = judgeNewPattern(
        {
          distance: nearest ? hit.distance : undefined,
          nearestCanonical: nearest?.canonical,
          nearestCount: nearest?.count,
          knownPatterns: knownBefore + i,
          live,
        },
        this.deps.threshold ?? DEFAULT_THRESHOLD,
      );
      baseline.addVectors([{ key: r.pattern.key, canonical: r.pattern.canonical, vector: vectors[i] }]);
      this.rememberRuleDistances(r.pattern.key, vectors[i]);
      if (verdict) {
        outliers.push(this.outlier(r.entry, r.pattern, verdict.kind, verdict.score, verdict.reasons, nearest, nearest ? hit.distance : null));
      }
    });

    // Counts, entity tallies and the windows of the detectors.
    const buckets = new Map<string, BucketIncrement>();
    const entities = new Map<string, EntityIncrement>();
    const links = new Map<string, EntityLinkIncrement>();
    const burstTouched = new Map<string, { timeMs: number; r: (typeof results)[number] }>();
    for (const [i, r] of results.entries()) {
      if (i % 50 === 49) await slices.maybeYield();
      const timeMs = Number(r.entry.tsNs / 1_000_000n);
      const bucketMs = bucketOf(timeMs);
      const streamId = store.streamId(labelsKey(r.entry.stream));
      const bk = `${bucketMs}|${r.pattern.key}|${streamId}`;
      const b = buckets.get(bk);
      if (b) b.count++;
      else buckets.set(bk, { bucketMs, patternKey: r.pattern.key, streamId, count: 1 });

      const found = r.canonical.entities.filter((e) => TALLIED_KINDS.has(e.kind));
      const host = HOST_LABELS.map((k) => r.entry.stream[k]).find((v) => v !== undefined);
      if (host !== undefined && !found.some((e) => e.kind === 'host' && e.value === host)) found.push({ kind: 'host', value: host });
      for (const e of found) {
        const ek = `${bucketMs}|${e.kind}|${e.value}|${r.pattern.key}`;
        const inc = entities.get(ek);
        if (inc) inc.count++;
        else entities.set(ek, { bucketMs, kind: e.kind, value: e.value, patternKey: r.pattern.key, count: 1 });
      }
      for (const e of found) {
        if (!this.spreads.watches(e.kind)) continue;
        for (const o of found) {
          if (o === e || o.kind === e.kind) continue;
          const lk = `${e.kind}|${e.value}|${o.kind}|${o.value}`;
          const link = links.get(lk);
          if (link) {
            link.count++;
            link.timeMs = Math.max(link.timeMs, timeMs);
          } else links.set(lk, { kind: e.kind, value: e.value, otherKind: o.kind, otherValue: o.value, timeMs, count: 1 });
        }
        const spread = this.spreads.observe(e.kind, e.value, found, timeMs);
        if (spread) {
          const across = Object.entries(spread.across)
            .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
            .join(' and ');
          const reason = `${spread.kind} ${spread.value} seen across ${across} within ${this.spreads.options.windowMinutes} min (${spread.events} events)`;
          outliers.push(this.outlier(r.entry, r.pattern, 'entity', 0.8, [reason]));
        }
      }

      const cluster = this.deps.clusterOf(r.pattern.key);
      const clusterName = cluster !== undefined && cluster >= 0 ? clusterId(cluster) : null;
      const burstKey = clusterName ?? `pattern ${r.pattern.id}`;
      this.bursts.add(burstKey, timeMs);
      burstTouched.set(burstKey, { timeMs, r });
      for (const e of found) {
        if (e.kind === 'host') continue;
        const key = `${e.kind} ${e.value}`;
        this.bursts.add(key, timeMs);
        burstTouched.set(key, { timeMs, r });
      }

      for (const alert of this.rules.evaluate({
        line: r.entry.line,
        labels: r.entry.stream,
        cluster: clusterName,
        entities: found,
        timeMs,
        distanceTo: (rule) => this.ruleDistance(r.pattern, rule),
      })) {
        const o = this.outlier(r.entry, r.pattern, 'rule', alert.rule.score ?? 0.9, [alert.reason]);
        o.rule = alert.rule.name;
        outliers.push(o);
      }
    }
    for (const [key, { timeMs, r }] of burstTouched) {
      const burst = this.bursts.check(key, timeMs);
      if (!burst) continue;
      const of = key.startsWith('pattern ') ? `pattern "${r.pattern.canonical}"` : key;
      const usual = burst.usual > 0 ? ` (usually ${burst.usual.toFixed(1)})` : '';
      const reason = `burst: ${burst.count} events of ${of} in ${burst.windowMinutes} min${usual}`;
      outliers.push(this.outlier(r.entry, r.pattern, 'burst', Math.min(1, 0.6 + 0.1 * Math.log10(burst.count)), [reason]));
    }
    this.bursts.prune();
    this.rules.prune();
    if (entries.length > 0) this.spreads.prune(Number(entries[entries.length - 1].tsNs / 1_000_000n));

    const next = advanceCursor(cursor, entries);
    store.commitIngest({
      buckets: [...buckets.values()],
      entities: [...entities.values()],
      links: [...links.values()],
      outliers,
      cursor: next,
      detectors: this.detectorState(),
    });
    return { cursor: next, events: entries.length, newPatterns: fresh.length, outliers: outliers.length };
  }

  private outlier(
    entry: LokiEntry,
    pattern: Pattern,
    kind: OutlierRecord['kind'],
    score: number,
    reasons: string[],
    nearest?: Pattern,
    distance: number | null = null,
  ): OutlierRecord {
    const cluster = this.deps.clusterOf(pattern.key);
    return {
      timeMs: Number(entry.tsNs / 1_000_000n),
      tsNs: entry.tsNs.toString(),
      kind,
      score: Math.max(0, Math.min(1, score)),
      reasons,
      line: entry.line,
      labels: entry.stream,
      patternId: pattern.id,
      nearestPatternId: nearest?.id ?? null,
      nearestCanonical: nearest?.canonical ?? null,
      distance,
      cluster: cluster !== undefined && cluster >= 0 ? clusterId(cluster) : null,
      rule: null,
    };
  }

  private rememberRuleDistances(key: number, vector: Float32Array): void {
    if (this.deps.ruleVectors.size === 0) return;
    const m = new Map<string, number | undefined>();
    for (const [name, rv] of this.deps.ruleVectors) m.set(name, cosineDistance(vector, rv));
    this.ruleDistances.set(key, m);
  }

  /** Distance of a pattern to a rule's example: from vectors already in the cache, never a model call. */
  private ruleDistance(pattern: Pattern, rule: AlertRule): number | undefined {
    let m = this.ruleDistances.get(pattern.key);
    if (!m) {
      const { baseline } = this.deps;
      const config = baseline.requireConfig();
      const text = embeddingText(pattern.canonical);
      const v = baseline.vectorCache.getMany(baselineVectorKey(config), config.dtype, [text]).get(text);
      if (!v) return undefined;
      this.rememberRuleDistances(pattern.key, v);
      m = this.ruleDistances.get(pattern.key)!;
    }
    return m.get(rule.name);
  }
}

/** The cursor after counting `entries`: at the newest timestamp, with the identities counted there. */
export function advanceCursor(cursor: WatchCursor, entries: LokiEntry[]): WatchCursor {
  if (entries.length === 0) return cursor;
  const lastTs = entries[entries.length - 1].tsNs;
  const seen = lastTs === cursor.cursorNs ? [...cursor.seen] : [];
  for (const e of entries) if (e.tsNs === lastTs) seen.push(entryHash(e));
  return { cursorNs: lastTs, seen, events: cursor.events + entries.length, lastEventNs: lastTs };
}

export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return 1 - dot;
}

/** Yields to the event loop once SLICE_MS have passed since the last yield. */
class Slices {
  private since = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
