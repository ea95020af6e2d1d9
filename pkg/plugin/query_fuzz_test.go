package plugin

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// fuzzSeeds are the query models the golden tests (testdata/*.jsonc, one per query type), the alert
// rule (provisioning/alerting) and the rejection tests (query_test.go) send: good queries of every
// type and each way of being wrong. `go test` runs exactly these; `go test -fuzz FuzzParseQuery`
// grows from them.
var fuzzSeeds = []struct{ queryType, model, defaultWatch string }{
	{"volumes", `{"watch":"auth","top":3}`, ""},
	{"outliers", `{"watch":"auth","limit":50}`, ""},
	{"outliers", `{"watch":"auth","limit":50,"minScore":0.5}`, ""},
	{"outlierCount", `{"watch":"auth"}`, ""},
	{"newPatternCount", `{"watch":"auth"}`, ""},
	{"clusters", `{"watch":"auth"}`, ""},
	{"scatter", `{"watch":"auth","limit":2000}`, ""},
	{"similar", `{"watch":"auth","line":"sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2","k":3}`, ""},
	{"similar", `{"watch":"auth","pattern":"p-1f2e"}`, ""},
	{"", `{"refId":"A","queryType":"outlierCount","watch":"demo","intervalMs":60000,"maxDataPoints":43200}`, ""},
	{"", `{"refId":"A","queryType":"newPatternCount","watch":"demo","intervalMs":60000,"maxDataPoints":43200}`, ""},
	{"", `{"labels":" {app=\"sshd\"} ","top":5,"clusters":["c1","c2"]}`, "auth"},
	{"outlierCount", `{"queryType":"volumes","watch":"w1"}`, ""},
	{"", `{"queryType":"nope","watch":"w"}`, ""},
	{"", `{"queryType":"outliers"}`, ""},
	{"", `{"watch":"a b"}`, ""},
	{"", `{"watch":"w","labels":"app=x"}`, ""},
	{"", `{"watch":"w","queryType":"outliers","limit":5000}`, ""},
	{"", `{"watch":"w","queryType":"similar","line":"a","pattern":"p"}`, ""},
	{"", `{"watch":"w","minScore":2}`, ""},
	{"", `{"watch":"w","queryType":"similar","line":"x","k":500}`, ""},
	{"changes", `{"watch":"auth","limit":50,"baselineShift":"1d"}`, ""},
	{"", `{"watch":"w","queryType":"changes","baselineShift":"yesterday"}`, ""},
	{"", `{"watch":"w","queryType":"changes","baselineShift":"400d"}`, ""},
	{"", `{"watch":"w","queryType":"outliers","baselineShift":"1d"}`, ""},
	{"", `{`, ""},
	{"", ``, "w"},
}

// ParseQuery never panics, and every query it accepts keeps the rules it checks and reads back the
// same from its own JSON (what Grafana stores is what the backend runs).
func FuzzParseQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.queryType, []byte(s.model), s.defaultWatch)
	}
	f.Fuzz(func(t *testing.T, queryType string, model []byte, defaultWatch string) {
		q, err := ParseQuery(backend.DataQuery{QueryType: queryType, JSON: model}, defaultWatch)
		if err != nil {
			if !reflect.DeepEqual(q, Query{}) {
				t.Fatalf("a refused query came back non-empty: %+v", q)
			}
			if err.Error() == "" {
				t.Fatal("a refusal without a message")
			}
			return
		}
		checkAccepted(t, q)
		raw, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("accepted %+v does not encode: %v", q, err)
		}
		again, err := ParseQuery(backend.DataQuery{JSON: raw}, "")
		if err != nil {
			t.Fatalf("accepted %+v, refused its own JSON %s: %v", q, raw, err)
		}
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("round trip changed the query:\n first %+v\n again %+v", q, again)
		}
	})
}

// checkAccepted asserts what ParseQuery promises of a query it returns.
func checkAccepted(t *testing.T, q Query) {
	t.Helper()
	if !knownQueryType(q.QueryType) {
		t.Fatalf("accepted unknown query type %q", q.QueryType)
	}
	if !watchName.MatchString(q.Watch) {
		t.Fatalf("accepted watch name %q", q.Watch)
	}
	if q.Labels != strings.TrimSpace(q.Labels) || (q.Labels != "" && (!strings.HasPrefix(q.Labels, "{") || !strings.HasSuffix(q.Labels, "}"))) {
		t.Fatalf("accepted label filter %q", q.Labels)
	}
	if q.Top < 0 || q.Limit < 0 || q.K < 0 || q.K > 100 || (q.QueryType == QueryOutliers && q.Limit > 1000) {
		t.Fatalf("accepted top %d, limit %d, k %d for %s", q.Top, q.Limit, q.K, q.QueryType)
	}
	if math.IsNaN(q.MinScore) || q.MinScore < 0 || q.MinScore > 1 {
		t.Fatalf("accepted minimum score %g", q.MinScore)
	}
	if q.BaselineShift != strings.TrimSpace(q.BaselineShift) || (q.BaselineShift != "" && (q.QueryType != QueryChanges || q.baselineShift <= 0 || q.baselineShift > maxBaselineShift)) {
		t.Fatalf("accepted baseline shift %q (%v) for %s", q.BaselineShift, q.baselineShift, q.QueryType)
	}
	if q.QueryType == QuerySimilar && ((q.Line == "") == (q.Pattern == "") || q.Line != strings.TrimSpace(q.Line) || q.Pattern != strings.TrimSpace(q.Pattern)) {
		t.Fatalf("accepted similar query with line %q and pattern %q", q.Line, q.Pattern)
	}
}
