// A watch's reads of the log store in a thread of their own. The thread that answers HTTP also counts
// the watch's lines, and every chunk of a log store's answer waited there for a turn of its event loop:
// with 50 clients reading uncached days of volumes a turn took 0.2–0.4 s, a page of 1,000 lines took 3 s
// to arrive (VictoriaLogs had sent it in 2–6 ms), and the watch counted 0–300 lines/s. Here the store's
// answer is read and parsed where nothing else waits, and a page reaches the counting thread as one
// message, up to two pages ahead of it.
import { Worker } from 'node:worker_threads';
import type { LokiEntry } from '../loki/entry.js';
import { openLogSource, type LogSource, type LogStoreConfig, type ReadOptions, type SourceOptions } from './log-source.js';

/** What the reading thread is told. */
export type ReaderRequest =
  | { kind: 'read'; id: number; query: string; startNs: bigint; endNs: bigint; pageLimit?: number }
  | { kind: 'more'; id: number }
  | { kind: 'cancel'; id: number };

/** What it answers, per read. */
export type ReaderReply = { id: number } & ({ kind: 'page'; page: LokiEntry[] } | { kind: 'done' } | { kind: 'error'; message: string });

export interface ReaderThreadInit {
  config: LogStoreConfig;
  tenant?: string;
  opts?: SourceOptions;
}

/** Pages the reading thread may read before the counting thread has taken them. */
export const PAGES_AHEAD = 2;

const WORKER_SCRIPT = new URL('./reader-thread-worker.js', import.meta.url);

/** A LogSource (as openLogSource's) whose reads run in a worker thread; close() ends the thread. */
export function readInThread(config: LogStoreConfig, tenant?: string, opts: SourceOptions = {}): LogSource & { close(): Promise<void> } {
  const local = openLogSource(config, tenant, opts); // for ready(), and to refuse what the store cannot name now
  let worker: Worker | undefined;
  let nextId = 0;
  const listeners = new Map<number, (reply: ReaderReply) => void>();
  const thread = (): Worker => {
    if (worker) return worker;
    const w = new Worker(WORKER_SCRIPT, { workerData: { config, tenant, opts } satisfies ReaderThreadInit });
    w.unref(); // an idle reader never keeps the process up
    w.on('message', (reply: ReaderReply) => listeners.get(reply.id)?.(reply));
    const fail = (message: string) => {
      if (worker === w) worker = undefined; // the next read starts a new thread
      for (const [id, listener] of listeners) listener({ id, kind: 'error', message });
    };
    w.on('error', (err) => fail(`log store reader failed: ${err.message}`));
    w.on('exit', (code) => fail(`log store reader exited (${code})`));
    return (worker = w);
  };

  async function* read(query: string, startNs: bigint, endNs: bigint, options: ReadOptions = {}): AsyncGenerator<LokiEntry[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    const id = ++nextId;
    const w = thread();
    const replies: ReaderReply[] = [];
    let wake: (() => void) | undefined;
    const arrived = () => {
      wake?.();
      wake = undefined;
    };
    listeners.set(id, (reply) => {
      replies.push(reply);
      arrived();
    });
    signal?.addEventListener('abort', arrived);
    let finished = false;
    try {
      w.postMessage({ kind: 'read', id, query, startNs, endNs, pageLimit: options.pageLimit } satisfies ReaderRequest);
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
      listeners.delete(id);
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
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
