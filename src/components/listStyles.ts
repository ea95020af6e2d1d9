import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

/** What every list of results in the app shares (similar events, outliers, search results, changes,
 * watches, feedback), so that they look alike and change together. */
export const getListStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  head: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  hint: css({ color: theme.colors.text.secondary }),
});

/** A scene item that is a boxed list beside Grafana's panels (outlier actions, feedback). */
export const getBoxStyles = (theme: GrafanaTheme2) => ({
  wrap: css({
    height: '100%',
    overflow: 'auto',
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  }),
  title: css({ fontSize: theme.typography.h5.fontSize, margin: theme.spacing(0, 0, 1) }),
});
