import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { SceneComponentProps, SceneObjectBase, SceneObjectState, VariableDependencyConfig } from '@grafana/scenes';
import { Alert, Button, useStyles2 } from '@grafana/ui';

import type { LogAtlasDataSource } from '../datasource/datasource';
import { Feedback } from '../datasource/types';
import { engineLacksRoute, errorText } from '../datasource/engineErrors';
import { watchOf } from './WatchPageBody';
import { getBoxStyles, getListStyles } from '../components/listStyles';

interface State extends SceneObjectState {
  ds: LogAtlasDataSource;
  feedback?: Feedback[];
  error?: string;
}

/** The feedback given on the watch (clusters marked normal, patterns suppressed), each with Undo. */
export class FeedbackList extends SceneObjectBase<State> {
  static Component = FeedbackListRenderer;
  protected _variableDependency = new VariableDependencyConfig(this, { variableNames: ['watch'], onReferencedVariableValueChanged: () => this.load() });

  async load() {
    const watch = watchOf(this);
    if (!watch) {
      this.setState({ feedback: [], error: undefined });
      return;
    }
    try {
      this.setState({ feedback: await this.state.ds.feedback(watch), error: undefined });
    } catch (e) {
      this.setState({ error: errorText(e) });
    }
  }

  async undo(f: Feedback) {
    try {
      await this.state.ds.undoFeedback(f.id, watchOf(this) ?? '');
    } catch (e) {
      // DELETE /feedback/:id is newer than the engine may be
      const status = (e as { status?: number }).status;
      this.setState({ error: engineLacksRoute(e) ? `This engine cannot undo feedback yet (DELETE /feedback answered ${status}).` : errorText(e) });
      return;
    }
  }
}

const describe = (f: Feedback) => (f.kind === 'normal_cluster' ? `cluster ${f.target} marked normal` : `pattern ${f.target} suppressed`);

function FeedbackListRenderer({ model }: SceneComponentProps<FeedbackList>) {
  const styles = useStyles2(getStyles);
  const { feedback, error } = model.useState();
  useEffect(() => {
    if (!feedback) {
      model.load();
    }
  }, [model, feedback]);
  return (
    <section className={styles.wrap} aria-label="Feedback" data-testid="logatlas-feedback">
      <h2 className={styles.title}>Feedback</h2>
      {error && <Alert severity="warning" title={error} />}
      {feedback?.length === 0 && <p className={styles.hint}>None yet. Mark a cluster normal or suppress a pattern from an outlier.</p>}
      <ul className={styles.list}>
        {feedback?.map((f) => (
          <li key={f.id} className={styles.item} data-testid="logatlas-feedback-item" data-id={f.id}>
            <span>
              {describe(f)}
              <span className={styles.meta}>
                {' '}
                · {new Date(f.createdMs).toLocaleString()}
                {f.patterns ? ` · ${f.patterns.length} pattern${f.patterns.length === 1 ? '' : 's'}` : ''}
              </span>
            </span>
            <Button size="sm" variant="secondary" icon="history" onClick={() => model.undo(f)} aria-label={`Undo: ${describe(f)}`}>
              Undo
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getListStyles(theme),
  ...getBoxStyles(theme),
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  item: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: theme.spacing(1) }),
});
