package contract

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// pluginProcess is the real plugin binary started the way Grafana starts a backend plugin: the SDK's
// handshake (protocol 2, magic cookie), gRPC only, plugin sets "diagnostics", "resource", "data".
type pluginProcess struct {
	client      *goplugin.Client
	data        grpcplugin.DataClient
	diagnostics grpcplugin.DiagnosticsClient
	resource    grpcplugin.ResourceClient
}

// pluginBinary is $LOGATLAS_PLUGIN_BINARY (what `npm run build:backend` wrote to dist/), or else a
// fresh CGO-free build of ./pkg into the test's temp dir.
func pluginBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LOGATLAS_PLUGIN_BINARY"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("LOGATLAS_PLUGIN_BINARY: %v", err)
		}
		return p
	}
	out := filepath.Join(t.TempDir(), "gpx_logatlas_datasource_"+runtime.GOOS+"_"+runtime.GOARCH)
	cmd := exec.Command("go", "build", "-o", out, "./pkg")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the plugin: %v\n%s", err, b)
	}
	return out
}

func startPlugin(t *testing.T, binary string) *pluginProcess {
	t.Helper()
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		VersionedPlugins: map[int]goplugin.PluginSet{
			grpcplugin.ProtocolVersion: {
				"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
				"resource":    &grpcplugin.ResourceGRPCPlugin{},
				"data":        &grpcplugin.DataGRPCPlugin{},
			},
		},
		Cmd:              exec.Command(binary),
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "plugin", Level: hclog.Warn, Output: os.Stderr}),
	})
	t.Cleanup(client.Kill)
	rpc, err := client.Client()
	if err != nil {
		t.Fatalf("go-plugin handshake with %s failed: %v", binary, err)
	}
	p := &pluginProcess{client: client}
	for name, dst := range map[string]any{"data": &p.data, "diagnostics": &p.diagnostics, "resource": &p.resource} {
		raw, err := rpc.Dispense(name)
		if err != nil {
			t.Fatalf("dispense %s: %v", name, err)
		}
		switch d := dst.(type) {
		case *grpcplugin.DataClient:
			*d = raw.(grpcplugin.DataClient)
		case *grpcplugin.DiagnosticsClient:
			*d = raw.(grpcplugin.DiagnosticsClient)
		case *grpcplugin.ResourceClient:
			*d = raw.(grpcplugin.ResourceClient)
		}
	}
	return p
}

// callResource reads the whole streamed resource answer.
func (p *pluginProcess) callResource(ctx context.Context, t *testing.T, pc *pluginv2.PluginContext, method, path, url string, body []byte) *pluginv2.CallResourceResponse {
	t.Helper()
	stream, err := p.resource.CallResource(ctx, &pluginv2.CallResourceRequest{PluginContext: pc, Method: method, Path: path, Url: url, Body: body})
	if err != nil {
		t.Fatalf("CallResource %s: %v", path, err)
	}
	var first *pluginv2.CallResourceResponse
	for {
		r, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("CallResource %s recv: %v", path, err)
		}
		if first == nil {
			first = r
		} else {
			first.Body = append(first.Body, r.Body...)
		}
	}
	if first == nil {
		t.Fatalf("CallResource %s: no answer", path)
	}
	return first
}
