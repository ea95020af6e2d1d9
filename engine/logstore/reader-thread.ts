// The watches' reads of their log stores in a thread of their own. The thread that answers HTTP also
// counts the watches' lines, and every chunk of a log store's answer waited there for a turn of its event
// loop: with 50 clients reading uncached days of volumes a turn took 0.2–0.4 s, a page of 1,000 lines
// took 3 s to arrive (VictoriaLogs had sent it in 2–6 ms), and the watch counted 0 lines/s. Here the
// store's answer is read and parsed where nothing else waits, and a page reaches the counting thread as
// one message, up to two pages ahead of it. One thread serves every watch of the process (a thread costs
// ~13 MB; reading and parsing is ~10 µs a line), started with the first read and ended with the last
// source closed.
import { Worker } from 'node:worker_threads';
import type { LokiEntry } from '../loki/entry.js';
import { openLogSource, type LogSource, type LogStoreConfig, type ReadOptions, type SourceOptions } from './log-source.js';

/** Which store a read is of (the reading thread opens one source per distinct one). */
export interface SourceSpec {
  config: LogStoreConfig;
  tenant?: string;
  opts?: SourceOptions;
}

/** What the reading thread is told. */
export type ReaderRequest =
  | { kind: 'read'; id: number; source: SourceSpec; query: string; startNs: bigint; endNs: bigint; pageLimit?: number }
  | { kind: 'more'; id: number }
  | { kind: 'cancel'; id: number };

/** What it answers, per read. */
export type ReaderReply = { id: number } & ({ kind: 'page'; page: LokiEntry[] } | { kind: 'done' } | { kind: 'error'; message: string });

/** Pages the reading thread may read before the counting thread has taken them. */
export const PAGES_AHEAD = 2;

const WORKER_SCRIPT = new URL('./reader-thread-worker.js', import.meta.url);

/** The one reading thread and the reads waiting on it. */
const shared = {
  worker: undefined as Worker | undefined,
  nextId: 0,
  listeners: new Map<number, (reply: ReaderReply) => void>(),
  /** Sources open on it: the thread ends when the last one closes. */
  open: 0,
};

function readerThread(): Worker {
  if (shared.worker) return shared.worker;
  const w = new Worker(WORKER_SCRIPT);
  w.unref(); // an idle reader never keeps the process up
  w.on('message', (reply: ReaderReply) => shared.listeners.get(reply.id)?.(reply));
  const fail = (message: string) => {
    if (shared.worker === w) shared.worker = undefined; // the next read starts a new thread
    for (const [id, listener] of shared.listeners) listener({ id, kind: 'error', message });
  };
  w.on('error', (err) => fail(`log store reader failed: ${err.message}`));
  w.on('exit', (code) => fail(`log store reader exited (${code})`));
  return (shared.worker = w);
}

/** A LogSource (as openLogSource's) whose reads run in the reading thread; close() when done with it. */
export function readInThread(config: LogStoreConfig, tenant?: string, opts: SourceOptions = {}): LogSource & { close(): Promise<void> } {
  const local = openLogSource(config, tenant, opts); // for ready(), and to refuse what the store cannot name now
  const source: SourceSpec = { config, tenant, opts };
  let closed = false;
  shared.open++;

  async function* read(query: string, startNs: bigint, endNs: bigint, options: ReadOptions = {}): AsyncGenerator<LokiEntry[]> {
    const { signal } = options;
    if (closed) throw new Error('log source closed');
    signal?.throwIfAborted();
    const id = ++shared.nextId;
    const w = readerThread();
    const replies: ReaderReply[] = [];
    let wake: (() => void) | undefined;
    const arrived = () => {
      wake?.();
      wake = undefined;
    };
    shared.listeners.set(id, (reply) => {
      replies.push(reply);
      arrived();
    });
    signal?.addEventListener('abort', arrived);
    let finished = false;
    try {
      w.postMessage({ kind: 'read', id, source, query, startNs, endNs, pageLimit: options.pageLimit } satisfies ReaderRequest);
      for (;;) {
        while (replies.length === 0) {
          signal?.throwIfAborted();
          await new Promise<void>((resolve) => (wake = resolve));
        }
        signal?.throwIfAborted();
        const reply = replies.shift()!;
        if (reply.kind === 'done') {
          finished = true;
          return;
        }
        if (reply.kind === 'error') {
          finished = true;
          throw new Error(reply.message);
        }
        w.postMessage({ kind: 'more', id } satisfies ReaderRequest);
        yield reply.page;
      }
    } finally {
      shared.listeners.delete(id);
      signal?.removeEventListener('abort', arrived);
      if (!finished) w.postMessage({ kind: 'cancel', id } satisfies ReaderRequest);
    }
  }

  return {
    kind: local.kind,
    url: local.url,
    read,
    ready: () => local.ready(),
    async close() {
      if (closed) return;
      closed = true;
      if (--shared.open > 0) return;
      const w = shared.worker;
      shared.worker = undefined;
      await w?.terminate();
    },
  };
}
