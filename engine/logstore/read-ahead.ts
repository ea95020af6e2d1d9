// Pages of a log store read one ahead: the next page is asked for as soon as the current one is handed
// out, so the store's answer travels while the watch counts the page before it. On a thread that also
// answers HTTP, every wait for the network costs a whole turn of the event loop (all the requests queued
// meanwhile); overlapping the two took that wait out of ingest's way.

/** The items of `pages` in order, the next one requested while the caller works on the current one. */
export async function* readAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const it = pages[Symbol.asyncIterator]();
  let next = it.next();
  next.catch(() => {}); // a failure is reported where the page is awaited, below
  let done = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        done = true;
        return;
      }
      next = it.next();
      next.catch(() => {});
      yield result.value;
    }
  } catch (err) {
    done = true; // the source failed: it has ended
    throw err;
  } finally {
    // The caller stopped early: the source ends (its pending read finishes or fails first).
    if (!done) await it.return?.(undefined);
  }
}
