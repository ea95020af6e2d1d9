import { access, constants } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { CachedEmbedder } from '../../embed/cached-embedder.js';
import { MemoryVectorCache } from '../../embed/memory-vector-cache.js';
import type { AnalyzeStage, VectorsMode } from '../../report/analyze.js';
import { parseTimeBin } from '../../report/time-bins.js';
import { DEFAULT_TOPK_TREND } from '../../report/trends-html.js';
import type { ClusterMethod } from '../../cluster/cluster-patterns.js';
import { UsageError } from '../errors.js';
import { addMaskOptions, addModelOptions, addReadOptions, positiveInt } from '../options.js';
import { Progress } from '../progress.js';
import { defaultVectorCachePath, openVectorCacheFile } from '../vector-cache-file.js';
import { canonicalizerFor, newBaselineConfig, readOptionsFrom, startModel, type CommonOptions } from '../wiring.js';

interface AnalyzeCommandOptions extends CommonOptions {
  input: string;
  out: string;
  umap?: boolean;
  cluster: ClusterMethod;
  nClusters?: number;
  clusterUnit: 'templates' | 'events';
  minClusterSize?: number;
  minSamples?: number;
  vectors: VectorsMode;
  timeBin: number | 'auto';
  topkTrend: number;
  cache: string | false;
}

function timeBinOption(value: string): number | 'auto' {
  try {
    return parseTimeBin(value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function registerAnalyzeCommand(program: Command): void {
  const cmd = program
    .command('analyze')
    .summary('cluster one log file and write reports: projector TSVs, CSVs, HTML scatter and trends')
    .description(
      'Reads a log file (or - for stdin), embeds each distinct canonical pattern once, clusters the patterns\n' +
        '(HDBSCAN over the templates into themes, or k-means) and writes to --out: vectors.tsv, metadata.tsv and\n' +
        'projector_config.pbtxt (TensorBoard projector), cluster_summary.csv, cluster_examples.csv,\n' +
        'events_with_clusters.csv (every event in input order), clusters.html (with --umap) and\n' +
        'cluster_trends.html (when events have times), and analyze_summary.json (counts, stage timings).\n' +
        'Both HTML files are self-contained and work offline.',
    )
    .requiredOption('--input <file>', 'the log file, or - for standard input')
    .requiredOption('--out <dir>', 'folder for the artifacts (created if missing; files in it are replaced)')
    .option('--umap', 'project patterns to 2-D with UMAP: umap_x/umap_y columns and clusters.html')
    .addOption(new Option('--cluster <method>', 'clustering').choices(['hdbscan', 'kmeans', 'none']).default('hdbscan'))
    .option('--n-clusters <n>', 'k-means: number of clusters (default 30)', positiveInt('--n-clusters'))
    .addOption(
      new Option(
        '--cluster-unit <unit>',
        'HDBSCAN: what one point is: each template once (themes of several templates), or each event (every frequent template a cluster of its own)',
      )
        .choices(['templates', 'events'])
        .default('templates'),
    )
    .option(
      '--min-cluster-size <n>',
      'HDBSCAN: smallest cluster, in --cluster-unit units (default 2 templates; with events 0.1% of them, 2 to 50)',
      positiveInt('--min-cluster-size'),
    )
    .option(
      '--min-samples <n>',
      'HDBSCAN: neighbours, in --cluster-unit units, that make a pattern a core point (default 1 template; with events min(10, min cluster size))',
      positiveInt('--min-samples'),
    )
    .addOption(
      new Option('--vectors <mode>', 'projector rows: one per distinct pattern (its events share its vector), or one per event')
        .choices(['per-pattern', 'per-event'])
        .default('per-pattern'),
    )
    .option('--time-bin <width>', 'trend bin width: auto, or e.g. 30s, 5min, 1h, 1D', timeBinOption, 'auto')
    .option('--topk-trend <n>', 'clusters drawn in cluster_trends.html (the rest are summed)', positiveInt('--topk-trend'), DEFAULT_TOPK_TREND)
    .option('--cache <file>', `vector cache file (default ${defaultVectorCachePath().replace(process.env.HOME ?? '\0', '~')})`)
    .option('--no-cache', 'do not read or write the vector cache');
  addReadOptions(cmd);
  addMaskOptions(cmd);
  addModelOptions(cmd);
  cmd.action(async (opts: AnalyzeCommandOptions) => {
    if (opts.minClusterSize === 1) throw new UsageError('--min-cluster-size must be at least 2');
    // Checked before the model loads, so a wrong path fails at once.
    if (opts.input !== '-') {
      await access(opts.input, constants.R_OK).catch(() => {
        throw new UsageError(`cannot read input ${opts.input}: no such file or not readable`);
      });
    }
    // Clustering, projection and the reports (usearch, UMAP) are imported only when analyze runs.
    const { analyze, RUN_SUMMARY_FILE } = await import('../../report/analyze.js');
    // The cache opens before the model starts: a bad cache path then fails without a worker left running.
    const cacheFile = opts.cache === false ? undefined : await openVectorCacheFile(typeof opts.cache === 'string' ? opts.cache : defaultVectorCachePath());
    const model = await startModel(opts).catch((err: unknown) => {
      cacheFile?.close();
      throw err;
    });
    const embedder = new CachedEmbedder(model, cacheFile?.cache ?? new MemoryVectorCache());
    const reading = new Progress('reading');
    const embedding = new Progress('embedding');
    const writing = new Progress('writing');
    const stageLine = (stage: AnalyzeStage): void => {
      reading.done();
      embedding.done();
      if (process.stderr.isTTY && (stage === 'cluster' || stage === 'project')) process.stderr.write(`${stage === 'cluster' ? 'clustering' : 'projecting'}…\r`);
    };
    try {
      const summary = await analyze({
        input: opts.input,
        read: readOptionsOf(opts),
        canonicalizer: canonicalizerFor(newBaselineConfig(opts, model)),
        embedder,
        outDir: opts.out,
        umap: opts.umap === true,
        method: opts.cluster,
        clusterUnit: opts.clusterUnit,
        minClusterSize: opts.minClusterSize,
        minSamples: opts.minSamples,
        nClusters: opts.nClusters,
        vectors: opts.vectors,
        timeBin: opts.timeBin,
        topkTrend: opts.topkTrend,
        onStage: stageLine,
        onRead: (events, patterns) => reading.update(events, undefined, `events, ${patterns} patterns`),
        onEmbed: (done, total) => embedding.update(done, total, 'patterns'),
        onWrite: (done, total) => writing.update(done, total, 'events'),
      });
      writing.done();
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K'); // clears a "clustering…" line
      const t = summary.timingsMs;
      const noise =
        summary.noiseEvents > 0
          ? `, ${((100 * summary.noiseEvents) / summary.events).toFixed(1)}% of events ${summary.method === 'none' ? 'unclustered' : 'noise'}`
          : '';
      process.stderr.write(
        `analyzed ${summary.events} events: ${summary.patterns} patterns (${summary.cacheHits} of ${summary.embedTexts} vectors cached), ` +
          `${summary.clusters} clusters${noise}\n` +
          `stages (s): read ${s(t.read)}, canonicalize ${s(t.canonicalize)}, embed ${s(t.embed)}, cluster ${s(t.cluster)}, project ${s(t.project)}, ` +
          `write ${s(t.write)}; total ${s(t.total)}; peak RSS ${Math.round(summary.peakRssMiB)} MiB\n` +
          `wrote ${summary.outDir}: ${summary.files.map((f) => f.name).join(', ')}, ${RUN_SUMMARY_FILE}\n` +
          summary.notes.map((n) => `note: ${n}\n`).join(''),
      );
    } finally {
      await embedder.close();
      cacheFile?.close();
    }
  });
}

function s(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** The reader options of `eventBatchesFrom` (wiring.ts), for one input that is read twice. */
function readOptionsOf(opts: CommonOptions) {
  let warnings = 0;
  return readOptionsFrom(opts, (w) => {
    if (++warnings <= 20) process.stderr.write(`logatlas: warning: ${w.origin}:${w.line}: ${w.message}\n`);
    else if (warnings === 21) process.stderr.write('logatlas: more warnings not shown\n');
  });
}
