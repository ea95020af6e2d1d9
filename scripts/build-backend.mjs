#!/usr/bin/env node
// Builds the data source's Go backend (CGO off) into dist/datasource/gpx_logatlas_datasource_<os>_<arch>,
// the name Grafana looks for beside the nested plugin.json ("executable": "gpx_logatlas_datasource").
//   node scripts/build-backend.mjs            this machine's platform (linux_amd64 here)
//   node scripts/build-backend.mjs --all      also the platforms the SDK's Magefile builds
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const goarch = { x64: 'amd64', arm64: 'arm64', arm: 'arm' }[process.arch] ?? process.arch;
const goos = process.platform === 'win32' ? 'windows' : process.platform;
const all = [['linux', 'amd64'], ['linux', 'arm64'], ['linux', 'arm'], ['darwin', 'amd64'], ['darwin', 'arm64'], ['windows', 'amd64']];
const targets = process.argv.includes('--all') ? all : [[goos, goarch]];
const outDir = join(root, 'dist', 'datasource');
mkdirSync(outDir, { recursive: true });
for (const [os, arch] of targets) {
  const out = join(outDir, `gpx_logatlas_datasource_${os}_${arch}${os === 'windows' ? '.exe' : ''}`);
  const r = spawnSync('go', ['build', '-trimpath', '-ldflags', '-w -s', '-o', out, './pkg'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOOS: os, GOARCH: arch },
  });
  if (r.status !== 0) {
    console.error(`build-backend: go build for ${os}/${arch} failed`);
    process.exit(1);
  }
  console.log(`build-backend: ${out}`);
}
