package plugin

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Frames turn engine answers into Grafana data frames. Field names are what panels, transformations
// and alert rules refer to, so they are part of the plugin's interface: change them with care.

func msTime(ms float64) time.Time { return time.UnixMilli(int64(ms)).UTC() }

// VolumeFrames: one time series per cluster, labelled cluster=<id>, displayed by its readable label.
func VolumeFrames(v Volumes) data.Frames {
	frames := make(data.Frames, 0, len(v.Series))
	for _, s := range v.Series {
		times := make([]time.Time, len(s.Points))
		counts := make([]float64, len(s.Points))
		for i, p := range s.Points {
			times[i], counts[i] = msTime(p[0]), p[1]
		}
		name := s.ClusterLabel
		if name == "" {
			name = s.Label
		}
		if name == "" {
			name = s.Cluster
		}
		value := data.NewField("count", data.Labels{"cluster": s.Cluster}, counts)
		value.Config = &data.FieldConfig{DisplayNameFromDS: name}
		f := data.NewFrame(name, data.NewField("time", nil, times), value)
		f.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		frames = append(frames, f)
	}
	return frames
}

// CountFrame: one time series (outliers or new patterns per step), the shape alert rules reduce.
func CountFrame(name string, c Counts) *data.Frame {
	times := make([]time.Time, len(c.Points))
	counts := make([]float64, len(c.Points))
	for i, p := range c.Points {
		times[i], counts[i] = msTime(p[0]), p[1]
	}
	value := data.NewField(name, nil, counts)
	value.Config = &data.FieldConfig{DisplayNameFromDS: name}
	f := data.NewFrame(name, data.NewField("time", nil, times), value)
	f.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return f
}

// OutliersFrame: the outlier table. The line carries two data links: the raw stream in Explore and
// the similar-events page.
func OutliersFrame(watch string, explore ExploreTarget, o Outliers) *data.Frame {
	n := len(o.Outliers)
	times := make([]time.Time, n)
	scores := make([]float64, n)
	kinds := make([]string, n)
	reasons := make([]string, n)
	lines := make([]string, n)
	labels := make([]string, n)
	patterns := make([]string, n)
	nearest := make([]*string, n)
	distances := make([]*float64, n)
	clusters := make([]*string, n)
	clusterLabels := make([]*string, n)
	exploreURLs := make([]string, n)
	similar := make([]string, n)
	for i, e := range o.Outliers {
		t := msTime(float64(e.TimeMs))
		times[i], scores[i], lines[i], patterns[i], kinds[i] = t, e.Score, e.Line, e.Pattern, e.Kind
		reasons[i] = strings.Join(e.Reasons, "; ")
		if len(e.Labels) > 0 {
			labels[i] = StreamSelector(e.Labels)
		}
		nearest[i] = e.NearestCanonical
		if nearest[i] == nil {
			nearest[i] = e.NearestPattern
		}
		distances[i], clusters[i], clusterLabels[i] = e.Distance, e.Cluster, e.ClusterLabel
		if clusterLabels[i] == nil {
			clusterLabels[i] = e.Cluster
		}
		exploreURLs[i] = ExploreURL(explore, e.Labels, t)
		similar[i] = SimilarURL(watch, e.Pattern, e.Line)
	}
	line := data.NewField("line", nil, lines)
	line.Config = &data.FieldConfig{Links: []data.DataLink{
		{Title: "Similar events", URL: "${__data.fields.similarUrl}"},
	}}
	// A URL link, not an internal one (ExploreLink): an internal link's time range is one for the whole
	// field, and each outlier's link opens ±5 min around its own time.
	if explore.UID != "" {
		line.Config.Links = append([]data.DataLink{{Title: "Open in Explore", URL: "${__data.fields.exploreUrl}"}}, line.Config.Links...)
	}
	score := data.NewField("score", nil, scores)
	score.Config = &data.FieldConfig{Min: ptr(0.0), Max: ptr(1.0), Decimals: ptrU16(2)}
	dist := data.NewField("distance", nil, distances)
	dist.Config = &data.FieldConfig{Decimals: ptrU16(3), DisplayName: "distance to nearest"}
	f := data.NewFrame("outliers",
		data.NewField("time", nil, times),
		score,
		data.NewField("kind", nil, kinds),
		data.NewField("reasons", nil, reasons),
		line,
		data.NewField("labels", nil, labels),
		data.NewField("nearest", nil, nearest),
		dist,
		clusterIDField(data.NewField("cluster", nil, clusters)),
		clusterLabelField(data.NewField("clusterLabel", nil, clusterLabels)),
		data.NewField("pattern", nil, patterns),
		data.NewField("exploreUrl", nil, exploreURLs),
		data.NewField("similarUrl", nil, similar),
	)
	f.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return f
}

// ScatterFrame: one row per pattern with its UMAP position; the scatter panel draws it.
func ScatterFrame(s Scatter) *data.Frame {
	n := len(s.Points)
	patterns, clusters, clusterLabels, canon := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	xs, ys := make([]float64, n), make([]float64, n)
	counts := make([]int64, n)
	for i, p := range s.Points {
		patterns[i], xs[i], ys[i], clusters[i], counts[i], canon[i] = p.Pattern, p.X, p.Y, p.Cluster, p.Count, p.Canonical
		clusterLabels[i] = orID(p.ClusterLabel, p.Cluster)
	}
	return data.NewFrame("scatter",
		data.NewField("pattern", nil, patterns),
		data.NewField("x", nil, xs),
		data.NewField("y", nil, ys),
		data.NewField("cluster", nil, clusters),
		clusterLabelField(data.NewField("clusterLabel", nil, clusterLabels)),
		data.NewField("count", nil, counts),
		data.NewField("canonical", nil, canon),
	)
}

// SimilarFrame: events that mean the same as the asked line, nearest first.
func SimilarFrame(watch string, s Similar) *data.Frame {
	n := len(s.Results)
	patterns, canon, examples, clusters, labels, similar := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	clusterLabels := make([]string, n)
	dists := make([]float64, n)
	counts := make([]int64, n)
	for i, r := range s.Results {
		patterns[i], canon[i], examples[i], clusters[i], dists[i], counts[i] = r.Pattern, r.Canonical, r.Example, r.Cluster, r.Distance, r.Count
		if len(r.Labels) > 0 {
			labels[i] = StreamSelector(r.Labels)
		}
		similar[i] = SimilarURL(watch, r.Pattern, "")
		clusterLabels[i] = orID(r.ClusterLabel, r.Cluster)
	}
	dist := data.NewField("distance", nil, dists)
	dist.Config = &data.FieldConfig{Decimals: ptrU16(3)}
	f := data.NewFrame("similar",
		data.NewField("pattern", nil, patterns),
		data.NewField("canonical", nil, canon),
		dist,
		data.NewField("count", nil, counts),
		data.NewField("example", nil, examples),
		clusterIDField(data.NewField("cluster", nil, clusters)),
		clusterLabelField(data.NewField("clusterLabel", nil, clusterLabels)),
		data.NewField("labels", nil, labels),
		data.NewField("similarUrl", nil, similar),
	)
	f.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return f
}

// ClustersFrame: the cluster list with sizes and the entities seen most in each.
func ClustersFrame(c Clusters) *data.Frame {
	n := len(c.Clusters)
	ids, labels, entities := make([]string, n), make([]string, n), make([]string, n)
	sizes, patterns := make([]int64, n), make([]int64, n)
	for i, cl := range c.Clusters {
		// The label as the other frames name the cluster (made distinct among the watch's clusters).
		ids[i], labels[i], sizes[i] = cl.ID, orID(cl.ClusterLabel, cl.Label), cl.Size
		patterns[i] = patternCount(cl.Patterns)
		parts := make([]string, 0, len(cl.TopEntities))
		for _, e := range cl.TopEntities {
			parts = append(parts, e.Kind+"="+e.Value)
		}
		entities[i] = strings.Join(parts, ", ")
	}
	return data.NewFrame("clusters",
		data.NewField("cluster", nil, ids),
		data.NewField("label", nil, labels),
		data.NewField("events", nil, sizes),
		data.NewField("patterns", nil, patterns),
		data.NewField("topEntities", nil, entities),
	)
}

// clusterLabelField: the readable cluster name, shown as "cluster" in tables.
func clusterLabelField(f *data.Field) *data.Field {
	f.Config = &data.FieldConfig{DisplayName: "cluster"}
	return f
}

// clusterIDField: the stable cluster id (c3, noise) that links and filters use; tables hide it and show
// the label (custom.hidden is the table panel's "Hide in table").
func clusterIDField(f *data.Field) *data.Field {
	f.Config = &data.FieldConfig{DisplayName: "cluster id", Custom: map[string]interface{}{"hidden": true}}
	return f
}

// orID: a readable label, else the id (engines from before labels).
func orID(label, id string) string {
	if label != "" {
		return label
	}
	return id
}

// patternCount reads "patterns" as a number or as a list of ids.
func patternCount(raw json.RawMessage) int64 {
	var n float64
	if json.Unmarshal(raw, &n) == nil {
		return int64(n)
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		return int64(len(list))
	}
	return 0
}

func ptr(f float64) *data.ConfFloat64 { c := data.ConfFloat64(f); return &c }
func ptrU16(u uint16) *uint16         { return &u }
