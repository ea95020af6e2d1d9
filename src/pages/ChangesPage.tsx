import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, Badge, BadgeColor, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { WatchPageProps } from '../app/WatchPageBody';
import { ExploreLinkButton } from '../components/ExploreLinkButton';
import { countChange, orderChanges } from '../app/changesModel';
import { BASELINE_CHOICES, BaselineChoice, baselineChoiceOf, changeBaseline } from '../app/changeBaseline';
import { engineLacksRoute, errorText } from '../datasource/engineErrors';
import { ChangeRow, ChangeStatus } from '../datasource/types';
import { exploreQueryUrl, ExploreTarget } from '../datasource/exploreLinks';

type State =
  | { kind: 'loading' }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; rows: ChangeRow[]; baseline: { from: number; to: number } };

const COLORS: Record<ChangeStatus, BadgeColor> = { new: 'red', grown: 'orange', gone: 'purple', shrunk: 'blue', steady: 'green' };

/** What changed in the time picker's range against a baseline (by default the range just before it): templates new, gone, grown, shrunk. */
export function ChangesPage({ ds, watch, range }: WatchPageProps) {
  const styles = useStyles2(getStyles);
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  // the answer is kept with the request it answers: a newer request shows as loading until its own arrives
  // the baseline is in the URL (`baseline=yesterday`), so a comparison can be shared or bookmarked
  const [baselineChoice, setBaselineState] = useState<BaselineChoice>(() => baselineChoiceOf(locationService.getSearchObject().baseline));
  const setBaselineChoice = (choice: BaselineChoice) => {
    setBaselineState(choice);
    locationService.partial({ baseline: choice === 'before' ? undefined : choice }, true);
  };
  const request = `${watch}|${from}|${to}|${baselineChoice}`;
  const [answer, setAnswer] = useState<{ request: string; state: State }>();
  const state: State = answer?.request === request ? answer.state : { kind: 'loading' };
  const [show, setShow] = useState<'changed' | 'all'>('changed');
  useEffect(() => {
    if (!watch) {
      return;
    }
    let live = true;
    const done = (s: State) => setAnswer({ request: `${watch}|${from}|${to}|${baselineChoice}`, state: s });
    ds.changes({ watch, from, to, ...changeBaseline(baselineChoice, { from, to }) }).then(
      // the engine names the windows it compared (widened to whole buckets): show those, not the ones asked for
      (r) => live && done({ kind: 'done', rows: orderChanges(r.templates), baseline: { from: r.baselineFrom, to: r.baselineTo } }),
      (e) => {
        if (!live) {
          return;
        }
        // an engine without GET /changes (older than this page) answers 404 on the route itself
        const text = errorText(e);
        done(engineLacksRoute(e) ? { kind: 'missing', message: text } : { kind: 'error', message: text });
      },
    );
    return () => {
      live = false;
    };
  }, [ds, watch, from, to, baselineChoice]);

  if (!watch) {
    return <Alert severity="info" title="Choose a watch to compare." />;
  }
  // the chooser stays while loading or on an error, so a baseline the engine cannot compare can be changed back
  const baselineBar = (
    <div className={styles.bar}>
      <span className={styles.hint}>Compare with</span>
      <RadioButtonGroup<BaselineChoice> size="sm" value={baselineChoice} onChange={setBaselineChoice} options={BASELINE_CHOICES} />
    </div>
  );
  if (state.kind !== 'done') {
    return (
      <div className={styles.page}>
        {baselineBar}
        {state.kind === 'loading' && <LoadingPlaceholder text="Comparing…" />}
        {state.kind === 'missing' && (
          <Alert severity="warning" title="This engine cannot compare ranges yet" data-testid="logatlas-changes-missing">
            The engine has no <code>GET /changes</code> route ({state.message}). Update <code>logatlas serve</code> to a version with it.
          </Alert>
        )}
        {state.kind === 'error' && <Alert severity="error" title={`Could not compare: ${state.message}`} />}
      </div>
    );
  }
  const rows = show === 'changed' ? state.rows.filter((r) => r.status !== 'steady') : state.rows;
  return (
    <div className={styles.page} data-testid="logatlas-changes">
      {baselineBar}
      <div className={styles.bar}>
        <span className={styles.hint} data-testid="logatlas-changes-baseline" data-baseline-from={state.baseline.from} data-baseline-to={state.baseline.to}>
          {new Date(from).toLocaleString()} – {new Date(to).toLocaleString()} against {new Date(state.baseline.from).toLocaleString()} –{' '}
          {new Date(state.baseline.to).toLocaleString()}
        </span>
        <RadioButtonGroup
          size="sm"
          value={show}
          onChange={setShow}
          options={[
            { value: 'changed', label: 'Changed' },
            { value: 'all', label: 'All templates' },
          ]}
        />
      </div>
      {rows.length === 0 && <p className={styles.hint}>Nothing changed: every template occurs about as often as before.</p>}
      <ol className={styles.list}>
        {rows.map((r, i) => {
          const explore = templateExplore(ds.explore, r, { from, to });
          return (
            <li key={`${r.pattern ?? r.canonical}-${i}`} className={styles.item} data-testid="logatlas-change" data-status={r.status}>
              <div className={styles.head}>
                <Badge text={r.status} color={COLORS[r.status]} />
                <span className={styles.meta}>
                  {countChange(r)}
                  {r.status !== 'new' && r.status !== 'gone' ? ` · p ${formatP(r.pValue)}` : ''}
                  {r.clusterLabel || r.cluster ? ` · ${r.clusterLabel ?? r.cluster}` : ''}
                </span>
              </div>
              <div className={styles.template}>{r.canonical}</div>
              {r.examples?.[0] && <div className={styles.example}>{r.examples[0]}</div>}
              {explore && (
                <div className={styles.button}>
                  <ExploreLinkButton href={explore} />
                </div>
              )}
              {explore && r.exact === false && <span className={styles.meta}> the query may miss some of these lines</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Explore on the template's own query, in the log store's language (LogQL, or LogsQL for VictoriaLogs). */
function templateExplore(target: ExploreTarget, r: { query?: string; logsql?: string | null }, range: { from: number; to: number }): string | undefined {
  const expr = target.kind === 'victorialogs' ? r.logsql : r.query;
  return expr ? exploreQueryUrl(target, expr, range) : undefined;
}

function formatP(p?: number): string {
  return p === undefined ? '?' : p < 1e-4 ? p.toExponential(0) : p.toPrecision(2);
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  bar: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }),
  hint: css({ color: theme.colors.text.secondary }),
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  item: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  head: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  template: css({ fontFamily: theme.typography.fontFamilyMonospace, marginTop: theme.spacing(0.5), wordBreak: 'break-all' }),
  example: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    wordBreak: 'break-all',
  }),
  button: css({ marginTop: theme.spacing(0.5) }),
});
