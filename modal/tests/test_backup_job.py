import datetime as dt
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


if __name__ == "__main__":
    unittest.main()
