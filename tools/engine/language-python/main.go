// Command pulumi-language-python is a small Python language host for the engine tests. The real host is the
// untagged module github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3, which the Go module
// proxy refuses (403) at v3.274.1 and at its commit, so this one does what that host's main.go does for
// `preview` and `up`: Run starts the SDK's `pulumi-language-python-exec` with the same arguments and
// PULUMI_CONFIG environment in a pip virtualenv. The exec script is v3.274.1's own, which the sdk/v3 module
// ships (tools/engine/build.sh puts it beside this binary, where the real host looks for it). The virtualenv
// is the runtime option `virtualenv` (relative to the project's root, as for the real host) or else the
// engine's .tools/engine/python (tools/engine/python-venv.sh, with the pinned SDK). GeneratePackage
// (codegen.go) is the real host's, for `pulumi package gen-sdk --language python`. Plugins (RunPlugin),
// program generation, Pack, Link and dependency installation are not served.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"

	"multi-region-api/tools/engine/hostkit"
)

// pythonBailExitCode is the exec script's "the user already saw an actionable message" exit code.
const pythonBailExitCode = 32

type host struct {
	hostkit.Base
	// The exec script and the engine's virtualenv, found from this binary's own path.
	exec, defaultVenv string
}

func main() {
	engineAddress := hostkit.ParseFlags()
	self, err := os.Executable()
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not determine current executable: %w", err))
	}
	bin := filepath.Dir(self)
	h := &host{
		exec:        filepath.Join(bin, "pulumi-language-python-exec"),
		defaultVenv: filepath.Join(bin, "..", "python"),
	}
	if _, err := os.Stat(h.exec); err != nil {
		cmdutil.Exit(fmt.Errorf("missing executor %s: %w", h.exec, err))
	}
	h.EngineAddress = engineAddress
	hostkit.Serve(h, engineAddress)
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return errors.New("this engine-test host installs nothing: tools/engine/python-venv.sh makes its virtualenv")
}

// pythonCommand is the real host's toolchain for a pip project: python from the virtualenv, with the
// virtualenv activated in its environment.
func (h *host) pythonCommand(ctx context.Context, info *pulumirpc.ProgramInfo, args ...string) (*exec.Cmd, error) {
	venv := h.defaultVenv
	if v, ok := info.GetOptions().AsMap()["virtualenv"]; ok {
		s, ok := v.(string)
		if !ok {
			return nil, errors.New("virtualenv option must be a string")
		}
		venv = s
	}
	tc, err := toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Virtualenv: venv,
		Toolchain:  toolchain.Pip,
	})
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, fmt.Errorf("%w (run tools/engine/python-venv.sh)", err)
	}
	return tc.Command(ctx, args...)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	// The exec script's arguments, as the real host's constructArguments builds them.
	args := []string{h.exec}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.EngineAddress)
	add("project", req.GetProject())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("dry_run", strconv.FormatBool(req.GetDryRun()))
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("organization", req.GetOrganization())
	args = append(args, req.GetInfo().GetEntryPoint())
	args = append(args, req.GetArgs()...)

	// The Python SDK takes the engine's key form <namespace>:<name> as it is (constructConfig).
	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}

	cmd, err := h.pythonCommand(ctx, req.GetInfo(), args...)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		// Python does not flush on an abnormal exit: flush here so the engine sees what the program wrote.
		_ = os.Stdout.Sync()
		_ = os.Stderr.Sync()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ee.ExitCode() == pythonBailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", ee.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{
			Error: "problem executing program (could not run language executor): " + err.Error(),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}
