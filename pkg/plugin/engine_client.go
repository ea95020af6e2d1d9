package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// EngineClient calls the engine's HTTP API. One client per data source instance, built by the plugin
// SDK's httpclient from the data source's settings, so Grafana's middleware applies as to any data
// source (proxy and secure socks proxy, TLS options, custom headers, tracing, metrics, user agent); its
// transport keeps connections to the engine open between queries.
type EngineClient struct {
	base      string
	token     string
	tenant    string
	http      *http.Client
	transport *http.Transport // below the SDK's middleware: Close drops its idle connections
	log       log.Logger
	answers   *answerCache // tagged answers of GETs, revalidated with If-None-Match
}

// EngineError is a failed engine call: the HTTP status (0 when the engine was not reached) and the
// engine's one-line error.
type EngineError struct {
	Status  int
	Message string
}

func (e *EngineError) Error() string {
	if e.Status == 0 {
		return e.Message
	}
	return fmt.Sprintf("engine answered %d: %s", e.Status, e.Message)
}

// NewEngineClient builds the client from the parsed settings and the SDK's HTTP options for this data
// source (backend.DataSourceInstanceSettings.HTTPClientOptions). The data source's own timeout
// (timeoutSeconds) bounds every request, whatever the options say.
func NewEngineClient(s Settings, opts httpclient.Options) (*EngineClient, error) {
	timeouts := httpclient.DefaultTimeoutOptions // a copy: the SDK's defaults are shared
	if opts.Timeouts != nil {
		timeouts = *opts.Timeouts
	}
	timeouts.Timeout = s.Timeout
	opts.Timeouts = &timeouts
	c := &EngineClient{base: s.EngineURL + "/api/v1", token: s.Token, tenant: s.Tenant, log: backend.Logger, answers: newAnswerCache(256, 32<<20)}
	configure := opts.ConfigureTransport
	opts.ConfigureTransport = func(o httpclient.Options, t *http.Transport) {
		c.transport = t
		if configure != nil {
			configure(o, t)
		}
	}
	client, err := httpclient.New(opts)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the HTTP client for the engine: %w", err)
	}
	c.http = client
	return c, nil
}

// Close drops idle connections (called when Grafana disposes the instance).
func (c *EngineClient) Close() {
	if c.transport != nil {
		c.transport.CloseIdleConnections()
	}
}

// Do sends one request to path (below /api/v1) and returns the raw answer of a 2xx, or an
// *EngineError. It is also what the resource proxy uses.
func (c *EngineClient) Do(ctx context.Context, method, path string, query url.Values, body []byte) (int, []byte, error) {
	status, raw, _, err := c.call(ctx, method, path, query, body, "")
	return status, raw, err
}

// call is Do with an If-None-Match tag (none when ""); it also returns the answer's ETag. A 304 is
// not an error: its body is empty and the caller uses the answer it kept.
func (c *EngineClient) call(ctx context.Context, method, path string, query url.Values, body []byte, ifNoneMatch string) (int, []byte, string, error) {
	u := c.url(path, query)
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, nil, "", &EngineError{Message: fmt.Sprintf("bad engine request: %v", err)}
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.tenant != "" {
		req.Header.Set("X-Scope-OrgID", c.tenant)
	}
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	started := time.Now()
	status, raw, etag, err := c.send(req)
	c.logCall(ctx, method, path, status, time.Since(started), err)
	return status, raw, etag, err
}

func (c *EngineClient) url(path string, query url.Values) string {
	if len(query) > 0 {
		return c.base + path + "?" + query.Encode()
	}
	return c.base + path
}

func (c *EngineClient) send(req *http.Request) (int, []byte, string, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, "", &EngineError{Message: describeTransportError(c.base, err)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return resp.StatusCode, nil, "", &EngineError{Status: resp.StatusCode, Message: fmt.Sprintf("reading the engine's answer failed: %v", err)}
	}
	if resp.StatusCode == http.StatusNotModified {
		return resp.StatusCode, nil, resp.Header.Get("ETag"), nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, raw, "", &EngineError{Status: resp.StatusCode, Message: errorMessage(resp.StatusCode, raw)}
	}
	return resp.StatusCode, raw, resp.Header.Get("ETag"), nil
}

// logCall writes one line per engine call to Grafana's plugin log, with the request's context (plugin,
// endpoint, trace id). It names the method, path and status, never the headers: they carry the token.
// A failure is a warning (the panel or health check shows it too); a success is debug.
func (c *EngineClient) logCall(ctx context.Context, method, path string, status int, took time.Duration, err error) {
	l := c.log.FromContext(ctx)
	if err != nil {
		l.Warn("Log Atlas engine call failed", "method", method, "path", path, "status", status, "durationMs", took.Milliseconds(), "error", err.Error())
		return
	}
	l.Debug("Log Atlas engine call", "method", method, "path", path, "status", status, "durationMs", took.Milliseconds())
}

// getJSON reads a GET answer into out. An answer kept from before is revalidated: sent with its tag,
// a 304 means it still holds and no body crosses the network.
func (c *EngineClient) getJSON(ctx context.Context, path string, q url.Values, out any) error {
	u := c.url(path, q)
	tag, kept := c.answers.get(u)
	status, raw, etag, err := c.call(ctx, http.MethodGet, path, q, nil, tag)
	if err != nil {
		return err
	}
	if status == http.StatusNotModified {
		if kept == nil {
			return &EngineError{Status: status, Message: fmt.Sprintf("the engine answered %s with 304 to a request sent without a tag", path)}
		}
		raw = kept
	} else {
		c.answers.put(u, etag, raw)
	}
	return decode(path, raw, out)
}

func decode(path string, raw []byte, out any) error {
	if err := json.Unmarshal(raw, out); err != nil {
		return &EngineError{Status: 200, Message: fmt.Sprintf("the engine's answer to %s is not the JSON docs/api.md describes: %v", path, err)}
	}
	return nil
}

// Health reads GET /health; a 503 "degraded" answer is returned as a Health, not as an error.
func (c *EngineClient) Health(ctx context.Context) (Health, error) {
	var h Health
	status, raw, err := c.Do(ctx, http.MethodGet, "/health", nil, nil)
	if err != nil && status != http.StatusServiceUnavailable {
		return h, err
	}
	if derr := decode("/health", raw, &h); derr != nil {
		if err != nil {
			return h, err
		}
		return h, derr
	}
	return h, nil
}

func (c *EngineClient) Watches(ctx context.Context) (WatchList, error) {
	var w WatchList
	return w, c.getJSON(ctx, "/watches", nil, &w)
}

func timeParams(watch string, from, to time.Time) url.Values {
	v := url.Values{}
	v.Set("watch", watch)
	v.Set("from", strconv.FormatInt(from.UnixMilli(), 10))
	v.Set("to", strconv.FormatInt(to.UnixMilli(), 10))
	return v
}

// StepSeconds turns Grafana's interval into the engine's integer step (at least 1 s).
func StepSeconds(interval time.Duration) int {
	s := int(interval / time.Second)
	if s < 1 {
		return 1
	}
	return s
}

func (c *EngineClient) Volumes(ctx context.Context, q Query, from, to time.Time, step int) (Volumes, error) {
	v := timeParams(q.Watch, from, to)
	v.Set("step", strconv.Itoa(step))
	for _, cl := range q.Clusters {
		v.Add("cluster", cl)
	}
	if q.Labels != "" {
		v.Set("labels", q.Labels)
	}
	if q.Top > 0 {
		v.Set("top", strconv.Itoa(q.Top))
	}
	var out Volumes
	return out, c.getJSON(ctx, "/volumes", v, &out)
}

func (c *EngineClient) Outliers(ctx context.Context, q Query, from, to time.Time) (Outliers, error) {
	v := timeParams(q.Watch, from, to)
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.MinScore > 0 {
		v.Set("minScore", strconv.FormatFloat(q.MinScore, 'f', -1, 64))
	}
	var out Outliers
	return out, c.getJSON(ctx, "/outliers", v, &out)
}

func (c *EngineClient) Counts(ctx context.Context, watch, kind string, from, to time.Time, step int) (Counts, error) {
	v := timeParams(watch, from, to)
	v.Set("step", strconv.Itoa(step))
	v.Set("kind", kind)
	var out Counts
	return out, c.getJSON(ctx, "/counts", v, &out)
}

func (c *EngineClient) Scatter(ctx context.Context, watch string, limit int) (Scatter, error) {
	v := url.Values{"watch": {watch}}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	var out Scatter
	return out, c.getJSON(ctx, "/scatter", v, &out)
}

// Clusters lists the watch's clusters, largest first; limit > 0 keeps the first limit of them.
func (c *EngineClient) Clusters(ctx context.Context, watch string, limit int) (Clusters, error) {
	v := url.Values{"watch": {watch}}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	var out Clusters
	return out, c.getJSON(ctx, "/clusters", v, &out)
}

func (c *EngineClient) Similar(ctx context.Context, r SimilarRequest) (Similar, error) {
	body, _ := json.Marshal(r)
	var out Similar
	_, raw, err := c.Do(ctx, http.MethodPost, "/similar", nil, body)
	if err != nil {
		return out, err
	}
	return out, decode("/similar", raw, &out)
}

// errorMessage takes the engine's {"error": "..."} line, or says what came back instead.
func errorMessage(status int, raw []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(raw, &e) == nil && e.Error != "" {
		return e.Error
	}
	text := strings.TrimSpace(string(raw))
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	if text == "" {
		text = http.StatusText(status)
	}
	return text
}

func describeTransportError(base string, err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return fmt.Sprintf("the engine at %s did not answer in time; check it is running and not overloaded", base)
	case errors.Is(err, context.Canceled):
		return "the request was cancelled"
	default:
		return fmt.Sprintf("cannot reach the engine at %s: %v", base, unwrapURLError(err))
	}
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
