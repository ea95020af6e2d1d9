package plugin

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/logatlas/log-atlas/pkg/fakeengine"
)

// updateGolden rewrites testdata/*.jsonc from the current output (UPDATE_GOLDEN=1 go test ./pkg/...);
// review the diff before committing it.
var updateGolden = os.Getenv("UPDATE_GOLDEN") == "1"

// newTestDatasource builds a data source instance pointed at a fresh FAKE engine.
func newTestDatasource(t *testing.T, jsonData string, token string) (*Datasource, *fakeengine.Fake) {
	t.Helper()
	fake := fakeengine.Start()
	t.Cleanup(fake.Close)
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		URL:                     fake.URL,
		JSONData:                json.RawMessage(jsonData),
		DecryptedSecureJSONData: map[string]string{"engineToken": token},
	})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	t.Cleanup(ds.Dispose)
	return ds, fake
}

var testRange = backend.TimeRange{From: time.UnixMilli(1_700_000_000_000).UTC(), To: time.UnixMilli(1_700_000_600_000).UTC()}

func dataQuery(refID, queryType, model string) backend.DataQuery {
	return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model), TimeRange: testRange, Interval: time.Minute}
}
