/**
 * The CLI loads heavy modules only where they are used: `--help` loads neither the model runtime nor
 * SQLite, usearch or Fastify, and indexing a line whose pattern is known loads no model. Checked on the
 * real binary in a child process, with a module resolve hook (`--import`) that writes every module URL
 * the process and its worker threads resolve into a file; an eager import added anywhere on these paths
 * shows up there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/logatlas.js', import.meta.url));

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.LOGATLAS_IMPORT_TRACE, result.url + '\\n');
  return result;
}`;
const dataUrl = (source: string) => `data:text/javascript,${encodeURIComponent(source)}`;
// Worker threads inherit execArgv, so the embedding worker registers the same hook.
const TRACE_ARG = dataUrl(`import { register } from 'node:module'; register(${JSON.stringify(dataUrl(HOOKS))});`);

/** The model runtime: transformers.js, ONNX Runtime, and the embedding worker that loads them. */
const MODEL_RUNTIME = /@huggingface\/transformers|onnxruntime|embed\/embed-worker\.js|embed\/minilm\.js/;
/** Native or server modules `--help` has no use for. */
const COMMAND_ONLY = /better-sqlite3|usearch|fastify|service\/atlas-service\.js|report\/analyze\.js/;

interface TracedRun {
  code: number;
  stderr: string;
  modules: string[];
}

function runTraced(dir: string, args: string[]): Promise<TracedRun> {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TRACE_ARG, bin, ...args], { env: { ...process.env, LOGATLAS_IMPORT_TRACE: trace } }, (err, _stdout, stderr) => {
      const modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr, modules });
    });
  });
}

function matching(modules: string[], pattern: RegExp): string[] {
  return [...new Set(modules.filter((m) => pattern.test(m)))];
}

test("--help and a command's --help load no model runtime, SQLite, usearch or Fastify", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-lazy-help-'));
  try {
    for (const args of [['--help'], ['index', '--help'], ['serve', '--help'], ['analyze', '--help']]) {
      const run = await runTraced(dir, args);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      // The hook saw the CLI itself: an empty trace would prove nothing.
      assert.ok(
        run.modules.some((m) => m.endsWith('/cli/main.js')),
        `${args.join(' ')}: the trace misses main.js`,
      );
      assert.ok(
        run.modules.some((m) => m.includes('commander')),
        `${args.join(' ')}: the trace misses commander`,
      );
      assert.deepEqual(matching(run.modules, MODEL_RUNTIME), [], `${args.join(' ')} loaded the model runtime`);
      assert.deepEqual(matching(run.modules, COMMAND_ONLY), [], `${args.join(' ')} loaded modules only commands need`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index, similar and detect of known lines load no model runtime; a new line does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-lazy-index-'));
  try {
    const store = join(dir, 'store');
    const lines = join(dir, 'known.log');
    writeFileSync(
      lines,
      'Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for root from 173.234.31.186 port 38926 ssh2\n' +
        'Dec 10 06:55:48 LabSZ sshd[24200]: Connection closed by 173.234.31.186 [preauth]\n',
    );
    const build = await runTraced(dir, ['index', '--store', store, lines]);
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stderr, /2 new patterns, 2 in all, 2 embedded/);

    // The same kinds of line again, other values: both patterns known, their vectors in the store.
    const known = join(dir, 'again.log');
    writeFileSync(known, 'Dec 11 07:01:02 LabSZ sshd[31337]: Failed password for root from 10.1.2.3 port 4242 ssh2\n');
    const knownRun = await runTraced(dir, ['index', '--store', store, known]);
    assert.equal(knownRun.code, 0, knownRun.stderr);
    assert.match(knownRun.stderr, /indexed 1 events .*: 0 new patterns, 2 in all, 0 embedded/);
    assert.ok(matching(knownRun.modules, /better-sqlite3/).length > 0, 'the trace misses the store it used');
    assert.deepEqual(matching(knownRun.modules, MODEL_RUNTIME), [], 'index of a known line loaded the model runtime');

    // `similar` and `detect` of a known line read its pattern's vector from the store too.
    const similar = await runTraced(dir, ['similar', '--store', store, '--json', 'Dec 12 01:02:03 LabSZ sshd[7]: Connection closed by 10.0.0.9 [preauth]']);
    assert.equal(similar.code, 0, similar.stderr);
    assert.deepEqual(matching(similar.modules, MODEL_RUNTIME), [], 'similar of a known line loaded the model runtime');
    const detect = await runTraced(dir, ['detect', '--store', store, '--json', known]);
    assert.equal(detect.code, 0, detect.stderr);
    assert.deepEqual(matching(detect.modules, MODEL_RUNTIME), [], 'detect of a known line loaded the model runtime');

    // The positive control: a line of a new kind needs the model, and the trace shows it loading.
    const fresh = join(dir, 'new.log');
    writeFileSync(fresh, 'kernel: Out of memory: Kill process 4242 (java) score 917 or sacrifice child\n');
    const freshRun = await runTraced(dir, ['index', '--store', store, fresh]);
    assert.equal(freshRun.code, 0, freshRun.stderr);
    assert.match(freshRun.stderr, /1 new patterns, 3 in all, 1 embedded/);
    assert.ok(matching(freshRun.modules, /@huggingface\/transformers/).length > 0, 'the trace does not show the model loading');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
