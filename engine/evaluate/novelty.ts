import { PatternTable } from '../patterns/pattern-table.js';
import type { TemplateMinerOptions } from '../templates/template-miner.js';
import type { CanonicalLine } from './template-level.js';

/**
 * First-seen alerts on one log: its first half is what is known, its second half is scored. The lines
 * are replayed in order into one PatternTable (what a watch does); a second-half line whose `add` says
 * `isNew` is a "first seen pattern" alert. It is false when the line's event type (EventId) already
 * occurred in the first half; a truly new event type is caught when at least one of its lines alerted.
 */
export interface NoveltyCounts {
  /** Second-half lines whose event type occurred in the first half. */
  knownLines: number;
  /** Alerts on those lines. */
  falseAlerts: number;
  /** Event types first seen in the second half. */
  newTypes: number;
  /** Of those, the types with at least one alert. */
  caught: number;
}

/** `miner` options for the template layer, or 'forms' for the baseline (a new canonical form alerts). */
export function firstSeenAlerts(lines: readonly CanonicalLine[], eventIds: readonly string[], miner: Partial<TemplateMinerOptions> | 'forms'): NoveltyCounts {
  if (lines.length !== eventIds.length) throw new Error(`${lines.length} lines for ${eventIds.length} event ids`);
  const half = Math.floor(lines.length / 2);
  const known = new Set(eventIds.slice(0, half));
  const table = miner === 'forms' ? undefined : new PatternTable({ miner });
  const forms = new Set<string>();
  const alerted = new Set<string>();
  const fresh = new Set<string>();
  let knownLines = 0;
  let falseAlerts = 0;
  for (let i = 0; i < lines.length; i++) {
    const { event, result } = lines[i];
    let isNew: boolean;
    if (table) isNew = table.add(event, result, 0n).isNew;
    else {
      isNew = !forms.has(result.canonical);
      forms.add(result.canonical);
    }
    if (i < half) continue;
    const type = eventIds[i];
    if (known.has(type)) {
      knownLines++;
      if (isNew) falseAlerts++;
    } else {
      fresh.add(type);
      if (isNew) alerted.add(type);
    }
  }
  return { knownLines, falseAlerts, newTypes: fresh.size, caught: alerted.size };
}

/** Sums of several logs' counts. */
export function sumNovelty(counts: readonly NoveltyCounts[]): NoveltyCounts {
  const out: NoveltyCounts = { knownLines: 0, falseAlerts: 0, newTypes: 0, caught: 0 };
  for (const c of counts) {
    out.knownLines += c.knownLines;
    out.falseAlerts += c.falseAlerts;
    out.newTypes += c.newTypes;
    out.caught += c.caught;
  }
  return out;
}

/** False alerts per 1,000 known-type lines (0 when there were none). */
export function falseAlertsPerThousand(c: NoveltyCounts): number {
  return c.knownLines === 0 ? 0 : (1000 * c.falseAlerts) / c.knownLines;
}
