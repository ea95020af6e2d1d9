package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

const (
	// PluginID is the nested data source's id (src/datasource/plugin.json).
	PluginID = "logatlas-logatlas-datasource"
	// AppID is the app plugin that contains it (src/plugin.json).
	AppID = "logatlas-logatlas-app"
)

// Datasource is one configured Log Atlas data source instance. Its capabilities live one per file:
// handler_querydata.go, handler_checkhealth.go, handler_callresource.go.
type Datasource struct {
	settings    Settings
	engine      *EngineClient
	settingsErr error // set when the saved settings are unusable
}

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// NewDatasource is the instance factory Grafana calls when a data source is created or its settings
// change. Bad settings do not fail the instance: every query and the health check then report them,
// and the plugin log says so once here.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	parsed, err := ParseSettings(s)
	if err == nil {
		var engine *EngineClient
		if engine, err = newEngineClientFor(ctx, s, parsed); err == nil {
			return &Datasource{settings: parsed, engine: engine}, nil
		}
	}
	backend.Logger.FromContext(ctx).Error("Log Atlas data source settings are unusable", "uid", s.UID, "name", s.Name, "error", err.Error())
	return &Datasource{settingsErr: err}, nil
}

// newEngineClientFor gives the engine client the SDK's HTTP options of this data source: Grafana's
// TLS, proxy, custom-header and timeout settings (its own timeoutSeconds wins over "timeout").
func newEngineClientFor(ctx context.Context, s backend.DataSourceInstanceSettings, parsed Settings) (*EngineClient, error) {
	opts, err := s.HTTPClientOptions(ctx)
	if err != nil {
		return nil, fmt.Errorf("data source HTTP settings: %w", err)
	}
	if opts.Labels != nil && opts.Labels["datasource_type"] == "" {
		opts.Labels["datasource_type"] = PluginID // the SDK's metrics middleware names the type; Grafana always sends it
	}
	return NewEngineClient(parsed, opts)
}

func (d *Datasource) Dispose() {
	if d.engine != nil {
		d.engine.Close()
	}
}

// errorResponse turns an engine or input error into the per-query error Grafana shows on the panel.
// Engine failures are logged where they happen (EngineClient.Do); a query the plugin refuses is logged
// here, at debug: it is the user's to fix and the panel says how.
func errorResponse(err error) backend.DataResponse {
	var ee *EngineError
	if !errors.As(err, &ee) {
		backend.Logger.Debug("Log Atlas query refused", "error", err.Error())
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourcePlugin, err.Error())
	}
	status := backend.StatusBadGateway
	msg := "Log Atlas engine: " + ee.Message
	switch ee.Status {
	case 0:
		status = backend.StatusBadGateway
	case http.StatusUnauthorized, http.StatusForbidden:
		status = backend.StatusUnauthorized
		msg = fmt.Sprintf("Log Atlas engine rejected the token (%s): set the engine token in the data source settings", ee.Message)
	case http.StatusNotFound:
		status = backend.StatusNotFound
	case http.StatusBadRequest:
		status = backend.StatusBadRequest
	case http.StatusGatewayTimeout:
		status = backend.StatusTimeout
	}
	return backend.ErrDataResponseWithSource(status, backend.ErrorSourceDownstream, msg)
}
