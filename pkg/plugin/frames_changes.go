package plugin

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// ChangesFrame: what changed, one row per template, new first, then gone, then by significance. The
// template carries a data link to its lines in Explore: the engine's query for exactly that template
// (query in LogQL, logsql in LogsQL), as an internal link Grafana opens over the panel's time range,
// which is the range compared. A field's links are the same on every row, so a row whose template has
// no LogsQL translation (logsql null) still shows the link and opens Explore with an empty query.
func ChangesFrame(explore ExploreTarget, c Changes) *data.Frame {
	n := len(c.Templates)
	statuses, templates, clusterLabels, clusters, examples, patterns, queries := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	logsql := make([]*string, n)
	counts, baselines := make([]int64, n), make([]int64, n)
	ratios := make([]*float64, n)
	scores, pValues := make([]float64, n), make([]float64, n)
	firstSeen := make([]time.Time, n)
	for i, t := range c.Templates {
		statuses[i], templates[i], clusters[i], patterns[i], queries[i] = t.Status, t.Canonical, t.Cluster, t.Pattern, t.Query
		clusterLabels[i] = orID(t.ClusterLabel, t.Cluster)
		counts[i], baselines[i], ratios[i], scores[i], pValues[i] = t.Count, t.BaselineCount, t.Ratio, t.Score, t.PValue
		firstSeen[i] = msTime(float64(t.FirstSeenMs))
		if len(t.Examples) > 0 {
			examples[i] = t.Examples[0]
		}
		logsql[i] = t.LogsQL
	}
	template := data.NewField("template", nil, templates)
	if explore.UID != "" {
		expr := "${__data.fields.query}"
		if explore.Kind == LogStoreVictoriaLogs {
			expr = "${__data.fields.logsql}"
		}
		template.Config = &data.FieldConfig{Links: []data.DataLink{ExploreLink(explore, "Show its lines in "+explore.Name(), expr)}}
	}
	ratio := data.NewField("ratio", nil, ratios)
	ratio.Config = &data.FieldConfig{Decimals: ptrU16(2), DisplayName: "rate ratio"}
	score := data.NewField("significance", nil, scores)
	score.Config = &data.FieldConfig{Decimals: ptrU16(1), Description: "-log10 of the p-value that the rate did not change (exact test on the counts; small counts score low)"}
	pValue := data.NewField("pValue", nil, pValues)
	pValue.Config = &data.FieldConfig{Custom: map[string]interface{}{"hidden": true}}
	baseline := data.NewField("baselineCount", nil, baselines)
	baseline.Config = &data.FieldConfig{DisplayName: "before"}
	f := data.NewFrame("changes",
		data.NewField("status", nil, statuses),
		template,
		clusterLabelField(data.NewField("clusterLabel", nil, clusterLabels)),
		data.NewField("count", nil, counts),
		baseline,
		ratio,
		score,
		pValue,
		data.NewField("firstSeen", nil, firstSeen),
		data.NewField("example", nil, examples),
		clusterIDField(data.NewField("cluster", nil, clusters)),
		data.NewField("pattern", nil, patterns),
		data.NewField("query", nil, queries),
		data.NewField("logsql", nil, logsql),
	)
	f.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return f
}
