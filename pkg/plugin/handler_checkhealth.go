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
		if errors.As(err, &ee) && (ee.Status == http.StatusUnauthorized || ee.Status == http.StatusForbidden) {
			return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "the engine rejected the token: enter the token `logatlas serve` was started with"}, nil
		}
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: err.Error()}, nil
	}
	var problems []string
	for _, c := range []struct {
		name string
		s    ComponentState
	}{{"Loki", h.Loki}, {"model", h.Model}, {"store", h.Store}} {
		if !c.s.OK {
			problems = append(problems, fmt.Sprintf("%s: %s", c.name, orDefault(c.s.Error, "not ok")))
		}
	}
	if h.Status != "ok" || len(problems) > 0 {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "engine is degraded — " + strings.Join(problems, "; ")}, nil
	}
	msg := fmt.Sprintf("Engine is healthy (Loki, model and store ok); %d watch(es)", len(w.Watches))
	if len(w.Watches) == 0 {
		msg += ": create one with `logatlas watch add` or POST /api/v1/watches"
	}
	if d.settings.Explore.UID == "" {
		msg += fmt.Sprintf(". No %s data source is set, so outliers will have no \"Open in Explore\" link", d.settings.Explore.Name())
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg}, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
