// The thread of readInThread (reader-thread.ts): reads the pages of each read it is asked, from one
// LogSource per distinct store and tenant, at most PAGES_AHEAD pages before the counting thread took them.
import { parentPort } from 'node:worker_threads';
import { openLogSource, type LogSource } from './log-source.js';
import { PAGES_AHEAD, type ReaderReply, type ReaderRequest, type SourceSpec } from './reader-thread.js';

const port = parentPort!;
const sources = new Map<string, LogSource>();
const reads = new Map<number, { abort: AbortController; credit: number; wake?: () => void }>();

function sourceOf(spec: SourceSpec): LogSource {
  const key = JSON.stringify(spec);
  let source = sources.get(key);
  if (!source) sources.set(key, (source = openLogSource(spec.config, spec.tenant, spec.opts)));
  return source;
}

async function run(request: Extract<ReaderRequest, { kind: 'read' }>): Promise<void> {
  const state = { abort: new AbortController(), credit: PAGES_AHEAD, wake: undefined as (() => void) | undefined };
  reads.set(request.id, state);
  const post = (reply: ReaderReply) => port.postMessage(reply);
  try {
    const pages = sourceOf(request.source).read(request.query, request.startNs, request.endNs, { pageLimit: request.pageLimit, signal: state.abort.signal });
    for await (const page of pages) {
      while (state.credit === 0 && !state.abort.signal.aborted) await new Promise<void>((resolve) => (state.wake = resolve));
      if (state.abort.signal.aborted) return;
      state.credit--;
      post({ id: request.id, kind: 'page', page });
    }
    post({ id: request.id, kind: 'done' });
  } catch (err) {
    if (!state.abort.signal.aborted) post({ id: request.id, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    reads.delete(request.id);
  }
}

port.on('message', (m: ReaderRequest) => {
  if (m.kind === 'read') void run(m);
  const state = reads.get(m.id);
  if (!state) return;
  if (m.kind === 'more') state.credit++;
  if (m.kind === 'cancel') state.abort.abort(new Error('read cancelled'));
  state.wake?.();
  state.wake = undefined;
});
