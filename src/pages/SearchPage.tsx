import React, { FormEvent, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, Field, Input, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { WatchPageProps } from '../app/WatchPageBody';
import { ExploreLinkButton } from '../components/ExploreLinkButton';
import { exploreQueryUrl } from '../datasource/exploreLinks';
import { engineLacksRoute, errorText } from '../datasource/engineErrors';
import { SearchResult } from '../datasource/types';
import { getListStyles } from '../components/listStyles';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; text: string; results: SearchResult[] };

/** Describe events in words ("ssh brute force"): the templates that match, each opening exactly its lines in Explore. */
export function SearchPage({ ds, watch, range }: WatchPageProps) {
  const styles = useStyles2(getStyles);
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t || !watch) {
      return;
    }
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'done', text: t, results: await ds.search({ watch, text: t, k: 10 }) });
    } catch (err) {
      const message = errorText(err);
      setState(engineLacksRoute(err) ? { kind: 'missing', message } : { kind: 'error', message });
    }
  };
  const span = { from: range.from.valueOf(), to: range.to.valueOf() };
  return (
    <div className={styles.page} data-testid="logatlas-search">
      <form onSubmit={submit} className={styles.form}>
        <Field
          label="Describe the events"
          description={`Templates of watch ${watch ?? '(none)'} whose meaning is closest to the words`}
          className={styles.grow}
        >
          <Input id="logatlas-search-text" value={text} placeholder="ssh brute force" onChange={(e) => setText(e.currentTarget.value)} />
        </Field>
        <Button type="submit" icon="search" disabled={!text.trim() || !watch || state.kind === 'loading'}>
          Search
        </Button>
      </form>
      {state.kind === 'loading' && <LoadingPlaceholder text="Searching…" />}
      {state.kind === 'missing' && (
        <Alert severity="warning" title="This engine cannot search by description yet">
          The engine has no <code>POST /search</code> route ({state.message}).
        </Alert>
      )}
      {state.kind === 'error' && <Alert severity="error" title={`Could not search: ${state.message}`} />}
      {state.kind === 'done' && state.results.length === 0 && <p className={styles.hint}>No template of this watch matches “{state.text}”.</p>}
      {state.kind === 'done' && state.results.length > 0 && (
        <ol className={styles.list} aria-label={`Templates matching ${state.text}`}>
          {state.results.map((r, i) => {
            const expr = ds.explore.kind === 'victorialogs' ? r.logsql : r.query;
            const explore = expr ? exploreQueryUrl(ds.explore, expr, span) : undefined;
            const closeness = r.distance ?? (r.score !== undefined ? 1 - r.score : undefined);
            return (
              <li key={`${r.pattern}-${i}`} className={styles.item} data-testid="logatlas-search-result">
                <div className={styles.head}>
                  {closeness !== undefined && <Badge text={`distance ${closeness.toFixed(3)}`} color={closeness < 0.4 ? 'green' : 'blue'} />}
                  <span className={styles.meta}>
                    {r.count !== undefined ? `${r.count.toLocaleString('en-US')} events` : ''}
                    {r.clusterLabel || r.cluster ? ` · ${r.clusterLabel ?? r.cluster}` : ''}
                  </span>
                </div>
                <div className={styles.template}>{r.canonical}</div>
                <details>
                  <summary className={styles.meta}>Query selecting exactly these lines</summary>
                  <code className={styles.query}>{expr ?? r.query}</code>
                </details>
                {r.exact === false && <span className={styles.meta}>The query may miss some of this template’s lines.</span>}
                {explore && (
                  <div>
                    <ExploreLinkButton href={explore} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getListStyles(theme),
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), maxWidth: 1100 }),
  form: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-end' }),
  grow: css({ flexGrow: 1, marginBottom: 0 }),
  item: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  template: css({ fontFamily: theme.typography.fontFamilyMonospace, wordBreak: 'break-all' }),
  query: css({ display: 'block', fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }),
});
