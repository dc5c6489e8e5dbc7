"""tea-order-agent on Modal: one web endpoint per function folder plus the backup cron.

    npm ci && npm run build                              # dist/<name>.mjs
    modal deploy --strategy recreate modal/app.py        # or: scripts/deploy.sh

Only ``order`` opens the database (DESIGN.md §2): it alone mounts the ``tea-orders-db``
volume, runs at most one container, and is deployed with ``--strategy recreate`` so an old
and a new owner never overlap. The others reach orders through ORDER_API_URL.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import modal

import backup_job
from common import (
    BACKUP_KEEP,
    BACKUP_SCHEDULE,
    BACKUPS_DIR,
    DATA_DIR,
    FUNCTION_NAMES,
    FUNCTION_TIMEOUT,
    HEALTH_TIMEOUT_SECONDS,
    LIVE_DB_PATH,
    MAX_CONCURRENT_INPUTS,
    NODE_PORT,
    SCALEDOWN_WINDOW,
    SNAPSHOT_PATH,
    STARTUP_TIMEOUT,
    GracefulNodeProcess,
    NodeProcess,
    app,
    app_secret,
    backups_volume,
    commit_data_volume,
    data_volume,
    image,
    log,
    probe_health,
    web_url_of,
)

# Set per function by the stubs below; a `health` start reads the other four.
_URL_ENV = {"order": "ORDER_API_URL", "chat": "CHAT_API_URL", "stt": "STT_API_URL", "tts": "TTS_API_URL"}


def _sibling_env(*names: str) -> dict[str, str]:
    functions = {"order": order, "chat": chat, "stt": stt, "tts": tts}
    env = {}
    for name in names:
        url = web_url_of(name, functions[name], _URL_ENV[name])
        if url:
            env[_URL_ENV[name]] = url.rstrip("/")
    return env


def node_web_function(**function_options):
    """@app.function + @modal.concurrent + @modal.web_server with what every Node web function
    shares: image, secret, scale-down, long timeout, 100 concurrent requests per container, and
    the web server Node listens on (NODE_PORT)."""

    def decorate(fn):
        fn = modal.web_server(port=NODE_PORT, startup_timeout=STARTUP_TIMEOUT)(fn)
        fn = modal.concurrent(max_inputs=MAX_CONCURRENT_INPUTS)(fn)
        return app.function(
            image=image,
            secrets=[app_secret],
            scaledown_window=SCALEDOWN_WINDOW,
            timeout=FUNCTION_TIMEOUT,
            **function_options,
        )(fn)

    return decorate


@node_web_function(
    env={"DB_PATH": LIVE_DB_PATH, "DB_SNAPSHOT_PATH": SNAPSHOT_PATH},
    volumes={DATA_DIR: data_volume},
    max_containers=1,  # the single owner of the SQLite database
)
def order():
    # Node restores DB_SNAPSHOT_PATH into DB_PATH at start and snapshots back after writes
    # and on SIGTERM; committing after it exits makes that last snapshot durable at once.
    GracefulNodeProcess("order", on_stopped=commit_data_volume)


@node_web_function()
def chat():
    NodeProcess("chat", env=_sibling_env("order"))


@node_web_function()
def stt():
    NodeProcess("stt", env=_sibling_env("order"))


@node_web_function()
def tts():
    NodeProcess("tts", env=_sibling_env("order"))


@node_web_function()
def health():
    NodeProcess("health", env=_sibling_env("order", "chat", "stt", "tts"))


@node_web_function()
def web():
    # The pages call each sibling directly (cross-origin; /config.json tells them where); the
    # /legacy layer calls them by URL and listens to the order queue.
    NodeProcess("web", env=_sibling_env("order", "chat", "stt", "tts"))


@app.function(
    image=image,
    schedule=modal.Cron(BACKUP_SCHEDULE),
    env={"BACKUP_KEEP": str(BACKUP_KEEP)},
    # Read-only: the cron can never write the live snapshot, whatever happens. The current form
    # (https://modal.com/docs/reference/modal.Volume#with_mount_options); `.read_only()` is legacy.
    volumes={DATA_DIR: data_volume.with_mount_options(read_only=True), BACKUPS_DIR: backups_volume},
    timeout=600,
)
def backup():
    keep = int(os.environ.get("BACKUP_KEEP", "24"))
    result = backup_job.run_backup(SNAPSHOT_PATH, BACKUPS_DIR, keep)
    if "backup" in result:
        backups_volume.commit()
    # A snapshot chain that stopped early (a missing or broken segment) is an error to look at.
    log("error" if "broken_chain" in result else "info", "backup finished", **result)


def _url_and_health(name: str, timeout: float) -> dict[str, object]:
    try:
        url = modal.Function.from_name(app.name, name).get_web_url()
    except Exception as err:  # not deployed, not logged in
        return {"url": None, "ok": False, "status": None, "error": str(err) or type(err).__name__}
    if not url:
        return {"url": None, "ok": False, "status": None, "error": "no web url: is the app deployed?"}
    return probe_health(name, url, timeout)


@app.local_entrypoint()
def urls(timeout: float = HEALTH_TIMEOUT_SECONDS):
    """`modal run modal/app.py::urls [--timeout S]` prints each deployed endpoint's URL and health
    (GET <url>/healthz/<name>) as JSON, and exits 1 if any is not healthy. A probe wakes a
    function that scaled to zero, so the default timeout allows for a cold start."""
    with ThreadPoolExecutor(max_workers=len(FUNCTION_NAMES)) as pool:
        report = dict(zip(FUNCTION_NAMES, pool.map(lambda name: _url_and_health(name, timeout), FUNCTION_NAMES)))
    print(json.dumps(report, indent=2))
    if not all(entry["ok"] for entry in report.values()):
        raise SystemExit(1)
