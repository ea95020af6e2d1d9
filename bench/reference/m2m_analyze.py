"""What macro2micro's analyze does on a text log, for the `analyze` benchmark (run only with --with-reference).

Every line is embedded (sentence-transformers all-MiniLM-L6-v2, PyTorch CPU, the model st_encode.py loads),
then hdbscan.HDBSCAN(min_cluster_size=50, min_samples=10) over all line vectors and
umap.UMAP(n_neighbors=15, min_dist=0.05, metric="cosine") to 2-D, as macro2micro runs them; the TSV/CSV
writing is left out (it is seconds). Prints one JSON document: wall seconds per stage and peak RSS.
The issue's figures for this file with macro2micro itself: 49.5 minutes, 2.84 GB peak RSS.

Usage: python m2m_analyze.py LOG_FILE [--threads 2] [--batch-size 32] [--limit N]
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from st_encode import load_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("log_file")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    stages = {}

    t = time.perf_counter()
    with open(args.log_file, encoding="utf-8", errors="replace") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    if args.limit:
        lines = lines[: args.limit]
    stages["read"] = time.perf_counter() - t

    t = time.perf_counter()
    model, _ = load_model()
    stages["load_model"] = time.perf_counter() - t

    t = time.perf_counter()
    vectors = model.encode(lines, batch_size=args.batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)
    stages["embed"] = time.perf_counter() - t

    import hdbscan  # noqa: E402
    import umap  # noqa: E402

    t = time.perf_counter()
    labels = hdbscan.HDBSCAN(min_cluster_size=50, min_samples=10).fit_predict(vectors)
    stages["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    layout = umap.UMAP(n_neighbors=15, min_dist=0.05, metric="cosine").fit_transform(vectors)
    stages["project"] = time.perf_counter() - t

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "part": "macro2micro-reference",
        "lines": len(lines),
        "clusters": int(labels.max() + 1) if len(labels) else 0,
        "noiseShare": float(np.mean(labels < 0)) if len(labels) else 0.0,
        "layoutShape": list(layout.shape),
        "stagesSeconds": {k: round(v, 2) for k, v in stages.items()},
        "wallSeconds": round(sum(stages.values()), 2),
        "peakRssMiB": round(peak_kib / 1024, 1),
        "loadAvg": [round(x, 2) for x in os.getloadavg()],
    }))


if __name__ == "__main__":
    main()
