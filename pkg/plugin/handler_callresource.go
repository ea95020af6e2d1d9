package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// resourceRoutes are the engine routes the frontend may reach through
// /api/datasources/uid/<uid>/resources/<path>. Anything else is refused: the proxy adds the token
// and tenant, so it must not become a general door into the engine.
var resourceRoutes = map[string][]string{
	"watches":  {http.MethodGet, http.MethodPost},
	"stats":    {http.MethodGet},
	"clusters": {http.MethodGet},
	"scatter":  {http.MethodGet},
	"similar":  {http.MethodPost},
	"feedback": {http.MethodGet, http.MethodPost},
	"changes":  {http.MethodGet},
	"search":   {http.MethodPost},
}

// resourcePatterns are the routes that name their target in the path. Each pattern admits one path
// segment of a safe form only (a watch name, a UUID), so no path can reach another engine route
// ("..", "/", "%2F" and the like never match).
var resourcePatterns = []struct {
	path    *regexp.Regexp
	methods []string
}{
	{regexp.MustCompile(`^watches/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$`), []string{http.MethodGet, http.MethodPatch, http.MethodDelete}},
	{regexp.MustCompile(`^feedback/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`), []string{http.MethodDelete}},
}

// allowedMethods: the methods a resource path may be called with (false: no such resource).
func allowedMethods(path string) ([]string, bool) {
	if methods, ok := resourceRoutes[path]; ok {
		return methods, true
	}
	for _, p := range resourcePatterns {
		if p.path.MatchString(path) {
			return p.methods, true
		}
	}
	return nil, false
}

// CallResource proxies the allowed routes to the engine with this data source's token and tenant.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	if d.settingsErr != nil {
		return sendJSONError(sender, http.StatusBadRequest, "Log Atlas data source settings: "+d.settingsErr.Error())
	}
	path := strings.Trim(req.Path, "/")
	methods, ok := allowedMethods(path)
	if !ok {
		return sendJSONError(sender, http.StatusNotFound, "no such Log Atlas resource: "+path)
	}
	allowed := false
	for _, m := range methods {
		allowed = allowed || m == req.Method
	}
	if !allowed {
		return sendJSONError(sender, http.StatusMethodNotAllowed, req.Method+" is not allowed on "+path)
	}
	var query url.Values
	if u, err := url.Parse(req.URL); err == nil {
		query = u.Query()
	}
	var body []byte
	if req.Method == http.MethodPost || req.Method == http.MethodPatch {
		body = req.Body
		if !json.Valid(body) {
			return sendJSONError(sender, http.StatusBadRequest, "request body must be JSON")
		}
	}
	status, raw, err := d.engine.Do(ctx, req.Method, "/"+path, query, body)
	if err != nil {
		var ee *EngineError
		if errors.As(err, &ee) && ee.Status != 0 {
			return sendJSONError(sender, ee.Status, ee.Message)
		}
		return sendJSONError(sender, http.StatusBadGateway, err.Error())
	}
	if status == http.StatusNoContent {
		return sender.Send(&backend.CallResourceResponse{Status: status})
	}
	return sender.Send(&backend.CallResourceResponse{
		Status:  status,
		Headers: map[string][]string{"Content-Type": {"application/json"}},
		Body:    raw,
	})
}

func sendJSONError(sender backend.CallResourceResponseSender, status int, msg string) error {
	body, _ := json.Marshal(map[string]string{"error": msg})
	return sender.Send(&backend.CallResourceResponse{
		Status:  status,
		Headers: map[string][]string{"Content-Type": {"application/json"}},
		Body:    body,
	})
}
