// Follows a LogQL query live over Loki's tail websocket, and survives disconnects without losing or
// repeating entries: after every (re)connect the gap since the last delivered entry is read with
// query_range, and everything delivered passes one identity filter (RecentEntries).
//
// Order of work on each connection: open the socket; hold the live entries back; backfill from the
// horizon (the newest delivered timestamp minus `overlapMs`, or `startNs` at first); release the held
// entries. Loki subscribes a tail to its ingesters only after the websocket handshake, so lines pushed
// right after "open" could miss both the socket and the first backfill: a second backfill `settleMs`
// later closes that window.
import { backoffDelay, sleep } from './backoff.js';
import { BatchQueue } from './batch-queue.js';
import { CATEGORIZE_LABELS_HEADERS, entriesFromStreams, nowNs, type LokiEntry, type LokiStreamJson } from './entry.js';
import { LokiError, type LokiHttp } from './http.js';
import { queryRange } from './query-range.js';
import { RecentEntries } from './recent-entries.js';
import { openTailSocket, type TailSocket } from './tail-socket.js';

export interface TailOptions {
  /** A LogQL log query. */
  query: string;
  /** Deliver entries from this timestamp on (inclusive), backfilling what is older than the connection. Default: now. */
  startNs?: bigint;
  /** Loki's delay_for (0–5 s): lets late entries be sorted in before they are sent. */
  delayForSec?: number;
  /** Reconnect backoff. Defaults 500 ms to 30 s. */
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Give up after this many failed connections in a row. Default: never. */
  maxReconnectAttempts?: number;
  /** A reconnect re-reads this far behind the newest delivered timestamp, for out-of-order entries. Default 10 s. */
  overlapMs?: number;
  /** Delay of the second backfill after a connect. Default 1 s. */
  settleMs?: number;
  /** Page size of backfills. Default 5000. */
  pageLimit?: number;
  /** Entries queued for a slow consumer before the socket is paused. Default 50,000. */
  highWaterMark?: number;
  /** Loki pings every second; a socket silent this long is dead. Default 30 s. */
  idleTimeoutMs?: number;
  onStatus?: (status: TailStatus) => void;
}

export type TailStatus =
  | { state: 'connected'; connection: number }
  | { state: 'backfilled'; fromNs: bigint; entries: number }
  | { state: 'disconnected'; reason: string; attempt: number; retryInMs: number }
  | { state: 'dropped'; entries: number };

// Loki accepts entries up to 10 minutes ahead of its clock (creation_grace_period); backfills read that far.
const FUTURE_GRACE_NS = 10n * 60n * 1_000_000_000n;

/** Starts following `opts.query`; iterate the result for batches of entries, close() to stop. */
export function tail(http: LokiHttp, opts: TailOptions): LokiTail {
  return new LokiTail(http, opts);
}

export class LokiTail implements AsyncIterable<LokiEntry[]> {
  private readonly queue: BatchQueue<LokiEntry>;
  private readonly recent: RecentEntries;
  private readonly stop = new AbortController();
  private readonly startNs: bigint;
  private readonly done: Promise<void>;
  private socket: TailSocket | undefined;
  /** Aborts the current connection's backfills when its socket goes away. */
  private sessionStop: AbortController | undefined;
  private connections = 0;
  private paused = false;
  private backfillsRunning = 0;
  /** Live batches held back while a backfill runs, so that entries come out oldest first. */
  private held: LokiEntry[][] = [];

  constructor(
    private readonly http: LokiHttp,
    private readonly opts: TailOptions,
  ) {
    this.startNs = opts.startNs ?? nowNs();
    this.recent = new RecentEntries(BigInt(opts.overlapMs ?? 10_000) * 1_000_000n);
    this.queue = new BatchQueue(opts.highWaterMark ?? 50_000, () => this.close());
    this.done = this.run();
  }

  /** Newest timestamp delivered so far: a cursor to resume from (as `startNs`) after a restart. */
  get newestTsNs(): bigint | undefined {
    return this.recent.newestTsNs;
  }

  [Symbol.asyncIterator](): AsyncIterator<LokiEntry[]> {
    return this.queue;
  }

  /** Stops following; the iteration ends after the batches already queued. */
  async close(): Promise<void> {
    this.stop.abort(new Error('tail closed'));
    this.queue.end(); // also releases a backfill waiting for the consumer
    this.socket?.ws.terminate();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stop.signal.aborted) {
      let reason: string;
      try {
        const { connected, reason: closeReason } = await this.session();
        if (connected) failures = 0;
        reason = closeReason;
      } catch (err) {
        if (err instanceof LokiError && !err.retryable) return this.queue.fail(err);
        reason = err instanceof Error ? err.message : String(err);
      }
      if (this.stop.signal.aborted) break;
      if (++failures > (this.opts.maxReconnectAttempts ?? Infinity)) {
        return this.queue.fail(new Error(`tail of ${this.opts.query} at ${this.http.baseUrl}: gave up after ${failures - 1} reconnects: ${reason}`));
      }
      const retryInMs = backoffDelay(failures - 1, {
        baseDelayMs: this.opts.minReconnectDelayMs ?? 500,
        maxDelayMs: this.opts.maxReconnectDelayMs ?? 30_000,
      });
      this.opts.onStatus?.({ state: 'disconnected', reason, attempt: failures, retryInMs });
      try {
        await sleep(retryInMs, this.stop.signal);
      } catch {
        break;
      }
    }
    this.queue.end();
  }

  /**
   * One connection, from handshake to close. Resolves with why it ended and whether it caught up (its
   * first backfill completed); rejects if it never opened.
   */
  private async session(): Promise<{ connected: boolean; reason: string }> {
    let socket: TailSocket | undefined;
    let unreadable: string | undefined;
    socket = await openTailSocket(this.http, {
      query: this.opts.query,
      delayForSec: this.opts.delayForSec ?? 0,
      headers: CATEGORIZE_LABELS_HEADERS,
      idleTimeoutMs: this.opts.idleTimeoutMs ?? 30_000,
      signal: this.stop.signal,
      onMessage: (data) => {
        try {
          this.onMessage(data);
        } catch (err) {
          // Reconnect: the backfill reads again whatever the unreadable frame carried.
          unreadable = `unreadable tail message: ${(err as Error).message}`;
          socket?.ws.terminate();
        }
      },
    });
    this.socket = socket;
    this.paused = false;
    const sessionStop = (this.sessionStop = new AbortController());
    this.opts.onStatus?.({ state: 'connected', connection: ++this.connections });
    let caughtUp = false;
    let backfillError: unknown;
    // Runs synchronously up to its first await, so live messages are held from here on.
    const backfills = this.backfillAfterConnect(AbortSignal.any([this.stop.signal, sessionStop.signal]), () => (caughtUp = true)).catch(
      (err: unknown) => {
        if (sessionStop.signal.aborted || this.stop.signal.aborted) return;
        // A failed backfill leaves a gap: drop the connection so that the next one backfills again.
        backfillError = err;
        socket.ws.terminate();
      },
    );
    const closeReason = await socket.closed;
    const reason = unreadable ?? closeReason;
    sessionStop.abort(new Error('tail connection closed'));
    await backfills;
    if (backfillError instanceof LokiError && !backfillError.retryable) throw backfillError;
    if (backfillError) return { connected: caughtUp, reason: `backfill failed: ${(backfillError as Error).message ?? backfillError}` };
    return { connected: caughtUp, reason };
  }

  private async backfillAfterConnect(signal: AbortSignal, onCaughtUp: () => void): Promise<void> {
    await this.backfill(signal);
    onCaughtUp();
    await sleep(this.opts.settleMs ?? 1000, signal);
    await this.backfill(signal);
  }

  /** Reads [from, now + grace) with query_range and delivers what was not delivered yet. */
  private async backfill(signal: AbortSignal, fromNs = this.recent.horizonNs ?? this.startNs): Promise<void> {
    if (fromNs < this.startNs) fromNs = this.startNs;
    this.backfillsRunning++;
    let delivered = 0;
    try {
      const pages = queryRange(this.http, {
        query: this.opts.query,
        startNs: fromNs,
        endNs: nowNs() + FUTURE_GRACE_NS,
        pageLimit: this.opts.pageLimit,
        signal,
      });
      for await (const page of pages) {
        delivered += this.deliver(page);
        await this.queue.waitForRoom();
      }
    } finally {
      if (--this.backfillsRunning === 0) {
        const held = this.held;
        this.held = [];
        for (const batch of held) this.deliver(batch);
      }
    }
    this.opts.onStatus?.({ state: 'backfilled', fromNs, entries: delivered });
  }

  private onMessage(data: string): void {
    const msg = JSON.parse(data) as { streams?: LokiStreamJson[]; dropped_entries?: { timestamp: string }[] };
    const entries = entriesFromStreams(msg.streams);
    if (this.backfillsRunning > 0) this.held.push(entries);
    else this.deliver(entries);
    const dropped = msg.dropped_entries ?? [];
    if (dropped.length > 0 && this.sessionStop) {
      // Loki dropped these because we read too slowly; query_range still has them.
      this.opts.onStatus?.({ state: 'dropped', entries: dropped.length });
      const oldest = dropped.map((d) => BigInt(d.timestamp)).reduce((a, b) => (b < a ? b : a));
      const horizon = this.recent.horizonNs ?? this.startNs;
      this.backfill(this.sessionStop.signal, oldest > horizon ? oldest : horizon).catch(() => this.socket?.ws.terminate());
    }
    if (!this.queue.hasRoom && !this.paused) {
      // Let TCP push back on Loki until the consumer catches up.
      const socket = this.socket;
      this.paused = true;
      socket?.pause();
      void this.queue.waitForRoom().then(() => {
        this.paused = false;
        socket?.resume();
      });
    }
  }

  private deliver(entries: LokiEntry[]): number {
    const fresh = this.recent.admit(entries.filter((e) => e.tsNs >= this.startNs));
    this.queue.push(fresh);
    return fresh.length;
  }
}
