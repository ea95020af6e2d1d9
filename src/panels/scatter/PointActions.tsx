import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { getDataSourceSrv, locationService } from '@grafana/runtime';
import { Button, IconButton, useStyles2 } from '@grafana/ui';

import { similarPageUrl } from '../../constants';
import type { LogAtlasDataSource } from '../../datasource/datasource';
import { FeedbackKind } from '../../datasource/types';
import { errorText } from '../../datasource/engineErrors';
import { PatternPoint } from './scatterModel';

export interface PointActionsProps {
  point: PatternPoint;
  watch?: string;
  datasourceUid?: string;
  onClose: () => void;
}

/** What can be done about a pattern chosen on the map: its similar events, or feedback to the engine. */
export function PointActions({ point, watch, datasourceUid, onClose }: PointActionsProps) {
  const styles = useStyles2(getStyles);
  const [message, setMessage] = useState<string | undefined>();
  const give = async (kind: FeedbackKind, target: string) => {
    try {
      if (!watch || !datasourceUid) {
        throw new Error('this panel has no Log Atlas query with a watch');
      }
      const ds = (await getDataSourceSrv().get({ uid: datasourceUid })) as unknown as LogAtlasDataSource;
      await ds.giveFeedback(watch, kind, target);
      setMessage(kind === 'normal_cluster' ? `Cluster ${point.clusterLabel} marked normal.` : 'Pattern suppressed.');
    } catch (e) {
      setMessage(`Failed: ${errorText(e)}`);
    }
  };
  return (
    <div className={styles.card} role="dialog" aria-label={`Pattern ${point.canonical || point.pattern}`} data-testid="logatlas-point-actions">
      <div className={styles.head}>
        <span className={styles.canonical}>{point.canonical || point.pattern}</span>
        <IconButton name="times" size="sm" aria-label="Close" onClick={onClose} />
      </div>
      <div className={styles.meta}>
        {point.count.toLocaleString()} event{point.count === 1 ? '' : 's'} · cluster {point.clusterLabel}
      </div>
      <div className={styles.actions}>
        <Button size="sm" icon="search" onClick={() => locationService.push(similarPageUrl({ watch, pattern: point.pattern, datasource: datasourceUid }))}>
          Find similar
        </Button>
        {point.cluster !== 'noise' && (
          <Button size="sm" variant="secondary" icon="check" onClick={() => give('normal_cluster', point.cluster)}>
            Mark cluster normal
          </Button>
        )}
        <Button size="sm" variant="secondary" icon="eye-slash" onClick={() => give('suppress_pattern', point.pattern)}>
          Suppress this pattern
        </Button>
      </div>
      {message && (
        <div className={styles.meta} role="status">
          {message}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    position: 'absolute',
    top: theme.spacing(1),
    right: theme.spacing(1),
    maxWidth: 360,
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  head: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start', justifyContent: 'space-between' }),
  canonical: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize, wordBreak: 'break-all' }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  actions: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
});
