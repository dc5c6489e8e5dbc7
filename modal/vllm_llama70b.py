"""vLLM fallback model for the chat agent: Llama-3.1-70B-Instruct, OpenAI-compatible, on
2x A100-80GB with tensor parallelism 2. A separate app so the shop deploys without a GPU.

    modal run modal/vllm_llama70b.py::download_weights      # once: weights into the HF cache volume
    modal deploy modal/vllm_llama70b.py                     # or: scripts/deploy-vllm.sh
    modal run modal/vllm_llama70b.py --deployed             # smoke test: /health, then a tool call

Secret ``vllm-secrets``: HF_TOKEN (or HUGGING_FACE_HUB_TOKEN) for the gated weights and
VLLM_SERVER_API_KEY (required by clients as a Bearer token; the backend sends it as VLLM_API_KEY).

Why not ``modal/vllm.py``: Modal's container imports the app file by module name. A file
called ``vllm.py`` would be the module ``vllm`` and either shadow the real vLLM package or
be shadowed by it, so the container could not find its own functions.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request

import modal

APP_NAME = "vllm-llama70b"
MODEL = os.environ.get("VLLM_MODEL", "meta-llama/Llama-3.1-70B-Instruct")
# Pin a commit hash here for reproducible deploys; "main" follows the repo.
MODEL_REVISION = os.environ.get("VLLM_MODEL_REVISION", "main")
VLLM_VERSION = "0.10.1.1"

GPU_TYPE = "A100-80GB"
GPU_COUNT = int(os.environ.get("VLLM_GPU_COUNT", "2"))
TENSOR_PARALLEL = int(os.environ.get("VLLM_TENSOR_PARALLEL", "2"))
if TENSOR_PARALLEL < 1 or TENSOR_PARALLEL > GPU_COUNT:
    raise ValueError(f"VLLM_TENSOR_PARALLEL={TENSOR_PARALLEL} must be between 1 and VLLM_GPU_COUNT={GPU_COUNT}")
GPU = f"{GPU_TYPE}:{GPU_COUNT}"

# Memory budget for 70B in BF16 on 2x80 GB:
#   weights 70.6e9 params x 2 bytes = 141 GB = 131.4 GiB -> 65.7 GiB per GPU at TP=2;
#   0.92 x 80 GiB = 73.6 GiB per GPU for vLLM -> ~8 GiB left, ~6 GiB after activations and
#   CUDA graphs. KV cache for Llama-3.1-70B (80 layers, 8 KV heads, head dim 128, BF16) is
#   320 KiB per token, 160 KiB per GPU at TP=2 -> ~39k tokens of KV cache. 32768 fits one
#   full-length request (vLLM refuses to start otherwise) or ~10 ordering chats of 3k tokens.
#   Higher utilisation risks OOM during CUDA-graph capture; a longer context would not fit.
MAX_MODEL_LEN = 32768
GPU_MEMORY_UTILIZATION = 0.92

PORT = 8000
HF_CACHE_DIR = "/root/.cache/huggingface"
VLLM_CACHE_DIR = "/root/.cache/vllm"
CHAT_TEMPLATE = "/opt/vllm/tool_chat_template_llama3.1_json.jinja"
CHAT_TEMPLATE_URL = (
    f"https://raw.githubusercontent.com/vllm-project/vllm/v{VLLM_VERSION}/examples/tool_chat_template_llama3.1_json.jinja"
)
STARTUP_TIMEOUT = 30 * 60  # loading 141 GB of weights and capturing CUDA graphs takes minutes
SCALEDOWN_WINDOW = 300  # the GPUs go back after 5 idle minutes

image = (
    modal.Image.from_registry("nvidia/cuda:12.8.1-devel-ubuntu22.04", add_python="3.12")
    .uv_pip_install(f"vllm=={VLLM_VERSION}", "huggingface_hub")
    .run_commands(
        "mkdir -p /opt/vllm && python -c \"import urllib.request as u; "
        f"u.urlretrieve('{CHAT_TEMPLATE_URL}', '{CHAT_TEMPLATE}')\""
    )
    .env({"HF_HOME": HF_CACHE_DIR, "VLLM_CACHE_ROOT": VLLM_CACHE_DIR})
)

app = modal.App(APP_NAME)
vllm_secret = modal.Secret.from_name("vllm-secrets")
hf_cache_volume = modal.Volume.from_name("vllm-hf-cache", create_if_missing=True)
vllm_cache_volume = modal.Volume.from_name("vllm-cache", create_if_missing=True)


def vllm_command(api_key: str | None) -> list[str]:
    cmd = [
        "vllm", "serve", MODEL,
        "--revision", MODEL_REVISION,
        "--served-model-name", MODEL,
        "--host", "0.0.0.0",
        "--port", str(PORT),
        "--tensor-parallel-size", str(TENSOR_PARALLEL),
        "--max-model-len", str(MAX_MODEL_LEN),
        "--gpu-memory-utilization", str(GPU_MEMORY_UTILIZATION),
        # Llama 3.1 tool calling: JSON tool calls parsed by vLLM, with vLLM's matching template.
        "--enable-auto-tool-choice",
        "--tool-call-parser", "llama3_json",
        "--chat-template", CHAT_TEMPLATE,
    ]
    if api_key:
        cmd += ["--api-key", api_key]
    return cmd


def _hf_env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("HF_TOKEN") and env.get("HUGGING_FACE_HUB_TOKEN"):
        env["HF_TOKEN"] = env["HUGGING_FACE_HUB_TOKEN"]
    return env


@app.function(
    image=image,
    gpu=GPU,
    secrets=[vllm_secret],
    volumes={HF_CACHE_DIR: hf_cache_volume, VLLM_CACHE_DIR: vllm_cache_volume},
    scaledown_window=SCALEDOWN_WINDOW,
    timeout=3600,
)
@modal.concurrent(max_inputs=32)
@modal.web_server(port=PORT, startup_timeout=STARTUP_TIMEOUT)
def serve():
    api_key = os.environ.get("VLLM_SERVER_API_KEY")
    if not api_key:
        print("WARNING: VLLM_SERVER_API_KEY is not set in vllm-secrets; the endpoint is open to anyone", flush=True)
    subprocess.Popen(vllm_command(api_key), env=_hf_env())


@app.function(
    image=image,
    secrets=[vllm_secret],
    volumes={HF_CACHE_DIR: hf_cache_volume},
    timeout=4 * 3600,
)
def download_weights():
    """Fills the HF cache volume once, so a cold start loads from the volume, not the Hub."""
    from huggingface_hub import snapshot_download

    os.environ.update(_hf_env())
    path = snapshot_download(MODEL, revision=MODEL_REVISION, ignore_patterns=["original/*", "*.pth"])
    hf_cache_volume.commit()
    print(json.dumps({"model": MODEL, "revision": MODEL_REVISION, "path": path}))


def _request(url: str, api_key: str, body: dict | None = None, timeout: float = 120) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else {})
    except urllib.error.HTTPError as err:
        return err.code, {"error": err.read().decode(errors="replace")[:500]}


@app.local_entrypoint()
def smoke(deployed: bool = False, wait_seconds: int = STARTUP_TIMEOUT):
    """GET /health until 200 (a cold start takes minutes), then one chat completion that must call a tool.
    Uses VLLM_SERVER_API_KEY from your local environment."""
    url = (modal.Function.from_name(APP_NAME, "serve") if deployed else serve).get_web_url().rstrip("/")
    api_key = os.environ.get("VLLM_SERVER_API_KEY", "")
    print(f"vLLM endpoint: {url}")
    deadline = time.time() + wait_seconds
    while True:
        try:
            status, _ = _request(f"{url}/health", api_key, timeout=60)
        except (urllib.error.URLError, TimeoutError) as err:
            status = f"unreachable ({err})"
        if status == 200:
            break
        if time.time() > deadline:
            raise SystemExit(f"vLLM not healthy after {wait_seconds}s (last status {status})")
        print(f"waiting for vLLM (status {status})...")
        time.sleep(10)
    status, body = _request(
        f"{url}/v1/chat/completions",
        api_key,
        {
            "model": MODEL,
            "messages": [{"role": "user", "content": "I'd like a large pearl milk tea, half sugar, less ice."}],
            "tools": [{
                "type": "function",
                "function": {
                    "name": "add_line",
                    "description": "Add a drink to the customer's cart",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "itemId": {"type": "string"},
                            "size": {"type": "string", "enum": ["M", "L"]},
                            "sugar": {"type": "integer", "enum": [0, 30, 50, 70, 100]},
                            "ice": {"type": "string", "enum": ["regular", "light", "none", "room", "hot"]},
                        },
                        "required": ["itemId", "size", "sugar", "ice"],
                    },
                },
            }],
            "tool_choice": "auto",
            "temperature": 0,
        },
        timeout=300,
    )
    if status != 200:
        raise SystemExit(f"chat completion failed: {status} {body}")
    calls = body["choices"][0]["message"].get("tool_calls") or []
    print(json.dumps(calls, indent=2, ensure_ascii=False))
    if not calls:
        raise SystemExit("the model answered without a tool call; check --tool-call-parser and --chat-template")
    print("vLLM smoke test passed")
