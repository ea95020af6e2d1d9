package plugin

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// ChangesFrame: what changed, one row per template, new first, then gone, then by significance. The
// template carries a data link to its lines in Explore (the engine's query for exactly that template).
func ChangesFrame(explore ExploreTarget, c Changes) *data.Frame {
	n := len(c.Templates)
	statuses, templates, clusterLabels, clusters, examples, patterns, queries, links := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	counts, baselines := make([]int64, n), make([]int64, n)
	ratios := make([]*float64, n)
	scores, pValues := make([]float64, n), make([]float64, n)
	firstSeen := make([]time.Time, n)
	from, to := msTime(float64(c.From)), msTime(float64(c.To))
	for i, t := range c.Templates {
		statuses[i], templates[i], clusters[i], patterns[i], queries[i] = t.Status, t.Canonical, t.Cluster, t.Pattern, t.Query
		clusterLabels[i] = orID(t.ClusterLabel, t.Cluster)
		counts[i], baselines[i], ratios[i], scores[i], pValues[i] = t.Count, t.BaselineCount, t.Ratio, t.Score, t.PValue
		firstSeen[i] = msTime(float64(t.FirstSeenMs))
		if len(t.Examples) > 0 {
			examples[i] = t.Examples[0]
		}
		expr := t.Query
		if explore.Kind == LogStoreVictoriaLogs {
			expr = ""
			if t.LogsQL != nil {
				expr = *t.LogsQL
			}
		}
		links[i] = ExploreExprURL(explore, expr, from, to)
	}
	template := data.NewField("template", nil, templates)
	if explore.UID != "" {
		template.Config = &data.FieldConfig{Links: []data.DataLink{{Title: "Show its lines in " + explore.Name(), URL: "${__data.fields.exploreUrl}"}}}
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
		data.NewField("exploreUrl", nil, links),
	)
	f.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return f
}
