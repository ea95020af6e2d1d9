/**
 * @jest-environment node
 */
// Loads the two compose files (docker-compose.yaml with Loki, docker-compose.victorialogs.yaml with
// VictoriaLogs) and the provisioning/ folders each mounts into Grafana, the way Grafana and Compose
// would read them, and checks that they fit together and fit the plugin: ids, uids, the token, the
// watch, the log store the engine reads and the replayer feeds, the Explore links, the query types.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { load } from 'js-yaml';

import { LOG_STORES } from '../../src/datasource/exploreLinks';
import { QUERY_TYPES } from '../../src/datasource/types';

const root = join(__dirname, '..', '..');
const yaml = (p: string) => load(readFileSync(join(root, p), 'utf8')) as any;
const dashboard = JSON.parse(readFileSync(join(root, 'src', 'dashboards', 'overview.json'), 'utf8'));

function pluginJsons(dir = join(root, 'src')): any[] {
  const out: any[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...pluginJsons(p));
    } else if (name === 'plugin.json') {
      out.push(JSON.parse(readFileSync(p, 'utf8')));
    }
  }
  return out;
}
const plugins = pluginJsons();
const appJson = plugins.find((p) => p.type === 'app');
const dsJson = plugins.find((p) => p.type === 'datasource');
const panelIds = plugins.filter((p) => p.type === 'panel').map((p) => p.id);

const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const mounts = (svc: any): Array<[string, string, string?]> => (svc.volumes as string[]).map((v) => v.split(':') as [string, string, string?]);

/** The host folder behind a path inside the container: the most specific bind mount covering it. */
function hostDir(svc: any, containerPath: string): string | undefined {
  const covering = mounts(svc)
    .filter(([host, target]) => host.startsWith('./') && (containerPath === target || containerPath.startsWith(`${target}/`)))
    .sort((a, b) => b[1].length - a[1].length)[0];
  return covering && posix.join(covering[0], posix.relative(covering[1], containerPath));
}

/** Every YAML file Grafana reads from one provisioning folder of the container. */
function provisioned(grafana: any, kind: string): any[] {
  const dir = hostDir(grafana, `/etc/grafana/provisioning/${kind}`);
  expect(dir).toBeDefined();
  return readdirSync(join(root, dir!))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => yaml(posix.join(dir!, f)));
}

// What a compose file gives Grafana and the engine, and how the engine reaches the logs.
const variants = [
  { file: 'docker-compose.yaml', logStore: 'loki' as const, store: 'loki', engineFlag: 'loki' },
  { file: 'docker-compose.victorialogs.yaml', logStore: 'victorialogs' as const, store: 'victorialogs', engineFlag: 'victorialogs' },
].map((v) => {
  const compose = yaml(v.file);
  const grafana = compose.services.grafana;
  const datasources = provisioned(grafana, 'datasources').flatMap((f) => f.datasources as any[]);
  return {
    ...v,
    compose,
    grafana,
    engineArgs: compose.services.engine.command as string[],
    replayArgs: compose.services.replay.command as string[],
    datasources,
    logatlas: datasources.find((d) => d.type === dsJson.id),
    apps: provisioned(grafana, 'plugins').flatMap((f) => f.apps as any[]),
    alerting: provisioned(grafana, 'alerting'),
    dashboardsProvider: provisioned(grafana, 'dashboards')[0].providers[0],
  };
});

describe.each(variants)('$file', (v) => {
  test('runs the log store, the engine, the replayer and Grafana, with the built plugin under the app id', () => {
    expect(Object.keys(v.compose.services).sort()).toEqual(['engine', 'grafana', 'replay', v.store].sort());
    expect(mounts(v.grafana)).toContainEqual(['./dist', `/var/lib/grafana/plugins/${appJson.id}`, 'ro']);
    for (const [host] of mounts(v.grafana).filter(([h]) => h !== './dist')) {
      expect(existsSync(join(root, host))).toBe(true); // ./dist exists once `npm run build:plugin` ran
    }
    expect(mounts(v.grafana)).toContainEqual(['./src/dashboards', v.dashboardsProvider.options.path, 'ro']);
    expect(v.engineArgs[0]).toBe('serve');
    expect(v.replayArgs[0]).toBe('replay');
  });

  test('every plugin id (app, nested data source, panels) is allowed unsigned', () => {
    const allowed = String(v.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',');
    expect(allowed.sort()).toEqual(plugins.map((p) => p.id).sort());
    expect(plugins).toHaveLength(4);
  });

  test('the replayer feeds the log store the engine follows, on the watch the data source names', () => {
    const watch = flag(v.engineArgs, 'watch')!;
    const [name, selector] = [watch.slice(0, watch.indexOf('=')), watch.slice(watch.indexOf('=') + 1)];
    expect(flag(v.replayArgs, 'labels')).toBe(selector);
    expect(v.logatlas.jsonData.defaultWatch).toBe(name);
    expect(v.logatlas.url).toBe(`http://engine:${flag(v.engineArgs, 'port')}`);
    expect(flag(v.engineArgs, 'host')).toBe('0.0.0.0'); // reachable from the grafana container
    const storeUrl = flag(v.engineArgs, v.engineFlag)!;
    expect(storeUrl).toBe(`http://${v.store}:${v.compose.services[v.store].ports[0].split(':').pop()}`);
    if (v.logStore === 'loki') {
      expect(flag(v.replayArgs, 'loki')).toBe(storeUrl);
      expect(flag(v.engineArgs, 'victorialogs')).toBeUndefined();
    } else {
      // VictoriaLogs' Loki-compatible push API: <url>/insert/loki/api/v1/push
      expect(flag(v.replayArgs, 'loki')).toBe(`${storeUrl}/insert`);
      expect(flag(v.engineArgs, 'loki')).toBeUndefined();
      expect(v.compose.volumes).toHaveProperty('vlogs-data');
    }
  });

  test('the token: engine and Grafana read the same variable; the data source takes it from there', () => {
    expect(v.compose['x-engine'].environment.LOGATLAS_TOKEN).toMatch(/^\$\{LOGATLAS_TOKEN:\?/);
    expect(v.grafana.environment.LOGATLAS_TOKEN).toMatch(/^\$\{LOGATLAS_TOKEN:\?/);
    expect(v.logatlas.secureJsonData.engineToken).toBe('$LOGATLAS_TOKEN');
    expect(v.logatlas.jsonData.engineToken).toBeUndefined();
  });

  test(`data sources have unique uids and the Explore links open the provisioned ${v.logStore} data source`, () => {
    const uids = v.datasources.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(v.datasources.filter((d) => d.type === dsJson.id)).toHaveLength(1);
    const store = LOG_STORES.find((s) => s.value === v.logStore)!;
    expect(v.logatlas.jsonData.exploreLogStore).toBe(v.logStore);
    const uid = v.logStore === 'loki' ? v.logatlas.jsonData.lokiDatasourceUid : v.logatlas.jsonData.victoriaLogsDatasourceUid;
    const target = v.datasources.find((d) => d.uid === uid);
    expect(target?.type).toBe(store.pluginId);
    expect(target.url).toBe(flag(v.engineArgs, v.engineFlag)); // Explore reads where the engine reads
    if (v.logStore === 'victorialogs') {
      // not bundled with Grafana: installed at start
      expect(String(v.grafana.environment.GF_PLUGINS_PREINSTALL).split(',')).toContain(store.pluginId);
    }
    expect(v.apps).toEqual([expect.objectContaining({ type: appJson.id, jsonData: { defaultDatasourceUid: v.logatlas.uid } })]);
  });

  test('the alert rules query a time series the backend serves, for the replayed watch, and their expressions chain', () => {
    const rules = v.alerting.flatMap((f) => f.groups.flatMap((g: any) => g.rules));
    // One rule per count series: unusual events (outlierCount), first-seen templates (newPatternCount) and
    // templates whose rate rose significantly (changedTemplateCount).
    expect(rules.map((r: any) => r.data.find((d: any) => d.refId === 'A').model.queryType).sort()).toEqual(['changedTemplateCount', 'newPatternCount', 'outlierCount']);
    expect(new Set(rules.map((r: any) => r.uid)).size).toBe(rules.length);
    for (const rule of rules) {
      // A: the count over the last 10 minutes; B: its sum; C (the condition): fires above 0.
      const [a, b, c] = ['A', 'B', 'C'].map((ref) => rule.data.find((d: any) => d.refId === ref));
      expect(rule.condition).toBe('C');
      expect(a.relativeTimeRange).toEqual({ from: 600, to: 0 });
      expect(a.model.refId).toBe('A');
      expect(b.model).toMatchObject({ type: 'reduce', expression: 'A', reducer: 'sum' });
      expect(c.model).toMatchObject({ type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] });
      expect(rule.annotations.summary).toContain(`watch ${a.model.watch}`);
      const byRef = new Map<string, any>(rule.data.map((d: any) => [d.refId, d]));
      const query = byRef.get('A');
      expect(v.datasources.find((d) => d.uid === query.datasourceUid)?.type).toBe(dsJson.id);
      expect(['outlierCount', 'newPatternCount', 'changedTemplateCount']).toContain(query.model.queryType);
      expect(query.model.watch).toBe(flag(v.engineArgs, 'watch')!.split('=')[0]);
      expect(byRef.has(rule.condition)).toBe(true);
      for (const d of rule.data.filter((x: any) => x.datasourceUid === '__expr__')) {
        expect(byRef.has(d.model.expression)).toBe(true);
      }
    }
    expect(dsJson.alerting).toBe(true);
    expect(dsJson.backend).toBe(true);
  });

  // With an engine that reads this log store, every flag compose passes must be one the CLI knows.
  const cli = join(root, 'bin', 'logatlas.js');
  const help = (cmd: string) => spawnSync(process.execPath, [cli, cmd, '--help'], { encoding: 'utf8' });
  const built = existsSync(join(root, 'build', 'engine', 'cli', 'main.js'));
  const knows = built && help('serve').stdout.includes(`--${v.engineFlag}`);
  (knows ? test : test.skip)(`compose passes only flags that \`logatlas serve\` and \`logatlas replay\` know (skipped: no \`serve --${v.engineFlag}\` in this checkout)`, () => {
    for (const [svc, cmd] of [['engine', 'serve'], ['replay', 'replay']]) {
      const text = help(cmd).stdout;
      for (const a of v.compose.services[svc].command as string[]) {
        if (a.startsWith('--')) {
          expect(text).toContain(a.split('=')[0]);
        }
      }
    }
  });
});

test('the dashboard uses only known panels and query types, through a data source variable of the plugin type', () => {
  const dsVar = dashboard.templating.list.find((v: any) => v.type === 'datasource');
  expect(dsVar.query).toBe(dsJson.id);
  const known = QUERY_TYPES.map((t) => t.value);
  const used = new Set<string>();
  for (const p of dashboard.panels) {
    expect(['timeseries', 'table', ...panelIds]).toContain(p.type);
    for (const t of p.targets) {
      expect(known).toContain(t.queryType);
      expect(t.datasource).toEqual({ type: dsJson.id, uid: `\${${dsVar.name}}` });
      used.add(t.queryType);
    }
  }
  expect(dashboard.panels.map((p: any) => p.type)).toEqual(expect.arrayContaining(panelIds));
  expect(used.size).toBeGreaterThanOrEqual(5);
  expect(appJson.includes.some((i: any) => i.type === 'dashboard' && i.path === 'dashboards/overview.json')).toBe(true);
});
