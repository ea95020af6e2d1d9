package plugin

import (
	"strings"
	"testing"

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
		`{"queryType":"nope","watch":"w"}`:                             "unknown query type",
		`{"queryType":"outliers"}`:                                     "no watch selected",
		`{"watch":"a b"}`:                                              "is not valid",
		`{"watch":"w","labels":"app=x"}`:                               "LogQL stream selector",
		`{"watch":"w","queryType":"outliers","limit":5000}`:            "maximum of 1000",
		`{"watch":"w","queryType":"similar"}`:                          "exactly one of",
		`{"watch":"w","queryType":"similar","line":"a","pattern":"p"}`: "exactly one of",
		`{"watch":"w","minScore":2}`:                                   "between 0 and 1",
		`{"watch":"w","queryType":"similar","line":"x","k":500}`:       "maximum of 100",
		`{"watch":"w","queryType":"changes","limit":1001}`:             "maximum of 1000 changed templates",
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
