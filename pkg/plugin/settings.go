package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Settings is one configured Log Atlas data source: where the engine is, how to authenticate, which
// tenant's data it reads and which log store data source (Loki or VictoriaLogs) the "open in Explore"
// links point at.
type Settings struct {
	EngineURL    string        // base URL of `logatlas serve`, without /api/v1
	Token        string        // bearer token (secureJsonData.engineToken)
	Tenant       string        // X-Scope-OrgID sent to the engine; empty = engine default tenant
	Explore      ExploreTarget // the data source Explore links open; no UID = no links
	DefaultWatch string        // watch used when a query names none
	Timeout      time.Duration // per engine request
}

// jsonSettings is the data source's jsonData. Both log store UIDs are kept, so that switching
// exploreLogStore back and forth in the editor loses neither; exploreLogStore picks the one used
// (empty = loki, the setting data sources made before VictoriaLogs had).
type jsonSettings struct {
	EngineURL       string `json:"engineUrl"`
	Tenant          string `json:"tenant"`
	ExploreLogStore string `json:"exploreLogStore"`
	LokiUID         string `json:"lokiDatasourceUid"`
	VictoriaLogsUID string `json:"victoriaLogsDatasourceUid"`
	DefaultWatch    string `json:"defaultWatch"`
	TimeoutSeconds  int    `json:"timeoutSeconds"`
}

const defaultTimeout = 30 * time.Second

// ParseSettings reads the data source's jsonData and secureJsonData. The engine URL is the data
// source URL (the standard "URL" field) or jsonData.engineUrl when the URL is empty.
func ParseSettings(s backend.DataSourceInstanceSettings) (Settings, error) {
	var js jsonSettings
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &js); err != nil {
			return Settings{}, fmt.Errorf("data source settings are not valid JSON: %w", err)
		}
	}
	raw := strings.TrimSpace(s.URL)
	if raw == "" {
		raw = strings.TrimSpace(js.EngineURL)
	}
	if raw == "" {
		return Settings{}, errors.New("engine URL is not set: enter the address of `logatlas serve`, e.g. http://localhost:3101")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Settings{}, fmt.Errorf("engine URL %q is not an http(s) URL such as http://localhost:3101", raw)
	}
	base := strings.TrimRight(u.String(), "/")
	base = strings.TrimSuffix(base, "/api/v1")
	if js.TimeoutSeconds < 0 {
		return Settings{}, fmt.Errorf("timeoutSeconds must be positive, got %d", js.TimeoutSeconds)
	}
	explore := ExploreTarget{Kind: strings.TrimSpace(js.ExploreLogStore)}
	switch explore.Kind {
	case "", LogStoreLoki:
		explore = ExploreTarget{Kind: LogStoreLoki, UID: strings.TrimSpace(js.LokiUID)}
	case LogStoreVictoriaLogs:
		explore.UID = strings.TrimSpace(js.VictoriaLogsUID)
	default:
		return Settings{}, fmt.Errorf("exploreLogStore must be %q or %q, got %q", LogStoreLoki, LogStoreVictoriaLogs, explore.Kind)
	}
	timeout := defaultTimeout
	if js.TimeoutSeconds > 0 {
		timeout = time.Duration(js.TimeoutSeconds) * time.Second
	}
	return Settings{
		EngineURL:    base,
		Token:        s.DecryptedSecureJSONData["engineToken"],
		Tenant:       strings.TrimSpace(js.Tenant),
		Explore:      explore,
		DefaultWatch: strings.TrimSpace(js.DefaultWatch),
		Timeout:      timeout,
	}, nil
}
