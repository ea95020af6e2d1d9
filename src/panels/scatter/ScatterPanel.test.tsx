import React from 'react';
import { render, screen } from '@testing-library/react';
import { LoadingState, PanelProps, toDataFrame } from '@grafana/data';

import { ScatterOptions, ScatterPanel } from './ScatterPanel';

function props(series: Array<ReturnType<typeof toDataFrame>>): PanelProps<ScatterOptions> {
  return { data: { series, state: LoadingState.Done }, width: 400, height: 300, options: {} } as unknown as PanelProps<ScatterOptions>;
}

test('empty and wrong-query states say what to change', () => {
  const { rerender } = render(<ScatterPanel {...props([])} />);
  expect(screen.getByText(/query type/)).toHaveTextContent('Choose the Log Atlas data source with the query type Pattern map');
  rerender(
    <ScatterPanel
      {...props([
        toDataFrame({
          fields: [
            { name: 'time', values: [1] },
            { name: 'count', values: [2] },
          ],
        }),
      ])}
    />,
  );
  expect(screen.getByText(/Change the query type to Pattern map/)).toBeInTheDocument();
  const empty = toDataFrame({ fields: ['pattern', 'x', 'y', 'cluster', 'count', 'canonical'].map((name) => ({ name, values: [] })) });
  rerender(<ScatterPanel {...props([empty])} />);
  expect(screen.getByText(/no patterns yet/)).toBeInTheDocument();
});

test('a scatter frame renders the map with one legend button per cluster', () => {
  const frame = toDataFrame({
    fields: [
      { name: 'pattern', values: ['a', 'b', 'c'] },
      { name: 'x', values: [0, 1, 2] },
      { name: 'y', values: [0, 1, 2] },
      { name: 'cluster', values: ['c0', 'c1', 'noise'] },
      { name: 'count', values: [1, 2, 3] },
      { name: 'canonical', values: ['A', 'B', 'C'] },
    ],
  });
  render(<ScatterPanel {...props([frame])} />);
  expect(screen.getByRole('img', { name: /Map of 3 log patterns in 3 groups/ })).toBeInTheDocument();
  expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['c1', 'c0', 'noise']);
});
