// Browser harness: mounts the plugin's panels, pages and editors with the real @grafana/ui and
// @grafana/runtime, outside Grafana. Data comes from the FAKE engine's fixtures
// (pkg/fakeengine/fixtures, served under /fixtures), never from a real Grafana server, which does not
// run here: the data source service and the data source object are fakes named as such.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, DataSourceSettings, dateTime, LoadingState, PanelProps, toDataFrame } from '@grafana/data';
import { locationService, setDataSourceSrv } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';

import { ScatterPanel, ScatterOptions } from '../../../src/panels/scatter/ScatterPanel';
import { SimilarPage } from '../../../src/pages/SimilarPage';
import { QueryEditor } from '../../../src/datasource/QueryEditor';
import { ConfigEditor } from '../../../src/datasource/ConfigEditor';
import { LogAtlasOptions, LogAtlasQuery, SimilarRequest, SimilarResult } from '../../../src/datasource/types';
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

// FAKE Log Atlas data source object: answers from the fake engine's fixtures over HTTP.
const fakeDs = {
  uid: 'logatlas-fake',
  defaultWatch: 'auth',
  lokiDatasourceUid: 'loki-1',
  searches: [] as SimilarRequest[],
  async similar(req: SimilarRequest): Promise<SimilarResult[]> {
    fakeDs.searches.push(req);
    (window as any).__similarSearches = fakeDs.searches;
    const r = await fetch('/fixtures/similar.json');
    return (await r.json()).results;
  },
  async getWatches() {
    return [
      { name: 'auth', selector: '{job="auth"}' },
      { name: 'payments', selector: '{job="payments"}' },
    ];
  },
};

function useScatterFrame() {
  const [frame, setFrame] = useState<ReturnType<typeof toDataFrame>>();
  useEffect(() => {
    fetch('/fixtures/scatter.json')
      .then((r) => r.json())
      .then(({ points }: { points: Array<Record<string, unknown>> }) => {
        const col = (k: string) => points.map((p) => p[k]);
        setFrame(toDataFrame({ name: 'scatter', fields: ['pattern', 'x', 'y', 'cluster', 'count', 'canonical'].map((name) => ({ name, values: col(name) })) }));
      });
  }, []);
  return frame;
}

function ScatterSection() {
  const frame = useScatterFrame();
  if (!frame) {
    return <p>loading fixtures…</p>;
  }
  const now = dateTime();
  const props = {
    id: 4,
    data: {
      series: [frame],
      state: LoadingState.Done,
      timeRange: { from: now, to: now, raw: { from: 'now-6h', to: 'now' } },
      request: { targets: [{ refId: 'A', watch: 'auth', datasource: { uid: 'logatlas-fake' } }] },
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
        <SimilarPage dsState={{ kind: 'ready', ds: fakeDs as never, all: [{ uid: 'logatlas-fake', name: 'Log Atlas (fake)' }] }} params={params} />
      ) : (
        <p>Click a point on the map to open its similar events.</p>
      )}
    </div>
  );
}

function EditorsSection() {
  const [query, setQuery] = useState<LogAtlasQuery>({ refId: 'A', queryType: 'volumes', watch: 'auth', top: 10 });
  const [settings, setSettings] = useState<DataSourceSettings<LogAtlasOptions>>({
    id: 1, uid: 'la', orgId: 1, name: 'Log Atlas', type: 'logatlas-logatlas-datasource', typeName: 'Log Atlas', typeLogoUrl: '', access: 'proxy',
    url: 'http://localhost:8377', user: '', database: '', basicAuth: false, basicAuthUser: '', isDefault: false,
    jsonData: { lokiDatasourceUid: 'loki-1', defaultWatch: 'auth' }, secureJsonFields: { engineToken: true }, readOnly: false, withCredentials: false,
  } as DataSourceSettings<LogAtlasOptions>);
  (window as any).__query = query;
  (window as any).__settings = settings;
  return (
    <>
      <section id="query-editor" style={{ padding: 16, width: 900 }}>
        <h3>Query editor</h3>
        <QueryEditor query={query} onChange={setQuery} onRunQuery={() => {}} datasource={fakeDs as never} />
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
            <h3>Pattern map (fake engine fixtures)</h3>
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
