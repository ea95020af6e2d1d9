package plugin

import (
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// AppPath is where the app plugin's pages live in Grafana.
const AppPath = "/a/" + AppID

// exploreWindow is how much time around an event the Explore link shows.
const exploreWindow = 5 * time.Minute

// The log stores "Open in Explore" links can lead to, as named in the data source's jsonData
// (exploreLogStore), and the Grafana data source plugin each one is queried through.
const (
	LogStoreLoki         = "loki"
	LogStoreVictoriaLogs = "victorialogs"

	lokiPluginID         = "loki"
	victoriaLogsPluginID = "victoriametrics-logs-datasource"
)

// ExploreTarget is the data source the "Open in Explore" links open: which kind of log store, and its
// Grafana UID. No UID, no links.
type ExploreTarget struct {
	Kind string // LogStoreLoki or LogStoreVictoriaLogs
	UID  string
}

// Name is the log store's name as a person reads it.
func (t ExploreTarget) Name() string {
	if t.Kind == LogStoreVictoriaLogs {
		return "VictoriaLogs"
	}
	return "Loki"
}

// StreamSelector renders labels as a LogQL stream selector with sorted keys: {app="sshd",host="a"}.
func StreamSelector(labels map[string]string) string {
	keys := sortedKeys(labels)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

var plainLogsQLName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// LogsQLStreamFilter renders labels as a LogsQL stream filter with sorted keys: {app="sshd",host="a"}.
// Values are quoted as LogsQL reads quoted strings (Go escapes); a name that is not a plain identifier
// (service.name, k8s-pod) is quoted too, which the stream filter parser accepts as one token.
// https://docs.victoriametrics.com/victorialogs/logsql/#stream-filter
func LogsQLStreamFilter(labels map[string]string) string {
	keys := sortedKeys(labels)
	parts := make([]string, len(keys))
	for i, k := range keys {
		name := k
		if !plainLogsQLName.MatchString(k) {
			name = strconv.Quote(k)
		}
		parts[i] = name + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func sortedKeys(labels map[string]string) []string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// exploreQuery is the query of the Explore pane in the target data source's own query model: Loki's
// (expr + queryType "range") or the victoriametrics-logs-datasource plugin's (expr + queryType
// "instant", its raw-logs query on /select/logsql/query, in the code editor).
func exploreQuery(target ExploreTarget, labels map[string]string) map[string]any {
	if target.Kind == LogStoreVictoriaLogs {
		return map[string]any{
			"refId":      "A",
			"expr":       LogsQLStreamFilter(labels),
			"queryType":  "instant",
			"editorMode": "code",
			"datasource": map[string]string{"type": victoriaLogsPluginID, "uid": target.UID},
		}
	}
	return map[string]any{
		"refId":      "A",
		"expr":       StreamSelector(labels),
		"queryType":  "range",
		"datasource": map[string]string{"type": lokiPluginID, "uid": target.UID},
	}
}

// ExploreURL opens the log store in Explore on the event's stream, a few minutes either side of it.
// Empty when no log store data source is configured or the event has no labels (no stream to select).
func ExploreURL(target ExploreTarget, labels map[string]string, at time.Time) string {
	if target.UID == "" || len(labels) == 0 {
		return ""
	}
	pane := map[string]any{
		"datasource": target.UID,
		"queries":    []map[string]any{exploreQuery(target, labels)},
		"range": map[string]string{
			"from": strconv.FormatInt(at.Add(-exploreWindow).UnixMilli(), 10),
			"to":   strconv.FormatInt(at.Add(exploreWindow).UnixMilli(), 10),
		},
	}
	panes, _ := json.Marshal(map[string]any{"la": pane})
	v := url.Values{}
	v.Set("schemaVersion", "1")
	v.Set("panes", string(panes))
	return "/explore?" + v.Encode()
}

// ExploreLink is a data link Grafana itself turns into an Explore link on the log store data source
// (an internal link: Grafana builds the URL, so it is right under a sub-path too). expr is the query,
// usually a ${__data.fields.…} variable Grafana fills per row. It has no time range, so Explore opens
// on the panel's. The zero DataLink when no log store data source is configured.
func ExploreLink(target ExploreTarget, title, expr string) data.DataLink {
	if target.UID == "" {
		return data.DataLink{}
	}
	q := exploreQuery(target, nil)
	q["expr"] = expr
	return data.DataLink{Title: title, Internal: &data.InternalDataLink{DatasourceUID: target.UID, DatasourceName: target.Name(), Query: q}}
}

// SimilarURL opens the app's similar-events page for a pattern (preferred) or a raw line.
func SimilarURL(watch, pattern, line string) string {
	v := url.Values{}
	v.Set("watch", watch)
	if pattern != "" {
		v.Set("pattern", pattern)
	} else {
		v.Set("line", line)
	}
	return AppPath + "/similar?" + v.Encode()
}
