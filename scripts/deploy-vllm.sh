#!/usr/bin/env bash
# Deploy the vLLM fallback model (Llama-3.1-70B-Instruct on 2x A100-80GB) to Modal and print its URL.
# Never prompts. Needs the modal CLI and the secret vllm-secrets (HF_TOKEN, VLLM_SERVER_API_KEY).
# Usage: scripts/deploy-vllm.sh [--download] [--smoke]
#   --download  fill the weights volume first (once; ~141 GB, takes a while)
#   --smoke     after deploying, wait for /health and run one tool-calling completion
set -euo pipefail

APP_NAME="vllm-llama70b"
SECRET_NAME="vllm-secrets"
STUB="modal/vllm_llama70b.py"
cd "$(dirname "$0")/.."

fail() { echo "deploy-vllm: error: $*" >&2; exit 1; }

download=false
smoke=false
for arg in "$@"; do
  case "$arg" in
    --download) download=true ;;
    --smoke) smoke=true ;;
    *) fail "unknown argument '$arg' (expected --download and/or --smoke)" ;;
  esac
done

command -v modal >/dev/null 2>&1 || fail "the modal CLI is not installed (pip install modal, then modal setup)"
secrets="$(modal secret list 2>&1)" || fail "modal secret list failed (not logged in? run modal setup or set MODAL_TOKEN_ID/MODAL_TOKEN_SECRET):
$secrets"
grep -qw -- "$SECRET_NAME" <<<"$secrets" || fail "Modal secret '$SECRET_NAME' not found. Create it first, e.g.
  modal secret create $SECRET_NAME HF_TOKEN=hf_... VLLM_SERVER_API_KEY=\$(openssl rand -hex 24)"

if $download; then
  modal run "$STUB::download_weights"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
modal deploy "$STUB" 2>&1 | tee "$log"
url="$(grep -Eo 'https://[A-Za-z0-9.-]*-serve\.modal\.run' "$log" | head -n1 || true)"

echo
echo "vLLM ($APP_NAME): ${url:-(URL not found in deploy output; see the Modal dashboard)}"
if [[ -n "$url" ]]; then
  echo "Put these into tea-agent-secrets and redeploy the shop:"
  echo "  VLLM_BASE_URL=$url/v1  VLLM_MODEL=meta-llama/Llama-3.1-70B-Instruct  VLLM_API_KEY=<your VLLM_SERVER_API_KEY>"
fi
if $smoke; then
  [[ -n "${VLLM_SERVER_API_KEY:-}" ]] || echo "deploy-vllm: warning: VLLM_SERVER_API_KEY is not set locally; the smoke test sends no key" >&2
  modal run "$STUB" --deployed
fi
