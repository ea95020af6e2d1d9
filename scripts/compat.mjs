#!/usr/bin/env node
// `npm run test:compat`: does each plugin module still work with the oldest Grafana that src/plugin.json
// claims (dependencies.grafanaDependency)? @grafana/levitate compares the @grafana/* packages we build
// against (node_modules) with those of that Grafana version, fetched from npm now, and reports every
// export our code uses that is missing or changed there.
// One check per module and package; each module prints `<module>: N passed, N failed`, and the run ends
// with the total `N passed, N failed`. `--grafana 10.0.0` checks against another version instead.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PACKAGES = ['@grafana/data', '@grafana/ui', '@grafana/runtime', '@grafana/schema'];

/** The lowest version a grafanaDependency range admits: ">=12.0.0", "^12.4.0", ">=12.4" → "12.0.0", … */
export function oldestGrafana(range) {
  const m = /^\s*(?:>=|\^|~|=)?\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(range ?? '');
  if (!m) throw new Error(`src/plugin.json grafanaDependency ${JSON.stringify(range)} does not start at a version (e.g. ">=12.0.0")`);
  return `${m[1]}.${m[2]}.${m[3] ?? 0}`;
}

/** The plugin's entry modules: the app, the data source and every panel. */
function modules() {
  const panels = readdirSync(join(root, 'src/panels'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `src/panels/${d.name}/module.tsx`);
  const all = ['src/module.tsx', 'src/datasource/module.ts', ...panels];
  for (const m of all) if (!existsSync(join(root, m))) throw new Error(`${m} is missing`);
  return all;
}

/** Runs levitate for one module; resolves to its output and exit status. */
function levitate(module, targets) {
  return new Promise((resolve) => {
    const args = ['is-compatible', '--path', module, '--target', targets.join(',')];
    const child = spawn(join(root, 'node_modules/.bin/levitate'), args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', (err) => resolve({ status: 1, out: `cannot start levitate: ${err.message}` }));
    child.on('close', (status) => resolve({ status: status ?? 1, out }));
  });
}

/** Splits levitate's output into one section per package and judges each. */
function judge(out, packages) {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  const sections = plain.split(/🔬 Checking compatibility between /).slice(1);
  return packages.map((pkg) => {
    const section = sections.find((s) => s.includes(` and ${pkg}@`));
    if (!section) return { pkg, verdict: 'fail', why: 'levitate did not check it' };
    if (/Skipping package/.test(section)) return { pkg, verdict: 'skip', why: 'not used' };
    // levitate prints this and carries on as if compatible when it cannot fetch or read a version.
    if (/Could not process the package/.test(section)) return { pkg, verdict: 'fail', why: 'levitate could not fetch or read it' };
    const n = /INCOMPATIBILITIES \((\d+)\)/.exec(section);
    if (n) return { pkg, verdict: 'fail', why: `${n[1]} incompatibilities` };
    return { pkg, verdict: 'pass' };
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--grafana');
  const plugin = JSON.parse(readFileSync(join(root, 'src/plugin.json'), 'utf8'));
  const range = plugin.dependencies?.grafanaDependency;
  const version = i >= 0 ? argv[i + 1] : oldestGrafana(range);
  const targets = PACKAGES.map((p) => `${p}@${version}`);
  console.log(`plugin.json grafanaDependency ${range}: checking against Grafana ${version} (${PACKAGES.join(', ')})`);

  let passed = 0;
  let failed = 0;
  for (const module of modules()) {
    const { status, out } = await levitate(module, targets);
    const verdicts = judge(out, PACKAGES);
    const p = verdicts.filter((v) => v.verdict === 'pass').length;
    let f = verdicts.filter((v) => v.verdict === 'fail').length;
    // Non-zero exit with nothing judged failed (a crash): one failure, with its output.
    if (status !== 0 && f === 0) f = 1;
    if (f) {
      console.log(
        out
          .replace(/\x1b\[[0-9;]*m/g, '')
          .split('\n')
          .filter((l) => !/^\s*$/.test(l))
          .join('\n'),
      ); // eslint-disable-line no-control-regex
    }
    const detail = verdicts.map((v) => `${v.pkg} ${v.verdict}${v.why ? ` (${v.why})` : ''}`).join('; ');
    console.log(`${module} vs Grafana ${version}: ${p} passed, ${f} failed — ${detail}`);
    passed += p;
    failed += f;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.log(`compat: ${err.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}
