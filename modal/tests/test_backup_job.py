import datetime as dt
import hashlib
import os
import sqlite3
import tempfile
import unittest

from helpers import import_stubs


class BackupJobTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, (cls.job,) = import_stubs("backup_job")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.source = os.path.join(self.dir, "data", "tea_orders.db")
        os.makedirs(os.path.dirname(self.source))
        self.backups = os.path.join(self.dir, "backups")

    def tearDown(self):
        self.tmp.cleanup()

    def write_db(self, rows):
        conn = sqlite3.connect(self.source)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO orders (id) VALUES (?)", [(r,) for r in rows])
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()

    def test_same_name_format_as_scripts_backup_ts(self):
        at = dt.datetime(2025, 3, 4, 5, 6, 7, 890000, tzinfo=dt.timezone.utc)
        self.assertEqual(self.job.backup_name(at), "tea_orders-20250304T050607Z.db")

    def test_backup_copies_checks_and_keeps_the_newest(self):
        self.write_db([1, 2, 3])
        start = dt.datetime(2025, 1, 1, 8, tzinfo=dt.timezone.utc)
        for h in range(4):
            result = self.job.run_backup(self.source, self.backups, keep=2, now=start + dt.timedelta(hours=h))
        self.assertEqual(result["integrity"], "ok")
        self.assertEqual(self.job.list_backups(self.backups),
                         ["tea_orders-20250101T100000Z.db", "tea_orders-20250101T110000Z.db"])
        self.assertEqual(result["deleted"], ["tea_orders-20250101T090000Z.db"])
        conn = sqlite3.connect(result["backup"])
        self.assertEqual(conn.execute("SELECT count(*) FROM orders").fetchone()[0], 3)
        self.assertEqual(conn.execute("PRAGMA journal_mode").fetchone()[0], "delete")
        conn.close()
        self.assertEqual(sorted(os.listdir(self.backups)), self.job.list_backups(self.backups))

    def test_missing_snapshot_is_skipped(self):
        result = self.job.run_backup(self.source, self.backups, keep=3)
        self.assertTrue(result["ok"])
        self.assertIn("skipped", result)

    def test_corrupt_snapshot_fails_and_leaves_nothing(self):
        with open(self.source, "wb") as f:
            f.write(b"not a database " * 500)
        with self.assertRaises(self.job.BackupError):
            self.job.run_backup(self.source, self.backups, keep=3)
        self.assertEqual(os.listdir(self.backups), [])



PAGE = 4096


def write_segment(path, generation, seq, base_hash, db_pages, pages):
    """A segment in the format shared/db/snapshot-segment.ts writes."""
    digest = hashlib.sha256(db_pages.to_bytes(4, "big"))
    for pgno, data in sorted(pages.items()):
        digest.update(pgno.to_bytes(4, "big"))
        digest.update(data)
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE meta (format INTEGER, generation TEXT, seq INTEGER, base_hash TEXT, page_size INTEGER,"
        " db_pages INTEGER, page_count INTEGER, checksum TEXT, created_at TEXT);"
        "CREATE TABLE pages (pgno INTEGER PRIMARY KEY, data BLOB NOT NULL);"
    )
    conn.execute("INSERT INTO meta VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'now')",
                 (generation, seq, base_hash, PAGE, db_pages, len(pages), digest.hexdigest()))
    conn.executemany("INSERT INTO pages VALUES (?, ?)", sorted(pages.items()))
    conn.commit()
    conn.close()


class BackupChainTest(unittest.TestCase):
    """Base + segments, cut here from page diffs between states of a real database."""

    @classmethod
    def setUpClass(cls):
        _, (cls.job,) = import_stubs("backup_job")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.live = os.path.join(self.dir, "live.db")
        self.source = os.path.join(self.dir, "data", "tea_orders.db")
        os.makedirs(os.path.dirname(self.source))
        self.backups = os.path.join(self.dir, "backups")
        conn = sqlite3.connect(self.live)
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT)")
        conn.commit()
        conn.close()
        self.add_orders(range(1, 200))
        with open(self.live, "rb") as f:
            self.states = [f.read()]
        with open(self.source, "wb") as f:
            f.write(self.states[0])
        self.base_hash = hashlib.sha256(self.states[0]).hexdigest()
        self.generation = self.base_hash[:16]

    def tearDown(self):
        self.tmp.cleanup()

    def add_orders(self, ids):
        conn = sqlite3.connect(self.live)
        conn.executemany("INSERT INTO orders VALUES (?, ?)", [(i, f"order {i} " + "x" * 300) for i in ids])
        conn.execute("DELETE FROM orders WHERE id % 7 = 0")
        conn.commit()
        conn.close()

    def ship(self, ids):
        """Changes the live database and writes the next segment: the pages that differ."""
        self.add_orders(ids)
        with open(self.live, "rb") as f:
            now = f.read()
        before = self.states[-1]
        pages = {
            n + 1: now[n * PAGE:(n + 1) * PAGE]
            for n in range(len(now) // PAGE)
            if now[n * PAGE:(n + 1) * PAGE] != before[n * PAGE:(n + 1) * PAGE]
        }
        self.states.append(now)
        seq = len(self.states) - 1
        path = f"{self.source}.seg-{self.generation}-{seq:08d}"
        write_segment(path, self.generation, seq, self.base_hash, len(now) // PAGE, pages)
        return path

    def ids_in(self, path):
        conn = sqlite3.connect(path)
        try:
            return [row[0] for row in conn.execute("SELECT id FROM orders ORDER BY id")]
        finally:
            conn.close()

    def test_base_and_segments_rebuild_the_latest_state(self):
        self.ship(range(200, 400))
        self.ship(range(400, 420))
        result = self.job.run_backup(self.source, self.backups, keep=3)
        self.assertEqual(result["segments"], 2)
        self.assertEqual(result["generation"], self.generation)
        self.assertNotIn("broken_chain", result)
        expected = [i for i in range(1, 420) if i % 7 != 0]
        self.assertEqual(self.ids_in(result["backup"]), expected)

    def test_a_broken_segment_in_the_middle_stops_the_chain_there_and_says_so(self):
        self.ship(range(200, 400))
        second = self.ship(range(400, 420))
        self.ship(range(420, 440))
        conn = sqlite3.connect(second)
        conn.execute("UPDATE pages SET data = zeroblob(4096) WHERE pgno = (SELECT max(pgno) FROM pages)")
        conn.commit()
        conn.close()
        result = self.job.run_backup(self.source, self.backups, keep=3)
        self.assertEqual(result["segments"], 1)
        self.assertEqual(result["broken_chain"]["seq"], 2)
        self.assertEqual(result["broken_chain"]["ignored"], 2)
        self.assertIn("fails its checksum", result["broken_chain"]["cause"])
        self.assertEqual(self.ids_in(result["backup"]), [i for i in range(1, 400) if i % 7 != 0])

        os.remove(second)
        result = self.job.run_backup(self.source, self.backups, keep=3, now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
        self.assertEqual(result["broken_chain"]["cause"], "segment 2 is missing")

    def test_segments_of_another_base_never_apply(self):
        self.ship(range(200, 400))
        conn = sqlite3.connect(self.source)  # the base changed since (a backup put over it)
        conn.execute("INSERT INTO orders VALUES (9999, 'put back')")
        conn.commit()
        conn.close()
        result = self.job.run_backup(self.source, self.backups, keep=3)
        self.assertEqual(result["segments"], 0)
        self.assertEqual(self.ids_in(result["backup"])[-1], 9999)

    def test_a_segment_renamed_into_another_place_is_refused(self):
        first = self.ship(range(200, 400))
        second = self.ship(range(400, 420))
        os.replace(first, f"{first}.swap")
        os.replace(second, first)
        os.replace(f"{first}.swap", second)
        result = self.job.run_backup(self.source, self.backups, keep=3)
        self.assertEqual(result["segments"], 0)
        self.assertIn("its meta says", result["broken_chain"]["cause"])


if __name__ == "__main__":
    unittest.main()
