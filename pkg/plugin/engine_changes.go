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

// Changes asks what changed in [from, to) against the window of the same length before it.
func (c *EngineClient) Changes(ctx context.Context, watch string, from, to time.Time, limit int) (Changes, error) {
	q := url.Values{}
	q.Set("watch", watch)
	q.Set("from", strconv.FormatInt(from.UnixMilli(), 10))
	q.Set("to", strconv.FormatInt(to.UnixMilli(), 10))
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out Changes
	err := c.getJSON(ctx, "/changes", q, &out)
	return out, err
}
