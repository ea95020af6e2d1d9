// A watch as the API answers it (docs/api.md `Watch`).
import type { WatchRunner } from './watch-runner.js';

export function watchJson(w: WatchRunner) {
  return {
    name: w.def.name,
    selector: w.def.selector,
    ...(w.def.backfillFromMs !== null ? { backfillFromMs: w.def.backfillFromMs } : {}),
    state: w.state,
    cursorMs: w.cursorMs,
    ...(w.error !== undefined ? { error: w.error } : {}),
  };
}
