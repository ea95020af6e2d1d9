package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// newClient builds an engine client the way NewDatasource does, from the SDK's HTTP options of a data
// source with this jsonData.
func newClient(t *testing.T, s Settings, jsonData string) *EngineClient {
	t.Helper()
	opts, err := (&backend.DataSourceInstanceSettings{JSONData: json.RawMessage(jsonData)}).HTTPClientOptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewEngineClient(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// Connections to the engine are reused across calls (one TCP connection for sequential queries).
func TestEngineClientReusesConnections(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"watches":[]}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := newClient(t, Settings{EngineURL: srv.URL, Timeout: 5 * time.Second}, `{}`)
	for i := 0; i < 5; i++ {
		if _, err := c.Watches(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("5 calls opened %d connections", n)
	}
}

func TestEngineClientTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	c := newClient(t, Settings{EngineURL: srv.URL, Timeout: 200 * time.Millisecond}, `{}`)
	_, err := c.Watches(context.Background())
	if err == nil || !strings.Contains(err.Error(), "did not answer in time") {
		t.Fatalf("got %v", err)
	}
}

func TestEngineClientReportsNonJSONAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/watches") {
			w.Write([]byte(`<html>proxy</html>`))
			return
		}
		w.WriteHeader(500)
		w.Write([]byte(`upstream exploded`))
	}))
	defer srv.Close()
	c := newClient(t, Settings{EngineURL: srv.URL, Timeout: time.Second}, `{}`)
	if _, err := c.Watches(context.Background()); err == nil || !strings.Contains(err.Error(), "not the JSON docs/api.md describes") {
		t.Fatalf("got %v", err)
	}
	if _, err := c.Clusters(context.Background(), "w", 0); err == nil || err.Error() != "engine answered 500: upstream exploded" {
		t.Fatalf("got %v", err)
	}
}

// headerRecorder is an engine stand-in that keeps the headers of the last request.
func headerRecorder(t *testing.T, tls bool) (*httptest.Server, func() http.Header) {
	t.Helper()
	var mu sync.Mutex
	var last http.Header
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = r.Header.Clone()
		mu.Unlock()
		w.Write([]byte(`{"watches":[]}`))
	})
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, func() http.Header {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

// Through the SDK's client the engine still gets the token and tenant, and Grafana's custom headers
// (jsonData.httpHeaderName1 + secureJsonData.httpHeaderValue1, the SDK's custom-headers middleware)
// come along: proof that the data source's HTTP settings reach the engine calls.
func TestDatasourceSendsTokenTenantAndGrafanaHeaders(t *testing.T) {
	srv, lastHeaders := headerRecorder(t, false)
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		URL:      srv.URL,
		JSONData: json.RawMessage(`{"tenant":"team-a","httpHeaderName1":"X-Gateway-Key"}`),
		DecryptedSecureJSONData: map[string]string{
			"engineToken":      "s3cret-token",
			"httpHeaderValue1": "gw-123",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	defer ds.Dispose()
	if ds.settingsErr != nil {
		t.Fatal(ds.settingsErr)
	}
	if _, err := ds.engine.Watches(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := lastHeaders()
	for name, want := range map[string]string{"Authorization": "Bearer s3cret-token", "X-Scope-Orgid": "team-a", "X-Gateway-Key": "gw-123"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

// The data source's TLS settings are the SDK's: an engine behind a self-signed certificate is refused
// until tlsSkipVerify is set.
func TestDatasourceUsesGrafanaTLSSettings(t *testing.T) {
	srv, _ := headerRecorder(t, true)
	for _, c := range []struct {
		jsonData string
		wantErr  string
	}{
		{`{}`, "certificate"},
		{`{"tlsSkipVerify":true}`, ""},
	} {
		inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{URL: srv.URL, JSONData: json.RawMessage(c.jsonData)})
		if err != nil {
			t.Fatal(err)
		}
		ds := inst.(*Datasource)
		_, err = ds.engine.Watches(context.Background())
		ds.Dispose()
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: %v", c.jsonData, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: want an error containing %q, got %v", c.jsonData, c.wantErr, err)
		}
	}
}

// timeoutSeconds, the data source's own setting, bounds each call even where Grafana's generic
// "timeout" says more.
func TestDatasourceTimeoutSecondsWins(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{URL: srv.URL, JSONData: json.RawMessage(`{"timeoutSeconds":1,"timeout":60}`)})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	defer ds.Dispose()
	started := time.Now()
	_, err = ds.engine.Watches(context.Background())
	if err == nil || !strings.Contains(err.Error(), "did not answer in time") {
		t.Fatalf("got %v", err)
	}
	if took := time.Since(started); took > 10*time.Second {
		t.Fatalf("a 1 s timeout took %s", took)
	}
}

// capturedLog is a log.Logger that keeps each line as text.
type capturedLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *capturedLog) add(level, msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("%s %s %v", level, msg, args))
}
func (l *capturedLog) Debug(msg string, args ...any)          { l.add("debug", msg, args...) }
func (l *capturedLog) Info(msg string, args ...any)           { l.add("info", msg, args...) }
func (l *capturedLog) Warn(msg string, args ...any)           { l.add("warn", msg, args...) }
func (l *capturedLog) Error(msg string, args ...any)          { l.add("error", msg, args...) }
func (l *capturedLog) With(...any) log.Logger                 { return l }
func (l *capturedLog) Level() log.Level                       { return log.Debug }
func (l *capturedLog) FromContext(context.Context) log.Logger { return l }
func (l *capturedLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// A failed engine call is logged as a warning with its path and status; a good one at debug; the
// token appears in neither.
func TestEngineClientLogsCallsWithoutTheToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/clusters") {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"bad token"}`))
			return
		}
		w.Write([]byte(`{"watches":[]}`))
	}))
	defer srv.Close()
	c := newClient(t, Settings{EngineURL: srv.URL, Token: "s3cret-token", Tenant: "team-a", Timeout: time.Second}, `{}`)
	logged := &capturedLog{}
	c.log = logged
	if _, err := c.Watches(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Clusters(context.Background(), "w", 0); err == nil {
		t.Fatal("want the 401 as an error")
	}
	text := logged.text()
	if !strings.Contains(text, "debug Log Atlas engine call [method GET path /watches status 200") {
		t.Errorf("no debug line for the good call:\n%s", text)
	}
	if !strings.Contains(text, "warn Log Atlas engine call failed [method GET path /clusters status 401") || !strings.Contains(text, "bad token") {
		t.Errorf("no warning for the failed call:\n%s", text)
	}
	if strings.Contains(text, "s3cret-token") {
		t.Errorf("the token is in the log:\n%s", text)
	}
}

// The options passed in are not changed for others: the SDK's shared default timeouts stay as they were.
func TestNewEngineClientLeavesSDKDefaultsAlone(t *testing.T) {
	before := httpclient.DefaultTimeoutOptions
	if _, err := NewEngineClient(Settings{EngineURL: "http://127.0.0.1:1", Timeout: time.Millisecond}, httpclient.Options{}); err != nil {
		t.Fatal(err)
	}
	if httpclient.DefaultTimeoutOptions != before {
		t.Fatalf("DefaultTimeoutOptions changed: %+v", httpclient.DefaultTimeoutOptions)
	}
}
