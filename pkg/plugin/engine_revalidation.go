package plugin

import (
	"container/list"
	"sync"
)

// answerCache keeps the last answers of the engine's panel reads with their entity tags, so that a
// query asked again (an alert rule evaluated every few seconds, a dashboard refreshed) is sent with
// If-None-Match and the engine answers 304 without a body while the watch's results are unchanged
// (docs/api.md, "Revalidation"). One cache per client, so per data source instance, hence per
// tenant and token: a tag is only ever sent back to the engine and tenant it came from.
type answerCache struct {
	mu       sync.Mutex
	order    *list.List // of *cachedAnswer, most recently used first
	byURL    map[string]*list.Element
	maxItems int
	maxBytes int
	bytes    int
}

type cachedAnswer struct {
	url  string
	etag string
	body []byte
}

func newAnswerCache(maxItems, maxBytes int) *answerCache {
	return &answerCache{order: list.New(), byURL: map[string]*list.Element{}, maxItems: maxItems, maxBytes: maxBytes}
}

// get returns the tag and body kept for url ("" and nil when none).
func (a *answerCache) get(url string) (string, []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	el, ok := a.byURL[url]
	if !ok {
		return "", nil
	}
	a.order.MoveToFront(el)
	c := el.Value.(*cachedAnswer)
	return c.etag, c.body
}

// put keeps body under url with its tag; answers larger than a quarter of the cache are not kept.
func (a *answerCache) put(url, etag string, body []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if el, ok := a.byURL[url]; ok {
		a.remove(el)
	}
	if etag == "" || len(body) > a.maxBytes/4 {
		return
	}
	a.byURL[url] = a.order.PushFront(&cachedAnswer{url: url, etag: etag, body: body})
	a.bytes += len(body)
	for a.order.Len() > a.maxItems || a.bytes > a.maxBytes {
		a.remove(a.order.Back())
	}
}

func (a *answerCache) remove(el *list.Element) {
	c := a.order.Remove(el).(*cachedAnswer)
	delete(a.byURL, c.url)
	a.bytes -= len(c.body)
}
