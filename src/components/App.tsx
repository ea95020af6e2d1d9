import React from 'react';
import { AppRootProps } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Tab, TabsBar } from '@grafana/ui';

import { APP_PATH, ROUTES } from '../constants';
import { OverviewPage } from '../pages/OverviewPage';
import { SimilarPage } from '../pages/SimilarPage';
import { AppSettings } from '../pages/AppConfig';
import { useAppLocation } from './useAppLocation';
import { useLogAtlasDatasource } from './useLogAtlasDatasource';

/** The app's pages: /a/<app>/overview and /a/<app>/similar. */
export function App({ meta }: AppRootProps<AppSettings>) {
  const { pathname, params } = useAppLocation();
  const dsState = useLogAtlasDatasource(params.get('datasource') ?? undefined, meta.jsonData?.defaultDatasourceUid);
  const page = pathname.startsWith(`${APP_PATH}/${ROUTES.similar}`) ? 'similar' : 'overview';
  return (
    <PluginPage>
      <TabsBar>
        <Tab label="Overview" href={`${APP_PATH}/${ROUTES.overview}`} active={page === 'overview'} icon="apps" />
        <Tab label="Similar events" href={`${APP_PATH}/${ROUTES.similar}`} active={page === 'similar'} icon="search" />
      </TabsBar>
      <div style={{ paddingTop: 16 }}>{page === 'similar' ? <SimilarPage dsState={dsState} params={params} /> : <OverviewPage dsState={dsState} />}</div>
    </PluginPage>
  );
}
