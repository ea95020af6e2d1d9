// Package contract runs the real plugin binary through hashicorp/go-plugin exactly as Grafana does
// and calls CheckHealth, QueryData for every query type and CallResource over gRPC: against the FAKE
// engine (pkg/fakeengine) always, and against a real `logatlas serve` when tests/contract/run.mjs
// started one and passed its address in LOGATLAS_ENGINE_URL.
package contract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"

	"github.com/logatlas/log-atlas/pkg/fakeengine"
	"github.com/logatlas/log-atlas/pkg/plugin"
)

func pluginContext(engineURL, token, jsonData string) *pluginv2.PluginContext {
	return &pluginv2.PluginContext{
		OrgId:    1,
		PluginId: plugin.PluginID,
		DataSourceInstanceSettings: &pluginv2.DataSourceInstanceSettings{
			Uid: "logatlas-ds", Name: "Log Atlas", Url: engineURL,
			JsonData:                []byte(jsonData),
			DecryptedSecureJsonData: map[string]string{"engineToken": token},
			LastUpdatedMS:           time.Now().UnixMilli(),
		},
	}
}

type queryCase struct {
	refID, queryType, model string
}

func queryData(t *testing.T, p *pluginProcess, pc *pluginv2.PluginContext, from, to time.Time, step time.Duration, cases []queryCase) map[string]*pluginv2.DataResponse {
	t.Helper()
	req := &pluginv2.QueryDataRequest{PluginContext: pc}
	for _, c := range cases {
		req.Queries = append(req.Queries, &pluginv2.DataQuery{
			RefId: c.refID, QueryType: c.queryType, Json: []byte(c.model), IntervalMS: step.Milliseconds(), MaxDataPoints: 1000,
			TimeRange: &pluginv2.TimeRange{FromEpochMS: from.UnixMilli(), ToEpochMS: to.UnixMilli()},
		})
	}
	resp, err := p.data.QueryData(context.Background(), req)
	if err != nil {
		t.Fatalf("QueryData over gRPC: %v", err)
	}
	return resp.Responses
}

func frames(t *testing.T, r *pluginv2.DataResponse) []*data.Frame {
	t.Helper()
	if r == nil {
		t.Fatal("no response for the query")
	}
	if r.Error != "" {
		t.Fatalf("query failed: %s", r.Error)
	}
	out := make([]*data.Frame, len(r.Frames))
	for i, b := range r.Frames {
		f, err := data.UnmarshalArrowFrame(b)
		if err != nil {
			t.Fatalf("frame %d is not Arrow: %v", i, err)
		}
		out[i] = f
	}
	return out
}

func fieldNames(f *data.Frame) string {
	names := make([]string, len(f.Fields))
	for i, fl := range f.Fields {
		names[i] = fl.Name
	}
	return strings.Join(names, ",")
}

func sumField(f *data.Frame, name string) float64 {
	fl, _ := f.FieldByName(name)
	total := 0.0
	for i := 0; fl != nil && i < fl.Len(); i++ {
		v, _ := fl.FloatAt(i)
		total += v
	}
	return total
}

// The columns each query type promises; the panels, dashboards and alert rule depend on them.
var wantFields = map[string]string{
	"outliers": "time,score,kind,reasons,line,labels,nearest,distance,cluster,clusterLabel,pattern,exploreUrl,similarUrl",
	"scatter":  "pattern,x,y,cluster,clusterLabel,count,canonical",
	"similar":  "pattern,canonical,distance,count,example,cluster,clusterLabel,labels,similarUrl",
	"clusters": "cluster,label,events,patterns,topEntities",
	"changes":  "status,template,clusterLabel,count,baselineCount,ratio,significance,pValue,firstSeen,example,cluster,pattern,query,logsql",
}

func TestContractAgainstFakeEngine(t *testing.T) {
	fake := fakeengine.Start()
	defer fake.Close()
	p := startPlugin(t, pluginBinary(t))
	pc := pluginContext(fake.URL, fakeengine.Token, `{"lokiDatasourceUid":"loki"}`)
	ctx := context.Background()

	t.Run("CheckHealth", func(t *testing.T) {
		h, err := p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pc})
		if err != nil || h.Status != pluginv2.CheckHealthResponse_OK || !strings.Contains(h.Message, "2 watch(es)") {
			t.Fatalf("health %v %v", h, err)
		}
		bad := pluginContext(fake.URL, "wrong", `{}`)
		h, err = p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: bad})
		if err != nil || h.Status != pluginv2.CheckHealthResponse_ERROR || !strings.Contains(h.Message, "rejected the token") {
			t.Fatalf("wrong token: %v %v", h, err)
		}
	})

	t.Run("QueryData every type", func(t *testing.T) {
		from := time.UnixMilli(1_700_000_000_000)
		to := from.Add(10 * time.Minute)
		rs := queryData(t, p, pc, from, to, time.Minute, []queryCase{
			{"V", "volumes", `{"watch":"auth"}`},
			{"O", "outliers", `{"watch":"auth"}`},
			{"OC", "outlierCount", `{"watch":"auth"}`},
			{"NP", "newPatternCount", `{"watch":"auth"}`},
			{"S", "scatter", `{"watch":"auth"}`},
			{"SIM", "similar", `{"watch":"auth","line":"Failed password for root"}`},
			{"C", "clusters", `{"watch":"auth"}`},
			{"CH", "changes", `{"watch":"auth"}`},
			{"GT", "changedTemplateCount", `{"watch":"auth"}`},
			{"ERR", "outliers", `{"watch":"broken"}`},
		})
		if v := frames(t, rs["V"]); len(v) != 3 || v[0].Rows() != 11 || v[0].Fields[1].Labels["cluster"] != "c0" {
			t.Errorf("volumes: %d frames", len(v))
		}
		o := frames(t, rs["O"])[0]
		if fieldNames(o) != wantFields["outliers"] || o.Rows() != 2 {
			t.Errorf("outliers: %s rows=%d", fieldNames(o), o.Rows())
		}
		line, _ := o.FieldByName("line")
		if line == nil || len(line.Config.Links) != 2 {
			t.Errorf("outlier data links lost over gRPC")
		}
		if ch := frames(t, rs["CH"])[0]; fieldNames(ch) != wantFields["changes"] || ch.Rows() != 3 {
			t.Errorf("changes: %s rows=%d", fieldNames(ch), ch.Rows())
		} else if tf, _ := ch.FieldByName("template"); tf == nil || len(tf.Config.Links) != 1 || tf.Config.Links[0].Internal == nil || tf.Config.Links[0].Internal.DatasourceUID == "" {
			t.Errorf("changes internal data link lost over gRPC")
		}
		for _, ref := range []string{"OC", "NP", "GT"} {
			f := frames(t, rs[ref])[0]
			if f.Rows() != 11 || sumField(f, f.Fields[1].Name) == 0 {
				t.Errorf("%s: rows=%d", ref, f.Rows())
			}
		}
		if s := frames(t, rs["S"])[0]; fieldNames(s) != wantFields["scatter"] || s.Rows() != 1230 {
			t.Errorf("scatter: %s rows=%d", fieldNames(s), s.Rows())
		}
		if s := frames(t, rs["SIM"])[0]; fieldNames(s) != wantFields["similar"] || s.Rows() != 3 {
			t.Errorf("similar: %s rows=%d", fieldNames(s), s.Rows())
		}
		if c := frames(t, rs["C"])[0]; fieldNames(c) != wantFields["clusters"] || c.Rows() != 3 {
			t.Errorf("clusters: %s", fieldNames(c))
		}
		if e := rs["ERR"]; e.Error == "" || !strings.Contains(e.Error, "Loki query failed") || e.Status != 502 || e.ErrorSource != "downstream" {
			t.Errorf("engine error not passed on: %+v", e)
		}
	})

	t.Run("CallResource", func(t *testing.T) {
		r := p.callResource(ctx, t, pc, "POST", "similar", "similar", []byte(`{"watch":"auth","line":"Failed password for root","k":3}`))
		var s plugin.Similar
		if r.Code != 200 || json.Unmarshal(r.Body, &s) != nil || len(s.Results) != 3 {
			t.Fatalf("similar: %d %s", r.Code, r.Body)
		}
		r = p.callResource(ctx, t, pc, "GET", "watches", "watches", nil)
		if r.Code != 200 || !strings.Contains(string(r.Body), `"name":"auth"`) {
			t.Fatalf("watches: %d %s", r.Code, r.Body)
		}
		if r = p.callResource(ctx, t, pc, "DELETE", "watches", "watches", nil); r.Code != 405 {
			t.Fatalf("DELETE watches answered %d", r.Code)
		}
		if r = p.callResource(ctx, t, pc, "DELETE", "watches/auth", "watches/auth", nil); r.Code != 204 {
			t.Fatalf("DELETE watches/auth answered %d %s", r.Code, r.Body)
		}
		if r = p.callResource(ctx, t, pc, "DELETE", "feedback/"+fakeengine.FeedbackID, "feedback/"+fakeengine.FeedbackID, nil); r.Code != 204 {
			t.Fatalf("DELETE feedback answered %d %s", r.Code, r.Body)
		}
		if r = p.callResource(ctx, t, pc, "DELETE", "feedback/..%2Fwatches%2Fauth", "feedback/..%2Fwatches%2Fauth", nil); r.Code != 404 {
			t.Fatalf("a feedback path that is not a UUID answered %d", r.Code)
		}
		if r = p.callResource(ctx, t, pc, "POST", "search", "search", []byte(`{"watch":"auth","text":"failed logins"}`)); r.Code != 200 || !strings.Contains(string(r.Body), `"query"`) {
			t.Fatalf("search: %d %s", r.Code, r.Body)
		}
	})
}

// Against a real `logatlas serve` fed by `logatlas replay` (started by tests/contract/run.mjs). The
// figures compared come from the engine itself, so nothing here is a hard-coded answer.
func TestContractAgainstRealEngine(t *testing.T) {
	url := os.Getenv("LOGATLAS_ENGINE_URL")
	if url == "" {
		t.Skip("no real engine: LOGATLAS_ENGINE_URL is not set (tests/contract/run.mjs sets it when `logatlas serve` exists)")
	}
	token, watch, sample := os.Getenv("LOGATLAS_ENGINE_TOKEN"), os.Getenv("LOGATLAS_ENGINE_WATCH"), os.Getenv("LOGATLAS_ENGINE_SAMPLE_LINE")
	events, _ := strconv.Atoi(os.Getenv("LOGATLAS_ENGINE_EVENTS"))
	patterns, _ := strconv.Atoi(os.Getenv("LOGATLAS_ENGINE_PATTERNS"))
	clusters, _ := strconv.Atoi(os.Getenv("LOGATLAS_ENGINE_CLUSTERS"))
	p := startPlugin(t, pluginBinary(t))
	pc := pluginContext(url, token, `{"lokiDatasourceUid":"loki"}`)
	ctx := context.Background()

	h, err := p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pc})
	if err != nil || h.Status != pluginv2.CheckHealthResponse_OK {
		t.Fatalf("health: %v %v", h, err)
	}
	to := time.Now().Add(time.Minute)
	from := to.Add(-3 * 24 * time.Hour)
	m := func(extra string) string { return fmt.Sprintf(`{"watch":%q%s}`, watch, extra) }
	rs := queryData(t, p, pc, from, to, time.Hour, []queryCase{
		{"V", "volumes", m(`,"top":100`)},
		{"O", "outliers", m(`,"limit":1000`)},
		{"OC", "outlierCount", m("")},
		{"NP", "newPatternCount", m("")},
		{"S", "scatter", m("")},
		{"SIM", "similar", m(fmt.Sprintf(`,"line":%q,"k":5`, sample))},
		{"C", "clusters", m("")},
		{"CH", "changes", m(`,"limit":1000`)},
		{"CHY", "changes", m(`,"limit":1000,"baselineShift":"1d"`)},
		{"GT", "changedTemplateCount", m("")},
		{"MISSING", "clusters", `{"watch":"no-such-watch"}`},
	})
	total := 0.0
	for _, f := range frames(t, rs["V"]) {
		total += sumField(f, f.Fields[1].Name)
	}
	if events > 0 && int(total) != events {
		t.Errorf("volumes sum to %v events, the engine counted %d", total, events)
	}
	o := frames(t, rs["O"])[0]
	if fieldNames(o) != wantFields["outliers"] || o.Rows() == 0 {
		t.Errorf("outliers: %s rows=%d (the replay injected anomalies)", fieldNames(o), o.Rows())
	}
	if oc := frames(t, rs["OC"])[0]; int(sumField(oc, oc.Fields[1].Name)) != o.Rows() {
		t.Errorf("outlier count series sums to %v, the outlier table has %d rows", sumField(oc, oc.Fields[1].Name), o.Rows())
	}
	frames(t, rs["NP"])
	s := frames(t, rs["S"])[0]
	if fieldNames(s) != wantFields["scatter"] || s.Rows() == 0 || s.Rows() != patterns {
		t.Errorf("scatter: %s rows=%d, the engine has %d patterns", fieldNames(s), s.Rows(), patterns)
	}
	sim := frames(t, rs["SIM"])[0]
	if fieldNames(sim) != wantFields["similar"] || sim.Rows() == 0 {
		t.Fatalf("similar: %s rows=%d", fieldNames(sim), sim.Rows())
	}
	if d, _ := sim.Fields[2].FloatAt(0); d > 0.2 {
		t.Errorf("a line taken from the replayed data has its nearest pattern at distance %v", d)
	}
	// a few hundred lines may well form no cluster: the frame must match the engine's own count
	if c := frames(t, rs["C"])[0]; fieldNames(c) != wantFields["clusters"] || c.Rows() != clusters {
		t.Errorf("clusters: %s rows=%d, the engine reports %d clusters", fieldNames(c), c.Rows(), clusters)
	}
	// Everything the engine counted falls in the range: every template is in the changes table, and its
	// counts in the range sum to the events.
	ch := frames(t, rs["CH"])[0]
	if fieldNames(ch) != wantFields["changes"] || ch.Rows() != patterns {
		t.Errorf("changes: %s rows=%d, the engine has %d patterns", fieldNames(ch), ch.Rows(), patterns)
	}
	if events > 0 && int(sumField(ch, "count")) != events {
		t.Errorf("changes counts sum to %v, the engine counted %d", sumField(ch, "count"), events)
	}
	// against the same range a day back: the range's counts are the same, the engine took the baseline
	if chy := frames(t, rs["CHY"])[0]; events > 0 && int(sumField(chy, "count")) != events {
		t.Errorf("changes against yesterday: counts sum to %v, the engine counted %d", sumField(chy, "count"), events)
	}
	frames(t, rs["GT"])
	if e := rs["MISSING"]; e.Error == "" || e.Status != 404 {
		t.Errorf("missing watch: %+v", e)
	}
	r := p.callResource(ctx, t, pc, "GET", "watches", "watches", nil)
	if r.Code != 200 || !strings.Contains(string(r.Body), `"`+watch+`"`) {
		t.Errorf("watches resource: %d %s", r.Code, r.Body)
	}
	r = p.callResource(ctx, t, pc, "POST", "similar", "similar", []byte(fmt.Sprintf(`{"watch":%q,"line":%q,"k":3}`, watch, sample)))
	if r.Code != 200 || !strings.Contains(string(r.Body), `"results"`) {
		t.Errorf("similar resource: %d %s", r.Code, r.Body)
	}
}
