import React from 'react';
import { render, screen, waitFor, fireEvent } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';
import { setDataSourceSrv } from '@grafana/runtime';

import { ConfigEditor } from './ConfigEditor';
import { QueryEditor } from './QueryEditor';
import { LogAtlasOptions, LogAtlasQuery, Watch } from './types';

// A FAKE of Grafana's data source service (Grafana's server does not run here): one Loki and one
// VictoriaLogs data source; getList filters by plugin id as Grafana's does for the picker's pluginId.
const lokiSettings = { uid: 'loki-1', name: 'Loki', type: 'loki', meta: { id: 'loki', info: { logos: {} } } };
const vlSettings = {
  uid: 'vl-1',
  name: 'VictoriaLogs',
  type: 'victoriametrics-logs-datasource',
  meta: { id: 'victoriametrics-logs-datasource', info: { logos: {} } },
};
const allDatasources = [lokiSettings, vlSettings];
const findDs = (ref: unknown) => allDatasources.find((d) => ref === d.uid || (ref as { uid?: string })?.uid === d.uid);
setDataSourceSrv({
  getList: (filters?: { pluginId?: string }) => allDatasources.filter((d) => !filters?.pluginId || d.meta.id === filters.pluginId),
  getInstanceSettings: findDs,
  get: async (ref: unknown) => findDs(ref),
  reload: () => {},
  registerRuntimeDataSource: () => {},
} as never);

function fakeDatasource(watches: Watch[] | Error, defaultWatch?: string) {
  return {
    defaultWatch,
    getWatches: () => (watches instanceof Error ? Promise.reject(watches) : Promise.resolve(watches)),
  } as never;
}

function renderQueryEditor(query: Partial<LogAtlasQuery>, ds = fakeDatasource([{ name: 'auth', selector: '{job="auth"}' }])) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor query={{ refId: 'A', ...query } as LogAtlasQuery} datasource={ds} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

test('query editor switches query type and runs the query', async () => {
  const { onChange, onRunQuery } = renderQueryEditor({ queryType: 'volumes', watch: 'auth' });
  fireEvent.click(screen.getByLabelText('Outliers'));
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'outliers', watch: 'auth' }));
  expect(onRunQuery).toHaveBeenCalled();
});

test('query editor shows the options of each type', () => {
  renderQueryEditor({ queryType: 'volumes', watch: 'auth' });
  expect(screen.getByPlaceholderText('{host="web-1"}')).toBeInTheDocument();
  expect(screen.queryByPlaceholderText(/Failed password/)).toBeNull();
});

test('similar query edits the line and clears a pattern', () => {
  const { onChange } = renderQueryEditor({ queryType: 'similar', watch: 'auth', pattern: 'p1' });
  fireEvent.change(screen.getByPlaceholderText(/Failed password/), { target: { value: 'kernel panic' } });
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ line: 'kernel panic', pattern: undefined }));
});

test('changes query takes a baseline shift; other types do not show it', () => {
  const { onChange, onRunQuery } = renderQueryEditor({ queryType: 'changes', watch: 'auth' });
  const shift = screen.getByPlaceholderText('range before');
  fireEvent.change(shift, { target: { value: ' 7d ' } });
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'changes', baselineShift: '7d' }));
  expect(onRunQuery).not.toHaveBeenCalled();
  fireEvent.blur(shift);
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});

test('a cleared baseline shift is not saved: back to the window just before', () => {
  const { onChange } = renderQueryEditor({ queryType: 'changes', watch: 'auth', baselineShift: '1d' });
  fireEvent.change(screen.getByDisplayValue('1d'), { target: { value: ' ' } });
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'changes', baselineShift: undefined }));
});

test('a clusters query takes a limit (the largest clusters); empty lists them all', () => {
  const { onChange, onRunQuery } = renderQueryEditor({ queryType: 'clusters', watch: 'auth' });
  const limit = screen.getByPlaceholderText('all');
  fireEvent.change(limit, { target: { value: '20' } });
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'clusters', limit: 20 }));
  fireEvent.blur(limit);
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});

test('the baseline shift is only for the changes query', () => {
  renderQueryEditor({ queryType: 'outliers', watch: 'auth' });
  expect(screen.queryByPlaceholderText('range before')).toBeNull();
});

test('query editor says what to do when the engine cannot list watches', async () => {
  renderQueryEditor({ queryType: 'volumes' }, fakeDatasource(Object.assign(new Error('x'), { data: { error: 'missing or wrong bearer token' } })));
  expect(await screen.findByText(/missing or wrong bearer token/)).toBeInTheDocument();
  expect(screen.getByText(/Could not list the engine's watches/)).toBeInTheDocument();
});

function settings(patch: Partial<DataSourceSettings<LogAtlasOptions>> = {}): DataSourceSettings<LogAtlasOptions> {
  return {
    id: 1,
    uid: 'la',
    orgId: 1,
    name: 'Log Atlas',
    type: 'logatlas-logatlas-datasource',
    typeName: '',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: {},
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
    ...patch,
  } as DataSourceSettings<LogAtlasOptions>;
}

test('config editor writes the URL, tenant and token where the backend reads them', () => {
  const onOptionsChange = jest.fn();
  const { rerender } = render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
  fireEvent.change(screen.getByPlaceholderText('http://localhost:8377'), { target: { value: ' http://engine:8377 ' } });
  expect(onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ url: 'http://engine:8377' }));
  fireEvent.change(document.getElementById('logatlas-tenant')!, { target: { value: 'team-a' } });
  expect(onOptionsChange.mock.lastCall[0].jsonData).toEqual({ tenant: 'team-a' });
  fireEvent.change(screen.getByPlaceholderText('token'), { target: { value: 's3cret' } });
  expect(onOptionsChange.mock.lastCall[0].secureJsonData).toEqual({ engineToken: 's3cret' });
  // a saved token shows as configured and can be reset
  rerender(<ConfigEditor options={settings({ secureJsonFields: { engineToken: true } })} onOptionsChange={onOptionsChange} />);
  fireEvent.click(screen.getByRole('button', { name: /reset/i }));
  expect(onOptionsChange.mock.lastCall[0].secureJsonFields).toEqual({ engineToken: false });
});

test('config editor flags a URL that is not http(s)', async () => {
  render(<ConfigEditor options={settings({ url: 'engine:8377' })} onOptionsChange={jest.fn()} />);
  await waitFor(() => expect(screen.getByText('Enter an http:// or https:// URL')).toBeInTheDocument());
});

/** Opens the data source picker of the Explore links and returns the names it offers. */
async function openExplorePicker(): Promise<string[]> {
  const input = document.getElementById('logatlas-explore-datasource')!;
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  const options = await screen.findAllByRole('option');
  return options.map((o) => o.textContent ?? '');
}

test('config editor: Explore links open Loki by default, with a picker of Loki data sources only', async () => {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={settings({ jsonData: { lokiDatasourceUid: 'loki-1' } })} onOptionsChange={onOptionsChange} />);
  expect(screen.getByLabelText('Loki')).toBeChecked();
  expect(screen.getByText('Loki data source')).toBeInTheDocument();
  const offered = await openExplorePicker();
  expect(offered.some((t) => t.includes('Loki'))).toBe(true);
  expect(offered.some((t) => t.includes('VictoriaLogs'))).toBe(false);
});

test('config editor: choosing VictoriaLogs saves the kind and that data source, keeping the Loki one', async () => {
  const onOptionsChange = jest.fn();
  const { rerender } = render(<ConfigEditor options={settings({ jsonData: { lokiDatasourceUid: 'loki-1' } })} onOptionsChange={onOptionsChange} />);
  fireEvent.click(screen.getByLabelText('VictoriaLogs'));
  const afterKind = onOptionsChange.mock.lastCall[0].jsonData;
  expect(afterKind).toEqual({ lokiDatasourceUid: 'loki-1', exploreLogStore: 'victorialogs' });

  rerender(<ConfigEditor options={settings({ jsonData: afterKind })} onOptionsChange={onOptionsChange} />);
  expect(screen.getByLabelText('VictoriaLogs')).toBeChecked();
  expect(screen.getByText('VictoriaLogs data source')).toBeInTheDocument();
  const offered = await openExplorePicker();
  expect(offered).toHaveLength(1);
  fireEvent.click(screen.getByRole('option', { name: /VictoriaLogs/ }));
  expect(onOptionsChange.mock.lastCall[0].jsonData).toEqual({
    lokiDatasourceUid: 'loki-1',
    exploreLogStore: 'victorialogs',
    victoriaLogsDatasourceUid: 'vl-1',
  });
});
