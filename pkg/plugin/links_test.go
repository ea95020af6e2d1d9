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

func TestExploreURLSelectsStreamAroundEvent(t *testing.T) {
	at := time.UnixMilli(1_700_000_000_000)
	raw := ExploreURL("loki-1", map[string]string{"app": "sshd"}, at)
	u, err := url.Parse(raw)
	if err != nil || u.Path != "/explore" {
		t.Fatalf("bad url %q: %v", raw, err)
	}
	var panes map[string]struct {
		Datasource string `json:"datasource"`
		Queries    []struct {
			Expr string `json:"expr"`
		} `json:"queries"`
		Range struct{ From, To string } `json:"range"`
	}
	if err := json.Unmarshal([]byte(u.Query().Get("panes")), &panes); err != nil {
		t.Fatal(err)
	}
	p := panes["la"]
	if p.Datasource != "loki-1" || p.Queries[0].Expr != `{app="sshd"}` || p.Range.From != "1699999700000" || p.Range.To != "1700000300000" {
		t.Fatalf("unexpected pane %+v", p)
	}
	if ExploreURL("", map[string]string{"a": "b"}, at) != "" || ExploreURL("x", nil, at) != "" {
		t.Fatal("expected no link without a Loki data source or labels")
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
