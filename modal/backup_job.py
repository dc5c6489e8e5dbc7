"""The backup the Modal cron runs: the same steps as scripts/backup.ts (shared/db/backup-*.ts).

Copy the snapshot off the read-only data volume, run ``PRAGMA integrity_check`` on the
copy, rename it into the backups directory as ``tea_orders-YYYYMMDDTHHMMSSZ.db`` and keep
the newest ``keep``. Standard library only, so it is tested without Modal.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import uuid
from typing import Optional

BACKUP_NAME = re.compile(r"^tea_orders-\d{8}T\d{6}Z\.db$")


class BackupError(Exception):
    pass


def backup_name(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).strftime("tea_orders-%Y%m%dT%H%M%SZ.db")


def list_backups(backup_dir: str) -> list[str]:
    if not os.path.isdir(backup_dir):
        return []
    return sorted(name for name in os.listdir(backup_dir) if BACKUP_NAME.match(name))


def check_integrity(path: str) -> None:
    try:
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            conn.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} is not a readable SQLite database: {err}") from err
    findings = [row[0] for row in rows]
    if findings != ["ok"]:
        raise BackupError(f"SQLite integrity_check failed for {path}: {'; '.join(findings[:5])}")


def _fsync(path: str, flags: int = os.O_RDONLY) -> None:
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def prune(backup_dir: str, keep: int) -> tuple[list[str], list[str]]:
    names = list_backups(backup_dir)
    cut = max(0, len(names) - keep)
    for name in names[:cut]:
        os.remove(os.path.join(backup_dir, name))
    return names[cut:], names[:cut]


def run_backup(source: str, backup_dir: str, keep: int, now: Optional[dt.datetime] = None) -> dict:
    """Returns a JSON-able summary. A missing snapshot (no order written yet) is skipped, not an error;
    a corrupt one raises BackupError so the scheduled run shows as failed."""
    if keep < 1:
        raise ValueError(f"keep must be >= 1, got {keep}")
    if not os.path.exists(source):
        return {"ok": True, "skipped": f"no snapshot at {source} yet"}
    os.makedirs(backup_dir, exist_ok=True)
    target = os.path.join(backup_dir, backup_name(now or dt.datetime.now(dt.timezone.utc)))
    tmp = os.path.join(backup_dir, f".{os.path.basename(target)}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        shutil.copyfile(source, tmp)
        check_integrity(tmp)
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(backup_dir)
    except BaseException:
        for leftover in (tmp, f"{tmp}-journal", f"{tmp}-wal", f"{tmp}-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        raise
    kept, deleted = prune(backup_dir, keep)
    return {
        "ok": True,
        "backup": target,
        "bytes": os.path.getsize(target),
        "integrity": "ok",
        "kept": kept,
        "deleted": deleted,
    }
