package plugin

import (
	"context"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// queryParallelism bounds how many engine calls one QueryData request makes at once.
const queryParallelism = 4

// QueryData answers every query of a request; each query succeeds or fails on its own.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, queryParallelism)
	for _, q := range req.Queries {
		wg.Add(1)
		slots <- struct{}{}
		go func(q backend.DataQuery) {
			defer func() { <-slots; wg.Done() }()
			r := d.query(ctx, q)
			mu.Lock()
			resp.Responses[q.RefID] = r
			mu.Unlock()
		}(q)
	}
	wg.Wait()
	return resp, nil
}

func (d *Datasource) query(ctx context.Context, dq backend.DataQuery) backend.DataResponse {
	if d.settingsErr != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourcePlugin, "Log Atlas data source settings: "+d.settingsErr.Error())
	}
	q, err := ParseQuery(dq, d.settings.DefaultWatch)
	if err != nil {
		return errorResponse(err)
	}
	from, to := dq.TimeRange.From, dq.TimeRange.To
	step := StepSeconds(dq.Interval)
	var frames data.Frames
	switch q.QueryType {
	case QueryVolumes:
		v, err := d.engine.Volumes(ctx, q, from, to, step)
		if err != nil {
			return errorResponse(err)
		}
		frames = VolumeFrames(v)
	case QueryOutliers:
		o, err := d.engine.Outliers(ctx, q, from, to)
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{OutliersFrame(q.Watch, d.settings.Explore, o)}
	case QueryOutlierCount, QueryNewPatternCount, QueryChangedTemplateCount:
		kind, name := "outliers", "outliers"
		if q.QueryType == QueryNewPatternCount {
			kind, name = "new_patterns", "new patterns"
		}
		if q.QueryType == QueryChangedTemplateCount {
			kind, name = "grown_templates", "grown templates"
		}
		c, err := d.engine.Counts(ctx, q.Watch, kind, from, to, step)
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{CountFrame(name, c)}
	case QueryScatter:
		s, err := d.engine.Scatter(ctx, q.Watch, q.Limit)
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{ScatterFrame(s)}
	case QuerySimilar:
		s, err := d.engine.Similar(ctx, SimilarRequest{Watch: q.Watch, Line: q.Line, Pattern: q.Pattern, K: q.K})
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{SimilarFrame(q.Watch, s)}
	case QueryChanges:
		req := ChangesRequest{Watch: q.Watch, From: from, To: to, Limit: q.Limit}
		req.BaselineFrom, req.BaselineTo, _ = q.Baseline(from, to)
		c, err := d.engine.Changes(ctx, req)
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{ChangesFrame(d.settings.Explore, c)}
	case QueryClusters:
		c, err := d.engine.Clusters(ctx, q.Watch, q.Limit)
		if err != nil {
			return errorResponse(err)
		}
		frames = data.Frames{ClustersFrame(c)}
	}
	for _, f := range frames {
		f.RefID = dq.RefID
	}
	return backend.DataResponse{Frames: frames}
}
