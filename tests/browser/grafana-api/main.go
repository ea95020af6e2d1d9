// FAKE of the two Grafana server routes the plugin's frontend calls for its data source, for the browser
// tests (Grafana is AGPL and does not run here):
//
//	POST /api/ds/query                                   -> the data source's QueryData
//	*    /api/datasources/uid/<uid>/resources/<path>     -> the data source's CallResource
//
// Both call this repository's REAL Go data source (pkg/plugin) in-process, with instance settings that
// point at a real engine, the way Grafana's server calls a backend plugin over gRPC. What is faked is only
// Grafana's HTTP layer, following https://grafana.com/docs/grafana/latest/developers/http_api/data_source/
// ("Query a data source", "Data source resources") and the plugin SDK's JSON form of
// backend.QueryDataResponse ({"results":{"<refId>":{"status","frames","error"}}}): 200 when every query
// succeeded, 400 with the same body when one failed (Grafana without the multi-status feature toggle).
//
// Usage: grafana-api -listen 127.0.0.1:0 -uid logatlas-harness -engine URL -token TOKEN [-json '{...}']
// It prints "listening on http://HOST:PORT" on stdout once it accepts requests.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	sdklog "github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/logatlas/log-atlas/pkg/plugin"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	uid := flag.String("uid", "logatlas-harness", "the data source's UID (the only one served)")
	engineURL := flag.String("engine", "", "URL of `logatlas serve`")
	token := flag.String("token", "", "the engine's bearer token (secureJsonData.engineToken)")
	jsonData := flag.String("json", "{}", "the data source's jsonData")
	flag.Parse()
	// Grafana runs backend plugins at its default log level, info: the per-call debug lines stay out.
	backend.Logger = sdklog.NewWithLevel(sdklog.Info)

	settings := backend.DataSourceInstanceSettings{
		UID:                     *uid,
		Name:                    "Log Atlas",
		Type:                    plugin.PluginID,
		URL:                     *engineURL,
		JSONData:                json.RawMessage(*jsonData),
		DecryptedSecureJSONData: map[string]string{"engineToken": *token},
	}
	inst, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		log.Fatalf("grafana-api: %v", err)
	}
	ds := inst.(*plugin.Datasource)
	pluginCtx := backend.PluginContext{PluginID: plugin.PluginID, DataSourceInstanceSettings: &settings}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/ds/query", func(w http.ResponseWriter, r *http.Request) { query(w, r, ds, pluginCtx, *uid) })
	resources := "/api/datasources/uid/" + *uid + "/resources/"
	mux.HandleFunc(resources, func(w http.ResponseWriter, r *http.Request) { resource(w, r, ds, pluginCtx, resources) })

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("grafana-api: %v", err)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}

// dsQuery is one query of /api/ds/query's body: Grafana's own keys, the rest is the plugin's model.
type dsQuery struct {
	RefID         string `json:"refId"`
	QueryType     string `json:"queryType"`
	IntervalMs    int64  `json:"intervalMs"`
	MaxDataPoints int64  `json:"maxDataPoints"`
	Datasource    struct {
		UID string `json:"uid"`
	} `json:"datasource"`
}

func query(w http.ResponseWriter, r *http.Request, ds *plugin.Datasource, pc backend.PluginContext, uid string) {
	var body struct {
		Queries []json.RawMessage `json:"queries"`
		From    string            `json:"from"`
		To      string            `json:"to"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "bad request data: "+err.Error())
		return
	}
	tr, err := timeRange(body.From, body.To)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	req := &backend.QueryDataRequest{PluginContext: pc}
	for _, raw := range body.Queries {
		var q dsQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			writeError(w, http.StatusBadRequest, "bad query: "+err.Error())
			return
		}
		if q.Datasource.UID != "" && q.Datasource.UID != uid {
			writeError(w, http.StatusNotFound, "data source not found: "+q.Datasource.UID)
			return
		}
		if q.RefID == "" {
			q.RefID = "A"
		}
		if q.MaxDataPoints == 0 {
			q.MaxDataPoints = 100
		}
		if q.IntervalMs == 0 {
			q.IntervalMs = 1000
		}
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID: q.RefID, QueryType: q.QueryType, MaxDataPoints: q.MaxDataPoints,
			Interval: time.Duration(q.IntervalMs) * time.Millisecond, TimeRange: tr, JSON: raw,
		})
	}
	resp, err := ds.QueryData(r.Context(), req)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "query data error: "+err.Error())
		return
	}
	status := http.StatusOK
	for _, res := range resp.Responses {
		if res.Error != nil {
			status = http.StatusBadRequest
		}
	}
	out, err := json.Marshal(resp)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// timeRange reads the body's from/to: epoch milliseconds, as the frontend's DataSourceWithBackend sends.
func timeRange(from, to string) (backend.TimeRange, error) {
	f, err1 := strconv.ParseInt(from, 10, 64)
	t, err2 := strconv.ParseInt(to, 10, 64)
	if err1 != nil || err2 != nil {
		return backend.TimeRange{}, fmt.Errorf("from and to must be epoch milliseconds, got %q and %q", from, to)
	}
	return backend.TimeRange{From: time.UnixMilli(f), To: time.UnixMilli(t)}, nil
}

func resource(w http.ResponseWriter, r *http.Request, ds *plugin.Datasource, pc backend.PluginContext, prefix string) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	path := strings.TrimPrefix(r.URL.Path, prefix)
	url := path
	if r.URL.RawQuery != "" {
		url += "?" + r.URL.RawQuery
	}
	req := &backend.CallResourceRequest{PluginContext: pc, Path: path, Method: r.Method, URL: url, Headers: r.Header, Body: body}
	sent := false
	err = ds.CallResource(r.Context(), req, backend.CallResourceResponseSenderFunc(func(res *backend.CallResourceResponse) error {
		for k, vs := range res.Headers {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(res.Status)
		_, err := w.Write(res.Body)
		sent = true
		return err
	}))
	if err != nil && !sent {
		writeError(w, http.StatusInternalServerError, "failed to call resource: "+err.Error())
	}
}

// writeError answers as Grafana's API does: {"message": "..."}.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}
