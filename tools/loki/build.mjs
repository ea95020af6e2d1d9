// Builds Loki's own server (github.com/grafana/loki/v3/cmd/loki, pinned by go.mod here) into bin/loki
// when the binary is missing or older than go.mod, go.sum or this file. A cold build takes minutes and
// gigabytes, so concurrent callers (parallel test files) share one build through a lock file.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const lokiToolDir = dirname(fileURLToPath(import.meta.url));
export const lokiBinary = join(lokiToolDir, 'bin', 'loki');
const lockFile = join(lokiToolDir, 'bin', '.build.lock');
const inputs = ['go.mod', 'go.sum', 'build.mjs'].map((f) => join(lokiToolDir, f));

// Upstream's release flags (Makefile): static, stripped, netgo resolver.
const goArgs = [
  'build', '-trimpath', '-buildvcs=false', '-tags', 'netgo',
  '-ldflags', '-s -w -X github.com/grafana/loki/v3/pkg/util/build.Version=3.7.8',
];

export function lokiBinaryIsFresh() {
  if (!existsSync(lokiBinary)) return false;
  const built = statSync(lokiBinary).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

/**
 * Makes sure bin/loki exists and is fresh, building it if needed.
 * @param {{ log?: (msg: string) => void }} [opts]
 * @returns {Promise<string>} the binary's path
 */
export async function ensureLokiBinary({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  mkdirSync(dirname(lokiBinary), { recursive: true });
  for (;;) {
    if (lokiBinaryIsFresh()) return lokiBinary;
    if (tryLock()) break;
    log(`loki: waiting for another build of ${lokiBinary} (lock ${lockFile})`);
    await waitForUnlock();
  }
  try {
    if (lokiBinaryIsFresh()) return lokiBinary;
    await goBuild(log);
    return lokiBinary;
  } finally {
    rmSync(lockFile, { force: true });
  }
}

async function goBuild(log) {
  const tmp = `${lokiBinary}.tmp-${process.pid}`;
  const started = Date.now();
  log('loki: building github.com/grafana/loki/v3/cmd/loki (cold: ~8-9 min, ~3 GB RAM; warm: seconds)');
  const code = await new Promise((resolve, reject) => {
    const child = spawn('go', [...goArgs, '-o', tmp, 'github.com/grafana/loki/v3/cmd/loki'], {
      cwd: lokiToolDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (err) => reject(new Error(`loki: cannot run go (${err.message}); Go 1.26+ must be on PATH`)));
    child.on('exit', (c, sig) => resolve(sig ? 128 : c));
  });
  if (code !== 0) {
    rmSync(tmp, { force: true });
    throw new Error(`loki: go build failed (exit ${code})`);
  }
  renameSync(tmp, lokiBinary); // atomic: nobody ever starts a half-written binary
  log(`loki: built ${lokiBinary} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function tryLock() {
  try {
    const fd = openSync(lockFile, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    if (!lockHolderAlive()) {
      rmSync(lockFile, { force: true }); // left behind by a build that was killed
      return tryLock();
    }
    return false;
  }
}

function lockHolderAlive() {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (!pid) return true; // being written right now
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function waitForUnlock() {
  while (existsSync(lockFile) && lockHolderAlive()) await new Promise((r) => setTimeout(r, 1000));
}
