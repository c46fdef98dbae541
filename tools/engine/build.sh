#!/usr/bin/env bash
# Builds the pinned Pulumi CLI (and the Node.js, Python and YAML language hosts) into .tools/engine/bin, once:
# a binary whose recorded version and source stamp match is kept, so a second run takes well under a second.
# Needs Go (1.26) and the Go module proxy; the Python host's venv (python-venv.sh) needs python3 and PyPI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.tools/engine/bin"
version="v3.274.1"
# pulumi-language-yaml is built from its own wrapper module (tools/engine/yaml): pulumi-yaml requires an older
# pulumi sdk/pkg than the CLI's, and sharing one module would move one of them.
yaml_version="v1.25.0"
mkdir -p "$bin"

# The stamp names what a binary was built from: the version and the wrapper module's files.
stamp() { # module dir, extra files...
  local dir="$1"
  shift
  cat "$dir/go.mod" "$dir/go.sum" "$@" | sha256sum | cut -c1-16
}

build() { # name, package, extra stamp files...
  build_in "$here" "$version" github.com/pulumi/pulumi/sdk/v3/go/common/version.Version "$@"
}

build_in() { # module dir, version, version variable, name, package, extra stamp files...
  local dir="$1" version="$2" variable="$3" name="$4" pkg="$5"
  shift 5
  local want
  want="$version $(stamp "$dir" "$@")"
  if [[ -x "$bin/$name" && -f "$bin/$name.stamp" && "$(cat "$bin/$name.stamp")" == "$want" ]]; then
    return 0
  fi
  echo "engine: building $name $version (first build takes minutes)" >&2
  local start=$SECONDS
  # -X …version.Version is what the .goreleaser.yml sets; the CLI reports it and plugins compare it.
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-w -s -X $variable=$version" -o "$bin/$name" "$pkg")
  echo "$want" >"$bin/$name.stamp"
  echo "engine: built $name in $((SECONDS - start)) s" >&2
}

build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
build pulumi-language-nodejs ./language-nodejs $(find "$here/language-nodejs" "$here/hostkit" -name '*.go' | sort)
build_in "$here/yaml" "$yaml_version" github.com/pulumi/pulumi-yaml/pkg/version.Version \
  pulumi-language-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
build pulumi-language-python ./language-python $(find "$here/language-python" "$here/hostkit" -name '*.go' | sort)
# The Python host runs the SDK's exec script from beside itself, as the real one does: v3.274.1's own, from
# the sdk/v3 module the CLI is built from (its go.sum hash checks it).
sdk="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
if ! cmp -s "$sdk/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"; then
  install -m 755 "$sdk/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
fi
bash "$here/python-venv.sh"
