package plugin

import "encoding/json"

// Wire types of the engine HTTP API v1 (docs/api.md). Only the fields the plugin uses are typed;
// the engine may add fields (the contract changes only additively).

type Health struct {
	Status   string         `json:"status"`
	LogStore string         `json:"logStore"` // "loki" or "victorialogs" (older engines: absent, Loki)
	Loki     ComponentState `json:"loki"`
	Model    ComponentState `json:"model"`
	Store    ComponentState `json:"store"`
}

type ComponentState struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

type Watch struct {
	Name           string `json:"name"`
	Selector       string `json:"selector"`
	BackfillFromMs *int64 `json:"backfillFromMs,omitempty"`
	State          string `json:"state,omitempty"`
	Error          string `json:"error,omitempty"`
}

type WatchList struct {
	Watches []Watch `json:"watches"`
}

// Point is [timeMs, count].
type Point [2]float64

type VolumeSeries struct {
	Cluster string `json:"cluster"`
	Label   string `json:"label"`
	// ClusterLabel is the readable name (engines before it: absent; Label then names the series).
	ClusterLabel string  `json:"clusterLabel"`
	Points       []Point `json:"points"`
}

type Volumes struct {
	Step   int            `json:"step"`
	Series []VolumeSeries `json:"series"`
}

type Outlier struct {
	ID               int64             `json:"id"`
	Kind             string            `json:"kind"` // distance, novelty, burst, entity, rule
	Rule             *string           `json:"rule"`
	TimeMs           int64             `json:"timeMs"`
	TsNs             string            `json:"tsNs"`
	Score            float64           `json:"score"`
	Reasons          []string          `json:"reasons"`
	Line             string            `json:"line"`
	Labels           map[string]string `json:"labels"`
	Pattern          string            `json:"pattern"` // null (no pattern, e.g. a burst) reads as ""
	NearestPattern   *string           `json:"nearestPattern"`
	NearestCanonical *string           `json:"nearestCanonical"`
	Distance         *float64          `json:"distance"`
	Cluster          *string           `json:"cluster"`
	ClusterLabel     *string           `json:"clusterLabel"`
}

type Outliers struct {
	Outliers []Outlier `json:"outliers"`
}

type Counts struct {
	Kind   string  `json:"kind"`
	Step   int     `json:"step"`
	Points []Point `json:"points"`
}

type ScatterPoint struct {
	Pattern string  `json:"pattern"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Cluster string  `json:"cluster"`
	// ClusterLabel is the cluster's readable name; Cluster stays the id links and filters use.
	ClusterLabel string `json:"clusterLabel"`
	Count        int64  `json:"count"`
	Canonical    string `json:"canonical"`
}

type Scatter struct {
	Points []ScatterPoint `json:"points"`
}

type Entity struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	Count int64  `json:"count"`
}

type Cluster struct {
	ID           string          `json:"id"`
	Label        string          `json:"label"`
	ClusterLabel string          `json:"clusterLabel"` // Label made distinct among the watch's clusters
	Size         int64           `json:"size"`
	Patterns     json.RawMessage `json:"patterns"` // a count or a list, depending on the engine version
	TopEntities  []Entity        `json:"topEntities"`
}

type Clusters struct {
	// Total is how many clusters the watch has (more than listed when a limit was asked).
	Total    int       `json:"total"`
	Clusters []Cluster `json:"clusters"`
}

type SimilarRequest struct {
	Watch   string `json:"watch"`
	Line    string `json:"line,omitempty"`
	Pattern string `json:"pattern,omitempty"`
	K       int    `json:"k,omitempty"`
}

type SimilarResult struct {
	Pattern      string            `json:"pattern"`
	Canonical    string            `json:"canonical"`
	Distance     float64           `json:"distance"`
	Count        int64             `json:"count"`
	Example      string            `json:"example"`
	Cluster      string            `json:"cluster"`
	ClusterLabel string            `json:"clusterLabel"`
	Labels       map[string]string `json:"labels"`
}

type Similar struct {
	Results []SimilarResult `json:"results"`
}
