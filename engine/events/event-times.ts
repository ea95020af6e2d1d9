/**
 * The hook where an event the reader found no time for gets one from its text (text-time.ts), for
 * every input format, before any later stage sees the event. Stamps without a year are placed by
 * yearless-dates.ts; for a file that needs one extra reading of the file (to count its year rollovers
 * and find its last stamp), done only when the first yearless stamp is met.
 */
import type { TimeZoneRule } from './civil-time.js';
import type { LogEvent } from './event.js';
import { TextTimeFinder } from './text-time.js';
import type { YearlessStamp } from './time-shapes.js';
import { firstYearAnchoredAtLast, latestYearNotAfter, YearlessDates, YearlessSequence } from './yearless-dates.js';

export interface TextTimeInput {
  zone: TimeZoneRule;
  /**
   * The reference time for stamps without a year: with `reread` (a file), the last such stamp must not
   * be after it (the file's modification time); without (standard input), the first one (now).
   */
  referenceMs: () => Promise<number>;
  /** The same input read again from its start, without text times: for counting year rollovers. */
  reread?: () => AsyncIterable<LogEvent[]>;
}

/** Events of one input with text times filled in where the reader left `timestampNs` unset. */
export async function* withTextTimes(batches: AsyncIterable<LogEvent[]>, input: TextTimeInput): AsyncGenerator<LogEvent[], void, undefined> {
  const finder = new TextTimeFinder(input.zone);
  let years: YearlessDates | undefined;
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.timestampNs !== undefined) continue;
      const found = finder.find(event.text, event.metadata);
      if (found === undefined) continue;
      if (found.ns !== undefined) {
        event.timestampNs = found.ns;
        continue;
      }
      years ??= new YearlessDates(await firstYear(found.yearless, input), input.zone);
      const ns = years.resolve(found.yearless);
      if (ns !== undefined) event.timestampNs = ns;
    }
    yield batch;
  }
}

async function firstYear(first: YearlessStamp, input: TextTimeInput): Promise<number> {
  const referenceMs = await input.referenceMs();
  if (input.reread !== undefined) {
    const year = firstYearAnchoredAtLast(await yearlessSequence(input.reread(), input.zone), referenceMs, input.zone);
    if (year !== undefined) return year;
  }
  return latestYearNotAfter(first, referenceMs, input.zone);
}

/** The yearless stamps of a whole input, in order, as withTextTimes would meet them. */
export async function yearlessSequence(batches: AsyncIterable<LogEvent[]>, zone: TimeZoneRule): Promise<YearlessSequence> {
  const finder = new TextTimeFinder(zone);
  const sequence = new YearlessSequence();
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.timestampNs !== undefined) continue;
      const found = finder.find(event.text, event.metadata);
      if (found?.yearless !== undefined) sequence.add(found.yearless);
    }
  }
  return sequence;
}
