import type { EvaluationResult, Scores } from './evaluation.js';

/** The evaluation as a Markdown table: per data set GA / ARI / NMI at the pattern and cluster level, raw and Content, then the means. */
export function evaluationTable(result: EvaluationResult): string {
  const f = (x: number) => x.toFixed(3);
  const s = (x: Scores) => `${f(x.groupingAccuracy)} / ${f(x.ari)} / ${f(x.nmi)}`;
  const lines = [
    '| data set | events | raw: patterns, clusters | raw pattern GA / ARI / NMI | raw cluster GA / ARI / NMI | Content: patterns, clusters | Content pattern GA / ARI / NMI | Content cluster GA / ARI / NMI |',
    '| --- | ---: | ---: | --- | --- | ---: | --- | --- |',
  ];
  for (const d of result.datasets) {
    lines.push(
      `| ${d.name} | ${d.events} | ${d.raw.patterns}, ${d.raw.clusters} | ${s(d.raw.pattern)} | ${s(d.raw.cluster)} | ` +
        `${d.content.patterns}, ${d.content.clusters} | ${s(d.content.pattern)} | ${s(d.content.cluster)} |`,
    );
  }
  const m = result.mean;
  lines.push(`| **mean** | | | **${s(m.raw.pattern)}** | **${s(m.raw.cluster)}** | | **${s(m.content.pattern)}** | **${s(m.content.cluster)}** |`);
  return lines.join('\n');
}
