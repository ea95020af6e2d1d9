import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

/**
 * "Open in Explore" as a small secondary button. Not @grafana/ui's LinkButton: it passes href through
 * textUtil.sanitizeUrl, which percent-decodes it, so a query holding "#", "&" or "+" (template regexes
 * do) would be cut at the "#" or split at the "&". This keeps the href as urlUtil encoded it; Grafana
 * follows it like any in-app link. Only URLs built by exploreLinks.ts (/explore?...) come here.
 */
export function ExploreLinkButton({ href, label = 'Open in Explore', title }: { href: string; label?: string; title?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <a className={styles.link} href={href} title={title}>
      <Icon name="compass" size="sm" />
      <span>{label}</span>
    </a>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    height: theme.spacing(theme.components.height.sm),
    padding: theme.spacing(0, 1),
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.secondary.text,
    background: theme.colors.secondary.main,
    border: `1px solid ${theme.colors.secondary.border}`,
    whiteSpace: 'nowrap',
    '&:hover': { background: theme.colors.secondary.shade, color: theme.colors.secondary.contrastText },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
});
