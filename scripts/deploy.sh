#!/usr/bin/env bash
# Build the bundles and deploy the tea-order-agent app to Modal, then print every endpoint URL.
# Never prompts. Needs: the modal CLI logged in (modal setup, or MODAL_TOKEN_ID/MODAL_TOKEN_SECRET)
# and the secret tea-agent-secrets. Usage: scripts/deploy.sh [--skip-build]
set -euo pipefail

APP_NAME="tea-order-agent"
SECRET_NAME="tea-agent-secrets"
FUNCTIONS=(order chat stt tts health web)
cd "$(dirname "$0")/.."

fail() { echo "deploy: error: $*" >&2; exit 1; }

command -v modal >/dev/null 2>&1 || fail "the modal CLI is not installed (pip install modal, then modal setup)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (Node 20 is required)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" == "20" ]] || echo "deploy: warning: local Node is $node_major; the image runs Node 20 (bundles are built here)" >&2

secrets="$(modal secret list 2>&1)" || fail "modal secret list failed (not logged in? run modal setup or set MODAL_TOKEN_ID/MODAL_TOKEN_SECRET):
$secrets"
grep -qw -- "$SECRET_NAME" <<<"$secrets" || fail "Modal secret '$SECRET_NAME' not found. Create it first, e.g.
  modal secret create $SECRET_NAME STAFF_TOKEN=\$(openssl rand -hex 24) INTERNAL_API_TOKEN=\$(openssl rand -hex 24) OPENROUTER_API_KEY=... ASSEMBLYAI_API_KEY=..."

# On Modal the order and chat functions refuse to start without INTERNAL_API_TOKEN (it closes
# the order service's /sessions… to everyone but chat). A secret's values cannot be listed, so
# a throwaway container with the secret mounted reports the token's length (never its value).
token_check="$(modal shell --secret "$SECRET_NAME" --cmd 'sh -c "echo tea_internal_token_length=${#INTERNAL_API_TOKEN}"' 2>&1)" ||
  fail "could not check the secret '$SECRET_NAME' with modal shell:
$token_check"
token_length="$(grep -Eo 'tea_internal_token_length=[0-9]+' <<<"$token_check" | head -n1 | cut -d= -f2 || true)"
[[ -n "$token_length" ]] || fail "could not read INTERNAL_API_TOKEN's length from modal shell's output:
$token_check"
if (( token_length < 16 )); then
  fail "the secret '$SECRET_NAME' has no INTERNAL_API_TOKEN of at least 16 characters (found length $token_length).
The order and chat functions refuse to start on Modal without it. Add it: in the Modal dashboard
(Secrets → $SECRET_NAME → Edit) add INTERNAL_API_TOKEN=<the output of: openssl rand -hex 24>, or recreate the
secret with every key it has now plus the token:
  modal secret create --force $SECRET_NAME STAFF_TOKEN=... INTERNAL_API_TOKEN=\$(openssl rand -hex 24) OPENROUTER_API_KEY=... ASSEMBLYAI_API_KEY=..."
fi

if [[ "${1:-}" != "--skip-build" ]]; then
  npm ci --no-audit --no-fund
  npm run build
fi
for name in "${FUNCTIONS[@]}"; do
  [[ -f "dist/$name.mjs" ]] || fail "dist/$name.mjs is missing; run npm run build"
done

# recreate: the old order container is stopped before the new one starts, so two
# owners of the SQLite database never overlap (DESIGN.md §2).
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
modal deploy --strategy recreate modal/app.py 2>&1 | tee "$log"

echo
echo "Endpoints ($APP_NAME):"
for name in "${FUNCTIONS[@]}"; do
  url="$(grep -Eo "https://[A-Za-z0-9.-]*-${name}\.modal\.run" "$log" | head -n1 || true)"
  printf '  %-7s %s\n' "$name" "${url:-(not found in deploy output; see: modal app list / the Modal dashboard)}"
done
echo "Logs: modal app logs $APP_NAME -f"
