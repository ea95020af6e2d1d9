#!/usr/bin/env node
// The README's quick start as a test suite: runs `npm run demo` exactly as a new user does and checks
// what it must show — the whole baseline indexed, similar lines that mean the same as the query, and
// `detect` flagging the incoming lines of kinds the baseline never saw and no other. Ends with the
// `N passed, N failed` line .ci/run and `npm test` read; a demo that prints nothing fails every check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asFile, examplesDir, makeExamples } from './make-examples.mjs';

const root = new URL('..', import.meta.url).pathname;
const expected = makeExamples();
let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(err.message).split('\n').join('\n  ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

check('the committed examples/ are what scripts/make-examples.mjs writes', () => {
  for (const [name, lines] of [['baseline.log', expected.baseline], ['incoming.log', expected.incoming]]) {
    let text;
    try {
      text = readFileSync(join(examplesDir, name), 'utf8');
    } catch (err) {
      throw new Error(`examples/${name}: ${err.code ?? err.message} (is examples/ committed?)`);
    }
    assert(text === asFile(lines), `examples/${name} differs from scripts/make-examples.mjs's output: run it and commit the files`);
  }
});

console.log('$ npm run demo');
// Through a shell so that stderr (npm's warnings, the CLI's errors) interleaves with stdout as a user sees
// it, and without the npm_* variables an enclosing `npm test` sets (its --silent or loglevel would hide
// the warnings a user gets).
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const demo = spawnSync('npm run demo 2>&1', { cwd: root, env: userEnv, shell: true, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const out = demo.stdout ?? '';
process.stdout.write(`${out.replace(/\n$/, '').split('\n').map((l) => `  | ${l}`).join('\n')}\n`);
const lines = out.split('\n');

check('`npm run demo` exits 0 without npm warnings', () => {
  assert(!demo.error, `could not start npm: ${demo.error?.message}`);
  assert(demo.status === 0, `exit status ${demo.status}`);
  const warnings = lines.filter((l) => /^npm warn/i.test(l));
  assert(warnings.length === 0, `npm printed:\n${warnings.join('\n')}`);
});

check('index: every baseline line is indexed into patterns', () => {
  const m = out.match(/^indexed (\d+) events into .*: (\d+) new patterns, (\d+) in all, (\d+) embedded$/m);
  assert(m, 'no "indexed N events into ..." line');
  assert(Number(m[1]) === expected.baseline.length, `indexed ${m[1]} events, the baseline has ${expected.baseline.length}`);
  assert(Number(m[2]) > 0 && Number(m[2]) < expected.baseline.length, `${m[2]} patterns from ${m[1]} lines: masking did not group them`);
});

check('similar: three results, nearest first, the nearest a failed password (what "authentication failure" means)', () => {
  const start = lines.findIndex((l) => /^\$ logatlas similar /.test(l));
  assert(start >= 0, 'the demo ran no `logatlas similar`');
  const rows = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('$ ')) break;
    const m = l.match(/^(\d+\.\d{3})\s+(\d+)\s+(\S.*)$/);
    if (m) rows.push({ distance: Number(m[1]), row: m[3] });
  }
  assert(rows.length === 3, `${rows.length} result rows, -k 3 asks for 3`);
  assert(rows.every((r, i) => i === 0 || r.distance >= rows[i - 1].distance), `distances not ascending: ${rows.map((r) => r.distance)}`);
  assert(/Failed password/.test(rows[0].row), `nearest result is not a failed password: ${rows[0].row}`);
});

const verdicts = new Map();
for (const l of lines) {
  const m = l.match(/^(\d+)\s+(known|ALERT)\s+(\d+\.\d{3})\s/);
  if (m) verdicts.set(Number(m[1]), { verdict: m[2], distance: Number(m[3]) });
}
check('detect: one verdict per incoming line', () => {
  assert(verdicts.size === expected.incoming.length, `${verdicts.size} verdicts for ${expected.incoming.length} incoming lines`);
  const m = out.match(/^(\d+) lines, (\d+) flagged \(threshold ([\d.]+)\)$/m);
  assert(m && Number(m[1]) === expected.incoming.length, 'no closing "N lines, N flagged" line for every incoming line');
  assert(Number(m[2]) === [...verdicts.values()].filter((v) => v.verdict === 'ALERT').length, `closing line says ${m[2]} flagged, the table shows otherwise`);
});
check(`detect: the ${expected.unseenLines.length} injected lines of unseen kinds are flagged`, () => {
  const missed = expected.unseenLines.filter((n) => verdicts.get(n)?.verdict !== 'ALERT');
  assert(missed.length === 0, `not flagged: ${missed.map((n) => `line ${n} (${expected.incoming[n - 1]})`).join('; ')}`);
});
check('detect: lines of kinds the baseline knows are not flagged', () => {
  const known = expected.incoming.length - expected.unseenLines.length;
  assert([...verdicts.keys()].filter((n) => !expected.unseenLines.includes(n)).length === known, `no verdict for some of the ${known} lines of known kinds`);
  const wrong = [...verdicts].filter(([n, v]) => !expected.unseenLines.includes(n) && v.verdict !== 'known');
  assert(wrong.length === 0, `flagged: ${wrong.map(([n]) => `line ${n} (${expected.incoming[n - 1]})`).join('; ')}`);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
