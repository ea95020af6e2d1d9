// The `labels` parameter of /volumes: a LogQL-style matcher list `{k="v", k!="v", k=~"re", k!~"re"}`
// applied to stored stream label sets (regexes anchored, as in LogQL).
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER_RE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")\s*(,|$)/;

/** Parses `{...}`; throws a one-line error naming what is wrong. */
export function parseLabelFilter(text: string): LabelMatcher[] {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new RangeError(`labels must look like {key="value", ...}: ${text}`);
  let rest = t.slice(1, -1).trim();
  const out: LabelMatcher[] = [];
  while (rest.length > 0) {
    const m = MATCHER_RE.exec(rest);
    if (!m) throw new RangeError(`cannot read label matcher at: ${rest.slice(0, 60)}`);
    let value: string;
    try {
      value = JSON.parse(m[3]) as string;
    } catch {
      throw new RangeError(`bad quoted value in labels: ${m[3]}`);
    }
    const op = m[2] as LabelMatcher['op'];
    if (op === '=~' || op === '!~') {
      try {
        new RegExp(value);
      } catch (err) {
        throw new RangeError(`bad regular expression in labels: ${(err as Error).message}`);
      }
    }
    out.push({ name: m[1], op, value });
    rest = rest.slice(m[0].length).trim();
  }
  return out;
}

export function matchesLabels(labels: Record<string, string>, matchers: LabelMatcher[]): boolean {
  return matchers.every((m) => {
    const v = labels[m.name] ?? '';
    switch (m.op) {
      case '=':
        return v === m.value;
      case '!=':
        return v !== m.value;
      case '=~':
        return new RegExp(`^(?:${m.value})$`).test(v);
      case '!~':
        return !new RegExp(`^(?:${m.value})$`).test(v);
    }
  });
}
