import React, { FormEvent, KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, LoadingPlaceholder, TextArea, useStyles2 } from '@grafana/ui';

import { SimilarRequest, SimilarResult } from '../datasource/types';
import { sortResults } from './similarModel';
import { SimilarResultList } from './SimilarResultList';

export interface SimilarExplorerProps {
  watch?: string;
  /** A line to search for at once (typed into the box too). */
  initialLine?: string;
  /** A pattern id to search for at once (from a map click or an outlier link). */
  initialPattern?: string;
  k?: number;
  search: (req: SimilarRequest) => Promise<SimilarResult[]>;
  exploreUrl?: (r: SimilarResult) => string | undefined;
  /** Follow a result to its own similar events. */
  onOpenPattern?: (r: SimilarResult) => void;
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; query: string; results: SimilarResult[] };

/** Type or receive a line; lists the events that mean the same, nearest first, with their links. */
export function SimilarExplorer({ watch, initialLine, initialPattern, k = 10, search, exploreUrl, onOpenPattern }: SimilarExplorerProps) {
  const styles = useStyles2(getStyles);
  const [line, setLine] = useState(initialLine ?? '');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const seq = useRef(0);

  const run = useCallback(
    async (req: Omit<SimilarRequest, 'watch' | 'k'>, label: string) => {
      if (!watch) {
        setState({ kind: 'error', message: 'No watch selected: choose the watch to search in.' });
        return;
      }
      const my = ++seq.current;
      setState({ kind: 'loading' });
      try {
        const results = await search({ ...req, watch, k });
        if (my === seq.current) {
          setState({ kind: 'done', query: label, results: sortResults(results) });
        }
      } catch (e) {
        if (my === seq.current) {
          setState({ kind: 'error', message: errorMessage(e) });
        }
      }
    },
    [watch, k, search],
  );

  // a new line from the URL fills the box (adjusted while rendering, not in an effect: one render, not two)
  const [shownInitial, setShownInitial] = useState(initialLine);
  if (initialLine !== shownInitial) {
    setShownInitial(initialLine);
    if (initialLine && !initialPattern) {
      setLine(initialLine);
    }
  }

  // A search the URL asks for is fetching data for an external change; its "loading" state is meant.
  useEffect(() => {
    if (initialPattern) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      run({ pattern: initialPattern }, `pattern ${initialPattern}`);
    } else if (initialLine) {
      run({ line: initialLine }, initialLine);
    }
  }, [initialPattern, initialLine, run]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const l = line.trim();
    if (l) {
      run({ line: l }, l);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      submit(e);
    }
  };

  return (
    <div className={styles.wrap} data-testid="logatlas-similar-explorer">
      <form onSubmit={submit} className={styles.form}>
        <Field
          label="Log line"
          description={`Events in watch ${watch ?? '(none)'} that mean the same, however worded. Enter searches, Shift+Enter adds a line.`}
          className={styles.field}
        >
          <TextArea
            id="logatlas-similar-line"
            rows={2}
            value={line}
            placeholder="Paste a log line, e.g. sshd[42]: Failed password for root from 203.0.113.9 port 22 ssh2"
            onChange={(e) => setLine(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
        </Field>
        <Button type="submit" icon="search" disabled={!line.trim() || state.kind === 'loading'}>
          Find similar
        </Button>
      </form>
      {state.kind === 'idle' && <p className={styles.hint}>Type or paste a line above, or click a point on the pattern map.</p>}
      {state.kind === 'loading' && <LoadingPlaceholder text="Searching…" />}
      {state.kind === 'error' && (
        <Alert severity="error" title="Could not search similar events">
          {state.message}
        </Alert>
      )}
      {state.kind === 'done' && state.results.length === 0 && (
        <p className={styles.hint}>Nothing similar in this watch yet: the engine has no patterns for it. Check the watch is following (app overview page).</p>
      )}
      {state.kind === 'done' && state.results.length > 0 && (
        <SimilarResultList label={`Events similar to ${state.query}`} results={state.results} exploreUrl={exploreUrl} onOpenPattern={onOpenPattern} />
      )}
    </div>
  );
}

function errorMessage(e: unknown): string {
  const err = e as { data?: { error?: string; message?: string }; message?: string; status?: number };
  const text = err?.data?.error ?? err?.data?.message ?? err?.message ?? String(e);
  if (err?.status === 401) {
    return `${text}. The engine rejected the token: fix it in the data source settings.`;
  }
  return text;
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), height: '100%', overflow: 'auto' }),
  form: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-end' }),
  field: css({ flexGrow: 1, marginBottom: 0 }),
  hint: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0) }),
});
