package plugin

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AppPath is where the app plugin's pages live in Grafana.
const AppPath = "/a/" + AppID

// exploreWindow is how much time around an event the Explore link shows.
const exploreWindow = 5 * time.Minute

// StreamSelector renders labels as a LogQL stream selector with sorted keys: {app="sshd",host="a"}.
func StreamSelector(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// ExploreURL opens Loki in Explore on the event's stream, a few minutes either side of it. Empty
// when no Loki data source is configured or the event has no labels (no stream to select).
func ExploreURL(lokiUID string, labels map[string]string, at time.Time) string {
	if lokiUID == "" || len(labels) == 0 {
		return ""
	}
	pane := map[string]any{
		"datasource": lokiUID,
		"queries": []map[string]any{{
			"refId":      "A",
			"expr":       StreamSelector(labels),
			"queryType":  "range",
			"datasource": map[string]string{"type": "loki", "uid": lokiUID},
		}},
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
