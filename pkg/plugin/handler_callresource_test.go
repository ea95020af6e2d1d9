package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/logatlas/log-atlas/pkg/fakeengine"
)

type captureSender struct{ resp *backend.CallResourceResponse }

func (c *captureSender) Send(r *backend.CallResourceResponse) error { c.resp = r; return nil }

func callResource(t *testing.T, ds *Datasource, method, path, url string, body string) *backend.CallResourceResponse {
	t.Helper()
	s := &captureSender{}
	req := &backend.CallResourceRequest{Method: method, Path: path, URL: url}
	if body != "" {
		req.Body = []byte(body)
	}
	if err := ds.CallResource(context.Background(), req, s); err != nil {
		t.Fatal(err)
	}
	return s.resp
}

func TestCallResourceProxiesAllowedRoutes(t *testing.T) {
	ds, fake := newTestDatasource(t, `{"tenant":"default"}`, fakeengine.Token)
	r := callResource(t, ds, http.MethodGet, "watches", "watches", "")
	var w WatchList
	if r.Status != 200 || json.Unmarshal(r.Body, &w) != nil || len(w.Watches) != 2 {
		t.Fatalf("watches: %d %s", r.Status, r.Body)
	}
	r = callResource(t, ds, http.MethodPost, "similar", "similar", `{"watch":"auth","line":"Failed password for root"}`)
	var s Similar
	if r.Status != 200 || json.Unmarshal(r.Body, &s) != nil || len(s.Results) != 3 || s.Results[0].Distance > s.Results[2].Distance {
		t.Fatalf("similar: %d %s", r.Status, r.Body)
	}
	r = callResource(t, ds, http.MethodGet, "stats", "stats?watch=auth", "")
	if r.Status != 200 || !strings.Contains(string(r.Body), `"patterns":41`) {
		t.Fatalf("stats: %d %s", r.Status, r.Body)
	}
	if last := fake.Requests[len(fake.Requests)-1]; last != "GET /api/v1/stats?watch=auth" {
		t.Fatalf("forwarded %q", last)
	}
}

func TestCallResourceRefusesAndForwardsErrors(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	before := len(fake.Requests)
	cases := []struct {
		method, path, body string
		status             int
		text               string
	}{
		{http.MethodDelete, "watches", "", 405, "not allowed"},
		{http.MethodGet, "jobs", "", 404, "no such Log Atlas resource"},
		{http.MethodPost, "similar", "not json", 400, "must be JSON"},
		{http.MethodDelete, "feedback/not-a-uuid", "", 404, "no such Log Atlas resource"},
		{http.MethodDelete, "feedback/0b6f3f1e-2c4d-4e8a-9f10-1a2b3c4d5e6f/../../watches/auth", "", 404, "no such Log Atlas resource"},
		{http.MethodDelete, "watches/..", "", 404, "no such Log Atlas resource"},
		{http.MethodDelete, "watches/a/b", "", 404, "no such Log Atlas resource"},
		{http.MethodDelete, "watches/a%2Fb", "", 404, "no such Log Atlas resource"},
		{http.MethodPost, "watches/auth", "{}", 405, "not allowed"},
		{http.MethodGet, "feedback/0b6f3f1e-2c4d-4e8a-9f10-1a2b3c4d5e6f", "", 405, "not allowed"},
		{http.MethodPatch, "watches/auth", "not json", 400, "must be JSON"},
		{http.MethodGet, "search", "", 405, "not allowed"},
	}
	for _, c := range cases {
		r := callResource(t, ds, c.method, c.path, c.path, c.body)
		if r.Status != c.status || !strings.Contains(string(r.Body), c.text) {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.Status, r.Body)
		}
	}
	if len(fake.Requests) != before {
		t.Fatal("refused calls reached the engine")
	}
	r := callResource(t, ds, http.MethodPost, "similar", "similar", `{"watch":"nope","line":"x"}`)
	if r.Status != 404 || !strings.Contains(string(r.Body), `watch \"nope\" not found`) {
		t.Fatalf("engine error not forwarded: %d %s", r.Status, r.Body)
	}
}

// The routes the app's editing screens use: create, edit and delete a watch, undo feedback, what
// changed, search by description.
func TestCallResourceEditingRoutes(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	cases := []struct {
		method, path, url, body string
		status                  int
		text, forwarded         string
	}{
		{http.MethodPost, "watches", "watches", `{"name":"web","selector":"{job=\"web\"}"}`, 201, `"name":"web"`, "POST /api/v1/watches?"},
		{http.MethodPatch, "watches/auth", "watches/auth", `{"selector":"{job=\"auth\",host=\"a\"}"}`, 200, `host=\"a\"`, "PATCH /api/v1/watches/auth?"},
		{http.MethodDelete, "watches/auth", "watches/auth", "", 204, "", "DELETE /api/v1/watches/auth?"},
		{http.MethodDelete, "feedback/" + fakeengine.FeedbackID, "feedback/" + fakeengine.FeedbackID + "?watch=auth", "", 204, "", "DELETE /api/v1/feedback/" + fakeengine.FeedbackID + "?watch=auth"},
		{http.MethodDelete, "feedback/11111111-2222-3333-4444-555555555555", "feedback/11111111-2222-3333-4444-555555555555", "", 404, "no feedback", ""},
		{http.MethodGet, "changes", "changes?watch=auth&from=1&to=2", "", 200, `"status":"new"`, "GET /api/v1/changes?from=1&to=2&watch=auth"},
		{http.MethodPost, "search", "search", `{"watch":"auth","text":"failed logins"}`, 200, `"query"`, "POST /api/v1/search?"},
	}
	for _, c := range cases {
		r := callResource(t, ds, c.method, c.path, c.url, c.body)
		if r.Status != c.status || !strings.Contains(string(r.Body), c.text) {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.Status, r.Body)
		}
		if c.forwarded != "" {
			if last := fake.Requests[len(fake.Requests)-1]; last != c.forwarded {
				t.Errorf("%s %s forwarded as %q", c.method, c.path, last)
			}
		}
	}
}
