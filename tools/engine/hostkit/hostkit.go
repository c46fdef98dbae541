// Package hostkit is what the engine tests' language hosts (language-nodejs, language-python) share: the
// calls every host answers alike, and the start-up the engine expects of a plugin: a health check on the
// engine's address, a gRPC server, and its port printed on stdout.
package hostkit

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Base answers Handshake, GetPluginInfo and GetRequiredPackages; a host embeds it and serves the rest.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// EngineAddress is the engine's gRPC address: the first argument, or what Handshake says.
	EngineAddress string
}

func (b *Base) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.EngineAddress = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPackages lists none: the provider plugins are the stand-ins on PATH, which the engine loads
// when the program first uses a provider, and automatic plugin acquisition is off. (The real hosts read the
// pulumi-plugin.json of every installed package; the stand-ins are not installed as packages.)
func (b *Base) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// ParseFlags parses the flags the engine passes every language host (a host defines its own first), answers
// `-version` and exits, and returns the engine's address: the first argument, when the engine gives one.
func ParseFlags() string {
	showVersion := flag.Bool("version", false, "print the plugin version and exit")
	flag.String("tracing", "", "ignored: tracing is not supported by this host")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		os.Exit(0)
	}
	return flag.Arg(0)
}

// Serve health-checks the engine at engineAddress (when given), serves host until the engine stops it, and
// prints the port first, which is how the engine finds a plugin's server. It exits on any failure.
func Serve(host pulumirpc.LanguageRuntimeServer, engineAddress string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(err)
	}
}
