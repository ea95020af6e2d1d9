import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, locationUtil } from '@grafana/data';
import { sceneGraph, SceneComponentProps, SceneObjectBase, SceneObjectState } from '@grafana/scenes';
import { locationService } from '@grafana/runtime';
import { Alert, Badge, Button, useStyles2 } from '@grafana/ui';

import { ExploreLinkButton } from '../components/ExploreLinkButton';
import { appPath, ROUTES } from '../constants';
import type { LogAtlasDataSource } from '../datasource/datasource';
import { FeedbackKind } from '../datasource/types';
import { errorText } from '../datasource/engineErrors';
import { markableCluster, OutlierRow, outlierRows } from './outlierRows';
import { watchOf } from './WatchPageBody';
import { getBoxStyles, getListStyles } from '../components/listStyles';

interface State extends SceneObjectState {
  ds: LogAtlasDataSource;
  /** How many of the highest-scored outliers get action buttons. */
  limit: number;
}

/** The outliers of the enclosing query runner with what can be done about each: mark its cluster normal,
 * suppress its pattern, find similar events, open its stream in Explore. */
export class OutlierActions extends SceneObjectBase<State> {
  static Component = OutlierActionsRenderer;

  async act(kind: FeedbackKind, target: string): Promise<string> {
    const watch = watchOf(this);
    if (!watch) {
      throw new Error('no watch selected');
    }
    await this.state.ds.giveFeedback(watch, kind, target);
    return kind === 'normal_cluster'
      ? `Cluster ${target} marked normal: its outliers now score ×0.2.`
      : `Pattern ${target} suppressed: its outliers are hidden.`;
  }
}

function OutlierActionsRenderer({ model }: SceneComponentProps<OutlierActions>) {
  const styles = useStyles2(getStyles);
  const { limit } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  const [done, setDone] = useState<{ ok: boolean; text: string } | undefined>();
  const rows = outlierRows(data?.series.find((s) => s.fields.some((f) => f.name === 'line'))).slice(0, limit);
  const watch = watchOf(model);
  const run = (kind: FeedbackKind, target: string) =>
    model.act(kind, target).then(
      (text) => setDone({ ok: true, text }),
      (e) => setDone({ ok: false, text: errorText(e) }),
    );

  return (
    <section className={styles.wrap} aria-label="Act on outliers" data-testid="logatlas-outlier-actions">
      <h2 className={styles.title}>Act on outliers</h2>
      {done && <Alert severity={done.ok ? 'success' : 'error'} title={done.text} onRemove={() => setDone(undefined)} />}
      {rows.length === 0 && <p className={styles.hint}>No outliers in this time range.</p>}
      <ol className={styles.list}>
        {rows.map((r, i) => (
          <OutlierItem key={`${r.timeMs}-${i}`} row={r} watch={watch} onAct={run} />
        ))}
      </ol>
    </section>
  );
}

function OutlierItem({ row, watch, onAct }: { row: OutlierRow; watch?: string; onAct: (kind: FeedbackKind, target: string) => void }) {
  const styles = useStyles2(getStyles);
  const cluster = markableCluster(row);
  return (
    <li className={styles.item} data-testid="logatlas-outlier-row" data-cluster={row.cluster ?? ''} data-pattern={row.pattern ?? ''}>
      <div className={styles.head}>
        <Badge text={`${row.score.toFixed(2)} · ${row.kind}`} color={row.score >= 0.7 ? 'red' : row.score >= 0.4 ? 'orange' : 'blue'} />
        <span className={styles.meta}>{row.clusterName ? `cluster ${row.clusterName}` : 'no cluster'}</span>
      </div>
      <div className={styles.line} title={row.reasons}>
        {row.line}
      </div>
      <div className={styles.actions}>
        {cluster && (
          <Button size="sm" variant="secondary" icon="check" onClick={() => onAct('normal_cluster', cluster)}>
            Mark cluster normal
          </Button>
        )}
        {row.pattern && (
          <Button
            size="sm"
            variant="secondary"
            icon="eye-slash"
            tooltip="Suppress this pattern: its outliers are no longer shown or counted"
            onClick={() => onAct('suppress_pattern', row.pattern!)}
          >
            Suppress pattern
          </Button>
        )}
        {/* a Button, not a LinkButton: a line with "#" or "&" must survive (LinkButton decodes its href) */}
        <Button
          size="sm"
          variant="secondary"
          icon="search"
          onClick={() => locationService.push(appPath(ROUTES.similar, row.pattern ? { watch, pattern: row.pattern } : { watch, line: row.line }))}
        >
          Find similar
        </Button>
        {row.exploreUrl && (
          <ExploreLinkButton href={locationUtil.assureBaseUrl(row.exploreUrl)} label="Explore" title="Open the event's stream in Explore, ±5 min" />
        )}
      </div>
    </li>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getListStyles(theme),
  ...getBoxStyles(theme),
  item: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  line: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(0.5, 0),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  actions: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
});
