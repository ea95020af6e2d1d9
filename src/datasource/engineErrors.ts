// What the app's pages make of a failed call to the engine through the data source's resources.

/** The engine's (or Grafana's) one-line message of a failed resource call. */
export function errorText(e: unknown): string {
  const err = e as { data?: { error?: string; message?: string }; message?: string; statusText?: string };
  return err?.data?.error ?? err?.data?.message ?? err?.message ?? err?.statusText ?? String(e);
}

/**
 * True when the engine is older than the page and has no such route: a 405, or a 404 that names the route
 * (Fastify: "Route GET:/changes not found") rather than a missing watch or item ("no watch named x",
 * "no feedback … on watch x"), which are answers of an engine that has the route.
 */
export function engineLacksRoute(e: unknown): boolean {
  const status = (e as { status?: number }).status;
  if (status === 405) {
    return true;
  }
  const text = errorText(e);
  return status === 404 && /no such|not found|route/i.test(text) && !/watch/i.test(text);
}
