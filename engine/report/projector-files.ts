/**
 * TensorBoard Embedding Projector inputs: vectors.tsv (one row of tab-separated floats per point, no
 * header), metadata.tsv (a header row, since it has several columns, then one row per point in the same
 * order) and projector_config.pbtxt naming both. Load them with `tensorboard --logdir OUT` (Projector
 * tab) or with "Load" on projector.tensorflow.org. The formats follow the projector's parser: lines split
 * on `\n`, fields on `\t`, no quoting (delimited.ts), an empty field read as missing.
 */
import { tsvRow } from './delimited.js';

export const VECTORS_FILE = 'vectors.tsv';
export const METADATA_FILE = 'metadata.tsv';
export const PROJECTOR_CONFIG_FILE = 'projector_config.pbtxt';

export function projectorConfig(tensorPath = VECTORS_FILE, metadataPath = METADATA_FILE): string {
  return `embeddings {\n  tensor_name: "log_atlas_patterns"\n  tensor_path: "${tensorPath}"\n  metadata_path: "${metadataPath}"\n}\n`;
}

/** One vector as a TSV row. Six decimals keep float32 unit vectors well within their precision's use. */
export function vectorRow(vectors: Float32Array, dim: number, index: number): string {
  const parts = new Array<string>(dim);
  const base = index * dim;
  for (let d = 0; d < dim; d++) parts[d] = vectors[base + d].toFixed(6);
  return `${parts.join('\t')}\n`;
}

/** Vector rows, each formatted once: per-event output repeats a pattern's row for each of its events. */
export class VectorRows {
  private readonly rows: Array<string | undefined>;
  constructor(
    private readonly vectors: Float32Array,
    private readonly dim: number,
  ) {
    this.rows = new Array(vectors.length / dim);
  }
  row(index: number): string {
    return (this.rows[index] ??= vectorRow(this.vectors, this.dim, index));
  }
}

/** Metadata columns of per-pattern rows: the pattern's first event stands for it. */
export const PATTERN_METADATA_COLUMNS = ['raw', 'norm', 'len', 'cluster', 'count', 'pattern'];
/** Metadata columns of per-event rows. */
export const EVENT_METADATA_COLUMNS = ['raw', 'norm', 'len', 'cluster', 'pattern', 'timestamp'];

/** Names of extra metadata columns, renamed when they clash with the fixed ones. */
export function metaColumnNames(fixed: readonly string[], columns: readonly string[]): string[] {
  return columns.map((c) => (fixed.includes(c) ? `meta_${c}` : c));
}

export function metadataHeader(fixed: readonly string[], columns: readonly string[]): string {
  return tsvRow([...fixed, ...metaColumnNames(fixed, columns)]);
}

export function metadataRow(values: ReadonlyArray<string | number | undefined>, columns: readonly string[], fields: Record<string, string>): string {
  const row = [...values];
  for (const c of columns) row.push(fields[c]);
  return tsvRow(row);
}
