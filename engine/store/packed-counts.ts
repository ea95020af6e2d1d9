// One time bucket's events per cluster in the form reads walk: two typed arrays (walked many times,
// made once), the bucket's total, and the map they were made from for looking one cluster up.

export interface Packed {
  clusters: Int32Array;
  counts: Float64Array;
  total: number;
  byCluster: ReadonlyMap<number, number>;
}

export function pack(byCluster: Map<number, number>): Packed {
  let total = 0;
  for (const n of byCluster.values()) total += n;
  return { clusters: Int32Array.from(byCluster.keys()), counts: Float64Array.from(byCluster.values()), total, byCluster };
}
