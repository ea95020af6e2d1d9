// Range jobs (POST /jobs): read a LogQL query over [from, to) from Loki once, group its lines into
// patterns and compare each new pattern with a watch's known patterns (when a watch is named). Jobs run
// one at a time, in memory: a restart forgets them (they are re-runnable questions, not state).
import { randomUUID } from 'node:crypto';
import { createCanonicalizer } from '../canonical/index.js';
import type { Canonicalizer } from '../canonical/types.js';
import { watchCanonicalizer } from './watch-config.js';
import { embeddingText } from '../canonical/embedding-text.js';
import { DEFAULT_THRESHOLD } from '../detect/detector.js';
import { distanceVerdict } from '../detect/distance-verdict.js';
import type { Embedder } from '../embed/embedder.js';
import type { LogEvent } from '../events/event.js';
import type { LogSource } from '../logstore/log-source.js';
import { PatternTable } from '../patterns/pattern-table.js';
import type { WatchRunner } from './watch-runner.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobResult {
  events: number;
  patterns: number;
  top: Array<{ pattern: string; canonical: string; count: number; known: boolean }>;
  outliers: Array<{
    pattern: string;
    canonical: string;
    count: number;
    example: string;
    nearestCanonical: string | null;
    distance: number | null;
    reasons: string[];
  }>;
}

export interface Job {
  id: string;
  tenant: string;
  state: JobState;
  progress: number;
  error?: string;
  result?: JobResult;
  createdMs: number;
}

export interface JobRequest {
  tenant: string;
  selector: string;
  fromMs: number;
  toMs: number;
  watch?: WatchRunner;
}

const KEEP_JOBS = 200;

export class RangeJobs {
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: {
      model: Promise<Embedder>;
      /** The log store as a tenant reads it. */
      source: (tenant: string) => LogSource;
      /** The canonicalizer of a job: the watch's rules when it names one (a seam for tests). */
      canonicalizerOf?: (watch: WatchRunner | undefined) => Canonicalizer;
    },
  ) {}

  submit(req: JobRequest): Job {
    const job: Job = { id: randomUUID(), tenant: req.tenant, state: 'queued', progress: 0, createdMs: Date.now() };
    this.jobs.set(job.id, job);
    for (const old of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_JOBS) break;
      this.jobs.delete(old);
    }
    this.queue = this.queue.then(() => this.run(job, req));
    return job;
  }

  /** A tenant sees only its own jobs. */
  get(tenant: string, id: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && job.tenant === tenant ? job : undefined;
  }

  close(): void {
    this.abort.abort();
  }

  private async run(job: Job, req: JobRequest): Promise<void> {
    if (this.abort.signal.aborted) return;
    job.state = 'running';
    try {
      const source = this.deps.source(req.tenant);
      const table = new PatternTable();
      // One canonicalizer for the whole job (the watch's rules when it names a watch): building one costs
      // ~20 ms, which per line made a 100,000-line job take half an hour.
      const canonicalizer = (this.deps.canonicalizerOf ?? jobCanonicalizer)(req.watch);
      const spanNs = BigInt(Math.max(1, req.toMs - req.fromMs)) * 1_000_000n;
      const startNs = BigInt(req.fromMs) * 1_000_000n;
      let events = 0;
      for await (const page of source.read(req.selector, startNs, startNs + spanNs, { signal: this.abort.signal })) {
        for (const e of page) {
          const event: LogEvent = { raw: e.line, text: e.line, timestampNs: e.tsNs, labels: e.stream, metadata: {}, seq: ++events, origin: 'job' };
          const c = canonicalizer.canonicalize(e.line);
          table.add(event, c);
        }
        const last = page[page.length - 1]?.tsNs ?? startNs;
        job.progress = Math.min(0.9, Number(((last - startNs) * 900n) / spanNs) / 1000);
      }
      const patterns = [...table.all()].sort((a, b) => b.count - a.count);
      const known = (canonical: string) => req.watch?.baseline.patterns.get(canonical) !== undefined;
      const result: JobResult = {
        events,
        patterns: patterns.length,
        top: patterns.slice(0, 20).map((p) => ({ pattern: p.id, canonical: p.canonical, count: p.count, known: known(p.canonical) })),
        outliers: [],
      };
      const unknown = patterns.filter((p) => !known(p.canonical));
      if (req.watch && unknown.length > 0) {
        const embedder = req.watch.cachedEmbedder ?? (await this.deps.model);
        const vectors = await embedder.embed(unknown.map((p) => embeddingText(p.canonical)));
        const index = req.watch.baseline.vectorIndex();
        unknown.forEach((p, i) => {
          const [hit] = index.search(vectors[i], 1);
          const nearest = hit ? req.watch!.baseline.patterns.getByKey(hit.key) : undefined;
          const distance = nearest ? hit.distance : null;
          const verdict = distanceVerdict(nearest, distance ?? undefined, DEFAULT_THRESHOLD);
          if (!verdict.far) return;
          result.outliers.push({
            pattern: p.id,
            canonical: p.canonical,
            count: p.count,
            example: p.examples[0]?.raw ?? '',
            nearestCanonical: nearest?.canonical ?? null,
            distance,
            reasons: [verdict.reason],
          });
        });
        result.outliers.sort((a, b) => (b.distance ?? 2) - (a.distance ?? 2));
        result.outliers.splice(100);
      }
      job.result = result;
      job.progress = 1;
      job.state = 'done';
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    }
  }
}

function jobCanonicalizer(watch: WatchRunner | undefined): Canonicalizer {
  return watch ? watchCanonicalizer(watch.baseline.requireConfig()) : createCanonicalizer();
}
