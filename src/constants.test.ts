import { locationUtil } from '@grafana/data';
import { config } from '@grafana/runtime';

import { appHref, appPath, ROUTES, similarPageUrl } from './constants';

test('app paths carry their parameters, without empty ones', () => {
  expect(appPath(ROUTES.overview)).toBe('/a/logatlas-logatlas-app/overview');
  expect(appPath(ROUTES.similar, { watch: 'ssh', pattern: 'p 1', line: '', datasource: undefined })).toBe(
    '/a/logatlas-logatlas-app/similar?watch=ssh&pattern=p%201',
  );
  expect(similarPageUrl({ watch: 'ssh', line: 'Failed password for root' })).toBe(
    '/a/logatlas-logatlas-app/similar?watch=ssh&line=Failed%20password%20for%20root',
  );
});

test('hrefs follow Grafana served under a sub-path; paths for locationService do not', () => {
  // what Grafana's boot does: locationUtil reads the running config
  locationUtil.initialize({ config: config as never, getTimeRangeForUrl: () => ({ from: 'now-1h', to: 'now' }), getVariablesUrlParams: () => ({}) });
  const before = config.appSubUrl;
  try {
    config.appSubUrl = '/grafana';
    expect(appHref(ROUTES.overview, { 'var-watch': 'ssh' })).toBe('/grafana/a/logatlas-logatlas-app/overview?var-watch=ssh');
    expect(appPath(ROUTES.overview)).toBe('/a/logatlas-logatlas-app/overview');
    config.appSubUrl = '';
    expect(appHref(ROUTES.watches)).toBe('/a/logatlas-logatlas-app/watches');
  } finally {
    config.appSubUrl = before;
  }
});
