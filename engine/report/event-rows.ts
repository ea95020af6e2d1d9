import { join } from 'node:path';
import { InputError } from '../events/event.js';
import { formatNs } from '../events/timestamps.js';
import { csvRow } from './delimited.js';
import type { PatternPass } from './pattern-pass.js';
import { EVENT_METADATA_COLUMNS, metadataHeader, metadataRow, METADATA_FILE, metaColumnNames, VECTORS_FILE, VectorRows } from './projector-files.js';
import { clusterName, type RankedClusters } from './ranked-clusters.js';
import type { ReplayedEvent } from './replayed-event.js';
import { TextFile } from './text-file.js';
import { binIndex, type TimeBinning } from './time-bins.js';

export const EVENTS_FILE = 'events_with_clusters.csv';
const EVENT_COLUMNS = ['raw', 'norm', 'pattern', 'cluster', 'timestamp', 'line'];
const UMAP_COLUMNS = ['umap_x', 'umap_y'];

/** Events per time bin and cluster: `counts[bin * (clusters + 1) + cluster]`, noise at index `clusters`. */
export interface TrendCounts {
  binning: TimeBinning;
  clusters: number;
  counts: Float64Array;
  /** Events whose time is a far outlier, left out of the chart (binning.dropBeforeMs / dropAfterMs). */
  outside: number;
}

export interface EventRowsInput {
  replay: AsyncIterable<ReplayedEvent[]>;
  pass: PatternPass;
  clusters: RankedClusters;
  /** Per-pattern 2-D layout (x0, y0, x1, y1, …) when projected. */
  layout?: Float32Array;
  /** Also write vectors.tsv and metadata.tsv with one row per event. */
  projectorPerEvent?: { vectors: Float32Array; dim: number };
  binning?: TimeBinning;
  outDir: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The second pass: each event again, in input order, written with its pattern and cluster (looked up in
 * the first pass's per-event index, not recomputed), and counted into time bins for the trend chart.
 */
export async function writeEventRows(input: EventRowsInput): Promise<{ events: number; trend?: TrendCounts }> {
  const { pass, clusters, layout, binning } = input;
  const columns = pass.columns;
  const events = new TextFile(join(input.outDir, EVENTS_FILE));
  const fixed = layout ? [...EVENT_COLUMNS.slice(0, 5), ...UMAP_COLUMNS, 'line'] : EVENT_COLUMNS;
  events.write(csvRow([...fixed, ...metaColumnNames(fixed, columns)]));
  const perEvent = input.projectorPerEvent;
  const vectorRows = perEvent ? new VectorRows(perEvent.vectors, perEvent.dim) : undefined;
  const vectorsFile = perEvent ? new TextFile(join(input.outDir, VECTORS_FILE)) : undefined;
  const metadataFile = perEvent ? new TextFile(join(input.outDir, METADATA_FILE)) : undefined;
  metadataFile?.write(metadataHeader(EVENT_METADATA_COLUMNS, columns));
  const slots = clusters.count + 1;
  const trend: TrendCounts | undefined = binning
    ? { binning, clusters: clusters.count, counts: new Float64Array(binning.count * slots), outside: 0 }
    : undefined;
  const names = Array.from({ length: slots }, (_, s) => clusterName(clusters, s < clusters.count ? s : -1));
  const coords = layout ? Array.from({ length: pass.patterns.length }, (_, i) => [layout[2 * i].toFixed(4), layout[2 * i + 1].toFixed(4)]) : undefined;
  let n = 0;
  try {
    for await (const batch of input.replay) {
      for (const event of batch) {
        if (n >= pass.events) throw changedInput(pass.events, n + 1);
        const p = pass.eventPattern[n++];
        const pattern = pass.patterns[p];
        const cluster = clusters.ofPattern[p];
        const slot = cluster >= 0 ? cluster : clusters.count;
        const ts = event.timestampNs === undefined ? '' : formatNs(event.timestampNs);
        const row: Array<string | number | undefined> = [event.raw, pattern.canonical, pattern.id, names[slot], ts];
        if (coords) row.push(coords[p][0], coords[p][1]);
        row.push(event.seq);
        for (const c of columns) row.push(event.fields[c]);
        events.write(csvRow(row));
        if (vectorRows) {
          vectorsFile!.write(vectorRows.row(p));
          metadataFile!.write(metadataRow([event.raw, pattern.canonical, event.raw.length, names[slot], pattern.id, ts], columns, event.fields));
        }
        if (trend && event.timestampNs !== undefined) {
          const bin = binIndex(trend.binning, Number(event.timestampNs / 1_000_000n));
          if (bin >= 0) trend.counts[bin * slots + slot]++;
          else trend.outside++;
        }
      }
      input.onProgress?.(n, pass.events);
    }
    if (n !== pass.events) throw changedInput(pass.events, n);
  } finally {
    events.close();
    vectorsFile?.close();
    metadataFile?.close();
  }
  return { events: n, trend };
}

function changedInput(expected: number, got: number): InputError {
  return new InputError(`the input changed while it was analyzed: ${expected} events on the first reading, ${got} on the second`);
}
