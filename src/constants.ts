// Ids and routes shared by the app, the data source and the panels.
export const APP_ID = 'logatlas-logatlas-app';
export const DATASOURCE_ID = 'logatlas-logatlas-datasource';
export const APP_PATH = `/a/${APP_ID}`;
export const ROUTES = { overview: 'overview', similar: 'similar' } as const;

/** The app page listing events similar to a pattern or a line (what every "similar events" link opens). */
export function similarPageUrl(params: { watch?: string; pattern?: string; line?: string; datasource?: string }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v) {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return `${APP_PATH}/${ROUTES.similar}${s ? `?${s}` : ''}`;
}
