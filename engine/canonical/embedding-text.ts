/**
 * The text a pattern is embedded as: its canonical form without the placeholders that stand for values
 * with no meaning of their own (times, numbers, ids, ports, hosts, sizes, durations). They are the same
 * in almost every line, so they pull all vectors together and spend tokens (256 at most) on nothing;
 * without them "database connection refused" moves farther from an unrelated access-log line that
 * shares a header. Placeholders that carry meaning for the model (<IP>, <USER>, <PATH>, <URL>, <EMAIL>)
 * stay. The canonical form itself is unchanged: it remains the pattern's identity.
 */
const MEANINGLESS = /<(?:TS|NUM|HEX|UUID|ID|PORT|HOST|SIZE|DURATION|VERSION|THREAD|SID|MAC)>/g;

export function embeddingText(canonical: string): string {
  const text = canonical.replace(MEANINGLESS, ' ').replace(/\s+/g, ' ').trim();
  // A line made only of such values still needs some text to embed.
  return text.length > 0 ? text : canonical;
}
