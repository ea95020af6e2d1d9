package plugin

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// QueryType names what one panel query asks the engine for.
type QueryType string

const (
	QueryVolumes         QueryType = "volumes"         // time series per cluster
	QueryOutliers        QueryType = "outliers"        // table of unusual events
	QueryOutlierCount    QueryType = "outlierCount"    // time series, for alert rules
	QueryNewPatternCount QueryType = "newPatternCount" // time series, for alert rules
	QueryScatter         QueryType = "scatter"         // UMAP points of patterns
	QuerySimilar         QueryType = "similar"         // events that mean the same as a line
	QueryClusters        QueryType = "clusters"        // cluster list
	// QueryChanges: templates new, gone, grown or shrunk in the range against the window before it.
	QueryChanges QueryType = "changes"
	// QueryChangedTemplateCount: per step, templates whose rate rose significantly (for alert rules).
	QueryChangedTemplateCount QueryType = "changedTemplateCount"
)

// QueryTypes lists every query type in the order the query editor offers them.
var QueryTypes = []QueryType{QueryVolumes, QueryOutliers, QueryOutlierCount, QueryNewPatternCount, QueryScatter, QuerySimilar, QueryClusters, QueryChanges, QueryChangedTemplateCount}

// Query is the JSON model the query editor saves (src/datasource/types.ts mirrors it).
type Query struct {
	QueryType QueryType `json:"queryType"`
	Watch     string    `json:"watch"`
	Labels    string    `json:"labels"`   // LogQL stream selector narrowing volumes, e.g. {app="sshd"}
	Clusters  []string  `json:"clusters"` // volumes: only these clusters
	Top       int       `json:"top"`      // volumes: top N clusters, the rest summed as "other"
	Limit     int       `json:"limit"`    // outliers, scatter, changes, clusters
	MinScore  float64   `json:"minScore"` // outliers
	Line      string    `json:"line"`     // similar: a raw log line ...
	Pattern   string    `json:"pattern"`  // ... or a pattern id
	K         int       `json:"k"`        // similar: how many
	// BaselineShift (changes): compare against the same range this much earlier, a Grafana duration
	// such as "1d" or "7d". Empty: the window of the same length just before the range.
	BaselineShift string `json:"baselineShift,omitempty"`
	// baselineShift is BaselineShift read.
	baselineShift time.Duration
}

// Baseline is the window a changes query compares against: the range moved back by the query's
// baseline shift. ok is false without a shift (the engine's default, the window just before).
func (q Query) Baseline(from, to time.Time) (baselineFrom, baselineTo time.Time, ok bool) {
	if q.baselineShift <= 0 {
		return time.Time{}, time.Time{}, false
	}
	return from.Add(-q.baselineShift), to.Add(-q.baselineShift), true
}

// maxBaselineShift keeps the baseline within what a watch may plausibly hold (and the arithmetic sane).
const maxBaselineShift = 366 * 24 * time.Hour

var shiftPattern = regexp.MustCompile(`^([0-9]{1,6})([smhdw])$`)

var shiftUnits = map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}

// parseShift reads a Grafana-style duration: a whole number and one unit (s, m, h, d, w), as in a
// dashboard's time shift. (The SDK's gtime parser would add a dependency for months and years that a
// baseline does not need.)
func parseShift(s string) (time.Duration, error) {
	m := shiftPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("not a duration")
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return 0, fmt.Errorf("zero")
	}
	return time.Duration(n) * shiftUnits[m[2]], nil
}

var watchName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// ParseQuery reads one query's JSON and checks it. defaultWatch fills an empty watch. The error
// text is shown on the panel, so it says what to change.
func ParseQuery(dq backend.DataQuery, defaultWatch string) (Query, error) {
	var q Query
	if len(dq.JSON) > 0 {
		if err := json.Unmarshal(dq.JSON, &q); err != nil {
			return Query{}, fmt.Errorf("query is not valid JSON: %w", err)
		}
	}
	if dq.QueryType != "" {
		q.QueryType = QueryType(dq.QueryType)
	}
	if q.QueryType == "" {
		q.QueryType = QueryVolumes
	}
	if !knownQueryType(q.QueryType) {
		return Query{}, fmt.Errorf("unknown query type %q: choose one of %s", q.QueryType, joinTypes())
	}
	q.Watch = strings.TrimSpace(q.Watch)
	if q.Watch == "" {
		q.Watch = defaultWatch
	}
	if q.Watch == "" {
		return Query{}, fmt.Errorf("no watch selected: pick the watch (a named Loki selector the engine follows) in the query editor")
	}
	if !watchName.MatchString(q.Watch) {
		return Query{}, fmt.Errorf("watch name %q is not valid: use letters, digits, '_', '.', '-' (at most 64)", q.Watch)
	}
	q.Labels = strings.TrimSpace(q.Labels)
	if q.Labels != "" && !(strings.HasPrefix(q.Labels, "{") && strings.HasSuffix(q.Labels, "}")) {
		return Query{}, fmt.Errorf("label filter %q must be a LogQL stream selector such as {app=\"sshd\"}", q.Labels)
	}
	if q.Top < 0 || q.Limit < 0 || q.K < 0 {
		return Query{}, fmt.Errorf("top, limit and k must not be negative")
	}
	if q.Limit > 1000 && q.QueryType == QueryOutliers {
		return Query{}, fmt.Errorf("limit %d is above the engine's maximum of 1000 outliers", q.Limit)
	}
	if q.Limit > 1000 && q.QueryType == QueryChanges {
		return Query{}, fmt.Errorf("limit %d is above the engine's maximum of 1000 changed templates", q.Limit)
	}
	if q.K > 100 {
		return Query{}, fmt.Errorf("k %d is above the engine's maximum of 100 similar events", q.K)
	}
	if q.MinScore < 0 || q.MinScore > 1 {
		return Query{}, fmt.Errorf("minimum score %g must be between 0 and 1", q.MinScore)
	}
	q.BaselineShift = strings.TrimSpace(q.BaselineShift)
	if q.BaselineShift != "" {
		if q.QueryType != QueryChanges {
			return Query{}, fmt.Errorf("a baseline shift is for the changes query only, not %s", q.QueryType)
		}
		d, err := parseShift(q.BaselineShift)
		if err != nil {
			return Query{}, fmt.Errorf("baseline shift %q is not a positive duration such as 1d or 7d", q.BaselineShift)
		}
		if d > maxBaselineShift {
			return Query{}, fmt.Errorf("baseline shift %q is more than a year back", q.BaselineShift)
		}
		q.baselineShift = d
	}
	if q.QueryType == QuerySimilar {
		q.Line = strings.TrimSpace(q.Line)
		q.Pattern = strings.TrimSpace(q.Pattern)
		if (q.Line == "") == (q.Pattern == "") {
			return Query{}, fmt.Errorf("similar events need exactly one of a log line or a pattern id")
		}
	}
	return q, nil
}

func knownQueryType(t QueryType) bool {
	for _, k := range QueryTypes {
		if k == t {
			return true
		}
	}
	return false
}

func joinTypes() string {
	names := make([]string, len(QueryTypes))
	for i, t := range QueryTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}
