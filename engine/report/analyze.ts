/**
 * `logatlas analyze`: one log file (or stdin) to a folder of artifacts — macro2micro's outputs, built
 * over distinct patterns instead of every line. Stages: read + canonicalize (one streaming pass), embed
 * each distinct pattern once (vector cache first), cluster the pattern vectors weighted by counts,
 * project them (UMAP), write. Writing events_with_clusters.csv reads the input a second time (files)
 * or replays a spool written during the first pass (stdin, which cannot be read twice), so no raw line
 * is ever held in memory beyond one batch and one example per pattern.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer } from '../canonical/types.js';
import { clusterPatterns, type ClusterMethod } from '../cluster/cluster-patterns.js';
import { describeClusters } from '../cluster/describe-clusters.js';
import type { Embedder } from '../embed/embedder.js';
import { InputError } from '../events/event.js';
import { openEventBatches, STDIN, type ReadOptions } from '../events/open.js';
import { clusterExamplesCsv, clusterSummaryCsv, EXAMPLES_FILE, SUMMARY_FILE } from './cluster-tables.js';
import { EventSpool } from './event-spool.js';
import { EVENTS_FILE, writeEventRows, type TrendCounts } from './event-rows.js';
import { patternPass, type PatternPass } from './pattern-pass.js';
import {
  metadataHeader,
  metadataRow,
  METADATA_FILE,
  PATTERN_METADATA_COLUMNS,
  projectorConfig,
  PROJECTOR_CONFIG_FILE,
  VectorRows,
  VECTORS_FILE,
} from './projector-files.js';
import { clusterName, rankClusters, type RankedClusters } from './ranked-clusters.js';
import { replayedEvent, type ReplayedEvent } from './replayed-event.js';
import { SCATTER_FILE, scatterHtml } from './scatter-html.js';
import { TextFile } from './text-file.js';
import { chartRange, droppedTimesText, timeBinning, formatWidth, type TimeBinning } from './time-bins.js';
import { TRENDS_FILE, trendsHtml } from './trends-html.js';

export const RUN_SUMMARY_FILE = 'analyze_summary.json';
/** Patterns per embedding call: the vector cache is written after each, so an interrupted run keeps its work. */
const EMBED_CHUNK = 256;

export type VectorsMode = 'per-pattern' | 'per-event';
export type AnalyzeStage = 'read' | 'embed' | 'cluster' | 'project' | 'write';

export interface AnalyzeOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  read: ReadOptions;
  canonicalizer: Canonicalizer;
  embedder: Embedder;
  outDir: string;
  umap: boolean;
  method: ClusterMethod;
  /** HDBSCAN's unit (see PatternClusteringOptions.unit); clusterPatterns' default when absent. */
  clusterUnit?: 'templates' | 'events';
  minClusterSize?: number;
  minSamples?: number;
  nClusters?: number;
  vectors: VectorsMode;
  timeBin: number | 'auto';
  topkTrend: number;
  onStage?: (stage: AnalyzeStage) => void;
  onRead?: (events: number, patterns: number) => void;
  onEmbed?: (done: number, total: number) => void;
  onWrite?: (done: number, total: number) => void;
}

export interface AnalyzeSummary {
  input: string;
  outDir: string;
  events: number;
  patterns: number;
  clusters: number;
  method: ClusterMethod;
  noiseEvents: number;
  timedEvents: number;
  vectors: VectorsMode;
  /** Distinct embedding texts, and how many of them the vector cache already held. */
  embedTexts: number;
  cacheHits: number;
  model: string;
  dtype: string;
  timeBin?: string;
  /** Wall milliseconds per stage; `read` is waiting for input, `canonicalize` masking and counting. */
  timingsMs: { read: number; canonicalize: number; embed: number; cluster: number; project: number; write: number; total: number };
  peakRssMiB: number;
  files: Array<{ name: string; bytes: number }>;
  notes: string[];
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const notes: string[] = [];
  const spool = options.input === STDIN ? new EventSpool(join(outDir, '.stdin-events.jsonl')) : undefined;
  try {
    options.onStage?.('read');
    const pass = await patternPass(openEventBatches([options.input], options.read), options.canonicalizer, { spool, onProgress: options.onRead });
    if (pass.events === 0) throw new InputError(`no events to analyze in ${options.input === STDIN ? 'standard input' : options.input}`);
    if (pass.unparsed > 0) {
      notes.push(`${pass.unparsed} event(s) could not be parsed and count under the pattern "<unparsed line>" (first: ${pass.firstFailure})`);
    }
    if (pass.droppedColumns > 0) notes.push(`${pass.droppedColumns} metadata fields beyond the first ${pass.columns.length} were not written`);

    options.onStage?.('embed');
    const tEmbed = performance.now();
    const { vectors, dim, distinct, cacheHits } = await embedPatterns(pass, options.embedder, options.onEmbed);
    const embedMs = performance.now() - tEmbed;

    options.onStage?.('cluster');
    const tCluster = performance.now();
    let tProject = NaN;
    const result = clusterPatterns(
      vectors,
      dim,
      pass.patterns.map((p) => p.count),
      {
        method: pass.patterns.length < 2 ? 'none' : options.method,
        unit: options.clusterUnit,
        minClusterSize: options.minClusterSize,
        minSamples: options.minSamples,
        nClusters: options.nClusters,
        project: options.umap && pass.patterns.length >= 2,
        onStage: (stage) => {
          if (stage === 'project') {
            tProject = performance.now();
            options.onStage?.('project');
          }
        },
      },
    );
    const tClustered = performance.now();
    if (options.umap && pass.patterns.length < 2) notes.push('one distinct pattern: nothing to project');
    const descriptions = describeClusters(pass.patterns, result, { vectors, dim });
    const clusters = rankClusters(options.method, result.labels, result.nClusters, pass.patterns, descriptions);
    const layout = result.layout;

    options.onStage?.('write');
    const tWrite = performance.now();
    const binning =
      pass.timedEvents > 0 ? timeBinning(pass.minMs, pass.maxMs, options.timeBin, chartRange(pass.minMs, pass.maxMs, pass.timeSample)) : undefined;
    if (binning?.coarsenedFromMs !== undefined) {
      notes.push(
        `--time-bin ${formatWidth(binning.coarsenedFromMs)} would make more than 2,000 bins over this time range; used ${formatWidth(binning.widthMs)}`,
      );
    }
    const { trend } = await writeArtifacts({ ...options, outDir }, pass, clusters, vectors, dim, layout, binning, spool);
    const writeMs = performance.now() - tWrite;

    const projectMs = Number.isNaN(tProject) ? 0 : tClustered - tProject;
    const files = [
      VECTORS_FILE,
      METADATA_FILE,
      PROJECTOR_CONFIG_FILE,
      SUMMARY_FILE,
      EXAMPLES_FILE,
      EVENTS_FILE,
      ...(layout ? [SCATTER_FILE] : []),
      ...(trend ? [TRENDS_FILE] : []),
    ];
    if (!layout) notes.push('clusters.html needs --umap (the scatter is drawn on the UMAP layout)');
    if (!trend) notes.push('cluster_trends.html needs event times; none were found');
    if (trend && trend.outside > 0) {
      notes.push(`cluster_trends.html leaves out ${trend.outside} event(s) with far outlying times (${droppedTimesText(trend.binning)})`);
    }
    const summary: AnalyzeSummary = {
      input: options.input,
      outDir,
      events: pass.events,
      patterns: pass.patterns.length,
      clusters: clusters.count,
      method: options.method,
      noiseEvents: clusters.events[clusters.count],
      timedEvents: pass.timedEvents,
      vectors: options.vectors,
      embedTexts: distinct,
      cacheHits,
      model: options.embedder.model,
      dtype: options.embedder.dtype,
      ...(binning ? { timeBin: formatWidth(binning.widthMs) } : {}),
      timingsMs: {
        read: round(pass.readMs),
        canonicalize: round(pass.canonicalMs),
        embed: round(embedMs),
        cluster: round((Number.isNaN(tProject) ? tClustered : tProject) - tCluster),
        project: round(projectMs),
        write: round(writeMs),
        total: round(performance.now() - started),
      },
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      files: files.map((name) => ({ name, bytes: statSync(join(outDir, name)).size })),
      notes,
    };
    writeFileSync(join(outDir, RUN_SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    spool?.remove();
  }
}

async function embedPatterns(pass: PatternPass, embedder: Embedder, onEmbed?: (done: number, total: number) => void) {
  const texts = pass.patterns.map((p) => embeddingText(p.canonical));
  const distinct = new Set(texts).size;
  const dim = embedder.dim;
  const vectors = new Float32Array(texts.length * dim);
  let cacheHits = 0;
  for (let start = 0; start < texts.length; start += EMBED_CHUNK) {
    const chunk = texts.slice(start, start + EMBED_CHUNK);
    let first = true;
    const got = await embedder.embed(chunk, (done) => {
      // A cached embedder reports the texts it already had as done before calling the model.
      if (first) cacheHits += done;
      first = false;
      onEmbed?.(start + Math.min(done, chunk.length), texts.length);
    });
    got.forEach((v, j) => vectors.set(v, (start + j) * dim));
    onEmbed?.(Math.min(start + EMBED_CHUNK, texts.length), texts.length);
  }
  return { vectors, dim, distinct, cacheHits: Math.min(cacheHits, distinct) };
}

async function writeArtifacts(
  options: AnalyzeOptions,
  pass: PatternPass,
  clusters: RankedClusters,
  vectors: Float32Array,
  dim: number,
  layout: Float32Array | undefined,
  binning: TimeBinning | undefined,
  spool: EventSpool | undefined,
): Promise<{ trend?: TrendCounts }> {
  const out = options.outDir;
  writeFileSync(join(out, PROJECTOR_CONFIG_FILE), projectorConfig());
  if (options.vectors === 'per-pattern') writePatternProjector(out, pass, clusters, vectors, dim);
  writeFileSync(join(out, SUMMARY_FILE), clusterSummaryCsv(clusters));
  writeFileSync(join(out, EXAMPLES_FILE), clusterExamplesCsv(clusters, pass.patterns));
  const { trend } = await writeEventRows({
    replay: spool ? spool.replay() : replayFile(options.input, options.read),
    pass,
    clusters,
    layout,
    projectorPerEvent: options.vectors === 'per-event' ? { vectors, dim } : undefined,
    binning,
    outDir: out,
    onProgress: options.onWrite,
  });
  const title = `Log Atlas — ${options.input === STDIN ? 'standard input' : basename(options.input)}`;
  if (layout) {
    writeFileSync(
      join(out, SCATTER_FILE),
      scatterHtml({ title: `${title}: clusters`, patterns: pass.patterns, examples: pass.firstEvents.map((e) => e.raw), clusters, layout }),
    );
  }
  if (trend) {
    writeFileSync(
      join(out, TRENDS_FILE),
      trendsHtml({ title: `${title}: cluster volume over time`, trend, clusters, topK: options.topkTrend, timedEvents: pass.timedEvents }),
    );
  }
  return { trend };
}

function writePatternProjector(out: string, pass: PatternPass, clusters: RankedClusters, vectors: Float32Array, dim: number): void {
  const rows = new VectorRows(vectors, dim);
  const vectorsFile = new TextFile(join(out, VECTORS_FILE));
  const metadataFile = new TextFile(join(out, METADATA_FILE));
  metadataFile.write(metadataHeader(PATTERN_METADATA_COLUMNS, pass.columns));
  pass.patterns.forEach((p, i) => {
    const first = pass.firstEvents[i];
    vectorsFile.write(rows.row(i));
    metadataFile.write(
      metadataRow([first.raw, p.canonical, first.raw.length, clusterName(clusters, clusters.ofPattern[i]), p.count, p.id], pass.columns, first.fields),
    );
  });
  vectorsFile.close();
  metadataFile.close();
}

/** The input read again for the second pass, warnings silenced (the first pass printed them). */
async function* replayFile(input: string, read: ReadOptions): AsyncGenerator<ReplayedEvent[]> {
  for await (const batch of openEventBatches([input], { ...read, onWarning: undefined })) yield batch.map(replayedEvent);
}

function round(ms: number): number {
  return Math.round(ms);
}
