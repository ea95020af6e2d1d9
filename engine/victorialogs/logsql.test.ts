import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logqlToLogsql, UntranslatableQueryError } from './logsql.js';

test('stream selectors carry over; line filters become LogsQL regexp filters, substrings escaped', () => {
  assert.equal(logqlToLogsql('{job="ssh"}'), '{job="ssh"}');
  assert.equal(logqlToLogsql('{job="ssh", env=~"prod|stage", host!="a", app!~`x.*`}'), '{job="ssh", env=~"prod|stage", host!="a", app!~"x.*"}');
  assert.equal(logqlToLogsql('{job="ssh"} |= "Failed password"'), '{job="ssh"} ~"Failed password"');
  assert.equal(
    logqlToLogsql('{job="app"} |= "a.b(c)" != "debug" |~ "err(or)?" !~ `^INFO`'),
    '{job="app"} ~"a\\\\.b\\\\(c\\\\)" NOT ~"debug" ~"err(or)?" NOT ~"^INFO"',
  );
  assert.equal(logqlToLogsql('{job="app"} |= "say \\"hi\\""'), '{job="app"} ~"say \\"hi\\""');
});

test('what has no translation is refused with a message that says what is supported', () => {
  for (const q of ['{job="app"} | json', '{job="app"} | level="error"', 'rate({job="app"}[5m])', '{job="app"} |= unquoted']) {
    assert.throws(
      () => logqlToLogsql(q),
      (err: Error) => err instanceof UntranslatableQueryError || /stream selector/.test(err.message),
      q,
    );
  }
  assert.throws(() => logqlToLogsql('{job="app"} | json'), /only a stream selector and line filters/);
});
