#!/usr/bin/env bash
# Creates bench/.venv with the Python reference implementations. Idempotent: a stamp file records the
# requirements already installed, so a second run with unchanged requirements does nothing.
# Usage: bash bench/reference/setup.sh [--cluster]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv"
reqs=("$here/requirements.txt")
if [[ "${1:-}" == "--cluster" ]]; then reqs+=("$here/requirements-cluster.txt"); fi

log() { echo "[bench-venv] $*" >&2; }
started=$(date +%s)

if [[ ! -x "$venv/bin/python" ]]; then
  log "creating $venv"
  python3 -m venv "$venv"
fi

for req in "${reqs[@]}"; do
  stamp="$venv/.installed-$(basename "$req")"
  if [[ -f "$stamp" ]] && cmp -s "$req" "$stamp"; then
    log "$(basename "$req"): already installed"
    continue
  fi
  log "$(basename "$req"): installing (torch's CUDA wheels make this several GB on first install)"
  "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r "$req" >&2
  cp "$req" "$stamp"
done

log "done in $(( $(date +%s) - started )) s; venv size $(du -sh "$venv" | cut -f1)"
