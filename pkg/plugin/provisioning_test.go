package plugin

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"sigs.k8s.io/yaml"
)

// The provisioned data sources and alert rule (provisioning/) must pass this backend's own parsing:
// what Grafana hands the plugin from those files is what these functions read.
func TestProvisionedSettingsAndAlertQueryParse(t *testing.T) {
	// docker-compose.yaml mounts datasources/ (Loki), docker-compose.victorialogs.yaml
	// datasources-victorialogs/; each names the log store its Explore links open.
	for file, kind := range map[string]string{
		"../../provisioning/datasources/logatlas.yaml":              LogStoreLoki,
		"../../provisioning/datasources-victorialogs/logatlas.yaml": LogStoreVictoriaLogs,
	} {
		var dsFile struct {
			Datasources []struct {
				UID            string            `json:"uid"`
				Type           string            `json:"type"`
				URL            string            `json:"url"`
				JSONData       json.RawMessage   `json:"jsonData"`
				SecureJSONData map[string]string `json:"secureJsonData"`
			} `json:"datasources"`
		}
		readYAML(t, file, &dsFile)
		types := map[string]string{} // uid -> plugin type
		for _, d := range dsFile.Datasources {
			types[d.UID] = d.Type
		}
		found := false
		for _, d := range dsFile.Datasources {
			if d.Type != PluginID {
				continue
			}
			found = true
			secure := map[string]string{}
			for k, v := range d.SecureJSONData {
				secure[k] = strings.ReplaceAll(v, "$LOGATLAS_TOKEN", "from-env") // Grafana expands env vars
			}
			s, err := ParseSettings(backend.DataSourceInstanceSettings{URL: d.URL, JSONData: d.JSONData, DecryptedSecureJSONData: secure})
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if s.Token != "from-env" || s.DefaultWatch == "" || s.Timeout != 30*time.Second {
				t.Fatalf("%s: settings %+v", file, s)
			}
			wantType := map[string]string{LogStoreLoki: lokiPluginID, LogStoreVictoriaLogs: victoriaLogsPluginID}[kind]
			if s.Explore.Kind != kind || s.Explore.UID == "" || types[s.Explore.UID] != wantType {
				t.Fatalf("%s: Explore links open %+v (a %q data source), want a provisioned %s data source", file, s.Explore, types[s.Explore.UID], wantType)
			}
		}
		if !found {
			t.Fatalf("%s: no Log Atlas data source provisioned", file)
		}
	}

	var alertFile struct {
		Groups []struct {
			Rules []struct {
				Data []struct {
					DatasourceUID string          `json:"datasourceUid"`
					Model         json.RawMessage `json:"model"`
				} `json:"data"`
			} `json:"rules"`
		} `json:"groups"`
	}
	queries := 0
	for _, file := range []string{"../../provisioning/alerting/logatlas-outliers.yaml", "../../provisioning/alerting/logatlas-changes.yaml"} {
		alertFile.Groups = nil
		readYAML(t, file, &alertFile)
		for _, g := range alertFile.Groups {
			for _, r := range g.Rules {
				for _, d := range r.Data {
					if d.DatasourceUID == "__expr__" {
						continue
					}
					queries++
					q, err := ParseQuery(backend.DataQuery{JSON: d.Model}, "")
					if err != nil {
						t.Fatalf("alert query does not parse: %v", err)
					}
					if q.QueryType != QueryOutlierCount && q.QueryType != QueryNewPatternCount && q.QueryType != QueryChangedTemplateCount {
						t.Fatalf("%s: alert rule queries %s, not a count time series", file, q.QueryType)
					}
				}
			}
		}
	}
	if queries == 0 {
		t.Fatal("the alert rule has no Log Atlas query")
	}
}

func readYAML(t *testing.T, path string, out any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
