"""Steady-state ingest of already-known lines with Drain3, the reference template miner.

Same protocol as bench/parts/ingest.mjs: one warm pass builds the template tree, then timed passes over
the same lines (read + mask + tree search + count) until both --min-passes and --min-seconds are met.
Prints one JSON document on stdout.

Usage: python drain3_ingest.py --name NAME [--min-passes 3] [--min-seconds 3] FILE...
"""

import argparse
import json
import os
import resource
import sys
import time
from importlib.metadata import version

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

# Drain3's own example masking (its drain3.ini): MAC-like ids, IPv4, hex sequences, hex numbers, numbers.
# Order matters: the broader patterns must run before the plain-number one.
MASKING = [
    (r"((?<=[^A-Za-z0-9])|^)(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))((?=[^A-Za-z0-9])|$)", "ID"),
    (r"((?<=[^A-Za-z0-9])|^)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})((?=[^A-Za-z0-9])|$)", "IP"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)", "SEQ"),
    (r"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)", "HEX"),
    (r"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)", "NUM"),
]


def make_miner() -> TemplateMiner:
    config = TemplateMinerConfig()
    config.masking_instructions = [MaskingInstruction(pattern, mask) for pattern, mask in MASKING]
    # Drain3's defaults, stated so the run does not depend on a drain3.ini in the working directory.
    config.drain_sim_th = 0.4
    config.drain_depth = 4
    config.drain_max_children = 100
    config.parametrize_numeric_tokens = True
    config.profiling_enabled = False
    return TemplateMiner(persistence_handler=None, config=config)


def read_lines(path: str):
    # Universal newlines: CRLF files (some loghub sets) yield the same lines as the engine's reader.
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                yield line


def one_pass(miner: TemplateMiner, files) -> int:
    n = 0
    for path in files:
        for line in read_lines(path):
            miner.add_log_message(line)
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--min-passes", type=int, default=3)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    miner = make_miner()
    t0 = time.perf_counter()
    lines = one_pass(miner, args.files)
    warm_seconds = time.perf_counter() - t0
    print(f"[drain3] {args.name}: warm pass {lines} lines in {warm_seconds:.1f} s, "
          f"{len(miner.drain.clusters)} clusters", file=sys.stderr)

    passes = 0
    timed_lines = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while passes < args.min_passes or time.perf_counter() - wall0 < args.min_seconds:
        timed_lines += one_pass(miner, args.files)
        passes += 1
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0

    print(json.dumps({
        "tool": "drain3",
        "version": version("drain3"),
        "python": sys.version.split()[0],
        "input": args.name,
        "lines": lines,
        "clusters": len(miner.drain.clusters),
        "masking": [mask for _, mask in MASKING],
        "warm": {"seconds": round(warm_seconds, 3), "linesPerSec": round(lines / warm_seconds)},
        "timed": {
            "passes": passes,
            "lines": timed_lines,
            "wallSeconds": round(wall, 3),
            "cpuSeconds": round(cpu, 3),
            "linesPerSec": round(timed_lines / wall),
            "linesPerCpuSec": round(timed_lines / cpu),
        },
        # ru_maxrss is in KiB on Linux.
        "peakRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "loadAvg": [round(x, 2) for x in os.getloadavg()],
    }))


if __name__ == "__main__":
    main()
