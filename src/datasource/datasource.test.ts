import { DataSourceInstanceSettings, EventBusSrv } from '@grafana/data';
import { BackendSrv, setAppEvents, setBackendSrv } from '@grafana/runtime';
import { of } from 'rxjs';

import { LogAtlasDataSource } from './datasource';
import { FeedbackChangedEvent } from './feedbackEvents';
import { LogAtlasOptions } from './types';

const settings = { uid: 'la', name: 'Log Atlas', type: 'logatlas-logatlas-datasource', jsonData: {} } as DataSourceInstanceSettings<LogAtlasOptions>;

describe('feedback from the data source', () => {
  let events: EventBusSrv;
  let seen: string[];
  beforeEach(() => {
    events = new EventBusSrv();
    seen = [];
    setAppEvents(events as never);
    events.subscribe(FeedbackChangedEvent, (e) => seen.push(e.payload.watch));
  });

  it('tells the app the watch changed after feedback is given, whoever gave it', async () => {
    const ds = new LogAtlasDataSource(settings);
    const post = jest.spyOn(ds, 'postResource').mockResolvedValue({ id: 'f1', kind: 'normal_cluster', target: 'c3' });
    await ds.giveFeedback('ssh', 'normal_cluster', 'c3');
    expect(post).toHaveBeenCalledWith('feedback', { watch: 'ssh', kind: 'normal_cluster', target: 'c3' });
    expect(seen).toEqual(['ssh']);
  });

  it('undoes through the resource route with the watch, then tells the app', async () => {
    const fetch = jest.fn().mockReturnValue(of({ data: undefined, status: 204 }));
    setBackendSrv({ fetch } as unknown as BackendSrv);
    const ds = new LogAtlasDataSource(settings);
    await ds.undoFeedback('0b3c', 'auth');
    expect(fetch.mock.calls[0][0]).toMatchObject({ method: 'DELETE', url: '/api/datasources/uid/la/resources/feedback/0b3c?watch=auth' });
    expect(seen).toEqual(['auth']);
  });

  it('tells nothing when the engine refuses the feedback', async () => {
    const ds = new LogAtlasDataSource(settings);
    jest.spyOn(ds, 'postResource').mockRejectedValue({ status: 404, data: { error: 'no watch named x' } });
    await expect(ds.giveFeedback('x', 'suppress_pattern', 'p1')).rejects.toMatchObject({ status: 404 });
    expect(seen).toEqual([]);
  });
});
