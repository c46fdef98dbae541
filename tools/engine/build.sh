#!/usr/bin/env bash
# Builds the pinned Pulumi CLI (and the Node.js and Python language hosts) into .tools/engine/bin, once: a
# binary whose recorded version and source stamp match is kept, so a second run takes well under a second.
# Needs Go (1.26) and the Go module proxy; the Python host's venv (python-venv.sh) needs python3 and PyPI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.tools/engine/bin"
version="v3.274.1"
mkdir -p "$bin"

# The stamp names what a binary was built from: the version and the wrapper module's files.
stamp() {
  cat "$here/go.mod" "$here/go.sum" "$@" | sha256sum | cut -c1-16
}

build() { # name, package, extra stamp files...
  local name="$1" pkg="$2"
  shift 2
  local want
  want="$version $(stamp "$@")"
  if [[ -x "$bin/$name" && -f "$bin/$name.stamp" && "$(cat "$bin/$name.stamp")" == "$want" ]]; then
    return 0
  fi
  echo "engine: building $name $version (first build takes minutes)" >&2
  local start=$SECONDS
  # -X …version.Version is what pulumi's .goreleaser.yml sets; the CLI reports it and plugins compare it.
  (cd "$here" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$bin/$name" "$pkg")
  echo "$want" >"$bin/$name.stamp"
  echo "engine: built $name in $((SECONDS - start)) s" >&2
}

build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
build pulumi-language-nodejs ./language-nodejs $(find "$here/language-nodejs" -name '*.go' | sort)
build pulumi-language-python ./language-python $(find "$here/language-python" -name '*.go' | sort)
# The Python host runs the SDK's exec script from beside itself, as the real one does: v3.274.1's own, from
# the sdk/v3 module the CLI is built from (its go.sum hash checks it).
sdk="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
if ! cmp -s "$sdk/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"; then
  install -m 755 "$sdk/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
fi
bash "$here/python-venv.sh"
