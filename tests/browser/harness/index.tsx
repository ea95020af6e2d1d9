// Browser harness: runs the plugin's app (its Scenes pages), panels and editors with the real
// @grafana/ui, @grafana/runtime and @grafana/scenes, outside Grafana. Data comes from a REAL engine
// (`logatlas serve` following a real VictoriaLogs, started by tests/browser/run.mjs) through the REAL Go
// data source (pkg/plugin), which the harness server runs behind Grafana's own routes
// (tests/browser/grafana-api). What Grafana's frontend provides is faked and named so in
// grafana-services.ts and core-panels.tsx, plus here: the router Grafana mounts apps under, its link
// interception and its navigation bar. Explore is not here: its links are only read, never followed.
import React, { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Router, Routes } from 'react-router-dom';
import { AppPluginMeta, createTheme, DataSourceSettings, locationUtil, PanelPlugin } from '@grafana/data';
import { config, locationService, LocationServiceProvider } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';

import { App } from '../../../src/components/App';
import { AppConfig } from '../../../src/pages/AppConfig';
import { plugin as scatterPlugin } from '../../../src/panels/scatter/module';
import { QueryEditor } from '../../../src/datasource/QueryEditor';
import { ConfigEditor } from '../../../src/datasource/ConfigEditor';
import { LogAtlasOptions, LogAtlasQuery } from '../../../src/datasource/types';
import { APP_ID, APP_PATH, SCATTER_PANEL_ID } from '../../../src/constants';
import pluginJson from '../../../src/plugin.json';
import { corePanels } from './core-panels';
import { installGrafanaServices } from './grafana-services';

const params = new URLSearchParams(window.location.search);
const mode = params.get('theme') === 'light' ? 'light' : 'dark';
const theme = createTheme({ colors: { mode } });
config.theme2 = theme;
const watch = params.get('watch') ?? 'ssh';

// Grafana sets a plugin's meta from its plugin.json when it loads the module
scatterPlugin.meta = {
  id: SCATTER_PANEL_ID,
  name: 'Log Atlas pattern map',
  type: 'panel',
  module: '',
  baseUrl: '',
  info: { author: { name: 'Log Atlas' }, logos: { small: '', large: '' }, links: [], screenshots: [], updated: '', version: '', description: '' },
} as never;
const ds = installGrafanaServices({ watch, theme: mode, panels: { ...corePanels(), [SCATTER_PANEL_ID]: scatterPlugin as unknown as PanelPlugin } });

// FAKE of Grafana's link interception (public/app/core/navigation/patch/interceptLinkClicks.ts): a click
// on a link inside Grafana moves through locationService instead of reloading the page.
document.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest?.('a');
  const href = a?.getAttribute('href');
  if (!a || !href || a.target === '_blank' || e.defaultPrevented || e.metaKey || e.ctrlKey || !href.startsWith('/')) {
    return;
  }
  e.preventDefault();
  locationService.push(locationUtil.stripBaseFromUrl(href));
});

/** Grafana mounts app pages inside its router on its history (locationService); react-router 6 here. */
function HarnessRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((l: typeof location) => setLocation(l)), [history]);
  return (
    <Router location={location} navigator={history as never}>
      {children}
    </Router>
  );
}

/** FAKE of Grafana's navigation for the app: its pages as plugin.json lists them. */
function HarnessNav() {
  const pages = pluginJson.includes.filter((i) => i.type === 'page' && i.path.startsWith(APP_PATH));
  const here = locationService.getLocation().pathname;
  return (
    <nav
      aria-label="Log Atlas pages"
      style={{
        display: 'flex',
        gap: 16,
        padding: '8px 16px',
        borderBottom: `1px solid ${theme.colors.border.weak}`,
        background: theme.colors.background.primary,
      }}
    >
      <strong style={{ marginRight: 16 }}>Log Atlas</strong>
      {pages.map((p) => (
        <a
          key={p.path}
          href={p.path}
          aria-current={here.startsWith(p.path) ? 'page' : undefined}
          style={{ color: here.startsWith(p.path) ? theme.colors.text.primary : theme.colors.text.secondary, fontWeight: here.startsWith(p.path) ? 500 : 400 }}
        >
          {p.name}
        </a>
      ))}
    </nav>
  );
}

const appMeta = { id: APP_ID, name: 'Log Atlas', type: 'app', enabled: true, jsonData: { defaultDatasourceUid: ds.uid } } as unknown as AppPluginMeta;

function AppPage() {
  return (
    <>
      <HarnessNav />
      <main style={{ padding: 16 }}>
        <App meta={appMeta} path={APP_PATH} query={{}} basename={APP_PATH} onNavChanged={() => {}} />
      </main>
    </>
  );
}

function EditorsPage() {
  const [query, setQuery] = useState<LogAtlasQuery>({ refId: 'A', queryType: 'volumes', watch, top: 10 });
  const [settings, setSettings] = useState<DataSourceSettings<LogAtlasOptions>>({
    id: 1,
    uid: 'la',
    orgId: 1,
    name: 'Log Atlas',
    type: 'logatlas-logatlas-datasource',
    typeName: 'Log Atlas',
    typeLogoUrl: '',
    access: 'proxy',
    url: 'http://localhost:8377',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: { lokiDatasourceUid: 'loki-1', defaultWatch: watch },
    secureJsonFields: { engineToken: true },
    readOnly: false,
    withCredentials: false,
  } as DataSourceSettings<LogAtlasOptions>);
  (window as any).__query = query;
  (window as any).__settings = settings;
  return (
    <>
      <section id="query-editor" style={{ padding: 16, width: 900 }}>
        <h3>Query editor</h3>
        <QueryEditor query={query} onChange={setQuery} onRunQuery={() => {}} datasource={ds} />
      </section>
      <section id="config-editor" style={{ padding: 16, width: 700 }}>
        <h3>Config editor</h3>
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
      </section>
    </>
  );
}

/** The app's configuration page, as Grafana shows it under Administration → Plugins → Log Atlas. */
function AppConfigPage() {
  return (
    <main style={{ padding: 16, maxWidth: 800 }}>
      <AppConfig plugin={{ meta: appMeta } as never} query={{} as never} />
    </main>
  );
}

function Harness() {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ background: theme.colors.background.canvas, color: theme.colors.text.primary, minHeight: '100vh' }}>
        <LocationServiceProvider service={locationService}>
          <HarnessRouter>
            <Routes>
              <Route path={`${APP_PATH}/*`} element={<AppPage />} />
              <Route path="/harness/editors" element={<EditorsPage />} />
              <Route path="/harness/app-config" element={<AppConfigPage />} />
            </Routes>
          </HarnessRouter>
        </LocationServiceProvider>
      </div>
      <PortalContainer />
    </ThemeContext.Provider>
  );
}

(window as any).__locationService = locationService;
createRoot(document.getElementById('root')!).render(<Harness />);
