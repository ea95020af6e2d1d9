import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabels, parseLabelFilter } from './label-filter.js';

test('label filters read LogQL matchers and match anchored regexes', () => {
  const m = parseLabelFilter('{host="web-1", env!="dev", app=~"api|web", zone!~"eu.*"}');
  assert.deepEqual(
    m.map((x) => x.op),
    ['=', '!=', '=~', '!~'],
  );
  assert.equal(matchesLabels({ host: 'web-1', env: 'prod', app: 'api', zone: 'us-1' }, m), true);
  assert.equal(matchesLabels({ host: 'web-1', env: 'prod', app: 'apix', zone: 'us-1' }, m), false);
  assert.equal(matchesLabels({ host: 'web-1', env: 'prod', app: 'web', zone: 'eu-2' }, m), false);
  assert.deepEqual(parseLabelFilter('{}'), []);
  assert.deepEqual(parseLabelFilter('{a="q\\"uote"}')[0].value, 'q"uote');
  assert.throws(() => parseLabelFilter('host="x"'), /must look like/);
  assert.throws(() => parseLabelFilter('{host=x}'), /cannot read label matcher/);
  assert.throws(() => parseLabelFilter('{a=~"("}'), /bad regular expression/);
});
