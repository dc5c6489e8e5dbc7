"""Shared pieces of the tea-order-agent Modal app: names, image, secret, volumes, and the
helpers that start a Node bundle inside a web-server container and watch it.

Deliberately no ``__init__.py`` in this folder: it would shadow the real ``modal`` package.
``modal deploy modal/app.py`` puts this folder on ``sys.path``, so ``import common`` works
locally; ``add_local_python_source`` ships it (and ``backup_job``) into the containers.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

import modal

APP_NAME = "tea-order-agent"
# One web function per folder in functions/ (a test checks both directions).
FUNCTION_NAMES = ("order", "chat", "stt", "tts", "health", "web")

# Figures from the deployment guide (DESIGN.md §1).
MAX_CONCURRENT_INPUTS = 100
SCALEDOWN_WINDOW = 300  # sleep after 5 idle minutes
FUNCTION_TIMEOUT = 3600  # long WebSocket sessions
# Node itself is ready in well under a second; the rest is container start, mounting the
# bundles and, for `order`, restoring the snapshot. Far above @modal.web_server's 5 s default.
STARTUP_TIMEOUT = 120

NODE_PORT = 8000
APP_DIR = "/app"
NODE_MAJOR = "20"  # must match the Node the bundles and better-sqlite3 are built for
NODE_IMAGE = f"node:{NODE_MAJOR}-bookworm-slim"
PYTHON_VERSION = "3.12"
# Client identity for rate limits (TRUST_PROXY_HOPS, shared/http/client-key.ts). Modal's docs
# say nothing about X-Forwarded-For; its client source does: modal-client's
# modal/_runtime/asgi.py, `_add_forwarded_for_header` (modal-labs/modal-client PR #2587, "Add
# X-Forwarded-For header to @modal.web_server http requests"). Its comment says Modal strips
# client-sent X-Forwarded-For headers; it then sets the header to the address Modal saw (the
# ASGI scope's `client`) before `_proxy_http_request` forwards to our port. One entry, written
# by Modal: trust exactly one hop. (Were a client header ever to survive the strip, that code
# prepends the real address, so the rightmost entry would be the client's text: we rely on the
# strip, as documented in that source.) WebSocket upgrades (`_proxy_websocket_request`) get no
# header at all: Node then sees only the in-container proxy and treats the client as unknown
# (a chat bucket per socket, only the total /queue/ws cap).
TRUST_PROXY_HOPS = 1
NODE_STOP_GRACE_SECONDS = 20  # SIGTERM → final snapshot → exit; stays under Modal's shutdown grace
HEALTH_TIMEOUT_SECONDS = 30.0  # `urls` probes: long enough for a container's cold start

SECRET_NAME = "tea-agent-secrets"
DATA_VOLUME_NAME = "tea-orders-db"
BACKUPS_VOLUME_NAME = "tea-orders-backups"
DATA_DIR = "/data"
BACKUPS_DIR = "/backups"
SNAPSHOT_PATH = f"{DATA_DIR}/tea_orders.db"  # DB_SNAPSHOT_PATH
LIVE_DB_PATH = "/tmp/tea_orders.db"  # DB_PATH: container-local disk, never the volume

# Backup cron: configurable at deploy time, e.g. BACKUP_SCHEDULE="*/30 * * * *" BACKUP_KEEP=48.
BACKUP_SCHEDULE = os.environ.get("BACKUP_SCHEDULE", "0 * * * *")  # hourly, UTC
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "24"))

REPO_ROOT = Path(__file__).resolve().parent.parent

app_secret = modal.Secret.from_name(SECRET_NAME)
data_volume = modal.Volume.from_name(DATA_VOLUME_NAME, create_if_missing=True)
backups_volume = modal.Volume.from_name(BACKUPS_VOLUME_NAME, create_if_missing=True)

# Dependencies are installed inside the image (better-sqlite3 is native and must match the
# image's Node and libc); build tools are only used if no prebuilt binary fits. The
# bundles are added last without copy=True, so a code change re-mounts them at container
# start instead of rebuilding the image.
image = (
    modal.Image.from_registry(NODE_IMAGE, add_python=PYTHON_VERSION)
    .apt_install("make", "g++")
    .workdir(APP_DIR)
    .add_local_file(REPO_ROOT / "package.json", f"{APP_DIR}/package.json", copy=True)
    .add_local_file(REPO_ROOT / "package-lock.json", f"{APP_DIR}/package-lock.json", copy=True)
    .run_commands(f"cd {APP_DIR} && npm ci --omit=dev --no-audit --no-fund && node -e \"require('better-sqlite3')\"")
    .env({"NODE_ENV": "production", "HOST": "0.0.0.0", "PORT": str(NODE_PORT), "TRUST_PROXY_HOPS": str(TRUST_PROXY_HOPS)})
    .add_local_dir(REPO_ROOT / "dist", f"{APP_DIR}/dist")
    .add_local_dir(REPO_ROOT / "drizzle", f"{APP_DIR}/drizzle")
    # The shipped menus and the shop's own: MENU_FILE in tea-agent-secrets may name one of them
    # (e.g. "shared/menus/original.json", relative to /app); it seeds a new database only.
    .add_local_dir(REPO_ROOT / "shared" / "menus", f"{APP_DIR}/shared/menus")
    .add_local_python_source("common", "backup_job")
)

app = modal.App(APP_NAME)


def log(level: str, msg: str, **fields: object) -> None:
    """One JSON line, same shape as the Node services' logs."""
    line = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "level": level, "msg": msg, **fields}
    print(json.dumps(line, default=str), file=sys.stderr if level in ("warn", "error") else sys.stdout, flush=True)


def web_url_of(fn_name: str, fn: object, env_var: str) -> Optional[str]:
    """A sibling function's URL: the env override (set it in tea-agent-secrets for a custom
    domain) wins; otherwise ask Modal for the web URL of the function in this app."""
    override = os.environ.get(env_var)
    if override:
        return override
    try:
        url = fn.get_web_url()  # type: ignore[attr-defined]
        if url:
            return url
    except Exception as err:  # not hydrated, e.g. imported outside a container
        log("warn", "web url lookup failed, trying the deployed app", function=fn_name, cause=str(err))
    try:
        return modal.Function.from_name(APP_NAME, fn_name).get_web_url()
    except Exception as err:
        log("error", "cannot resolve sibling web url", function=fn_name, env=env_var, cause=str(err))
        return None


def probe_health(name: str, base_url: str, timeout: float = HEALTH_TIMEOUT_SECONDS) -> dict[str, object]:
    """GET <base_url>/healthz/<name>, the function's own liveness route: its URL, whether it
    answered 2xx, the status (None when nothing answered), the time taken, and any error."""
    started = time.monotonic()
    result: dict[str, object] = {"url": base_url, "ok": False, "status": None}
    try:
        with urllib.request.urlopen(f"{base_url.rstrip('/')}/healthz/{name}", timeout=timeout) as response:
            result["status"] = response.status
    except urllib.error.HTTPError as err:
        result["status"] = err.code
        err.close()
    except (OSError, ValueError) as err:  # refused, unknown host, timed out, bad URL
        result["error"] = str(err) or type(err).__name__
    status = result["status"]
    result["ok"] = isinstance(status, int) and 200 <= status < 300
    result["ms"] = round((time.monotonic() - started) * 1000)
    return result


def node_command(name: str) -> list[str]:
    """How a container runs a bundle. Source maps on (the linked .map files ship in dist/), so
    stack traces in `modal app logs` name the .ts file and line, not the bundle's."""
    return ["node", "--enable-source-maps", f"dist/{name}.mjs"]


class NodeProcess:
    """Runs ``node dist/<name>.mjs`` bound to 0.0.0.0 and ties the container's life to it:
    if Node exits on its own, the container exits too (non-zero), so Modal replaces it instead
    of keeping a container that answers every request with an error.

    Enough for the stateless functions: they hold no state, so a container that stops (after
    ``scaledown_window`` idle seconds, or on a ``recreate`` deploy) loses at most the requests
    still in flight. ``order`` owns the database and uses :class:`GracefulNodeProcess`.
    """

    def __init__(
        self,
        name: str,
        *,
        env: Optional[Mapping[str, str]] = None,
        cwd: str = APP_DIR,
        port: int = NODE_PORT,
        command: Optional[list[str]] = None,
        exit_process: Callable[[int], None] = os._exit,
    ) -> None:
        self.name = name
        self._stopping = threading.Event()
        self._exit_process = exit_process
        child_env = {**os.environ, **(env or {}), "HOST": "0.0.0.0", "PORT": str(port)}
        self.proc = subprocess.Popen(command or node_command(name), cwd=cwd, env=child_env)
        log("info", "node started", function=name, pid=self.proc.pid, port=port)
        threading.Thread(target=self._watch, name=f"watch-{name}", daemon=True).start()

    def _watch(self) -> None:
        code = self.proc.wait()
        if self._stopping.is_set():
            return
        log("error", "node exited unexpectedly; stopping the container", function=self.name, exit_code=code)
        self._node_died()
        self._exit_process(code if code and code > 0 else 1)

    def _node_died(self) -> None:
        """Runs after an unexpected exit, before the container exits."""


class GracefulNodeProcess(NodeProcess):
    """The careful shutdown, for ``order`` only: SIGTERM/SIGINT to the container (and a normal
    interpreter exit) are forwarded to Node, which closes its server, writes the final snapshot
    and exits; we wait for that (bounded) and then run ``on_stopped`` (commit the data volume)
    exactly once — also when Node died on its own, so its last snapshot is kept.
    """

    def __init__(
        self,
        name: str,
        *,
        on_stopped: Optional[Callable[[], None]] = None,
        forward_signals: bool = True,
        **options: Any,
    ) -> None:
        self._on_stopped = on_stopped
        self._stopped_once = threading.Lock()
        self._stopped_done = False
        super().__init__(name, **options)
        atexit.register(self.stop)
        if forward_signals:
            self._forward_signals()

    def _node_died(self) -> None:
        self._run_on_stopped()

    def _forward_signals(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                previous = signal.getsignal(sig)

                def handler(signum: int, frame: object, previous: object = previous) -> None:
                    self.stop()
                    if callable(previous):
                        previous(signum, frame)
                    elif previous == signal.SIG_DFL:
                        signal.signal(signum, signal.SIG_DFL)
                        os.kill(os.getpid(), signum)

                signal.signal(sig, handler)
            except ValueError:
                # Not the main thread: atexit and Node's own SIGTERM handling still apply.
                pass

    def stop(self, grace_seconds: float = NODE_STOP_GRACE_SECONDS) -> Optional[int]:
        """Asks Node to stop (SIGTERM), waits up to ``grace_seconds``, then kills it."""
        self._stopping.set()
        if self.proc.poll() is None:
            log("info", "stopping node", function=self.name, pid=self.proc.pid)
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace_seconds)
            except subprocess.TimeoutExpired:
                log("error", "node did not stop in time; killing it", function=self.name, grace_seconds=grace_seconds)
                self.proc.kill()
                self.proc.wait()
        self._run_on_stopped()
        return self.proc.returncode

    def _run_on_stopped(self) -> None:
        with self._stopped_once:
            if self._stopped_done or self._on_stopped is None:
                self._stopped_done = True
                return
            self._stopped_done = True
        try:
            self._on_stopped()
        except Exception as err:
            log("error", "shutdown hook failed", function=self.name, cause=str(err))


def commit_data_volume() -> None:
    """Makes the final snapshot durable now instead of waiting for the background commit."""
    data_volume.commit()
    log("info", "data volume committed", volume=DATA_VOLUME_NAME)
