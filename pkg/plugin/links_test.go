package plugin

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestStreamSelectorSortsAndQuotes(t *testing.T) {
	got := StreamSelector(map[string]string{"job": "ssh", "app": `a"b`})
	if got != `{app="a\"b",job="ssh"}` {
		t.Fatalf("got %s", got)
	}
}

func TestLogsQLStreamFilterSortsAndQuotesValuesAndOddNames(t *testing.T) {
	got := LogsQLStreamFilter(map[string]string{"job": "ssh", "service.name": `a"b\c`, "k8s-pod": "p-1"})
	if got != `{job="ssh","k8s-pod"="p-1","service.name"="a\"b\\c"}` {
		t.Fatalf("got %s", got)
	}
}

// explorePane is the part of Grafana's Explore URL state (schemaVersion 1, panes) the links fill in.
type explorePane struct {
	Datasource string `json:"datasource"`
	Queries    []struct {
		RefID      string            `json:"refId"`
		Expr       string            `json:"expr"`
		QueryType  string            `json:"queryType"`
		EditorMode string            `json:"editorMode"`
		Datasource map[string]string `json:"datasource"`
	} `json:"queries"`
	Range struct{ From, To string } `json:"range"`
}

func parseExploreURL(t *testing.T, raw string) explorePane {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Path != "/explore" || u.Query().Get("schemaVersion") != "1" {
		t.Fatalf("bad url %q: %v", raw, err)
	}
	var panes map[string]explorePane
	if err := json.Unmarshal([]byte(u.Query().Get("panes")), &panes); err != nil {
		t.Fatal(err)
	}
	p, ok := panes["la"]
	if !ok || len(p.Queries) != 1 {
		t.Fatalf("panes %s", u.Query().Get("panes"))
	}
	return p
}

func TestExploreURLLokiSelectsStreamAroundEvent(t *testing.T) {
	at := time.UnixMilli(1_700_000_000_000)
	p := parseExploreURL(t, ExploreURL(ExploreTarget{Kind: LogStoreLoki, UID: "loki-1"}, map[string]string{"app": "sshd"}, at))
	q := p.Queries[0]
	if p.Datasource != "loki-1" || q.Expr != `{app="sshd"}` || q.QueryType != "range" || q.Datasource["type"] != "loki" || q.Datasource["uid"] != "loki-1" {
		t.Fatalf("unexpected pane %+v", p)
	}
	if p.Range.From != "1699999700000" || p.Range.To != "1700000300000" {
		t.Fatalf("range %+v", p.Range)
	}
}

func TestExploreURLVictoriaLogsQueriesTheStreamInLogsQL(t *testing.T) {
	at := time.UnixMilli(1_700_000_000_000)
	target := ExploreTarget{Kind: LogStoreVictoriaLogs, UID: "vl-1"}
	p := parseExploreURL(t, ExploreURL(target, map[string]string{"job": "ssh", "host": "web-1"}, at))
	q := p.Queries[0]
	// the victoriametrics-logs-datasource plugin's query model: expr in LogsQL, queryType "instant"
	// for raw log lines (/select/logsql/query), opened in its code editor
	if p.Datasource != "vl-1" || q.RefID != "A" || q.Expr != `{host="web-1",job="ssh"}` || q.QueryType != "instant" || q.EditorMode != "code" {
		t.Fatalf("unexpected pane %+v", p)
	}
	if q.Datasource["type"] != "victoriametrics-logs-datasource" || q.Datasource["uid"] != "vl-1" {
		t.Fatalf("query data source %v", q.Datasource)
	}
	if p.Range.From != "1699999700000" || p.Range.To != "1700000300000" {
		t.Fatalf("range %+v", p.Range)
	}
}

func TestExploreURLNeedsADataSourceAndLabels(t *testing.T) {
	at := time.UnixMilli(1_700_000_000_000)
	for _, kind := range []string{LogStoreLoki, LogStoreVictoriaLogs} {
		if ExploreURL(ExploreTarget{Kind: kind}, map[string]string{"a": "b"}, at) != "" || ExploreURL(ExploreTarget{Kind: kind, UID: "x"}, nil, at) != "" {
			t.Fatalf("%s: expected no link without a data source or labels", kind)
		}
	}
}

func TestSimilarURLPrefersPattern(t *testing.T) {
	if got := SimilarURL("auth", "p42", "line"); got != AppPath+"/similar?pattern=p42&watch=auth" {
		t.Fatalf("got %s", got)
	}
	if got := SimilarURL("auth", "", "a b"); !strings.Contains(got, "line=a+b") {
		t.Fatalf("got %s", got)
	}
}

// Without a log store data source there is nothing to link to: the zero link, which callers leave out.
func TestExploreLinkNeedsADataSource(t *testing.T) {
	if l := ExploreLink(ExploreTarget{Kind: LogStoreLoki}, "t", "{a=\"b\"}"); l.Internal != nil || l.Title != "" || l.URL != "" {
		t.Fatalf("link without a data source: %+v", l)
	}
	l := ExploreLink(ExploreTarget{Kind: LogStoreLoki, UID: "loki-1"}, "t", `{a="b"}`)
	if l.Internal == nil || l.Internal.DatasourceUID != "loki-1" || l.Internal.Query.(map[string]any)["expr"] != `{a="b"}` {
		t.Fatalf("link %+v", l)
	}
}
