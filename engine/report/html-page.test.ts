import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterColor, escapeHtml, htmlPage, NOISE_COLOR, scriptJson } from './html-page.js';

test('inline data cannot close its script element or break out of it', () => {
  const hostile = { raw: '</script><script>alert(1)</script> <!-- \u2028' };
  const json = scriptJson(hostile);
  assert.ok(!json.includes('</script'));
  assert.ok(!json.includes('<!--'));
  assert.deepEqual(JSON.parse(json), hostile);
  const page = htmlPage({ title: 'a <b>', subtitle: 's', body: '', data: hostile, script: '' });
  assert.equal(page.match(/<\/script>/g)?.length, 2);
  assert.ok(page.includes('<title>a &lt;b&gt;</title>'));
  assert.ok(!/https?:\/\//.test(page), 'no URL in the page');
  assert.equal(escapeHtml(`"'&`), '&quot;&#39;&amp;');
});

test('cluster colours are distinct for the first clusters and grey for noise', () => {
  const colours = new Set(Array.from({ length: 40 }, (_, i) => clusterColor(i)));
  assert.equal(colours.size, 40);
  assert.equal(clusterColor(-1), NOISE_COLOR);
});
