package plugin

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

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
	c := NewEngineClient(Settings{EngineURL: srv.URL, Timeout: 5 * time.Second})
	defer c.Close()
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
	c := NewEngineClient(Settings{EngineURL: srv.URL, Timeout: 200 * time.Millisecond})
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
	c := NewEngineClient(Settings{EngineURL: srv.URL, Timeout: time.Second})
	if _, err := c.Watches(context.Background()); err == nil || !strings.Contains(err.Error(), "not the JSON docs/api.md describes") {
		t.Fatalf("got %v", err)
	}
	if _, err := c.Clusters(context.Background(), "w"); err == nil || err.Error() != "engine answered 500: upstream exploded" {
		t.Fatalf("got %v", err)
	}
}
