// Browser harness: mounts the plugin's panels, pages and editors with the real @grafana/ui and
// @grafana/runtime, outside Grafana. Data comes from a REAL engine (`logatlas serve` following a real
// Loki, started by tests/browser/run.mjs), reached through the harness server's /engine/ proxy, which
// adds the bearer token server-side. Grafana's own server does not run here, so what it would provide
// is faked and named so: the data source service (FAKE), and the data source object's transport (the
// plugin's Go backend resource proxy, replaced by the harness proxy; the Go side has its own contract
// test). Explore is not here either: its links are only read, never followed.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, DataSourceSettings, dateTime, LoadingState, PanelProps, toDataFrame } from '@grafana/data';
import { locationService, setDataSourceSrv } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';

import { ScatterPanel, ScatterOptions } from '../../../src/panels/scatter/ScatterPanel';
import { SimilarPage } from '../../../src/pages/SimilarPage';
import { QueryEditor } from '../../../src/datasource/QueryEditor';
import { ConfigEditor } from '../../../src/datasource/ConfigEditor';
import { LogAtlasOptions, LogAtlasQuery, SimilarRequest, SimilarResult, Watch } from '../../../src/datasource/types';
import { useAppLocation } from '../../../src/components/useAppLocation';

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });

// FAKE data source service: one Loki data source for the config editor's picker.
const loki = { uid: 'loki-1', name: 'Loki', type: 'loki', meta: { id: 'loki', info: { logos: { small: '' } } } };
setDataSourceSrv({
  getList: () => [loki],
  getInstanceSettings: (ref: unknown) => (ref === 'loki-1' || (ref as { uid?: string })?.uid === 'loki-1' ? loki : undefined),
  get: async () => loki,
  reload: () => {},
  registerRuntimeDataSource: () => {},
} as never);

const watch = params.get('watch') ?? 'ssh';

async function engine<T>(path: string, init?: RequestInit): Promise<T> {
  const r = await fetch(`/engine/${path}`, init);
  const body = await r.json();
  if (!r.ok) {
    // the shape getResource/postResource reject with, so the pages show the engine's message
    throw { status: r.status, data: body, message: body.error ?? r.statusText };
  }
  return body as T;
}

// The Log Atlas data source object: the same two calls as src/datasource/datasource.ts, sent to the
// real engine through the harness proxy instead of Grafana's backend resource route (FAKE transport).
const engineDs = {
  uid: 'logatlas-harness',
  defaultWatch: watch,
  explore: { kind: 'loki' as const, uid: 'loki-1' },
  searches: [] as SimilarRequest[],
  async similar(req: SimilarRequest): Promise<SimilarResult[]> {
    engineDs.searches.push(req);
    (window as any).__similarSearches = engineDs.searches;
    const r = await engine<{ results: SimilarResult[] }>('similar', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) });
    return r.results ?? [];
  },
  async getWatches(): Promise<Watch[]> {
    return (await engine<{ watches: Watch[] }>('watches')).watches ?? [];
  },
};

// The "Pattern map" query's frame, built here from GET /scatter with the fields the Go backend's
// ScatterFrame (pkg/plugin/frames.go) gives it.
function useScatterFrame() {
  const [frame, setFrame] = useState<ReturnType<typeof toDataFrame>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    engine<{ points: Array<Record<string, unknown>> }>(`scatter?watch=${encodeURIComponent(watch)}`)
      .then(({ points }) => {
        const col = (k: string) => points.map((p) => p[k]);
        setFrame(toDataFrame({ name: 'scatter', fields: ['pattern', 'x', 'y', 'cluster', 'count', 'canonical'].map((name) => ({ name, values: col(name) })) }));
      })
      .catch((e) => setError(e.message ?? String(e)));
  }, []);
  return { frame, error };
}

function ScatterSection() {
  const { frame, error } = useScatterFrame();
  if (error) {
    return <p data-testid="harness-engine-error">engine: {error}</p>;
  }
  if (!frame) {
    return <p>loading from the engine…</p>;
  }
  const now = dateTime();
  const props = {
    id: 4,
    data: {
      series: [frame],
      state: LoadingState.Done,
      timeRange: { from: now, to: now, raw: { from: 'now-6h', to: 'now' } },
      request: { targets: [{ refId: 'A', watch, datasource: { uid: engineDs.uid } }] },
    },
    timeRange: { from: now, to: now, raw: { from: 'now-6h', to: 'now' } },
    timeZone: 'browser',
    options: {} as ScatterOptions,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 640,
    height: 420,
    renderCounter: 0,
    title: 'Pattern map',
    eventBus: {} as never,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => {},
  } as unknown as PanelProps<ScatterOptions>;
  return <ScatterPanel {...props} />;
}

function SimilarSection() {
  const { pathname, params } = useAppLocation();
  const onSimilarPage = pathname.includes('/similar');
  return (
    <div data-testid="harness-similar-page" data-path={pathname} data-pattern={params.get('pattern') ?? ''} style={{ height: 420, overflow: 'auto' }}>
      {onSimilarPage ? (
        <SimilarPage dsState={{ kind: 'ready', ds: engineDs as never, all: [{ uid: engineDs.uid, name: 'Log Atlas' }] }} params={params} />
      ) : (
        <p>Click a point on the map to open its similar events.</p>
      )}
    </div>
  );
}

function EditorsSection() {
  const [query, setQuery] = useState<LogAtlasQuery>({ refId: 'A', queryType: 'volumes', watch, top: 10 });
  const [settings, setSettings] = useState<DataSourceSettings<LogAtlasOptions>>({
    id: 1, uid: 'la', orgId: 1, name: 'Log Atlas', type: 'logatlas-logatlas-datasource', typeName: 'Log Atlas', typeLogoUrl: '', access: 'proxy',
    url: 'http://localhost:8377', user: '', database: '', basicAuth: false, basicAuthUser: '', isDefault: false,
    jsonData: { lokiDatasourceUid: 'loki-1', defaultWatch: watch }, secureJsonFields: { engineToken: true }, readOnly: false, withCredentials: false,
  } as DataSourceSettings<LogAtlasOptions>);
  (window as any).__query = query;
  (window as any).__settings = settings;
  return (
    <>
      <section id="query-editor" style={{ padding: 16, width: 900 }}>
        <h3>Query editor</h3>
        <QueryEditor query={query} onChange={setQuery} onRunQuery={() => {}} datasource={engineDs as never} />
      </section>
      <section id="config-editor" style={{ padding: 16, width: 700 }}>
        <h3>Config editor</h3>
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
      </section>
    </>
  );
}

function Harness() {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ background: theme.colors.background.canvas, color: theme.colors.text.primary, minHeight: '100vh', padding: 8 }}>
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
          <section id="scatter" style={{ background: theme.colors.background.primary, padding: 8, border: `1px solid ${theme.colors.border.weak}` }}>
            <h3>Pattern map</h3>
            <ScatterSection />
          </section>
          <section id="similar" style={{ background: theme.colors.background.primary, padding: 8, width: 560, height: 470, border: `1px solid ${theme.colors.border.weak}` }}>
            <h3>Similar events</h3>
            <SimilarSection />
          </section>
        </div>
        <EditorsSection />
      </div>
      <PortalContainer />
    </ThemeContext.Provider>
  );
}

(window as any).__locationService = locationService;
createRoot(document.getElementById('root')!).render(<Harness />);
