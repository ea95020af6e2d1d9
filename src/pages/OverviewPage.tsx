import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, LinkButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { errorText } from '../datasource/QueryEditor';
import { Watch } from '../datasource/types';
import { similarPageUrl } from '../constants';
import { DatasourceState } from '../components/useLogAtlasDatasource';

interface Stats {
  events: number;
  patterns: number;
  clusters: number;
  outliers: number;
  lastEventMs: number | null;
}

/** Overview: each watch with its state and counts, and where to go next. */
export function OverviewPage({ dsState }: { dsState: DatasourceState }) {
  const styles = useStyles2(getStyles);
  const [watches, setWatches] = useState<Array<Watch & { stats?: Stats; statsError?: string }> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const ds = dsState.kind === 'ready' ? dsState.ds : undefined;

  useEffect(() => {
    if (!ds) {
      return;
    }
    ds.getWatches()
      .then(async (list) => {
        const withStats = await Promise.all(
          list.map(async (w) => {
            try {
              return { ...w, stats: await ds.getResource<Stats>('stats', { watch: w.name }) };
            } catch (e) {
              return { ...w, statsError: errorText(e) };
            }
          })
        );
        setWatches(withStats);
      })
      .catch((e) => setError(errorText(e)));
  }, [ds]);

  if (dsState.kind === 'loading') {
    return <LoadingPlaceholder text="Loading…" />;
  }
  if (dsState.kind === 'missing') {
    return (
      <Alert severity="info" title="No Log Atlas data source yet">
        Add one under Connections → Data sources → Log Atlas, with the address and token of <code>logatlas serve</code>.
        <div className={styles.actions}>
          <LinkButton href="/connections/datasources/new" icon="plus">
            Add data source
          </LinkButton>
        </div>
      </Alert>
    );
  }
  if (dsState.kind === 'error' || error) {
    return (
      <Alert severity="error" title="The Log Atlas engine did not answer">
        {dsState.kind === 'error' ? dsState.message : error}. Open the data source settings and press Save &amp; test.
      </Alert>
    );
  }
  if (!watches) {
    return <LoadingPlaceholder text="Reading watches…" />;
  }
  if (watches.length === 0) {
    return (
      <Alert severity="info" title="The engine follows no watch yet">
        A watch is a named Loki selector. Start the engine with <code>logatlas serve --watch app=&apos;&#123;job=&quot;app&quot;&#125;&apos;</code> or POST /api/v1/watches.
      </Alert>
    );
  }
  return (
    <div className={styles.grid} data-testid="logatlas-overview">
      {watches.map((w) => (
        <section key={w.name} className={styles.card} aria-label={`watch ${w.name}`}>
          <h3>
            {w.name} {w.state && <Badge text={w.state} color={w.state === 'error' ? 'red' : w.state === 'following' ? 'green' : 'blue'} />}
          </h3>
          <code className={styles.selector}>{w.selector}</code>
          {w.error && <Alert severity="error" title={w.error} />}
          {w.stats && (
            <dl className={styles.stats}>
              <dt>events</dt>
              <dd>{w.stats.events.toLocaleString()}</dd>
              <dt>patterns</dt>
              <dd>{w.stats.patterns.toLocaleString()}</dd>
              <dt>clusters</dt>
              <dd>{w.stats.clusters.toLocaleString()}</dd>
              <dt>outliers</dt>
              <dd>{w.stats.outliers.toLocaleString()}</dd>
              <dt>last event</dt>
              <dd>{w.stats.lastEventMs ? new Date(w.stats.lastEventMs).toLocaleString() : 'none yet'}</dd>
            </dl>
          )}
          {w.statsError && <p>{w.statsError}</p>}
          <div className={styles.actions}>
            <LinkButton size="sm" href={`/d/logatlas-overview?var-watch=${encodeURIComponent(w.name)}`} icon="apps">
              Dashboard
            </LinkButton>
            <LinkButton size="sm" variant="secondary" href={similarPageUrl({ watch: w.name, datasource: ds?.uid })} icon="search">
              Similar events
            </LinkButton>
          </div>
        </section>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: theme.spacing(2) }),
  card: css({ padding: theme.spacing(2), border: `1px solid ${theme.colors.border.weak}`, borderRadius: theme.shape.radius.default, background: theme.colors.background.secondary }),
  selector: css({ display: 'block', marginBottom: theme.spacing(1) }),
  stats: css({ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: theme.spacing(0.5, 2), dt: { color: theme.colors.text.secondary } }),
  actions: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(1) }),
});
