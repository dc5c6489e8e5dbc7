"""The launchers against a real Node process (skipped where node is missing).

No freed-then-reused ports and no polling: the child binds port 0 and reports the port it got
by connecting back to a socket this test listens on; crashes happen on request.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import textwrap
import threading
import unittest
import urllib.request

from helpers import import_stubs

# Line numbers matter: the source map below maps line N of this file to line N of src/server.ts.
SERVER = textwrap.dedent("""\
    import http from 'node:http';
    import fs from 'node:fs';
    import net from 'node:net';
    const server = http.createServer((req, res) => {
      if (req.url === '/crash') process.exit(3);
      if (req.url === '/stack') return res.end(new Error('where am I').stack);
      res.end(JSON.stringify({ status: 'ok', host: process.env.HOST }));
    });
    server.listen(Number(process.env.PORT), process.env.HOST, () => {
      net.connect(Number(process.env.REPORT_PORT), '127.0.0.1').end(String(server.address().port));
    });
    process.on('SIGTERM', () => {
      server.close();
      fs.writeFileSync('final-snapshot.txt', 'written on SIGTERM');
      process.exit(0);
    });
    //# sourceMappingURL=order.mjs.map
""")
STACK_LINE = next(i for i, line in enumerate(SERVER.splitlines(), 1) if "new Error" in line)
SOURCE_MAP = {
    "version": 3,
    "file": "order.mjs",
    "sources": ["../src/server.ts"],
    "names": [],
    # Column 0 of each generated line → column 0 of the same line in src/server.ts.
    "mappings": ";".join(["AAAA"] + ["AACA"] * (len(SERVER.splitlines()) - 1)),
}


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
        with open(os.path.join(self.tmp.name, "dist", "order.mjs.map"), "w") as f:
            json.dump(SOURCE_MAP, f)
        self.report = socket.create_server(("127.0.0.1", 0))
        self.report.settimeout(10)
        self.exited = threading.Event()
        self.exit_codes = []
        self.nodes = []

    def tearDown(self):
        for node in self.nodes:
            node._stopping.set()
            if node.proc.poll() is None:
                node.proc.kill()
                node.proc.wait()
        self.report.close()
        self.tmp.cleanup()

    def fake_exit(self, code):
        self.exit_codes.append(code)
        self.exited.set()

    def start(self, cls, **kwargs):
        env = {"REPORT_PORT": str(self.report.getsockname()[1]), **kwargs.pop("env", {})}
        node = cls("order", cwd=self.tmp.name, port=0, env=env, exit_process=self.fake_exit, **kwargs)
        self.nodes.append(node)
        conn, _ = self.report.accept()  # the child is listening once it reports its port
        with conn:
            port = int(conn.makefile().read())
        return node, f"http://127.0.0.1:{port}"

    def get(self, url):
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode()

    def test_graceful_binds_all_interfaces_and_sigterm_writes_the_final_snapshot_before_the_hook(self):
        hooks = []
        node, url = self.start(self.common.GracefulNodeProcess, forward_signals=False, on_stopped=lambda: hooks.append(
            os.path.exists(os.path.join(self.tmp.name, "final-snapshot.txt"))))
        self.assertIn('"host":"0.0.0.0"', self.get(f"{url}/healthz/order"))
        self.assertEqual(node.stop(grace_seconds=5), 0)
        self.assertEqual(hooks, [True], "the hook (volume commit) must run once, after the final snapshot")
        node.stop()
        self.assertEqual(hooks, [True])
        self.assertEqual(self.exit_codes, [], "a requested stop is not a crash")

    def test_graceful_runs_the_hook_and_exits_the_container_when_node_dies(self):
        hooks = []
        _, url = self.start(self.common.GracefulNodeProcess, forward_signals=False, on_stopped=lambda: hooks.append(1))
        with self.assertRaises(OSError):
            self.get(f"{url}/crash")
        self.assertTrue(self.exited.wait(10), "the watcher did not stop the container")
        self.assertEqual(self.exit_codes, [3])
        self.assertEqual(hooks, [1])

    def test_stateless_container_exits_when_node_dies(self):
        node, url = self.start(self.common.NodeProcess)
        self.assertFalse(hasattr(node, "stop"), "stateless functions have no shutdown sequence")
        with self.assertRaises(OSError):
            self.get(f"{url}/crash")
        self.assertTrue(self.exited.wait(10), "the watcher did not stop the container")
        self.assertEqual(self.exit_codes, [3])

    def test_stack_traces_point_at_the_typescript_source(self):
        _, url = self.start(self.common.NodeProcess)
        self.assertIn(f"src/server.ts:{STACK_LINE}:", self.get(f"{url}/stack"))

    def test_without_the_flag_the_same_bundle_reports_bundle_lines(self):
        """The control for the test above: the .ts names come from --enable-source-maps."""
        plain = [arg for arg in self.common.node_command("order") if arg != "--enable-source-maps"]
        _, url = self.start(self.common.NodeProcess, command=plain)
        stack = self.get(f"{url}/stack")
        self.assertIn(f"order.mjs:{STACK_LINE}:", stack)
        self.assertNotIn("server.ts", stack)


class NodeCommandTest(unittest.TestCase):
    def test_node_runs_the_bundle_with_source_maps(self):
        _, (common,) = import_stubs("common")
        self.assertEqual(common.node_command("chat"), ["node", "--enable-source-maps", "dist/chat.mjs"])

    @unittest.skipUnless(shutil.which("node"), "node is not installed")
    def test_the_flag_is_one_node_20_accepts(self):
        _, (common,) = import_stubs("common")
        flags = [arg for arg in common.node_command("x") if arg.startswith("--")]
        out = subprocess.run(["node", *flags, "-e", "process.stdout.write('ok')"], capture_output=True, text=True, timeout=30)
        self.assertEqual((out.returncode, out.stdout), (0, "ok"), out.stderr)


if __name__ == "__main__":
    unittest.main()
