/**
 * The shell of the self-contained HTML artifacts: inline CSS, inline data, inline script, nothing
 * fetched (macro2micro's pages load Plotly from a CDN and stay blank offline).
 */

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators that break JS. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
header{flex:none;padding:10px 16px;border-bottom:1px solid #d0d7de}
header h1{font-size:16px;margin:0 0 2px}
header p{margin:0;color:#57606a}
main{flex:1;min-height:0;display:flex}
#chart{flex:1;position:relative;min-width:0}
#legend{width:330px;overflow:auto;border-left:1px solid #d0d7de;margin:0;padding:6px 0;list-style:none}
#legend li{display:flex;gap:8px;padding:3px 10px;cursor:pointer;align-items:flex-start}
#legend li:hover{background:#f6f8fa}
#legend li.off{opacity:.35}
#legend .sw{flex:none;width:12px;height:12px;border-radius:2px;margin-top:3px}
#legend .name{font-weight:600}
#legend .label{color:#57606a;word-break:break-all;font-size:12px}
#tooltip{position:absolute;pointer-events:none;display:none;max-width:560px;background:#fff;border:1px solid #8c959f;border-radius:4px;padding:6px 8px;box-shadow:0 2px 8px rgba(0,0,0,.15);font-size:12px;word-break:break-all;z-index:2}
#tooltip b{word-break:normal}
#tooltip code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:11px;color:#0550ae}
`;

/** Distinct colours: a qualitative palette, then golden-angle hues for more clusters. Noise is grey. */
export const NOISE_COLOR = '#b4b9bf';
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#ad494a',
  '#637939',
  '#843c39',
  '#3182bd',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#636363',
];

export function clusterColor(cluster: number): string {
  if (cluster < 0) return NOISE_COLOR;
  if (cluster < PALETTE.length) return PALETTE[cluster];
  const hue = Math.round((cluster * 137.508) % 360);
  return `hsl(${hue},${55 + (cluster % 3) * 12}%,${38 + (cluster % 4) * 8}%)`;
}

export function htmlPage(options: { title: string; subtitle: string; css?: string; body: string; data: unknown; script: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(options.title)}</title>
<style>${BASE_CSS}${options.css ?? ''}</style>
</head>
<body>
<header><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.subtitle)}</p></header>
${options.body}
<script type="application/json" id="data">${scriptJson(options.data)}</script>
<script>${options.script}</script>
</body>
</html>
`;
}
