import { createReadStream, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LogEvent } from '../events/event.js';
import { eventFields, type ReplayedEvent } from './replayed-event.js';

const FLUSH_CHARS = 1 << 20;

/**
 * Standard input can be read only once, but the report needs every event twice (to count patterns,
 * then to write each event with its cluster). The first pass copies what the second needs to a
 * temporary JSON-lines file, so no event is held in memory; a file input is simply read again.
 */
export class EventSpool {
  private readonly fd: number;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  add(event: LogEvent): void {
    const line = JSON.stringify([event.raw, event.timestampNs === undefined ? null : event.timestampNs.toString(), eventFields(event), event.seq]);
    this.buffer.push(line, '\n');
    this.bufferedChars += line.length + 1;
    if (this.bufferedChars >= FLUSH_CHARS) this.flush();
  }

  /** Ends writing; the spool can then be replayed any number of times. */
  finish(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }

  async *replay(batchSize = 2_000): AsyncGenerator<ReplayedEvent[]> {
    this.finish();
    const lines = createInterface({ input: createReadStream(this.path, { highWaterMark: 256 * 1024 }), crlfDelay: Infinity });
    let batch: ReplayedEvent[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      const [raw, ts, fields, seq] = JSON.parse(line) as [string, string | null, Record<string, string>, number];
      batch.push({ raw, timestampNs: ts === null ? undefined : BigInt(ts), fields, seq });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  remove(): void {
    this.finish();
    rmSync(this.path, { force: true });
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.bufferedChars = 0;
  }
}
