package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// An engine as docs/api.md ("Revalidation") describes it: panel reads carry an ETag, and a request
// whose If-None-Match names the current one gets 304 with no body. The list changes when `version` does.
type taggingEngine struct {
	mu       sync.Mutex
	version  int
	statuses []int
	sentTags []string
}

func (e *taggingEngine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	tag := fmt.Sprintf(`"v%d%s"`, e.version, r.URL.RawQuery)
	e.sentTags = append(e.sentTags, r.Header.Get("If-None-Match"))
	w.Header().Set("ETag", tag)
	if r.Header.Get("If-None-Match") == tag {
		e.statuses = append(e.statuses, http.StatusNotModified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	e.statuses = append(e.statuses, http.StatusOK)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"total":%d,"clusters":[{"id":"c%d","label":"cluster %d","size":%d}]}`, e.version+1, e.version, e.version, 10*(e.version+1))
}

func TestEngineClientRevalidatesAnswersItKept(t *testing.T) {
	engine := &taggingEngine{}
	srv := httptest.NewServer(engine)
	defer srv.Close()
	c := newClient(t, Settings{EngineURL: srv.URL, Token: "t", Timeout: 5 * time.Second}, `{}`)
	ctx := context.Background()
	first, err := c.Clusters(ctx, "w", 0)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Clusters(ctx, "w", 0)
	if err != nil {
		t.Fatal(err)
	}
	if again.Total != first.Total || len(again.Clusters) != 1 || again.Clusters[0].ID != "c0" {
		t.Fatalf("the kept answer was not used: %+v", again)
	}
	// Another request (a limit) is its own answer; a change of the list gives the new one.
	if _, err := c.Clusters(ctx, "w", 5); err != nil {
		t.Fatal(err)
	}
	engine.mu.Lock()
	engine.version = 1
	engine.mu.Unlock()
	changed, err := c.Clusters(ctx, "w", 0)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Total != 2 || changed.Clusters[0].ID != "c1" {
		t.Fatalf("after the change: %+v", changed)
	}
	want := []int{200, 304, 200, 200}
	if fmt.Sprint(engine.statuses) != fmt.Sprint(want) {
		t.Fatalf("statuses %v, want %v", engine.statuses, want)
	}
	if engine.sentTags[0] != "" || engine.sentTags[1] != `"v0watch=w"` || engine.sentTags[2] != "" || engine.sentTags[3] != `"v0watch=w"` {
		t.Fatalf("tags sent %q", engine.sentTags)
	}
}

func TestEngineClientRefusesA304ItCannotUse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }))
	defer srv.Close()
	c := newClient(t, Settings{EngineURL: srv.URL, Timeout: 5 * time.Second}, `{}`)
	if _, err := c.Clusters(context.Background(), "w", 0); err == nil {
		t.Fatal("a 304 without a kept answer was taken for an empty list")
	}
}

func TestAnswerCacheBoundsAndOrder(t *testing.T) {
	a := newAnswerCache(2, 400)
	a.put("a", `"1"`, make([]byte, 10))
	a.put("b", `"2"`, make([]byte, 10))
	a.get("a") // a is now the most recent
	a.put("c", `"3"`, make([]byte, 10))
	if tag, _ := a.get("b"); tag != "" {
		t.Fatal("the least recently used answer stayed beyond the item bound")
	}
	if tag, body := a.get("a"); tag != `"1"` || len(body) != 10 {
		t.Fatalf("a: %q %d", tag, len(body))
	}
	a.put("big", `"4"`, make([]byte, 101)) // over a quarter of the bytes: not kept
	if tag, _ := a.get("big"); tag != "" {
		t.Fatal("an answer over a quarter of the cache was kept")
	}
	a.put("a", "", []byte("x")) // an answer without a tag replaces nothing: the old one goes
	if tag, _ := a.get("a"); tag != "" {
		t.Fatal("an answer without a tag left the older one in place")
	}
	for i := 0; i < 10; i++ {
		a.put(fmt.Sprint("k", i), `"t"`, make([]byte, 100))
	}
	if a.bytes > 400 || a.order.Len() > 2 {
		t.Fatalf("bytes %d, items %d", a.bytes, a.order.Len())
	}
}
