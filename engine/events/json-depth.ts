// How deep a parsed JSON value nests, found without recursion. Log lines are written by whoever reaches
// a logged endpoint: a line of 5,000 nested brackets parses (JSON.parse is iterative) but overflows the
// stack of every recursive walk after it (flattening, JSON.stringify, canonical writing). Readers and the
// canonicalizer treat a value nested deeper than MAX_JSON_DEPTH as text instead.

/** Levels of objects and arrays a JSON line may nest and still be read as JSON. */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects or arrays at most `max` levels deep (a scalar is depth 0). */
export function jsonDepthAtMost(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return true;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return false;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return true;
}
