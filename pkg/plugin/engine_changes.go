package plugin

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// Wire types and calls of the engine's "what changed" route (docs/api.md, GET /changes).

type TemplateChange struct {
	Pattern       string   `json:"pattern"`
	Canonical     string   `json:"canonical"`
	Cluster       string   `json:"cluster"`
	ClusterLabel  string   `json:"clusterLabel"`
	Status        string   `json:"status"` // new, gone, grown, shrunk, steady
	Count         int64    `json:"count"`
	BaselineCount int64    `json:"baselineCount"`
	Ratio         *float64 `json:"ratio"` // null when the baseline has none
	PValue        float64  `json:"pValue"`
	Score         float64  `json:"score"`
	FirstSeenMs   int64    `json:"firstSeenMs"`
	Examples      []string `json:"examples"`
	Query         string   `json:"query"`  // LogQL selecting the template's lines
	LogsQL        *string  `json:"logsql"` // the same for VictoriaLogs (null: no translation)
	Exact         bool     `json:"exact"`
}

type Changes struct {
	From         int64            `json:"from"`
	To           int64            `json:"to"`
	BaselineFrom int64            `json:"baselineFrom"`
	BaselineTo   int64            `json:"baselineTo"`
	Templates    []TemplateChange `json:"templates"`
}

// ChangesRequest is what to compare: [From, To) against [BaselineFrom, BaselineTo), or, with a zero
// baseline, against the window of the same length just before the range.
type ChangesRequest struct {
	Watch                    string
	From, To                 time.Time
	BaselineFrom, BaselineTo time.Time
	Limit                    int
}

// Changes asks the engine what changed.
func (c *EngineClient) Changes(ctx context.Context, r ChangesRequest) (Changes, error) {
	q := url.Values{}
	q.Set("watch", r.Watch)
	q.Set("from", strconv.FormatInt(r.From.UnixMilli(), 10))
	q.Set("to", strconv.FormatInt(r.To.UnixMilli(), 10))
	if !r.BaselineFrom.IsZero() {
		q.Set("baselineFrom", strconv.FormatInt(r.BaselineFrom.UnixMilli(), 10))
		q.Set("baselineTo", strconv.FormatInt(r.BaselineTo.UnixMilli(), 10))
	}
	limit := r.Limit
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out Changes
	err := c.getJSON(ctx, "/changes", q, &out)
	return out, err
}
