"""The launcher against a real Node process (skipped where node is missing)."""

import os
import shutil
import socket
import tempfile
import textwrap
import threading
import time
import unittest
import urllib.request

from helpers import import_stubs

SERVER = textwrap.dedent("""
    import http from 'node:http';
    import fs from 'node:fs';
    const server = http.createServer((req, res) => res.end(JSON.stringify({ status: 'ok', host: process.env.HOST })));
    server.listen(Number(process.env.PORT), process.env.HOST);
    process.on('SIGTERM', () => {
      server.close();
      fs.writeFileSync('final-snapshot.txt', 'written on SIGTERM');
      process.exit(0);
    });
    if (process.env.CRASH_AFTER_MS) setTimeout(() => process.exit(3), Number(process.env.CRASH_AFTER_MS));
""")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=5.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=0.5) as resp:
                return resp.read().decode()
        except OSError:
            time.sleep(0.02)
    raise AssertionError(f"{url} never answered")


@unittest.skipUnless(shutil.which("node"), "node is not installed")
class NodeProcessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, (cls.common,) = import_stubs("common")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        os.makedirs(os.path.join(self.tmp.name, "dist"))
        with open(os.path.join(self.tmp.name, "dist", "order.mjs"), "w") as f:
            f.write(SERVER)
        self.port = free_port()

    def tearDown(self):
        self.tmp.cleanup()

    def start(self, **kwargs):
        return self.common.NodeProcess("order", cwd=self.tmp.name, port=self.port, forward_signals=False, **kwargs)

    def test_binds_all_interfaces_and_sigterm_writes_the_final_snapshot_before_the_hook(self):
        hooks = []
        node = self.start(on_stopped=lambda: hooks.append(
            os.path.exists(os.path.join(self.tmp.name, "final-snapshot.txt"))))
        body = wait_for(f"http://127.0.0.1:{self.port}/healthz/order")
        self.assertIn('"host":"0.0.0.0"', body)
        self.assertEqual(node.stop(grace_seconds=5), 0)
        self.assertEqual(hooks, [True], "the hook (volume commit) must run once, after the final snapshot")
        node.stop()
        self.assertEqual(hooks, [True])

    def test_container_exits_when_node_dies(self):
        exited = threading.Event()
        codes = []

        def fake_exit(code):
            codes.append(code)
            exited.set()

        hooks = []
        self.start(env={"CRASH_AFTER_MS": "150"}, exit_process=fake_exit, on_stopped=lambda: hooks.append(1))
        self.assertTrue(exited.wait(5), "the watcher did not stop the container")
        self.assertEqual(codes, [3])
        self.assertEqual(hooks, [1])


if __name__ == "__main__":
    unittest.main()
