// Whether a user rule's regex can take a line hostage. JavaScript regexes backtrack and cannot be
// interrupted: `(a+)+b` on 30 `a`s runs for minutes, and a user rule runs on every line. So a new user
// pattern is run once, when the rules are loaded, in a child process with a time limit, over inputs
// built to make backtracking explode (long runs of one character class and a mismatch at the end);
// a pattern that does not finish in time is refused. Static checks (star height) refuse half of the
// default rules for no reason; running the pattern measures what matters.
import { spawnSync } from 'node:child_process';

/** Wall time the probe of one pattern may take (a safe pattern needs a few milliseconds). */
export const PROBE_BUDGET_MS = 2000;

// Runs of classes a log line is made of, and of every character the pattern itself names.
const PROBE_SCRIPT = `
const pattern = process.env.LOGATLAS_PROBE_PATTERN;
const re = new RegExp(pattern, 'y');
const units = ['a', 'A', '1', ' ', '.', '-', '_', '/', ':', '=', 'a1', 'a ', 'a.', 'a-', '1.', '1 ', 'ab1.'];
for (const c of new Set(pattern.replace(/\\\\[dDwWsSbB]/g, '').match(/[\\w .:\\/=@-]/g) ?? [])) units.push(c);
for (const n of [24, 4000]) {
  for (const u of units) {
    const s = u.repeat(Math.ceil(n / u.length)) + '\\u0000!';
    for (const at of [0, 1]) { re.lastIndex = at; re.test(s); }
  }
}
`;

/** Undefined when the pattern ran over every probe input within the budget, else why not. */
export function probeRegex(pattern: string, budgetMs = PROBE_BUDGET_MS): string | undefined {
  const run = spawnSync(process.execPath, ['-e', PROBE_SCRIPT], {
    timeout: budgetMs,
    encoding: 'utf8',
    killSignal: 'SIGKILL',
    env: { ...process.env, LOGATLAS_PROBE_PATTERN: pattern },
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    return `it backtracks catastrophically: on a line of repeated characters it ran over ${budgetMs} ms (nested quantifiers such as (a+)+ or (\\w+\\s?)*)`;
  }
  if (run.signal === 'SIGKILL') return `it backtracks catastrophically: on a line of repeated characters it ran over ${budgetMs} ms`;
  if (run.status !== 0) return `it could not be tried: ${(run.stderr || String(run.error)).trim().split('\n').pop()}`;
  return undefined;
}
