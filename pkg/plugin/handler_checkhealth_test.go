package plugin

import (
	"context"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/logatlas/log-atlas/pkg/fakeengine"
)

func checkHealth(t *testing.T, ds *Datasource) *backend.CheckHealthResult {
	t.Helper()
	r, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCheckHealth(t *testing.T) {
	ds, fake := newTestDatasource(t, `{"lokiDatasourceUid":"loki"}`, fakeengine.Token)
	r := checkHealth(t, ds)
	if r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "2 watch(es)") {
		t.Fatalf("got %v %q", r.Status, r.Message)
	}
	fake.Degraded = true
	r = checkHealth(t, ds)
	if r.Status != backend.HealthStatusError || !strings.Contains(r.Message, "Loki: connection refused") {
		t.Fatalf("degraded: got %v %q", r.Status, r.Message)
	}
	fake.Close()
	if r = checkHealth(t, ds); r.Status != backend.HealthStatusError || !strings.Contains(r.Message, "cannot reach the engine") {
		t.Fatalf("down: got %v %q", r.Status, r.Message)
	}
}

func TestCheckHealthWrongTokenAndNoLoki(t *testing.T) {
	ds, _ := newTestDatasource(t, `{}`, "bad")
	if r := checkHealth(t, ds); r.Status != backend.HealthStatusError || !strings.Contains(r.Message, "rejected the token") {
		t.Fatalf("got %v %q", r.Status, r.Message)
	}
	ds2, _ := newTestDatasource(t, `{}`, fakeengine.Token)
	if r := checkHealth(t, ds2); r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "No Loki data source") {
		t.Fatalf("got %v %q", r.Status, r.Message)
	}
	ds3, _ := newTestDatasource(t, `{"exploreLogStore":"victorialogs","lokiDatasourceUid":"loki"}`, fakeengine.Token)
	if r := checkHealth(t, ds3); r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "No VictoriaLogs data source") {
		t.Fatalf("got %v %q", r.Status, r.Message)
	}
}
