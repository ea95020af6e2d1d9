#!/usr/bin/env node
// The main job on the bundled sample: index examples/baseline.log, ask for similar lines, then flag the
// lines of examples/incoming.log that are unlike anything in the baseline. Uses ../shared/models when it
// is there and LOGATLAS_MODEL_DIR is not set.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedModels = resolve(root, '..', 'shared', 'models');
const env = { ...process.env };
if (!env.LOGATLAS_MODEL_DIR && existsSync(join(sharedModels, 'Xenova'))) env.LOGATLAS_MODEL_DIR = sharedModels;
const store = join(root, '.logatlas', 'demo');
rmSync(store, { recursive: true, force: true });

function run(args) {
  console.log(`\n$ logatlas ${args.map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'logatlas.js'), ...args], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(['index', '--store', '.logatlas/demo', 'examples/baseline.log']);
run(['similar', '--store', '.logatlas/demo', '-k', '3', 'authentication failure for root from 10.0.0.5']);
run(['detect', '--store', '.logatlas/demo', 'examples/incoming.log']);
