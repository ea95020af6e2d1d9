import React from 'react';
import { render, screen } from '@testing-library/react';

import { exploreQueryUrl } from '../datasource/exploreLinks';
import { ExploreLinkButton } from './ExploreLinkButton';

test('a template query with "#", "&" and "+" keeps its encoding in the link', () => {
  const expr = '{job="ssh"} |~ `^kernel: BUG: soft lockup - CPU#\\d+ & more$`';
  const href = exploreQueryUrl({ kind: 'loki', uid: 'loki-1' }, expr, { from: 1, to: 2 })!;
  render(<ExploreLinkButton href={href} />);
  const link = screen.getByRole('link', { name: /Open in Explore/ });
  expect(link).toHaveAttribute('href', href);
  // read back as Grafana reads its location (percent-decoding only)
  const panes = link
    .getAttribute('href')!
    .split('?')[1]
    .split('&')
    .find((p) => p.startsWith('panes='))!;
  expect(JSON.parse(decodeURIComponent(panes.slice('panes='.length))).la.queries[0].expr).toBe(expr);
});
