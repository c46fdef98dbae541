// Command pulumi-language-nodejs is a small Node.js language host for the engine tests. The real host is the
// untagged module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which the Go module
// proxy refuses (403) at the sdk/v3.274.1 commit, so this one does what that host's main.go does for the
// calls `preview`, `up`, `refresh`, `destroy` and `--policy-pack` make: Run starts
// `node @pulumi/pulumi/cmd/run` with the same arguments and PULUMI_CONFIG environment, and RunPlugin for an
// analyzer starts `node @pulumi/pulumi/cmd/run-policy-pack` behind sdk/v3's PolicyProxy, as the real host does;
// RunPlugin for a resource plugin (components/plugin, which a YAML program names in `packages:`) runs the
// plugin's TypeScript entry through tsx (runResourcePlugin says how that differs from the real host).
// Code generation, Pack, Link and dependency installation are not served: `npm ci` installs the program.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"multi-region-api/tools/engine/hostkit"
)

// nodeJSBailExitCode is the run harness's "the user already saw an actionable message" exit code.
const nodeJSBailExitCode = 32

type host struct {
	hostkit.Base
}

func main() {
	flag.String("runtime", "nodejs", "only nodejs is supported")
	// Plugin hosts of older SDKs (pulumi-language-yaml v1.25.0's, on sdk v3.206.0) pass the project root.
	flag.String("root", "", "ignored: the engine sends the program's directories with each call")
	engineAddress := hostkit.ParseFlags()
	h := &host{}
	h.EngineAddress = engineAddress
	hostkit.Serve(h, engineAddress)
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return errors.New("this engine-test host installs nothing: run `npm ci` in " + req.GetInfo().GetProgramDirectory())
}

// locateModule resolves a module from the program's directory, as the real host's locateModule does.
func locateModule(mod, dir string) (string, error) {
	cmd := exec.Command("node", "-e", fmt.Sprintf(
		"try { console.log(require.resolve(%q)); } catch (e) { console.error(e.code === 'MODULE_NOT_FOUND' ? "+
			"'It looks like the Pulumi SDK has not been installed. Have you run npm ci?' : e.message); process.exit(1); }",
		mod))
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", errors.New(string(ee.Stderr))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// typescriptEnv turns the project's runtime options into the harness's environment, as parseOptions does.
func typescriptEnv(options map[string]any) []string {
	var env []string
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if p, ok := options["tsconfig"].(string); ok && p != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+p)
	}
	return env
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	runPath, err := locateModule("@pulumi/pulumi/cmd/run", dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := []string{runPath}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	// The real host puts a forwarding proxy in front of the monitor; the harness talks to the monitor itself.
	add("monitor", req.GetMonitorAddress())
	add("engine", h.EngineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, req.GetInfo().GetEntryPoint())
	args = append(args, req.GetArgs()...)

	// The harness expects the old key form <namespace>:config:<name>, as the real host's constructConfig sends.
	cfg := make(map[string]string, len(req.GetConfig()))
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, err
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	cmd.Env = append(cmd.Env, typescriptEnv(req.GetInfo().GetOptions().AsMap())...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ee.ExitCode() == nodeJSBailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", ee.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: "could not run node: " + err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin starts a plugin whose PulumiPlugin.yaml names the nodejs runtime: a policy pack (kind analyzer)
// or a resource plugin such as components/plugin, which a program's `packages:` names by its folder.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() == string(apitype.AnalyzerPlugin) {
		return h.runPolicyPack(req, server)
	}
	if req.GetKind() != string(apitype.ResourcePlugin) {
		return fmt.Errorf("this engine-test host runs policy packs and resource plugins only, not %s plugins", req.GetKind())
	}
	return h.runResourcePlugin(req, server)
}

// runResourcePlugin starts a resource plugin such as components/plugin, from the engine's working directory,
// its stdout (where the provider prints its port) and stderr streamed to the engine. The real host runs
// `node @pulumi/pulumi/cmd/run-plugin <plugin folder> <engine's args>`, and that harness always registers
// ts-node with type checking and the compiler options of a tsconfig.json in the working directory only (none
// in a YAML program's folder, so Node's own names such as require fail to compile). This host loads a
// TypeScript plugin through tsx's require hook instead, resolved from the plugin's folder, and runs the
// folder's entry itself: `node --require tsx/cjs <plugin folder> <engine's args>`; the entry serves its
// provider (components/plugin/index.ts calls @pulumi/pulumi/provider's main). Without tsx, or with the
// project's typescript option off, it runs the harness as the real host does.
func (h *host) runResourcePlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	env := req.GetEnv()
	var args []string
	tsEnv := typescriptEnv(req.GetInfo().GetOptions().AsMap())
	tsx, tsxErr := locateModule("tsx/cjs", dir)
	if len(tsEnv) > 0 && strings.HasPrefix(tsEnv[0], "PULUMI_NODEJS_TYPESCRIPT=") && tsxErr == nil {
		args = []string{"--require", tsx, dir}
	} else {
		runPath, err := locateModule("@pulumi/pulumi/cmd/run-plugin", dir)
		if err != nil {
			return err
		}
		env = append(env, tsEnv...)
		args = []string{runPath, dir}
	}
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", ee.ExitCode())
		}
		return fmt.Errorf("could not run node for plugin %s: %w", req.GetName(), err)
	}
	return closer.Close()
}

// runPolicyPack starts a policy pack the way the real host does: the pack gets the stack configuration in its
// environment, which only the engine's ConfigureStack call carries, so sdk/v3's PolicyProxy answers that
// call first and then forwards every other analyzer call to the pack once it is up.
func (h *host) runPolicyPack(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	runPath, err := locateModule("@pulumi/pulumi/cmd/run-policy-pack", dir)
	if err != nil {
		return err
	}
	env := append(req.GetEnv(), typescriptEnv(req.GetInfo().GetOptions().AsMap())...)
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	conf, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	if conf != nil {
		set := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		set("PULUMI_NODEJS_ORGANIZATION", conf.Organization)
		set("PULUMI_NODEJS_PROJECT", conf.Project)
		set("PULUMI_NODEJS_STACK", conf.Stack)
		set("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(conf.DryRun))
		if conf.Config != nil {
			b, err := json.Marshal(conf.Config)
			if err != nil {
				return err
			}
			set("PULUMI_CONFIG", string(b))
		}
	}
	// As in the real host: the engine's arguments first, the pack's directory last, run from that directory.
	args := append([]string{runPath}, req.GetArgs()...)
	args = append(args, dir)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok {
				return fmt.Errorf("Program exited with non-zero exit code: %d", ws.ExitStatus())
			}
		}
		return fmt.Errorf("could not attach policy pack proxy: %w", err)
	}
	return closer.Close()
}
