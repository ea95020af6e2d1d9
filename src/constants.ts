import { locationUtil, urlUtil, UrlQueryMap } from '@grafana/data';

import pluginJson from './plugin.json';

// Ids and routes shared by the app, the data source and the panels.
export const APP_ID = pluginJson.id;
export const DATASOURCE_ID = 'logatlas-logatlas-datasource';
export const SCATTER_PANEL_ID = 'logatlas-scatter-panel';
/** The app's base path inside Grafana, without Grafana's sub-path (locationService and Scenes add it). */
export const APP_PATH = `/a/${APP_ID}`;
export const ROUTES = { overview: 'overview', watches: 'watches', similar: 'similar', changes: 'changes', search: 'search' } as const;
export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** A page of the app as locationService and Scenes take it: /a/<app>/<route>?params (empty values dropped). */
export function appPath(route: Route, params: UrlQueryMap = {}): string {
  const kept: UrlQueryMap = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      kept[k] = v;
    }
  }
  return urlUtil.renderUrl(`${APP_PATH}/${route}`, kept);
}

/** The same page as an href: with Grafana's sub-path when it is served under one (root_url /grafana/). */
export function appHref(route: Route, params: UrlQueryMap = {}): string {
  return locationUtil.assureBaseUrl(appPath(route, params));
}

/** The app page listing events similar to a pattern or a line (what every "similar events" link opens). */
export function similarPageUrl(params: { watch?: string; pattern?: string; line?: string; datasource?: string }): string {
  return appPath(ROUTES.similar, params);
}
