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

import modal

import backup_job
from common import (
    BACKUP_KEEP,
    BACKUP_SCHEDULE,
    BACKUPS_DIR,
    DATA_DIR,
    FUNCTION_TIMEOUT,
    LIVE_DB_PATH,
    MAX_CONCURRENT_INPUTS,
    NODE_PORT,
    SCALEDOWN_WINDOW,
    SNAPSHOT_PATH,
    STARTUP_TIMEOUT,
    NodeProcess,
    app,
    app_secret,
    backups_volume,
    commit_data_volume,
    data_volume,
    image,
    log,
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


def web_endpoint(**function_options):
    """The decorators every Node web function shares: image, secret, scale-down, long timeout,
    100 concurrent requests per container, and a web server on NODE_PORT."""

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


@web_endpoint(
    env={"DB_PATH": LIVE_DB_PATH, "DB_SNAPSHOT_PATH": SNAPSHOT_PATH},
    volumes={DATA_DIR: data_volume},
    max_containers=1,  # the single owner of the SQLite database
)
def order():
    # Node restores DB_SNAPSHOT_PATH into DB_PATH at start and snapshots back after writes
    # and on SIGTERM; committing after it exits makes that last snapshot durable at once.
    NodeProcess("order", on_stopped=commit_data_volume)


@web_endpoint()
def chat():
    NodeProcess("chat", env=_sibling_env("order"))


@web_endpoint()
def stt():
    NodeProcess("stt", env=_sibling_env("order"))


@web_endpoint()
def tts():
    NodeProcess("tts", env=_sibling_env("order"))


@web_endpoint()
def health():
    NodeProcess("health", env=_sibling_env("order", "chat", "stt", "tts"))


@web_endpoint()
def web():
    # The pages call each sibling directly (cross-origin); /config.json tells them where.
    NodeProcess("web", env=_sibling_env("order", "chat", "stt", "tts"))


@app.function(
    image=image,
    schedule=modal.Cron(BACKUP_SCHEDULE),
    env={"BACKUP_KEEP": str(BACKUP_KEEP)},
    # Read-only: the cron can never write the live snapshot, whatever happens.
    volumes={DATA_DIR: data_volume.read_only(), BACKUPS_DIR: backups_volume},
    timeout=600,
)
def backup():
    keep = int(os.environ.get("BACKUP_KEEP", "24"))
    result = backup_job.run_backup(SNAPSHOT_PATH, BACKUPS_DIR, keep)
    if "backup" in result:
        backups_volume.commit()
    log("info", "backup finished", **result)


@app.local_entrypoint()
def urls():
    """`modal run modal/app.py::urls` prints the deployed endpoint URLs as JSON."""
    print(json.dumps({name: modal.Function.from_name(app.name, name).get_web_url() for name in
                      ("order", "chat", "stt", "tts", "health", "web")}, indent=2))
