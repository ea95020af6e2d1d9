/**
 * Length-sorted batching. Every row of a batch is padded to the batch's longest row, and attention
 * cost grows with length, so putting similar lengths together removes most of the padding work.
 */

/** One model call: which inputs it holds (indices into the call's texts), shortest first. */
export type Batch = number[];

/**
 * Splits inputs into batches of at most `batchSize`, ordered by token count (ties keep input order,
 * so the plan is deterministic). Callers put results back by index, so input order is preserved.
 */
export function planBatches(tokenCounts: readonly number[], batchSize: number): Batch[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = tokenCounts.map((_, i) => i).sort((a, b) => tokenCounts[a] - tokenCounts[b] || a - b);
  const batches: Batch[] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}

/** Model inputs for one batch, row-major `rows × seqLen`, right-padded. */
export interface PaddedBatch {
  rows: number;
  seqLen: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** Real (unpadded) token count of each row: the attention mask as lengths, for pooling. */
  lengths: number[];
}

export function padBatch(rowsIds: readonly number[][], padId: number): PaddedBatch {
  const rows = rowsIds.length;
  const seqLen = Math.max(1, ...rowsIds.map((ids) => ids.length));
  const inputIds = new BigInt64Array(rows * seqLen).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(rows * seqLen);
  rowsIds.forEach((ids, r) => {
    const base = r * seqLen;
    for (let t = 0; t < ids.length; t++) {
      inputIds[base + t] = BigInt(ids[t]);
      attentionMask[base + t] = 1n;
    }
  });
  return { rows, seqLen, inputIds, attentionMask, tokenTypeIds: new BigInt64Array(rows * seqLen), lengths: rowsIds.map((ids) => ids.length) };
}
