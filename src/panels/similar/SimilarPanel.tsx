import React, { FormEvent, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { getDataSourceSrv, locationService } from '@grafana/runtime';
import { Button, Input, useStyles2 } from '@grafana/ui';

import { SimilarResultList } from '../../components/SimilarResultList';
import { resultsFromFrame, SimilarRow } from '../../components/similarModel';
import { similarPageUrl } from '../../constants';
import { exploreQueryUrl, exploreTarget } from '../../datasource/exploreLinks';
import { LogAtlasOptions, LogAtlasQuery } from '../../datasource/types';

export interface SimilarOptions {
  /** The dashboard variable the panel's query reads its line from (line: "${line}"); typing sets it. */
  lineVariable: string;
}

/** Similar events from the panel's own "Similar" query; a typed line goes into the dashboard variable the
 * query reads, so the query (and anything else using the variable) runs again. */
export function SimilarPanel({ options, data, replaceVariables, width, height, timeRange }: PanelProps<SimilarOptions>) {
  const styles = useStyles2(getStyles);
  const variable = options.lineVariable || 'line';
  const [line, setLine] = useState(() => replaceVariables(`\${${variable}}`).replace(/^\$\{.*\}$/, ''));
  const frame = data.series.find((s) => s.fields.some((f) => f.name === 'distance')) ?? data.series[0];
  const results = resultsFromFrame(frame);
  const target = data.request?.targets?.[0] as (LogAtlasQuery & { datasource?: { uid?: string } }) | undefined;
  const watch = target?.watch ? replaceVariables(target.watch) : undefined;
  const settings = target?.datasource?.uid ? getDataSourceSrv().getInstanceSettings(replaceVariables(target.datasource.uid)) : undefined;
  const explore = settings ? exploreTarget((settings.jsonData ?? {}) as LogAtlasOptions) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    locationService.partial({ [`var-${variable}`]: line.trim() }, true);
  };
  return (
    <div className={styles.wrap} style={{ width, height }}>
      <form onSubmit={submit} className={styles.form}>
        <Input aria-label="Log line" value={line} placeholder="Paste a log line" onChange={(e) => setLine(e.currentTarget.value)} />
        <Button type="submit" icon="search" disabled={!line.trim()}>
          Find similar
        </Button>
      </form>
      {!results && <p className={styles.hint}>This panel shows the Log Atlas query of type Similar, with line set to ${`{${variable}}`}.</p>}
      {results?.length === 0 && <p className={styles.hint}>Nothing similar in this watch yet.</p>}
      {results && results.length > 0 && (
        <SimilarResultList
          label="Similar events"
          results={results}
          exploreUrl={(r) =>
            (r as SimilarRow).selector
              ? exploreQueryUrl(explore, (r as SimilarRow).selector!, { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() })
              : undefined
          }
          onOpenPattern={(r) => locationService.push(similarPageUrl({ watch, pattern: r.pattern, datasource: target?.datasource?.uid }))}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), overflow: 'auto' }),
  form: css({ display: 'flex', gap: theme.spacing(1) }),
  hint: css({ color: theme.colors.text.secondary }),
});
