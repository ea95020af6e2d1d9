import React, { useCallback, useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { PanelProps } from '@grafana/data';
import { getDataSourceSrv, locationService } from '@grafana/runtime';

import { SimilarExplorer } from '../../components/SimilarExplorer';
import { exploreUrl } from '../../datasource/exploreLinks';
import { similarPageUrl } from '../../constants';
import type { LogAtlasDataSource } from '../../datasource/datasource';
import { SimilarRequest } from '../../datasource/types';

export interface SimilarOptions {
  /** Log Atlas data source uid; empty = the panel query's data source. */
  datasourceUid?: string;
  /** Watch to search; dashboard variables allowed. */
  watch?: string;
  /** A line to search at once, e.g. ${line} from a dashboard variable or a data link. */
  line?: string;
  k: number;
}

/** The similarity explorer as a panel: type a line, or receive one through options/variables. */
export function SimilarPanel({ options, data, replaceVariables, width, height, timeRange }: PanelProps<SimilarOptions>) {
  const target = data.request?.targets?.[0] as { watch?: string; datasource?: { uid?: string } } | undefined;
  const uid = replaceVariables(options.datasourceUid || '') || target?.datasource?.uid;
  const watch = replaceVariables(options.watch || '') || target?.watch;
  const line = replaceVariables(options.line || '').trim() || undefined;
  const [ds, setDs] = useState<LogAtlasDataSource | undefined>();
  const [dsError, setDsError] = useState<string | undefined>();

  useEffect(() => {
    if (!uid) {
      setDsError('Choose the Log Atlas data source in the panel options (or give the panel a Log Atlas query).');
      return;
    }
    getDataSourceSrv()
      .get({ uid })
      .then((d) => {
        setDs(d as unknown as LogAtlasDataSource);
        setDsError(undefined);
      })
      .catch((e) => setDsError(`Data source ${uid} not found: ${e?.message ?? e}`));
  }, [uid]);

  const search = useCallback(
    (req: SimilarRequest) => (ds ? ds.similar(req) : Promise.reject(new Error(dsError ?? 'data source not ready'))),
    [ds, dsError]
  );

  if (dsError) {
    return <div className={css({ padding: 16 })}>{dsError}</div>;
  }
  return (
    <div style={{ width, height }}>
      <SimilarExplorer
        watch={watch}
        initialLine={line}
        k={options.k}
        search={search}
        exploreUrl={(r) => exploreUrl(ds?.explore, r.labels, { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() })}
        onOpenPattern={(r) => locationService.push(similarPageUrl({ watch, pattern: r.pattern, datasource: uid }))}
      />
    </div>
  );
}
