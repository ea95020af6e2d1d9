// Package fakeengine is a FAKE Log Atlas engine: an in-process HTTP server that answers the routes of
// docs/api.md with fixed data. It exists so the plugin backend and its gRPC contract test can run
// without `logatlas serve`; tests against the real engine use the real process instead.
package fakeengine

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Token is the bearer token the fake accepts (an engine token: any tenant by X-Scope-OrgID).
const Token = "fake-engine-token"

// TeamBToken is a tenant token bound to "team-b", as `logatlas serve --tenant-token team-b=...` makes
// one: another X-Scope-OrgID is 403 (docs/api.md, Conventions).
const TeamBToken = "fake-team-b-token"

// Tenants and their watches. "broken" answers every read with a 502, as an engine whose Loki is down.
var tenantWatches = map[string][]string{
	"default": {"auth", "broken"},
	"team-b":  {"payments"},
}

// Fake is a running fake engine. Requests records every call (method + path + query) for assertions.
type Fake struct {
	*httptest.Server
	mu       sync.Mutex
	Requests []string
	Degraded bool   // /health answers 503 degraded (Loki down)
	LogStore string // what /health names as its log store: "loki" (the default) or "victorialogs"
}

func Start() *Fake {
	f := &Fake{LogStore: "loki"}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.Requests = append(f.Requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	f.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/api/v1")
	if path == "/health" {
		if f.Degraded {
			writeJSON(w, 503, map[string]any{"status": "degraded", "loki": map[string]any{"ok": false, "error": "connection refused"}, "model": map[string]any{"ok": true}, "store": map[string]any{"ok": true}})
			return
		}
		writeJSON(w, 200, map[string]any{"status": "ok", "logStore": f.LogStore, "loki": map[string]any{"ok": true}, "model": map[string]any{"ok": true}, "store": map[string]any{"ok": true}})
		return
	}
	tenant := r.Header.Get("X-Scope-OrgID")
	switch r.Header.Get("Authorization") {
	case "Bearer " + Token:
		if tenant == "" {
			tenant = "default"
		}
	case "Bearer " + TeamBToken:
		if tenant != "" && tenant != "team-b" {
			writeJSON(w, 403, map[string]string{"error": "this token is for tenant team-b, not " + tenant})
			return
		}
		tenant = "team-b"
	default:
		writeJSON(w, 401, map[string]string{"error": "missing or wrong bearer token"})
		return
	}
	if path == "/watches" && r.Method == http.MethodGet {
		list := []map[string]any{}
		for _, name := range tenantWatches[tenant] {
			list = append(list, map[string]any{"name": name, "selector": `{job="` + name + `"}`, "state": "following"})
		}
		writeJSON(w, 200, map[string]any{"watches": list})
		return
	}
	if handled := f.serveEdits(w, r, tenant, path); handled {
		return
	}
	watch := r.URL.Query().Get("watch")
	var body map[string]any
	if r.Method == http.MethodPost {
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			writeJSON(w, 400, map[string]string{"error": "body is not JSON"})
			return
		}
		watch, _ = body["watch"].(string)
	}
	if !hasWatch(tenant, watch) {
		writeJSON(w, 404, map[string]string{"error": fmt.Sprintf("watch %q not found", watch)})
		return
	}
	if watch == "broken" {
		writeJSON(w, 502, map[string]string{"error": "Loki query failed: dial tcp 127.0.0.1:3100: connection refused"})
		return
	}
	switch {
	case path == "/volumes" && r.Method == http.MethodGet:
		from, to, step, ok := timeParams(w, r)
		if !ok {
			return
		}
		writeJSON(w, 200, map[string]any{"step": step, "series": []map[string]any{
			{"cluster": "c0", "label": "sshd: Failed password for <user> from <ip>", "clusterLabel": "sshd: Failed password for <user> from <ip>", "points": series(from, to, step, 3)},
			{"cluster": "c1", "label": "sshd: Accepted publickey for <user>", "clusterLabel": "sshd: Accepted publickey for <user>", "points": series(from, to, step, 1)},
			{"cluster": "noise", "label": "patterns in no cluster", "clusterLabel": "patterns in no cluster", "points": series(from, to, step, 0)},
		}})
	case path == "/counts" && r.Method == http.MethodGet:
		from, to, step, ok := timeParams(w, r)
		if !ok {
			return
		}
		kind := r.URL.Query().Get("kind")
		if kind != "outliers" && kind != "new_patterns" && kind != "events" && kind != "grown_templates" {
			writeJSON(w, 400, map[string]string{"error": "kind must be outliers, new_patterns, events or grown_templates"})
			return
		}
		writeJSON(w, 200, map[string]any{"kind": kind, "step": step, "points": series(from, to, step, 2)})
	case path == "/outliers" && r.Method == http.MethodGet:
		if _, _, ok := fromTo(w, r); !ok {
			return
		}
		writeJSON(w, 200, json.RawMessage(outliersJSON))
	case path == "/changes" && r.Method == http.MethodGet:
		if _, _, ok := fromTo(w, r); !ok {
			return
		}
		// as engine/service/changes-routes.ts: an optional baseline window, both ends or neither
		if (r.URL.Query().Get("baselineFrom") == "") != (r.URL.Query().Get("baselineTo") == "") {
			writeJSON(w, 400, map[string]string{"error": "give both baselineFrom and baselineTo, or neither"})
			return
		}
		writeJSON(w, 200, json.RawMessage(changesJSON))
	case path == "/search" && r.Method == http.MethodPost:
		if text, _ := body["text"].(string); strings.TrimSpace(text) == "" {
			writeJSON(w, 400, map[string]string{"error": "text must not be blank"})
			return
		}
		writeJSON(w, 200, map[string]any{"results": []map[string]any{{
			"pattern": "p0", "canonical": "sshd: Failed password for <user> from <ip> port <num> ssh2", "score": 0.71, "distance": 0.29, "count": 1210,
			"cluster": "c0", "clusterLabel": "sshd: Failed password for <user> from <ip>", "example": "sshd[2211]: Failed password for root from 203.0.113.9 port 40022 ssh2",
			"query": "{job=\"auth\"} |~ `Failed password`", "logsql": "{job=\"auth\"} ~\"Failed password\"", "exact": true,
		}}, "query": "{job=\"auth\"} |~ `Failed password`", "logsql": "{job=\"auth\"} ~\"Failed password\"", "exact": true})
	case path == "/scatter" && r.Method == http.MethodGet:
		writeJSON(w, 200, json.RawMessage(scatterJSON))
	case path == "/clusters" && r.Method == http.MethodGet:
		// as engine/service/api-routes.ts: largest first, the first `limit` (≥ 1) if given, and the total
		var list struct {
			Clusters []json.RawMessage `json:"clusters"`
		}
		_ = json.Unmarshal([]byte(clustersJSON), &list)
		total := len(list.Clusters)
		if s := r.URL.Query().Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				writeJSON(w, 400, map[string]string{"error": "querystring/limit must be >= 1"})
				return
			}
			list.Clusters = list.Clusters[:min(n, total)]
		}
		writeJSON(w, 200, map[string]any{"total": total, "clusters": list.Clusters})
	case path == "/stats" && r.Method == http.MethodGet:
		writeJSON(w, 200, map[string]any{"watch": watch, "events": 2000, "patterns": 41, "clusters": 2, "outliers": 2, "lastEventMs": 1700000000000})
	case path == "/similar" && r.Method == http.MethodPost:
		line, _ := body["line"].(string)
		pattern, _ := body["pattern"].(string)
		if (line == "") == (pattern == "") {
			writeJSON(w, 400, map[string]string{"error": "give exactly one of line or pattern"})
			return
		}
		writeJSON(w, 200, json.RawMessage(similarJSON))
	default:
		writeJSON(w, 404, map[string]string{"error": "no route " + r.Method + " " + path})
	}
}

// serveEdits answers the routes that name their target in the path (docs/api.md): creating, editing
// and deleting watches, and undoing feedback. The fake keeps no state: it checks and echoes.
func (f *Fake) serveEdits(w http.ResponseWriter, r *http.Request, tenant, path string) bool {
	switch {
	case path == "/watches" && r.Method == http.MethodPost:
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			writeJSON(w, 400, map[string]string{"error": "body is not JSON"})
			return true
		}
		name, _ := body["name"].(string)
		selector, _ := body["selector"].(string)
		if hasWatch(tenant, name) {
			writeJSON(w, 409, map[string]string{"error": "watch " + name + " already exists"})
			return true
		}
		writeJSON(w, 201, map[string]any{"name": name, "selector": selector, "state": "backfilling", "cursorMs": 0})
	case strings.HasPrefix(path, "/watches/") && (r.Method == http.MethodPatch || r.Method == http.MethodDelete || r.Method == http.MethodGet):
		name := strings.TrimPrefix(path, "/watches/")
		if !hasWatch(tenant, name) {
			writeJSON(w, 404, map[string]string{"error": "no watch named " + name})
			return true
		}
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(204)
		case http.MethodGet:
			writeJSON(w, 200, map[string]any{"name": name, "selector": `{job="` + name + `"}`, "state": "following"})
		default:
			var body map[string]any
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
				writeJSON(w, 400, map[string]string{"error": "body is not JSON"})
				return true
			}
			selector, _ := body["selector"].(string)
			writeJSON(w, 200, map[string]any{"name": name, "selector": selector, "state": "following"})
		}
	case strings.HasPrefix(path, "/feedback/") && r.Method == http.MethodDelete:
		if strings.TrimPrefix(path, "/feedback/") != FeedbackID {
			writeJSON(w, 404, map[string]string{"error": "no feedback " + strings.TrimPrefix(path, "/feedback/")})
			return true
		}
		w.WriteHeader(204)
	default:
		return false
	}
	return true
}

// FeedbackID is the one feedback the fake knows (DELETE /feedback/<FeedbackID> answers 204).
const FeedbackID = "0b6f3f1e-2c4d-4e8a-9f10-1a2b3c4d5e6f"

func hasWatch(tenant, watch string) bool {
	for _, w := range tenantWatches[tenant] {
		if w == watch {
			return true
		}
	}
	return false
}

func fromTo(w http.ResponseWriter, r *http.Request) (int64, int64, bool) {
	from, err1 := strconv.ParseInt(r.URL.Query().Get("from"), 10, 64)
	to, err2 := strconv.ParseInt(r.URL.Query().Get("to"), 10, 64)
	if err1 != nil || err2 != nil || to < from {
		writeJSON(w, 400, map[string]string{"error": "from and to must be epoch milliseconds with from <= to"})
		return 0, 0, false
	}
	return from, to, true
}

func timeParams(w http.ResponseWriter, r *http.Request) (int64, int64, int, bool) {
	from, to, ok := fromTo(w, r)
	if !ok {
		return 0, 0, 0, false
	}
	step, err := strconv.Atoi(r.URL.Query().Get("step"))
	if err != nil || step < 1 {
		writeJSON(w, 400, map[string]string{"error": "step must be an integer number of seconds >= 1"})
		return 0, 0, 0, false
	}
	return from, to, step, true
}

// series: zero-filled buckets from..to, aligned to step; the value cycles with the bucket index so
// no two neighbouring buckets are equal (a test can see order and offsets).
func series(from, to int64, step int, offset int) [][2]float64 {
	stepMs := int64(step) * 1000
	start := from - from%stepMs
	points := [][2]float64{}
	for t, i := start, 0; t <= to && i < 11000; t, i = t+stepMs, i+1 {
		points = append(points, [2]float64{float64(t), float64((i + offset) % 7)})
	}
	return points
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
