package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestParseQueryReadsModelAndDefaults(t *testing.T) {
	q, err := ParseQuery(backend.DataQuery{JSON: []byte(`{"labels":" {app=\"sshd\"} ","top":5,"clusters":["c1","c2"]}`)}, "auth")
	if err != nil {
		t.Fatal(err)
	}
	if q.QueryType != QueryVolumes || q.Watch != "auth" || q.Labels != `{app="sshd"}` || q.Top != 5 || len(q.Clusters) != 2 {
		t.Fatalf("unexpected %+v", q)
	}
}

func TestParseQueryTypeFromDataQueryWins(t *testing.T) {
	q, err := ParseQuery(backend.DataQuery{QueryType: "outlierCount", JSON: []byte(`{"queryType":"volumes","watch":"w1"}`)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if q.QueryType != QueryOutlierCount || q.Watch != "w1" {
		t.Fatalf("unexpected %+v", q)
	}
}

func TestParseQueryRejectsBadInput(t *testing.T) {
	cases := map[string]string{
		`{"queryType":"nope","watch":"w"}`:                                "unknown query type",
		`{"queryType":"outliers"}`:                                        "no watch selected",
		`{"watch":"a b"}`:                                                 "is not valid",
		`{"watch":"w","labels":"app=x"}`:                                  "LogQL stream selector",
		`{"watch":"w","queryType":"outliers","limit":5000}`:               "maximum of 1000",
		`{"watch":"w","queryType":"similar"}`:                             "exactly one of",
		`{"watch":"w","queryType":"similar","line":"a","pattern":"p"}`:    "exactly one of",
		`{"watch":"w","minScore":2}`:                                      "between 0 and 1",
		`{"watch":"w","queryType":"similar","line":"x","k":500}`:          "maximum of 100",
		`{"watch":"w","queryType":"changes","limit":1001}`:                "maximum of 1000 changed templates",
		`{"watch":"w","queryType":"changes","baselineShift":"yesterday"}`: "not a positive duration such as 1d",
		`{"watch":"w","queryType":"changes","baselineShift":"0d"}`:        "not a positive duration",
		`{"watch":"w","queryType":"changes","baselineShift":"-1d"}`:       "not a positive duration",
		`{"watch":"w","queryType":"changes","baselineShift":"1.5d"}`:      "not a positive duration",
		`{"watch":"w","queryType":"changes","baselineShift":"400d"}`:      "more than a year back",
		`{"watch":"w","queryType":"outliers","baselineShift":"1d"}`:       "for the changes query only",
		`{`: "not valid JSON",
	}
	for in, want := range cases {
		_, err := ParseQuery(backend.DataQuery{JSON: []byte(in)}, "")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want error containing %q, got %v", in, want, err)
		}
	}
}

func TestParseQueryChangeTypes(t *testing.T) {
	for _, qt := range []string{"changes", "changedTemplateCount"} {
		q, err := ParseQuery(backend.DataQuery{QueryType: qt, JSON: []byte(`{"watch":"auth","limit":20}`)}, "")
		if err != nil || string(q.QueryType) != qt || q.Limit != 20 {
			t.Fatalf("%s: %+v %v", qt, q, err)
		}
	}
}

// A baseline shift moves the compared range back by a Grafana-style duration; without one there is
// no baseline of the query's own (the engine's default: the window just before).
func TestParseQueryBaselineShift(t *testing.T) {
	from, to := time.UnixMilli(1_700_000_000_000), time.UnixMilli(1_700_000_600_000)
	cases := map[string]time.Duration{"1d": 24 * time.Hour, " 7d ": 7 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "90m": 90 * time.Minute, "6h": 6 * time.Hour}
	for in, shift := range cases {
		q, err := ParseQuery(backend.DataQuery{QueryType: "changes", JSON: []byte(`{"watch":"auth","baselineShift":"` + in + `"}`)}, "")
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		bf, bt, ok := q.Baseline(from, to)
		if !ok || !bf.Equal(from.Add(-shift)) || !bt.Equal(to.Add(-shift)) || q.BaselineShift != strings.TrimSpace(in) {
			t.Fatalf("%q: baseline %v–%v ok=%v shift %q", in, bf, bt, ok, q.BaselineShift)
		}
	}
	q, err := ParseQuery(backend.DataQuery{QueryType: "changes", JSON: []byte(`{"watch":"auth","baselineShift":"  "}`)}, "")
	if _, _, ok := q.Baseline(from, to); err != nil || ok || q.BaselineShift != "" {
		t.Fatalf("blank shift: %+v %v", q, err)
	}
}
