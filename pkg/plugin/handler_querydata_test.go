package plugin

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/logatlas/log-atlas/pkg/fakeengine"
)

func runQuery(t *testing.T, ds *Datasource, q backend.DataQuery) backend.DataResponse {
	t.Helper()
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Responses[q.RefID]
}

// Every query type against the fake engine: the frames must match the reviewed golden files.
func TestQueryDataGoldenFrames(t *testing.T) {
	ds, _ := newTestDatasource(t, `{"lokiDatasourceUid":"loki-uid"}`, fakeengine.Token)
	cases := map[string]string{
		"volumes":              `{"watch":"auth","top":3}`,
		"outliers":             `{"watch":"auth","limit":50}`,
		"outlierCount":         `{"watch":"auth"}`,
		"newPatternCount":      `{"watch":"auth"}`,
		"clusters":             `{"watch":"auth"}`,
		"similar":              `{"watch":"auth","line":"sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2","k":3}`,
		"changes":              `{"watch":"auth","limit":50}`,
		"changedTemplateCount": `{"watch":"auth"}`,
	}
	for qt, model := range cases {
		t.Run(qt, func(t *testing.T) {
			dr := runQuery(t, ds, dataQuery("A", qt, model))
			if dr.Error != nil {
				t.Fatalf("unexpected error: %v", dr.Error)
			}
			if len(dr.Frames) == 0 || dr.Frames[0].Rows() == 0 {
				t.Fatalf("%s returned no rows", qt)
			}
			experimental.CheckGoldenJSONResponse(t, "testdata", qt, &dr, updateGolden)
		})
	}
}

func TestQueryDataScatterKeepsEveryPoint(t *testing.T) {
	ds, _ := newTestDatasource(t, `{}`, fakeengine.Token)
	dr := runQuery(t, ds, dataQuery("S", "scatter", `{"watch":"auth"}`))
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	f := dr.Frames[0]
	if f.Rows() != 1230 || f.RefID != "S" {
		t.Fatalf("rows=%d refId=%s", f.Rows(), f.RefID)
	}
	names := []string{}
	for _, fl := range f.Fields {
		names = append(names, fl.Name)
	}
	if strings.Join(names, ",") != "pattern,x,y,cluster,clusterLabel,count,canonical" {
		t.Fatalf("fields %v", names)
	}
}

func TestQueryDataVolumesAreLabelledTimeSeries(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	q := dataQuery("A", "volumes", `{"watch":"auth","labels":"{host=\"web-1\"}","clusters":["c0","c1"]}`)
	q.Interval = 30 * time.Second
	dr := runQuery(t, ds, q)
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	if len(dr.Frames) != 3 {
		t.Fatalf("want 3 series, got %d", len(dr.Frames))
	}
	v := dr.Frames[0].Fields[1]
	if v.Labels["cluster"] != "c0" || v.Config.DisplayNameFromDS != "sshd: Failed password for <user> from <ip>" {
		t.Fatalf("labels %v config %+v", v.Labels, v.Config)
	}
	if dr.Frames[0].Fields[0].Len() != 21 { // 600 s / 30 s step, both ends included
		t.Fatalf("points %d", dr.Frames[0].Fields[0].Len())
	}
	got := fake.Requests[len(fake.Requests)-1]
	for _, want := range []string{"step=30", "cluster=c0", "cluster=c1", "labels=%7Bhost%3D%22web-1%22%7D", "from=1700000000000", "to=1700000600000"} {
		if !strings.Contains(got, want) {
			t.Errorf("request %s lacks %s", got, want)
		}
	}
}

func TestQueryDataClustersLimit(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	all := runQuery(t, ds, dataQuery("A", "clusters", `{"watch":"auth"}`))
	top := runQuery(t, ds, dataQuery("B", "clusters", `{"watch":"auth","limit":1}`))
	if all.Error != nil || top.Error != nil {
		t.Fatal(all.Error, top.Error)
	}
	if all.Frames[0].Rows() < 2 || top.Frames[0].Rows() != 1 {
		t.Fatalf("rows: all %d, limit 1 %d", all.Frames[0].Rows(), top.Frames[0].Rows())
	}
	if got := fake.Requests[len(fake.Requests)-1]; !strings.Contains(got, "limit=1") {
		t.Fatalf("request %s lacks limit=1", got)
	}
	if got := fake.Requests[len(fake.Requests)-2]; strings.Contains(got, "limit=") {
		t.Fatalf("request %s has a limit nobody asked for", got)
	}
}

func TestQueryDataOutlierLinks(t *testing.T) {
	ds, _ := newTestDatasource(t, `{"lokiDatasourceUid":"loki-uid"}`, fakeengine.Token)
	dr := runQuery(t, ds, dataQuery("A", "outliers", `{"watch":"auth"}`))
	f := dr.Frames[0]
	line, _ := f.FieldByName("line")
	if len(line.Config.Links) != 2 || line.Config.Links[0].Title != "Open in Explore" {
		t.Fatalf("links %+v", line.Config.Links)
	}
	explore, _ := f.FieldByName("exploreUrl")
	if u := explore.At(0).(string); !strings.Contains(u, "loki-uid") || !strings.Contains(u, "host%3D") {
		t.Fatalf("explore url %s", u)
	}
	// no Loki data source configured: no Explore link, the similar link stays
	ds2, _ := newTestDatasource(t, `{}`, fakeengine.Token)
	f2 := runQuery(t, ds2, dataQuery("A", "outliers", `{"watch":"auth"}`)).Frames[0]
	line2, _ := f2.FieldByName("line")
	if len(line2.Config.Links) != 1 || line2.Config.Links[0].Title != "Similar events" {
		t.Fatalf("links %+v", line2.Config.Links)
	}
	nearest, _ := f2.FieldByName("nearest")
	if nearest.Type() != data.FieldTypeNullableString || *(nearest.At(0).(*string)) == "" {
		t.Fatal("nearest pattern missing")
	}
}

// A data source whose Explore links lead to VictoriaLogs: every outlier's link opens the
// victoriametrics-logs-datasource on its stream (a LogsQL stream filter of its labels) around its time.
func TestQueryDataOutlierLinksToVictoriaLogs(t *testing.T) {
	ds, _ := newTestDatasource(t, `{"exploreLogStore":"victorialogs","victoriaLogsDatasourceUid":"vl-uid","lokiDatasourceUid":"loki-uid"}`, fakeengine.Token)
	dr := runQuery(t, ds, dataQuery("A", "outliers", `{"watch":"auth","limit":50}`))
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	f := dr.Frames[0]
	line, _ := f.FieldByName("line")
	if len(line.Config.Links) != 2 || line.Config.Links[0].Title != "Open in Explore" {
		t.Fatalf("links %+v", line.Config.Links)
	}
	explore, _ := f.FieldByName("exploreUrl")
	labels, _ := f.FieldByName("labels")
	times, _ := f.FieldByName("time")
	if f.Rows() == 0 {
		t.Fatal("no outliers")
	}
	for i := 0; i < f.Rows(); i++ {
		p := parseExploreURL(t, explore.At(i).(string))
		q := p.Queries[0]
		// the frame's labels column is the LogQL selector of the same labels; in LogsQL it reads the same
		if p.Datasource != "vl-uid" || q.Datasource["type"] != "victoriametrics-logs-datasource" || q.Expr != labels.At(i).(string) || q.QueryType != "instant" {
			t.Fatalf("row %d: pane %+v", i, p)
		}
		at := times.At(i).(time.Time).UnixMilli()
		if p.Range.From != strconv.FormatInt(at-300_000, 10) || p.Range.To != strconv.FormatInt(at+300_000, 10) {
			t.Fatalf("row %d: range %+v around %d", i, p.Range, at)
		}
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "outliers-victorialogs", &dr, updateGolden)
}

// Engine errors and bad queries become per-query errors that say what to do; other queries in the
// same request still answer.
func TestQueryDataErrorsArePerQuery(t *testing.T) {
	ds, _ := newTestDatasource(t, `{}`, fakeengine.Token)
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("ok", "clusters", `{"watch":"auth"}`),
		dataQuery("missing", "clusters", `{"watch":"nope"}`),
		dataQuery("loki", "outliers", `{"watch":"broken"}`),
		dataQuery("bad", "similar", `{"watch":"auth"}`),
		dataQuery("nowatch", "volumes", `{}`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Responses["ok"].Error != nil || resp.Responses["ok"].Frames[0].Rows() != 3 {
		t.Fatalf("ok query failed: %v", resp.Responses["ok"].Error)
	}
	expect := map[string]struct {
		status backend.Status
		text   string
	}{
		"missing": {backend.StatusNotFound, `watch "nope" not found`},
		"loki":    {backend.StatusBadGateway, "Loki query failed"},
		"bad":     {backend.StatusBadRequest, "exactly one of a log line or a pattern"},
		"nowatch": {backend.StatusBadRequest, "no watch selected"},
	}
	for ref, want := range expect {
		r := resp.Responses[ref]
		if r.Error == nil || !strings.Contains(r.Error.Error(), want.text) || r.Status != want.status {
			t.Errorf("%s: status %v error %v, want %v %q", ref, r.Status, r.Error, want.status, want.text)
		}
		if len(r.Frames) != 0 {
			t.Errorf("%s: error response carries frames", ref)
		}
	}
}

func TestQueryDataWrongTokenAndTenant(t *testing.T) {
	ds, _ := newTestDatasource(t, `{}`, "wrong")
	r := runQuery(t, ds, dataQuery("A", "clusters", `{"watch":"auth"}`))
	if r.Status != backend.StatusUnauthorized || !strings.Contains(r.Error.Error(), "set the engine token") {
		t.Fatalf("got %v %v", r.Status, r.Error)
	}
	// tenant team-b does not see tenant default's watch: 404, exactly as a missing watch
	dsB, _ := newTestDatasource(t, `{"tenant":"team-b"}`, fakeengine.Token)
	r = runQuery(t, dsB, dataQuery("A", "clusters", `{"watch":"auth"}`))
	if r.Status != backend.StatusNotFound {
		t.Fatalf("got %v %v", r.Status, r.Error)
	}
	if r := runQuery(t, dsB, dataQuery("A", "clusters", `{"watch":"payments"}`)); r.Error != nil {
		t.Fatal(r.Error)
	}
}

func TestQueryDataUnreachableEngine(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	fake.Close()
	r := runQuery(t, ds, dataQuery("A", "clusters", `{"watch":"auth"}`))
	if r.Status != backend.StatusBadGateway || !strings.Contains(r.Error.Error(), "cannot reach the engine") {
		t.Fatalf("got %v %v", r.Status, r.Error)
	}
}

func TestQueryDataBadSettingsReported(t *testing.T) {
	inst, _ := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{})
	ds := inst.(*Datasource)
	r := runQuery(t, ds, dataQuery("A", "clusters", `{"watch":"auth"}`))
	if r.Error == nil || !strings.Contains(r.Error.Error(), "engine URL is not set") {
		t.Fatalf("got %v", r.Error)
	}
}

// The changes table: rows in the engine's order, the cluster shown by its label, and the template linked
// to exactly its lines in Explore (the engine's LogQL for Loki, its LogsQL for VictoriaLogs).
func TestQueryDataChangesLinksEachTemplateToItsLines(t *testing.T) {
	ds, fake := newTestDatasource(t, `{"lokiDatasourceUid":"loki-uid"}`, fakeengine.Token)
	dr := runQuery(t, ds, dataQuery("A", "changes", `{"watch":"auth","limit":10}`))
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	if last := fake.Requests[len(fake.Requests)-1]; !strings.HasPrefix(last, "GET /api/v1/changes?") || !strings.Contains(last, "limit=10") {
		t.Fatalf("asked %q", last)
	}
	f := dr.Frames[0]
	field := func(name string) *data.Field {
		fl, _ := f.FieldByName(name)
		if fl == nil {
			t.Fatalf("no field %s", name)
		}
		return fl
	}
	if f.Rows() != 3 || field("status").At(0) != "new" || field("status").At(1) != "gone" || field("status").At(2) != "grown" {
		t.Fatalf("rows %d", f.Rows())
	}
	if field("clusterLabel").At(2) != "sshd: Failed password for <user> from <ip>" || field("cluster").At(2) != "c0" {
		t.Fatalf("cluster %v %v", field("clusterLabel").At(2), field("cluster").At(2))
	}
	if r := field("ratio").At(0).(*float64); r != nil {
		t.Fatalf("a new template has no ratio, got %v", *r)
	}
	// the row's own query, which the internal link below reads
	if q := field("query").At(2).(string); q != "{job=\"auth\"} |~ `Failed password for root`" {
		t.Fatalf("query %s", q)
	}
	if _, idx := f.FieldByName("exploreUrl"); idx != -1 {
		t.Fatal("the hand-built Explore URL column is gone: the internal link replaces it")
	}
	checkTemplateLink(t, field("template"), "loki-uid", "Loki", map[string]any{
		"refId": "A", "expr": "${__data.fields.query}", "queryType": "range", "datasource": map[string]any{"type": "loki", "uid": "loki-uid"},
	})
	// VictoriaLogs: the LogsQL translation, in the victoriametrics-logs-datasource plugin's query model
	vds, _ := newTestDatasource(t, `{"exploreLogStore":"victorialogs","victoriaLogsDatasourceUid":"vl-uid","lokiDatasourceUid":"loki-uid"}`, fakeengine.Token)
	vdr := runQuery(t, vds, dataQuery("A", "changes", `{"watch":"auth"}`))
	vf := vdr.Frames[0]
	logsql, _ := vf.FieldByName("logsql")
	if l := logsql.At(1).(*string); l == nil || *l != `{job="auth"} ~"Accepted publickey"` || logsql.At(2).(*string) != nil {
		t.Fatalf("logsql %v | %v", logsql.At(1), logsql.At(2))
	}
	template, _ := vf.FieldByName("template")
	checkTemplateLink(t, template, "vl-uid", "VictoriaLogs", map[string]any{
		"refId": "A", "expr": "${__data.fields.logsql}", "queryType": "instant", "editorMode": "code",
		"datasource": map[string]any{"type": "victoriametrics-logs-datasource", "uid": "vl-uid"},
	})
	// no log store data source: no link
	nds, _ := newTestDatasource(t, `{}`, fakeengine.Token)
	nt, _ := runQuery(t, nds, dataQuery("A", "changes", `{"watch":"auth"}`)).Frames[0].FieldByName("template")
	if nt.Config != nil && len(nt.Config.Links) != 0 {
		t.Fatalf("links without a log store: %+v", nt.Config.Links)
	}
}

// checkTemplateLink asserts the template field's one link is an internal link to the data source uid
// with exactly the query model want (as Grafana receives it: JSON), and no time range of its own.
func checkTemplateLink(t *testing.T, template *data.Field, uid, name string, want map[string]any) {
	t.Helper()
	if template.Config == nil || len(template.Config.Links) != 1 {
		t.Fatalf("template links %+v", template.Config)
	}
	l := template.Config.Links[0]
	if l.URL != "" || l.Internal == nil || l.Internal.DatasourceUID != uid || l.Internal.DatasourceName != name || l.Internal.Range != nil || l.Title != "Show its lines in "+name {
		t.Fatalf("link %+v internal %+v", l, l.Internal)
	}
	raw, _ := json.Marshal(l.Internal.Query)
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("query %s, want %v", raw, want)
	}
}

// A changes query with a baseline shift asks the engine for the range moved back by it; without one it
// names no baseline (the engine's default, the window just before).
func TestQueryDataChangesAsksForTheShiftedBaseline(t *testing.T) {
	ds, fake := newTestDatasource(t, `{}`, fakeengine.Token)
	dr := runQuery(t, ds, dataQuery("A", "changes", `{"watch":"auth","baselineShift":"1d"}`))
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	last := fake.Requests[len(fake.Requests)-1]
	// dataQuery's range is 1700000000000–1700000600000; a day is 86400000 ms
	for _, want := range []string{"from=1700000000000", "to=1700000600000", "baselineFrom=1699913600000", "baselineTo=1699914200000"} {
		if !strings.Contains(last, want) {
			t.Errorf("request %s lacks %s", last, want)
		}
	}
	runQuery(t, ds, dataQuery("A", "changes", `{"watch":"auth"}`))
	if last := fake.Requests[len(fake.Requests)-1]; strings.Contains(last, "baseline") {
		t.Fatalf("no shift, yet asked %s", last)
	}
}
