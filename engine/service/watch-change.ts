// How the API creates or edits a watch: the query is checked before anything changes, and what the
// service refuses becomes the request's error.
import { splitLogQuery } from '../loki/selector.js';
import { UntranslatableQueryError } from '../victorialogs/logsql.js';
import { HttpError } from './api-server.js';
import { ConflictError } from './atlas-service.js';

/** A log query the engine cannot parse is the request's fault: 400 with the parser's message. */
export function checkSelector(selector: string): void {
  try {
    splitLogQuery(selector);
  } catch (err) {
    throw new HttpError(400, (err as Error).message);
  }
}

/**
 * Checks `selector`, then runs `change`. A query that does not parse, a name the watch cannot have, a
 * query or tenant the log store cannot take: 400. A watch that exists already or is being changed: 409.
 */
export async function changeWatch<T>(selector: string, change: () => T | Promise<T>): Promise<T> {
  checkSelector(selector);
  try {
    return await change();
  } catch (err) {
    if (err instanceof ConflictError) throw new HttpError(409, err.message);
    if (err instanceof RangeError || err instanceof UntranslatableQueryError) throw new HttpError(400, err.message);
    throw err;
  }
}
