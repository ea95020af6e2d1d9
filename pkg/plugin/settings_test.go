package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestParseSettingsReadsAllFields(t *testing.T) {
	s, err := ParseSettings(backend.DataSourceInstanceSettings{
		URL:                     "http://engine:3101/api/v1/",
		JSONData:                []byte(`{"tenant":"team-a","lokiDatasourceUid":"loki-uid","defaultWatch":"auth","timeoutSeconds":5}`),
		DecryptedSecureJSONData: map[string]string{"engineToken": "s3cret"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{EngineURL: "http://engine:3101", Token: "s3cret", Tenant: "team-a", Explore: ExploreTarget{Kind: LogStoreLoki, UID: "loki-uid"}, DefaultWatch: "auth", Timeout: 5 * time.Second}
	if s != want {
		t.Fatalf("got %+v, want %+v", s, want)
	}
}

// exploreLogStore picks which of the two UIDs the links use; a data source saved before the setting
// existed (no exploreLogStore) keeps linking to its Loki.
func TestParseSettingsExploreLogStore(t *testing.T) {
	both := `"lokiDatasourceUid":"loki-uid","victoriaLogsDatasourceUid":" vl-uid "`
	cases := map[string]ExploreTarget{
		`{` + both + `}`: {Kind: LogStoreLoki, UID: "loki-uid"},
		`{"exploreLogStore":"loki",` + both + `}`:         {Kind: LogStoreLoki, UID: "loki-uid"},
		`{"exploreLogStore":"victorialogs",` + both + `}`: {Kind: LogStoreVictoriaLogs, UID: "vl-uid"},
		`{"exploreLogStore":"victorialogs"}`:              {Kind: LogStoreVictoriaLogs},
	}
	for js, want := range cases {
		s, err := ParseSettings(backend.DataSourceInstanceSettings{URL: "http://x", JSONData: []byte(js)})
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		if s.Explore != want {
			t.Errorf("%s: got %+v, want %+v", js, s.Explore, want)
		}
	}
}

func TestParseSettingsFallsBackToJSONEngineURLAndDefaultTimeout(t *testing.T) {
	s, err := ParseSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{"engineUrl":"https://atlas.example.org/"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if s.EngineURL != "https://atlas.example.org" || s.Timeout != defaultTimeout || s.Token != "" {
		t.Fatalf("unexpected %+v", s)
	}
}

func TestParseSettingsRejectsBadInput(t *testing.T) {
	cases := map[string]backend.DataSourceInstanceSettings{
		"not set":          {},
		"not an http(s)":   {URL: "ftp://x"},
		"not valid JSON":   {URL: "http://x", JSONData: []byte(`{`)},
		"must be positive": {URL: "http://x", JSONData: []byte(`{"timeoutSeconds":-1}`)},
		`exploreLogStore must be "loki" or "victorialogs", got "elastic"`: {URL: "http://x", JSONData: []byte(`{"exploreLogStore":"elastic"}`)},
	}
	for want, in := range cases {
		_, err := ParseSettings(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got error %v", want, err)
		}
	}
}
