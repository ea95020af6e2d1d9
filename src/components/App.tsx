import React, { useMemo } from 'react';
import { AppRootProps, locationUtil } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, LoadingPlaceholder } from '@grafana/ui';

import { logAtlasSceneApp } from '../app/sceneApp';
import type { LogAtlasDataSource } from '../datasource/datasource';
import { AppSettings } from '../pages/AppConfig';
import { useAppLocation } from './useAppLocation';
import { useLogAtlasDatasource } from './useLogAtlasDatasource';

/** The app's root: finds the Log Atlas data source (?datasource=, else the app's default, else the first), then runs the Scenes app. */
export function App({ meta }: AppRootProps<AppSettings>) {
  const { params } = useAppLocation();
  const dsState = useLogAtlasDatasource(params.get('datasource') ?? undefined, meta.jsonData?.defaultDatasourceUid);
  if (dsState.kind === 'ready') {
    return <LogAtlasScenes ds={dsState.ds} />;
  }
  return (
    <PluginPage>
      {dsState.kind === 'loading' && <LoadingPlaceholder text="Loading…" />}
      {dsState.kind === 'missing' && (
        <Alert severity="info" title="No Log Atlas data source yet">
          Add one under Connections → Data sources → Log Atlas, with the address and token of <code>logatlas serve</code>.
          <div style={{ marginTop: 8 }}>
            <LinkButton href={locationUtil.assureBaseUrl('/connections/datasources/new')} icon="plus">
              Add data source
            </LinkButton>
          </div>
        </Alert>
      )}
      {dsState.kind === 'error' && (
        <Alert severity="error" title="The Log Atlas data source could not be loaded">
          {dsState.message}
        </Alert>
      )}
    </PluginPage>
  );
}

function LogAtlasScenes({ ds }: { ds: LogAtlasDataSource }) {
  // one Scenes app per data source; it keeps its pages' state while the user moves between them
  const scene = useMemo(() => logAtlasSceneApp(ds), [ds]);
  return <scene.Component model={scene} />;
}
