package fakeengine

import _ "embed"

// Fixed answers of the fake engine, shaped as docs/api.md describes. The same files feed the browser
// harness (tests/browser), where they are named as fake data.

//go:embed fixtures/outliers.json
var outliersJSON string

//go:embed fixtures/scatter.json
var scatterJSON string

//go:embed fixtures/clusters.json
var clustersJSON string

//go:embed fixtures/similar.json
var similarJSON string

//go:embed fixtures/changes.json
var changesJSON string
