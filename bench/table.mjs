#!/usr/bin/env node
// Prints the README's figures table (Markdown) from a bench/run.mjs JSON result.
// Usage: node bench/table.mjs RESULT.json
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const n = (x) => (x === undefined || x === null ? '–' : Number(x).toLocaleString('en-US'));
const ms = (s) => (s ? `${s.p50} / ${s.p95}` : '–');
const rows = [['measure', 'Log Atlas', 'reference', 'goal']];

for (const [name, e] of Object.entries(r.ingest ?? {})) {
  const la = e.logAtlas?.timed;
  const d = e.drain3?.timed;
  rows.push([
    `ingest, ${name}, lines per CPU-second (wall lines/s)`,
    `${n(la?.linesPerCpuSec)} (${n(la?.linesPerSec)})`,
    d ? `Drain3: ${n(d.linesPerCpuSec)} (${n(d.linesPerSec)}); ${e.vsDrain3.cpu}×` : '–',
    '≥ 100,000 per core; ≥ 4× Drain3',
  ]);
}
if (r.cli) {
  const c = r.cli.logAtlas ?? {};
  const d = r.cli.drain3?.timed;
  rows.push([
    `logatlas index, loghub-2k × ${c.repeat} (${n(c.lines)} known lines) as a whole process, start-up subtracted, lines per CPU-second`,
    n(c.linesPerCpuSecMinusStartup),
    d ? `Drain3: ${n(d.linesPerCpuSec)}; ${r.cli.goals?.vsDrain3?.value}×` : '–',
    '≥ 4× Drain3',
  ]);
  rows.push([
    'CLI start-up, CPU s (peak RSS MiB): --help; index of one known line',
    `${c.help?.cpuSecondsMedian} (${c.help?.peakRssMiBMedian}); ${c.knownLine?.cpuSecondsMedian} (${c.knownLine?.peakRssMiBMedian})`,
    '',
    'well under 0.3 s',
  ]);
}
if (r.embed) {
  const st = r.embed.sentenceTransformers;
  rows.push([
    `embed, ${r.embed.lines} distinct patterns, lines/s`,
    `q8: ${r.embed.q8?.linesPerSec}, fp32: ${r.embed.fp32?.linesPerSec}`,
    st ? `sentence-transformers: ${st.linesPerSec}; q8 ${r.embed.vsSentenceTransformers.q8}× (${r.embed.vsSentenceTransformersPerCpuSec?.q8}× per CPU-second)` : '–',
    'q8 ≥ 2× sentence-transformers',
  ]);
}
if (r.similar) {
  const s = r.similar;
  rows.push([`similar, end to end p50 / p95 ms (${n(s.patterns?.total)} patterns)`, ms(s.endToEndMs), `CPU ms: ${ms(s.endToEndCpuMs)}`, 'p95 ≤ 5 ms']);
  rows.push(['similar, known line (cached vector) p50 / p95 ms', ms(s.endToEndKnownLineCachedMs), '', '']);
  rows.push(['similar, index search only p50 / p95 ms', ms(s.searchOnlyMs), `CPU ms: ${ms(s.searchOnlyCpuMs)}; recall@${s.k} ${s.recallAtK}`, '']);
}
if (r.cluster) {
  const c = r.cluster;
  const st = c.stages ?? {};
  const stage = (name) => (st[name] ? `${name} ${st[name].wallSeconds} (${st[name].cpuSeconds})` : null);
  rows.push([
    `cluster + project, ${n(c.patterns)} patterns (${n(c.events)} events), wall s (CPU s)`,
    `${c.clusterAndProject?.wallSeconds} (${c.clusterAndProject?.cpuSeconds}); ${['knn', 'cluster', 'project'].map(stage).filter(Boolean).join(', ')}`,
    `load ${c.loadAvg?.[0]}`,
    '≤ 15 s for 20,000 patterns',
  ]);
}
if (r.service) {
  const { api, watchIngest } = r.service;
  for (const [route, l] of Object.entries(api?.routes ?? {})) {
    rows.push([
      `API ${route}, p50 / p95 ms (${n(api.patterns)} patterns, ${api.clients} clients; ${l.requestsPerSec} req/s)`,
      `${l.p50} / ${l.p95}`,
      l.oneClient ? `1 client: ${l.oneClient.p50} / ${l.oneClient.p95}; first answer ${l.firstMs}` : '',
      route.startsWith('similar') ? '' : 'p95 ≤ 50 ms',
    ]);
  }
  if (watchIngest) rows.push(['watch ingest from Loki, lines/s (known patterns)', n(watchIngest.linesPerSec), '', '']);
}
if (r.analyze) {
  const a = r.analyze.logAtlas ?? {};
  const ref = r.analyze.reference;
  const m2m = r.analyze.macro2microAsReported;
  const run = (x) => (x ? `${n(x.wallSeconds)} s, ${n(x.peakRssMiB)} MiB (embed ${x.stagesSeconds?.embed} s)` : '–');
  const reference = ref?.wallSeconds ? `Python reference: ${n(ref.wallSeconds)} s, ${n(ref.peakRssMiB)} MiB` : m2m ? `macro2micro (issue): ${n(m2m.wallSeconds)} s, ${n(m2m.peakRssMiB)} MiB` : '–';
  rows.push([`analyze --umap, scalyr-merged (${n(a.cold?.events)} events, ${n(a.cold?.patterns)} patterns): cold cache`, run(a.cold), reference, '≤ 120 s; ≤ 1/3 of the reference RSS']);
  rows.push(['analyze --umap, scalyr-merged: warm cache', run(a.warm), '', '']);
}
const peak = [
  ...Object.entries(r.ingest ?? {}).flatMap(([name, e]) => [`ingest ${name} ${e.logAtlas?.peakRssMiB}`, e.drain3 && `Drain3 ${name} ${e.drain3.peakRssMiB}`]),
  r.cli && `logatlas index of ${r.cli.logAtlas?.lines} lines ${r.cli.logAtlas?.allLines?.peakRssMiBMedian}`,
  r.embed && `embed q8 ${r.embed.q8?.peakRssMiB}, fp32 ${r.embed.fp32?.peakRssMiB}`,
  r.embed?.sentenceTransformers && `sentence-transformers ${r.embed.sentenceTransformers.peakRssMiB}`,
  r.similar && `similar ${r.similar.peakRssMiB}`,
  r.cluster && `cluster ${r.cluster.peakRssMiB}`,
  r.service && `service API bench client ${r.service.api?.peakRssMiB}`,
].filter(Boolean);
rows.push(['peak RSS, MiB', peak.join('; '), '', '']);

const line = (cells) => `| ${cells.join(' | ')} |`;
process.stdout.write(`${[line(rows[0]), line(rows[0].map((_, i) => (i === 0 || i === 3 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n')}\n`);
