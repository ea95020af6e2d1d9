import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitLogQuery, streamSelector, withStreamMatchers } from './selector.js';

describe('selector', () => {
  it('splits a query into matchers and pipeline, minding braces inside strings', () => {
    assert.deepEqual(splitLogQuery(' {app="a}b", re=~`x{2}`} |= "}" | json'), { matchers: 'app="a}b", re=~`x{2}`', pipeline: ' |= "}" | json' });
    assert.deepEqual(splitLogQuery('{msg="say \\"}\\""}'), { matchers: 'msg="say \\"}\\""', pipeline: '' });
  });

  it('returns the bare stream selector', () => {
    assert.equal(streamSelector('{app="a"} | logfmt'), '{app="a"}');
  });

  it('narrows a query to one stream, escaping values', () => {
    assert.equal(withStreamMatchers('{app=~"a.*"} |= "x"', { host: 'h"1', app: 'api' }), '{app=~"a.*", app="api", host="h\\"1"} |= "x"');
  });

  it('refuses metric queries and unterminated selectors', () => {
    assert.throws(() => splitLogQuery('rate({app="a"}[1m])'), /not a LogQL log query/);
    assert.throws(() => splitLogQuery('{app="a"'), /unterminated/);
    assert.throws(() => splitLogQuery('{app="a}'), /unterminated/);
  });
});
