#!/usr/bin/env python3
"""Reference HDBSCAN results from the Python `hdbscan` package, for engine/cluster/hdbscan-reference.test.ts.

Setup (a throwaway venv OUTSIDE the repository; nothing here is a project dependency):
    python3 -m venv /tmp/cluster-venv
    /tmp/cluster-venv/bin/pip install hdbscan numpy scikit-learn
Run from the repository root:
    /tmp/cluster-venv/bin/python engine/cluster/reference/make_reference.py
Produced with hdbscan 0.8.44, numpy 2.4, scikit-learn 1.9.

Each fixture is a small JSON: unit vectors (rounded to 5 decimals, then float32; both sides re-normalize), optional
counts, the HDBSCAN parameters and Python's labels, probabilities and GLOSH outlier scores. Weighted
fixtures are run on the EXPANDED input (pattern i repeated counts[i] times) and store the result of each
pattern's copies, which must all agree. NaN outlier scores (Python divides ∞ by ∞ when a subtree holds
a pattern weighted past min_samples) are stored as null.

The 'cosine' metric is 1 − cos passed as a precomputed matrix; 'euclidean' is the Euclidean distance
between the normalized vectors. algorithm='generic' everywhere: the exact MST (the default Boruvka
tree for low dimensions approximates the MST unless approx_min_span_tree=False).
"""
import json
import os

import hdbscan
import numpy as np
from sklearn.datasets import load_iris, load_wine
from sklearn.metrics import pairwise_distances

OUT = os.path.dirname(os.path.abspath(__file__))


def unit_rows(x):
    x = np.asarray(x, dtype=np.float64)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def sphere_blobs(rng, centers, per_blob, spread, noise, dim):
    """Gaussian blobs around random directions, plus uniform directions as noise, all on the unit sphere."""
    parts = []
    for _ in range(centers):
        c = unit_rows(rng.normal(size=(1, dim)))
        parts.append(c + spread * rng.normal(size=(per_blob, dim)))
    parts.append(rng.normal(size=(noise, dim)))
    return unit_rows(np.vstack(parts))


def run(name, description, vectors, params, counts=None):
    # float32, as the engine stores vectors: both sides then start from the very same numbers.
    vectors = np.round(unit_rows(vectors), 5).astype(np.float32)
    x = unit_rows(vectors.astype(np.float64))
    n = len(x)
    counts = np.ones(n, dtype=int) if counts is None else np.asarray(counts, dtype=int)
    expanded = np.repeat(x, counts, axis=0)
    owner = np.repeat(np.arange(n), counts)
    if params['metric'] == 'cosine':
        d = np.clip(pairwise_distances(expanded, metric='cosine'), 0, None)
        np.fill_diagonal(d, 0)
        data, metric = d, 'precomputed'
    else:
        data, metric = expanded, 'euclidean'
    model = hdbscan.HDBSCAN(
        min_cluster_size=params['minClusterSize'],
        min_samples=params['minSamples'],
        metric=metric,
        algorithm='generic',
        cluster_selection_method=params.get('selection', 'eom'),
        allow_single_cluster=False,
    ).fit(data)
    first = np.searchsorted(owner, np.arange(n))
    labels = model.labels_[first]
    probs = model.probabilities_[first]
    scores = model.outlier_scores_[first]
    copies_agree = bool(
        np.array_equal(model.labels_, labels[owner])
        and np.allclose(model.probabilities_, probs[owner], equal_nan=True)
        and np.allclose(model.outlier_scores_, scores[owner], equal_nan=True)
    )
    fixture = {
        'name': name,
        'description': description,
        'metric': params['metric'],
        'minClusterSize': params['minClusterSize'],
        'minSamples': params['minSamples'],
        'selection': params.get('selection', 'eom'),
        'dim': int(x.shape[1]),
        'vectors': [[round(float(v), 5) for v in row] for row in vectors],
        'counts': counts.tolist() if counts.max() > 1 else None,
        'expandedSize': int(len(expanded)),
        'copiesAgree': copies_agree,
        'labels': labels.tolist(),
        'probabilities': [round(float(p), 6) for p in probs],
        'outlierScores': [None if np.isnan(s) else round(float(s), 6) for s in scores],
    }
    path = os.path.join(OUT, f'{name}.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, separators=(',', ':'))
    print(f'{name}: n={n} expanded={len(expanded)} clusters={labels.max() + 1} '
          f'noise={int((labels < 0).sum())} copiesAgree={copies_agree} bytes={os.path.getsize(path)}')


def main():
    rng = np.random.default_rng(20240611)

    run('blobs-euclidean', 'four gaussian blobs on the 3-sphere plus uniform noise, unweighted',
        sphere_blobs(rng, 4, 45, 0.12, 25, 4),
        {'metric': 'euclidean', 'minClusterSize': 10, 'minSamples': 5})

    run('blobs-leaf', 'nested blobs (two pairs of close blobs), leaf selection, cosine',
        np.vstack([sphere_blobs(rng, 2, 40, 0.05, 0, 3) + 0.25 * unit_rows(rng.normal(size=(1, 3))),
                   sphere_blobs(rng, 2, 40, 0.05, 10, 3)]),
        {'metric': 'cosine', 'minClusterSize': 8, 'minSamples': 4, 'selection': 'leaf'})

    base = sphere_blobs(rng, 5, 30, 0.15, 30, 6)
    light = rng.choice([1, 1, 1, 2, 3, 4], size=len(base))
    run('weighted-light', 'weighted patterns, counts 1..4 (never past min_samples), cosine',
        base, {'metric': 'cosine', 'minClusterSize': 20, 'minSamples': 6}, light)

    heavy = rng.choice([1, 1, 1, 1, 2, 3, 5], size=len(base))
    heavy[rng.choice(len(base), size=6, replace=False)] = rng.integers(8, 40, size=6)
    run('weighted-heavy', 'weighted patterns with a few counts past min_samples (core distance 0), euclidean',
        base, {'metric': 'euclidean', 'minClusterSize': 25, 'minSamples': 5}, heavy)

    iris = load_iris().data
    run('iris-cosine', 'iris measurements (real data), centered, cosine',
        iris - iris.mean(axis=0), {'metric': 'cosine', 'minClusterSize': 10, 'minSamples': 5})

    wine = load_wine().data
    wine = (wine - wine.mean(axis=0)) / wine.std(axis=0)
    run('wine-euclidean', 'wine chemistry (real data), standardized, on the unit sphere, euclidean',
        wine, {'metric': 'euclidean', 'minClusterSize': 8, 'minSamples': 4})


if __name__ == '__main__':
    main()
