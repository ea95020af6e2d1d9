// `logatlas serve` as the bench parts run it: a child process with the bench's model folder, its stderr
// piped; `url` resolves with the address it prints when listening (or rejects with its stderr if it
// exits first). Attach other stderr listeners to `child` right away to see its log.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './common.mjs';

export function spawnServe(serveArgs, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'bin/logatlas.js'), 'serve', ...serveArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOGATLAS_MODEL_DIR: process.env.LOGATLAS_MODEL_DIR ?? join(repoRoot, '..', 'shared', 'models') },
  });
  const url = new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
      const found = /listening on (http:\/\/\S+)/.exec(err);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, url };
}
