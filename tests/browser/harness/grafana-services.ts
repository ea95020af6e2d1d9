// What Grafana's frontend provides to a plugin and to Scenes through @grafana/runtime's setters, for the
// browser harness (Grafana's frontend is AGPL and does not run here). Each is a FAKE of one Grafana
// service, kept to what the plugin and Scenes call, and named after the Grafana code it stands in for:
// - BackendSrv (public/app/core/services/backend_srv.ts): only the transport — fetch() to the harness
//   server, JSON in and out, errors as FetchError {status, data}. The harness server answers
//   /api/ds/query and /api/datasources/uid/<uid>/resources/* with the REAL Go data source
//   (tests/browser/grafana-api), which calls a REAL engine.
// - DataSourceSrv (public/app/features/plugins/datasource_srv.ts): the real LogAtlasDataSource built from
//   instance settings, and a Loki entry for the config editor's picker.
// - TemplateSrv (public/app/features/templating/template_srv.ts): scene interpolation, as Grafana's does
//   for queries that carry a __sceneObject.
// - runRequest (public/app/features/query/state/runRequest.ts): the data source's query() turned into
//   PanelData (Loading, then Done or Error).
// - plugin import utils (public/app/features/plugins/importPanelPlugin.ts): this plugin's own panels as
//   they are, and Grafana's core "timeseries" and "table" panels as FAKEs (core-panels.tsx).
import { Observable, from, of, throwError } from 'rxjs';
import { catchError, map, mergeMap, startWith } from 'rxjs/operators';
import {
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  EventBusSrv,
  locationUtil,
  LoadingState,
  PanelData,
  PanelPlugin,
  ScopedVars,
  TypedVariableModel,
} from '@grafana/data';
import {
  BackendSrvRequest,
  FetchResponse,
  config,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
} from '@grafana/runtime';
import { initializeLoggersRegistry } from '@grafana/runtime/unstable';
import { sceneGraph, SceneObject } from '@grafana/scenes';

import { LogAtlasDataSource } from '../../../src/datasource/datasource';
import { LogAtlasOptions } from '../../../src/datasource/types';

export const HARNESS_DS_UID = 'logatlas-harness';

function url(options: BackendSrvRequest): string {
  const params = options.params
    ? new URLSearchParams(
        Object.entries(options.params)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ).toString()
    : '';
  return params ? `${options.url}${options.url.includes('?') ? '&' : '?'}${params}` : options.url;
}

function fetchObservable<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  const method = (options.method ?? 'GET').toUpperCase();
  const hasBody = options.data !== undefined && method !== 'GET';
  const send = async (): Promise<FetchResponse<T>> => {
    const res = await fetch(url(options), {
      method,
      headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...(options.headers ?? {}) },
      body: hasBody ? JSON.stringify(options.data) : undefined,
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {}
    const out = {
      data: data as T,
      status: res.status,
      statusText: res.statusText,
      ok: res.ok,
      headers: res.headers,
      redirected: res.redirected,
      type: res.type,
      url: res.url,
      config: options,
    };
    if (!res.ok) {
      // Grafana's FetchError: status and the parsed body under data
      throw { ...out, message: (data as { message?: string; error?: string })?.message ?? (data as { error?: string })?.error ?? res.statusText };
    }
    return out;
  };
  return from(send());
}

const backendSrv = {
  fetch: fetchObservable,
  request: <T>(o: BackendSrvRequest) =>
    fetchObservable<T>(o)
      .toPromise()
      .then((r) => r!.data),
  datasourceRequest: <T>(o: BackendSrvRequest) => fetchObservable<T>(o).toPromise(),
  get: <T>(u: string, params?: Record<string, unknown>) =>
    fetchObservable<T>({ url: u, params })
      .toPromise()
      .then((r) => r!.data),
  delete: <T>(u: string, data?: unknown) =>
    fetchObservable<T>({ url: u, method: 'DELETE', data })
      .toPromise()
      .then((r) => r!.data),
  post: <T>(u: string, data?: unknown) =>
    fetchObservable<T>({ url: u, method: 'POST', data })
      .toPromise()
      .then((r) => r!.data),
  put: <T>(u: string, data?: unknown) =>
    fetchObservable<T>({ url: u, method: 'PUT', data })
      .toPromise()
      .then((r) => r!.data),
  patch: <T>(u: string, data?: unknown) =>
    fetchObservable<T>({ url: u, method: 'PATCH', data })
      .toPromise()
      .then((r) => r!.data),
  resolveCancelerIfExists: () => {},
};

/** Installs every service; `panels` are the panel plugins by id; returns the Log Atlas data source. */
export function installGrafanaServices(opts: { watch: string; theme: 'dark' | 'light'; panels: Record<string, PanelPlugin> }): LogAtlasDataSource {
  const settings = {
    id: 1,
    uid: HARNESS_DS_UID,
    name: 'Log Atlas',
    type: 'logatlas-logatlas-datasource',
    access: 'proxy',
    readOnly: false,
    jsonData: { lokiDatasourceUid: 'loki-1', defaultWatch: opts.watch },
    meta: {
      id: 'logatlas-logatlas-datasource',
      name: 'Log Atlas',
      type: 'datasource',
      backend: true,
      metrics: true,
      info: { logos: { small: '', large: '' } },
    },
  } as unknown as DataSourceInstanceSettings<LogAtlasOptions>;
  const ds = new LogAtlasDataSource(settings);
  const loki = { uid: 'loki-1', name: 'Loki', type: 'loki', meta: { id: 'loki', info: { logos: { small: '' } } } };
  const byRef = (ref: unknown) => {
    const uid = typeof ref === 'string' ? ref : (ref as { uid?: string } | null | undefined)?.uid;
    if (!uid || uid === HARNESS_DS_UID || uid === 'Log Atlas') {
      return settings;
    }
    return uid === 'loki-1' ? (loki as unknown as DataSourceInstanceSettings) : undefined;
  };

  config.bootData.user = { ...config.bootData.user, theme: opts.theme, timezone: 'browser' } as typeof config.bootData.user;
  config.datasources = { 'Log Atlas': settings, Loki: loki } as unknown as typeof config.datasources;
  config.featureToggles = {} as typeof config.featureToggles;
  // Grafana's boot (public/app/app.ts) starts the runtime's logger registry before any plugin runs
  initializeLoggersRegistry();
  locationUtil.initialize({ config: config as never, getTimeRangeForUrl: () => ({ from: 'now-1h', to: 'now' }), getVariablesUrlParams: () => ({}) });
  setAppEvents(new EventBusSrv() as never);
  setBackendSrv(backendSrv as never);
  setDataSourceSrv({
    getList: (filters?: { pluginId?: string }) =>
      filters?.pluginId === 'logatlas-logatlas-datasource' ? [settings] : filters?.pluginId ? [] : [settings, loki],
    getInstanceSettings: byRef,
    get: async (ref?: unknown) => {
      if (byRef(ref) === settings) {
        return ds;
      }
      throw new Error(`data source ${JSON.stringify(ref)} not found`);
    },
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as never);
  setTemplateSrv({
    getVariables: () => [] as TypedVariableModel[],
    replace: (target?: string, scopedVars?: ScopedVars, format?: string | Function) => {
      const scene = scopedVars?.__sceneObject?.value?.valueOf() as SceneObject | undefined;
      return scene && target ? sceneGraph.interpolate(scene, target, scopedVars, format as never) : (target ?? '');
    },
    containsTemplate: (t?: string) => !!t && t.includes('$'),
    updateTimeRange: () => {},
  } as never);
  setRunRequest((datasource: DataSourceApi, request: DataQueryRequest): Observable<PanelData> => {
    const loading: PanelData = { state: LoadingState.Loading, series: [], timeRange: request.range, request };
    return from(Promise.resolve()).pipe(
      mergeMap(() => {
        const r = datasource.query(request);
        return r instanceof Observable ? r : from(r);
      }),
      map((res: DataQueryResponse): PanelData => {
        const errors = res.errors ?? (res.error ? [res.error] : undefined);
        return {
          state: errors?.length ? LoadingState.Error : LoadingState.Done,
          series: res.data,
          errors,
          error: errors?.[0],
          timeRange: request.range,
          request,
        };
      }),
      catchError((e) =>
        of<PanelData>({
          state: LoadingState.Error,
          series: [],
          errors: [{ message: e?.data?.message ?? e?.message ?? String(e) }],
          error: { message: String(e?.message ?? e) },
          timeRange: request.range,
          request,
        }),
      ),
      startWith(loading),
    );
  });
  setPluginImportUtils({
    importPanelPlugin: async (id: string) => opts.panels[id] ?? throwError(() => new Error(`panel plugin ${id} is not in the harness`)).toPromise(),
    getPanelPluginFromCache: (id: string) => opts.panels[id],
  } as never);
  return ds;
}
