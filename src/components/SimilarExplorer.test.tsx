import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { SimilarExplorer } from './SimilarExplorer';
import { SimilarRequest, SimilarResult } from '../datasource/types';

const results: SimilarResult[] = [
  { pattern: 'p2', canonical: 'far one', distance: 0.7, count: 3, example: 'far example', cluster: 'c1', labels: { job: 'x' } },
  { pattern: 'p1', canonical: 'near one', distance: 0.05, count: 40, example: 'near example', cluster: 'c0', labels: { job: 'x' } },
];

test('searches a typed line on Enter and lists results nearest first with links', async () => {
  const search = jest.fn((_: SimilarRequest) => Promise.resolve(results));
  const onOpen = jest.fn();
  render(<SimilarExplorer watch="auth" k={5} search={search} exploreUrl={(r) => `/explore?p=${r.pattern}`} onOpenPattern={onOpen} />);
  expect(screen.getByText(/Type or paste a line above/)).toBeInTheDocument();
  const box = screen.getByPlaceholderText(/Paste a log line/);
  fireEvent.change(box, { target: { value: '  Failed password for root  ' } });
  fireEvent.keyDown(box, { key: 'Enter' });
  const items = await screen.findAllByTestId('logatlas-similar-result');
  expect(search).toHaveBeenCalledWith({ line: 'Failed password for root', watch: 'auth', k: 5 });
  expect(items[0]).toHaveTextContent('near one');
  expect(items[0]).toHaveTextContent('0.050 · same meaning');
  expect(items[1]).toHaveTextContent('distant');
  expect(screen.getAllByRole('link', { name: /Open in Explore/ })[0]).toHaveAttribute('href', '/explore?p=p1');
  fireEvent.click(screen.getAllByRole('button', { name: /Similar to this/ })[1]);
  expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ pattern: 'p2' }));
});

test('a received pattern is searched at once', async () => {
  const search = jest.fn(() => Promise.resolve(results));
  render(<SimilarExplorer watch="auth" initialPattern="p9" search={search} />);
  await screen.findAllByTestId('logatlas-similar-result');
  expect(search).toHaveBeenCalledWith({ pattern: 'p9', watch: 'auth', k: 10 });
});

test('errors and empty answers tell the user what to do', async () => {
  const failing = () => Promise.reject(Object.assign(new Error('x'), { data: { error: 'watch "auth" not found' } }));
  const { unmount } = render(<SimilarExplorer watch="auth" initialLine="a line" search={failing} />);
  expect(await screen.findByText('watch "auth" not found')).toBeInTheDocument();
  unmount();
  render(<SimilarExplorer watch="auth" initialLine="a line" search={() => Promise.resolve([])} />);
  expect(await screen.findByText(/Nothing similar in this watch yet/)).toBeInTheDocument();
});

test('without a watch it asks for one instead of searching', async () => {
  const search = jest.fn();
  render(<SimilarExplorer initialLine="a line" search={search} />);
  expect(await screen.findByText(/No watch selected/)).toBeInTheDocument();
  expect(search).not.toHaveBeenCalled();
});
