# Source this file (`source tools/engine-env.sh`): it builds the pinned Pulumi CLI and language host when they
# are missing (tools/engine/build.sh; seconds when they are built) and sets the environment in which a plain
# `pulumi preview --stack prod --policy-pack policy-pack` runs offline on the stand-in aws/awsx providers:
# a file backend and PULUMI_HOME under .tools/engine, no update check, no plugin downloads, nothing sent to
# Pulumi Cloud.
_engine_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$_engine_root/tools/use-node.sh"
bash "$_engine_root/tools/engine/build.sh" || return 1
mkdir -p "$_engine_root/.tools/engine/home" "$_engine_root/.tools/engine/state"
export PATH="$_engine_root/.tools/engine/bin:$_engine_root/tools/stand-ins/bin:$PATH"
export PULUMI_HOME="$_engine_root/.tools/engine/home"
export PULUMI_BACKEND_URL="file://$_engine_root/.tools/engine/state"
# The file backend encrypts secrets with this passphrase; the stacks here hold no real secret.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-engine-tests}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
# Where the stand-in providers keep the fake account between engine runs.
export STAND_IN_ACCOUNT_FILE="${STAND_IN_ACCOUNT_FILE:-$_engine_root/.tools/engine/account.json}"
# pulumi-language-yaml caches the stand-in aws provider's schema beside it and reuses it while the plugin's
# file is older, which an edit of tools/stand-ins/aws-schema.ts does not change: remove it, read it anew.
rm -f "$_engine_root"/tools/stand-ins/schema-*.json
unset _engine_root
