// Command gpx_logatlas_datasource is the backend of the Log Atlas data source. Grafana starts it
// through hashicorp/go-plugin; it answers queries, health checks and resource calls by calling the
// Log Atlas engine's HTTP API (docs/api.md).
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/logatlas/log-atlas/pkg/plugin"
)

func main() {
	if err := datasource.Manage(plugin.PluginID, plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error(err.Error())
		os.Exit(1)
	}
}
