// Builds VictoriaLogs (Apache-2.0; github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs, pinned by
// go.mod here) into bin/victoria-logs when the binary is missing or older than go.mod, go.sum or this
// file. Parallel test files share one build through a lock file.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolDir = dirname(fileURLToPath(import.meta.url));
export const binary = join(toolDir, 'bin', 'victoria-logs');
const lockFile = join(toolDir, 'bin', '.build.lock');
const inputs = ['go.mod', 'go.sum', 'build.mjs'].map((f) => join(toolDir, f));
const PACKAGE = 'github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs';

export function binaryIsFresh() {
  if (!existsSync(binary)) return false;
  const built = statSync(binary).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

/** Makes sure bin/victoria-logs exists and is fresh, building it if needed; resolves with its path. */
export async function ensureBinary({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  mkdirSync(dirname(binary), { recursive: true });
  for (;;) {
    if (binaryIsFresh()) return binary;
    if (tryLock()) break;
    log(`victorialogs: waiting for another build (lock ${lockFile})`);
    while (existsSync(lockFile) && lockHolderAlive()) await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    if (binaryIsFresh()) return binary;
    const tmp = `${binary}.tmp-${process.pid}`;
    const started = Date.now();
    log(`victorialogs: building ${PACKAGE} (about 40 s on 2 cores the first time)`);
    const code = await new Promise((resolve, reject) => {
      const child = spawn('go', ['build', '-trimpath', '-buildvcs=false', '-ldflags', '-s -w', '-o', tmp, PACKAGE], {
        cwd: toolDir,
        env: { ...process.env, CGO_ENABLED: '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', (err) => reject(new Error(`victorialogs: cannot run go (${err.message}); Go 1.26+ must be on PATH`)));
      child.on('exit', (c, sig) => resolve(sig ? 128 : c));
    });
    if (code !== 0) {
      rmSync(tmp, { force: true });
      throw new Error(`victorialogs: go build failed (exit ${code})`);
    }
    renameSync(tmp, binary); // atomic: nobody starts a half-written binary
    log(`victorialogs: built ${binary} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return binary;
  } finally {
    rmSync(lockFile, { force: true });
  }
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
      rmSync(lockFile, { force: true }); // left by a killed build
      return tryLock();
    }
    return false;
  }
}

function lockHolderAlive() {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (!pid) return true;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
