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
	if r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "(Loki, model and store ok); tenant default: 2 watch(es)") {
		t.Fatalf("got %v %q", r.Status, r.Message)
	}
	fake.LogStore = "victorialogs"
	if r = checkHealth(t, ds); !strings.Contains(r.Message, "(VictoriaLogs, model and store ok)") {
		t.Fatalf("victorialogs: got %q", r.Message)
	}
	fake.LogStore = "loki"
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

// The tenant the data source reached is named; a tenant token used with another tenant is told apart from
// a wrong token; a tenant without watches is told what really creates one.
func TestCheckHealthTenants(t *testing.T) {
	ds, _ := newTestDatasource(t, `{"tenant":"team-b","lokiDatasourceUid":"loki"}`, fakeengine.TeamBToken)
	if r := checkHealth(t, ds); r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "tenant team-b: 1 watch(es)") {
		t.Fatalf("own tenant: got %v %q", r.Status, r.Message)
	}
	other, _ := newTestDatasource(t, `{"tenant":"acme","lokiDatasourceUid":"loki"}`, fakeengine.TeamBToken)
	r := checkHealth(t, other)
	if r.Status != backend.HealthStatusError || !strings.Contains(r.Message, "the engine refused tenant acme for this token (this token is for tenant team-b, not acme)") {
		t.Fatalf("other tenant: got %v %q", r.Status, r.Message)
	}
	empty, _ := newTestDatasource(t, `{"tenant":"nobody","lokiDatasourceUid":"loki"}`, fakeengine.Token)
	r = checkHealth(t, empty)
	if r.Status != backend.HealthStatusOk || !strings.Contains(r.Message, "tenant nobody: 0 watch(es): add one with POST /api/v1/watches on the engine, or start it with `logatlas serve --watch NAME='{selector}'`") {
		t.Fatalf("no watches: got %v %q", r.Status, r.Message)
	}
	if strings.Contains(r.Message, "watch add") {
		t.Fatalf("names a command that does not exist: %q", r.Message)
	}
}
