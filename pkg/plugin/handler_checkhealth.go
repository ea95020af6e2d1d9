package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// CheckHealth is the "Save & test" button: it reaches the engine, checks its own health report and
// then an authenticated call, so a wrong token is caught here and not on the first panel.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.settingsErr != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: d.settingsErr.Error()}, nil
	}
	h, err := d.engine.Health(ctx)
	if err != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: err.Error()}, nil
	}
	w, err := d.engine.Watches(ctx)
	if err != nil {
		var ee *EngineError
		if errors.As(err, &ee) && ee.Status == http.StatusUnauthorized {
			return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "the engine rejected the token: enter the token `logatlas serve` was started with"}, nil
		}
		if errors.As(err, &ee) && ee.Status == http.StatusForbidden {
			// A tenant token used with another tenant: say which the engine expects.
			return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: fmt.Sprintf("the engine refused tenant %s for this token (%s): set the tenant this token is for, or leave it empty", tenantName(d.settings.Tenant), ee.Message)}, nil
		}
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: err.Error()}, nil
	}
	var problems []string
	for _, c := range []struct {
		name string
		s    ComponentState
	}{{logStoreName(h.LogStore), h.Loki}, {"model", h.Model}, {"store", h.Store}} {
		if !c.s.OK {
			problems = append(problems, fmt.Sprintf("%s: %s", c.name, orDefault(c.s.Error, "not ok")))
		}
	}
	if h.Status != "ok" || len(problems) > 0 {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "engine is degraded — " + strings.Join(problems, "; ")}, nil
	}
	msg := fmt.Sprintf("Engine is healthy (%s, model and store ok); tenant %s: %d watch(es)", logStoreName(h.LogStore), tenantName(d.settings.Tenant), len(w.Watches))
	if len(w.Watches) == 0 {
		msg += ": add one with POST /api/v1/watches on the engine, or start it with `logatlas serve --watch NAME='{selector}'`"
	}
	if d.settings.Explore.UID == "" {
		msg += fmt.Sprintf(". No %s data source is set, so outliers will have no \"Open in Explore\" link", d.settings.Explore.Name())
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg}, nil
}

// tenantName is the tenant the data source reads: its own, or the engine's default without X-Scope-OrgID.
func tenantName(t string) string {
	if t == "" {
		return "default"
	}
	return t
}

func logStoreName(kind string) string {
	if kind == "victorialogs" {
		return "VictoriaLogs"
	}
	return "Loki"
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
