/** Renders rows as an aligned plain-text table; long cells are cut with an ellipsis. */
export function renderTable(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const cut = (s: string, i: number): string => {
    const max = maxWidths[i];
    const flat = s.replace(/\s+/g, ' ');
    return max !== undefined && flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((r) => r.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
