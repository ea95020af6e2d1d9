/**
 * A one-line progress display on stderr. It draws only when stderr is a terminal, so logs and pipes
 * stay clean, and redraws at most ten times a second so it costs nothing on hot loops.
 */
export class Progress {
  private lastDraw = 0;
  private drawn = false;
  private readonly enabled: boolean;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    enabled: boolean = stream.isTTY === true,
  ) {
    this.enabled = enabled;
  }

  update(done: number, total?: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && (total === undefined || done < total)) return;
    this.lastDraw = now;
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? `${Math.round(done / secs).toLocaleString('en-US')}/s` : '';
    let bar = '';
    if (total !== undefined && total > 0) {
      const width = 24;
      const filled = Math.min(width, Math.round((done / total) * width));
      const eta = done > 0 ? ((total - done) * secs) / done : 0;
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} eta ${formatSeconds(eta)}`;
    } else {
      bar = done.toLocaleString('en-US');
    }
    this.stream.write(`\r\x1b[2K${this.label} ${bar} ${rate}${detail ? ` ${detail}` : ''}`);
    this.drawn = true;
  }

  /** Clears the line, so the next message starts clean. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
