import type { KnnGraph } from './knn-graph.js';

/**
 * Test helper: a complete kNN graph (k = n − 1) from an explicit symmetric distance matrix,
 * rows nearest first, ties by index. Lets tests use hand-picked distances instead of vectors.
 */
export function knnFromDistances(matrix: number[][]): KnnGraph {
  const n = matrix.length;
  const k = n - 1;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const others = [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => matrix[i][a] - matrix[i][b] || a - b);
    others.forEach((j, r) => {
      indices[i * k + r] = j;
      distances[i * k + r] = matrix[i][j];
    });
  }
  return { n, k, indices, distances };
}

/** Four points on a line at 0, 1, 3, 7: distances 1, 2, 4 between neighbours. */
export const LINE = knnFromDistances([
  [0, 1, 3, 7],
  [1, 0, 2, 6],
  [3, 2, 0, 4],
  [7, 6, 4, 0],
]);
