import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, useStyles2 } from '@grafana/ui';

import { SimilarResult } from '../datasource/types';
import { ExploreLinkButton } from './ExploreLinkButton';
import { closeness } from './similarModel';
import { getListStyles } from './listStyles';

export interface SimilarResultListProps {
  /** What the list answers, for screen readers ("Events similar to …"). */
  label: string;
  results: SimilarResult[];
  exploreUrl?: (r: SimilarResult) => string | undefined;
  /** Follow a result to its own similar events. */
  onOpenPattern?: (r: SimilarResult) => void;
}

/** Similar events, as given (nearest first): distance in words, count, cluster, template, example, links. */
export function SimilarResultList({ label, results, exploreUrl, onOpenPattern }: SimilarResultListProps) {
  const styles = useStyles2(getStyles);
  return (
    <ol className={styles.list} aria-label={label}>
      {results.map((r) => {
        const explore = exploreUrl?.(r);
        return (
          <li key={r.pattern} className={styles.item} data-testid="logatlas-similar-result">
            <div className={styles.head}>
              <Badge text={`${r.distance.toFixed(3)} · ${closeness(r.distance)}`} color={r.distance < 0.25 ? 'green' : r.distance < 0.55 ? 'blue' : 'orange'} />
              <span className={styles.meta}>
                {r.count.toLocaleString()} event{r.count === 1 ? '' : 's'} · cluster {r.clusterLabel || r.cluster}
              </span>
            </div>
            <div className={styles.canonical}>{r.canonical}</div>
            <div className={styles.example} title="example line">
              {r.example}
            </div>
            <div className={styles.actions}>
              {explore && <ExploreLinkButton href={explore} />}
              {onOpenPattern && (
                <Button size="sm" variant="secondary" icon="arrow-right" onClick={() => onOpenPattern(r)}>
                  Similar to this
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...getListStyles(theme),
  item: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  canonical: css({ fontFamily: theme.typography.fontFamilyMonospace, marginTop: theme.spacing(0.5), wordBreak: 'break-all' }),
  example: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    wordBreak: 'break-all',
  }),
  actions: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(0.5) }),
});
