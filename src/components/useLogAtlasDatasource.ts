import { useEffect, useState } from 'react';
import { getDataSourceSrv } from '@grafana/runtime';

import { DATASOURCE_ID } from '../constants';
import type { LogAtlasDataSource } from '../datasource/datasource';

export type DatasourceState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; ds: LogAtlasDataSource; all: Array<{ uid: string; name: string }> };

/** The Log Atlas data source the app pages use: the one named in ?datasource=, else the app default, else the first. */
export function useLogAtlasDatasource(uid?: string, appDefault?: string): DatasourceState {
  const [state, setState] = useState<DatasourceState>({ kind: 'loading' });
  useEffect(() => {
    const all = getDataSourceSrv()
      .getList({ pluginId: DATASOURCE_ID })
      .map((d) => ({ uid: d.uid, name: d.name }));
    const chosen = uid || appDefault || all[0]?.uid;
    if (!chosen) {
      setState({ kind: 'missing' });
      return;
    }
    getDataSourceSrv()
      .get({ uid: chosen })
      .then((ds) => setState({ kind: 'ready', ds: ds as unknown as LogAtlasDataSource, all }))
      .catch((e) => setState({ kind: 'error', message: `data source ${chosen}: ${e?.message ?? e}` }));
  }, [uid, appDefault]);
  return state;
}
