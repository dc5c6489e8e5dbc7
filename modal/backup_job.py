"""The backup the Modal cron runs: the same steps as scripts/backup.ts (shared/db/backup-*.ts).

Copy the snapshot's base off the read-only data volume, apply the segments of its generation
(``tea_orders.db.seg-<generation>-<seq>``, see shared/db/snapshot.ts and snapshot-segment.ts),
run ``PRAGMA integrity_check`` on the copy, rename it into the backups directory as
``tea_orders-YYYYMMDDTHHMMSSZ.db`` and keep the newest ``keep``. Standard library only, so it
is tested without Modal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import uuid
from typing import Optional

BACKUP_NAME = re.compile(r"^tea_orders-\d{8}T\d{6}Z\.db$")
SEGMENT_SUFFIX = re.compile(r"^\.seg-([0-9a-f]{16})-(\d{8})$")
SEGMENT_FORMAT = 1


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


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_segments(snapshot: str) -> list[tuple[str, int, str]]:
    """(generation, seq, path) of every segment file beside the snapshot, in order."""
    folder, base = os.path.split(snapshot)
    found = []
    for name in os.listdir(folder or "."):
        if name.startswith(base):
            match = SEGMENT_SUFFIX.match(name[len(base):])
            if match:
                found.append((match.group(1), int(match.group(2)), os.path.join(folder, name)))
    return sorted(found)


def _read_segment(path: str, generation: str, seq: int, base_hash: str, page_size: int) -> tuple[int, list]:
    """The segment's db size and pages, after checking its meta and checksum (as readSegmentFile)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = conn.execute(
                "SELECT format, generation, seq, base_hash, page_size, db_pages, page_count, checksum FROM meta"
            ).fetchall()
            pages = conn.execute("SELECT pgno, data FROM pages ORDER BY pgno").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} is not a readable segment: {err}") from err
    if len(meta) != 1:
        raise BackupError(f"{path} has {len(meta)} meta rows")
    fmt, gen, meta_seq, meta_hash, meta_page_size, db_pages, page_count, checksum = meta[0]
    if fmt != SEGMENT_FORMAT:
        raise BackupError(f"{path} is segment format {fmt}, expected {SEGMENT_FORMAT}")
    if meta_hash != base_hash:
        raise BackupError(f"{path} does not follow the chain: it was written for another base")
    if gen != generation or meta_seq != seq:
        raise BackupError(f"{path} does not follow the chain: its meta says generation {gen} segment {meta_seq}")
    if meta_page_size != page_size or len(pages) != page_count or any(len(data) != page_size for _, data in pages):
        raise BackupError(f"{path} does not hold {page_count} pages of {page_size} bytes")
    digest = hashlib.sha256(db_pages.to_bytes(4, "big"))
    for pgno, data in pages:
        digest.update(pgno.to_bytes(4, "big"))
        digest.update(data)
    if digest.hexdigest() != checksum:
        raise BackupError(f"{path} fails its checksum")
    return db_pages, pages


def apply_segments(copy: str, snapshot: str) -> dict:
    """Applies, in place on ``copy`` (a copy of the base at ``snapshot``), the contiguous segments of
    the base's generation. Stops at the first missing or broken one and reports it (never skips)."""
    segments = list_segments(snapshot)
    with open(copy, "rb") as f:
        header = f.read(100)
    if not segments or len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return {"segments": 0}
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    base_hash = _sha256(copy)
    generation = base_hash[:16]
    mine = [(seq, path) for gen, seq, path in segments if gen == generation]
    applied, broken = 0, None
    with open(copy, "r+b") as f:
        for index, (seq, path) in enumerate(mine):
            expected = index + 1
            if seq != expected:
                broken = {"seq": expected, "cause": f"segment {expected} is missing", "ignored": len(mine) - index}
                break
            try:
                db_pages, pages = _read_segment(path, generation, seq, base_hash, page_size)
            except BackupError as err:
                broken = {"seq": seq, "file": path, "cause": str(err), "ignored": len(mine) - index}
                break
            for pgno, data in pages:
                f.seek((pgno - 1) * page_size)
                f.write(data)
            f.truncate(db_pages * page_size)
            applied = seq
    result = {"segments": applied, "generation": generation}
    if broken:
        result["broken_chain"] = broken
    return result


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
        chain = apply_segments(tmp, source)
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
        **chain,
        "kept": kept,
        "deleted": deleted,
    }
