import { useEffect, useMemo, useState } from 'react';
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
  const [state, setState] = useState<{ chosen: string; state: DatasourceState } | undefined>();
  const all = useMemo(
    () =>
      getDataSourceSrv()
        .getList({ pluginId: DATASOURCE_ID })
        .map((d) => ({ uid: d.uid, name: d.name })),
    [],
  );
  const chosen = uid || appDefault || all[0]?.uid;
  useEffect(() => {
    if (!chosen) {
      return;
    }
    getDataSourceSrv()
      .get({ uid: chosen })
      .then((ds) => setState({ chosen, state: { kind: 'ready', ds: ds as unknown as LogAtlasDataSource, all } }))
      .catch((e) => setState({ chosen, state: { kind: 'error', message: `data source ${chosen}: ${e?.message ?? e}` } }));
  }, [chosen, all]);
  if (!chosen) {
    return { kind: 'missing' };
  }
  // an answer for another data source than the one now chosen is stale: still loading
  return state?.chosen === chosen ? state.state : { kind: 'loading' };
}
