import contextlib
import http.server
import io
import json
import socket
import threading
import unittest
from unittest import mock

from helpers import REPO_ROOT, import_stubs

WEB_FUNCTIONS = {"order", "chat", "stt", "tts", "health", "web"}


class AppStubTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.modal, (cls.common, cls.app_module) = import_stubs("common", "app")
        cls.app = cls.app_module.app
        cls.functions = cls.app.functions
        cls.web = {name: fn for name, fn in cls.functions.items() if fn.web_server is not None}

    def test_app_name_and_no_app_wide_volumes(self):
        self.assertEqual(self.app.name, "tea-order-agent")
        self.assertEqual(self.app.volumes, {}, "App(volumes=...) would mount the database into every function")

    def test_every_function_folder_has_a_web_function_and_vice_versa(self):
        folders = {p.name for p in (REPO_ROOT / "functions").iterdir() if p.is_dir()}
        self.assertEqual(set(self.web), WEB_FUNCTIONS)
        self.assertEqual(set(self.common.FUNCTION_NAMES), WEB_FUNCTIONS)
        if folders:  # the function folders arrive while this is built; compare once they exist
            self.assertEqual(folders, set(self.web), "functions/<name> folders and web functions differ")

    def test_web_functions_concurrency_scaledown_timeout_startup(self):
        for name, fn in self.web.items():
            with self.subTest(function=name):
                self.assertEqual(fn.concurrent["max_inputs"], 100)
                self.assertEqual(fn.options["scaledown_window"], 300)
                self.assertEqual(fn.options["timeout"], 3600)
                self.assertEqual(fn.web_server["port"], 8000)
                self.assertGreaterEqual(fn.web_server["startup_timeout"], 30, "5 s default is too short")
                self.assertIs(fn.options["image"], self.common.image)
                self.assertEqual([s.name for s in fn.options["secrets"]], ["tea-agent-secrets"])
                self.assertIsNone(fn.options["gpu"])

    def test_only_order_owns_the_database(self):
        for name, fn in self.functions.items():
            mounts = {path: vol.name for path, vol in fn.options["volumes"].items()}
            with self.subTest(function=name):
                if name == "order":
                    self.assertEqual(mounts, {"/data": "tea-orders-db"})
                    self.assertFalse(fn.options["volumes"]["/data"].read_only_mount)
                    self.assertEqual(fn.options["max_containers"], 1)
                    self.assertEqual(fn.options["env"], {"DB_PATH": "/tmp/tea_orders.db",
                                                         "DB_SNAPSHOT_PATH": "/data/tea_orders.db"})
                elif name == "backup":
                    self.assertTrue(fn.options["volumes"]["/data"].read_only_mount)
                else:
                    self.assertNotIn("tea-orders-db", mounts.values())
                    self.assertIsNone(fn.options["max_containers"])

    def test_backup_cron(self):
        fn = self.functions["backup"]
        self.assertIsNone(fn.web_server)
        self.assertIsInstance(fn.options["schedule"], self.modal.Cron)
        self.assertEqual(fn.options["schedule"].cron_string, "0 * * * *")
        vols = fn.options["volumes"]
        self.assertEqual({p: v.name for p, v in vols.items()}, {"/data": "tea-orders-db", "/backups": "tea-orders-backups"})
        self.assertTrue(vols["/data"].read_only_mount)
        self.assertFalse(vols["/backups"].read_only_mount)
        self.assertEqual(fn.options["env"], {"BACKUP_KEEP": "24"})

    def test_image_node20_with_python_deps_inside_and_local_files_last(self):
        steps = self.common.image.steps
        self.assertEqual(steps[0][0], "from_registry")
        self.assertTrue(steps[0][1][0].startswith("node:20-"), steps[0])
        self.assertTrue(steps[0][2]["add_python"])
        commands = " ".join(" ".join(s[1]) for s in steps if s[0] == "run_commands")
        self.assertIn("npm ci --omit=dev", commands)
        mounted = [s for s in steps if s[0].startswith("add_local") and not s[2].get("copy")]
        self.assertEqual(steps[-len(mounted):], mounted, "add_local_* without copy=True must come last")
        remote = {s[1][1] for s in mounted if s[0] == "add_local_dir"}
        self.assertEqual(remote, {"/app/dist", "/app/drizzle", "/app/shared/menus"})
        sources = [m for s in mounted if s[0] == "add_local_python_source" for m in s[1]]
        self.assertEqual(sorted(sources), ["backup_job", "common"])

    def test_backup_mounts_the_data_volume_with_the_current_api(self):
        mounts = [kw for what, kw in self.modal.CALLS if what == "Volume.with_mount_options"]
        self.assertIn({"name": "tea-orders-db", "read_only": True, "sub_path": None}, mounts)

    def test_only_order_gets_the_graceful_shutdown(self):
        started = []

        def recorder(kind):
            return lambda name, **kwargs: started.append((name, kind, sorted(kwargs)))

        with mock.patch.object(self.app_module, "NodeProcess", recorder("plain")), \
                mock.patch.object(self.app_module, "GracefulNodeProcess", recorder("graceful")):
            for name in sorted(self.web):
                self.web[name].local()
        kinds = {name: kind for name, kind, _ in started}
        self.assertEqual(kinds, {name: "graceful" if name == "order" else "plain" for name in self.web})
        self.assertIn(("order", "graceful", ["on_stopped"]), started)

    def test_the_decorator_helper_is_not_named_after_modals_old_decorator(self):
        self.assertTrue(callable(self.app_module.node_web_function))
        self.assertFalse(hasattr(self.app_module, "web_endpoint"), "modal.web_endpoint is Modal's removed decorator")

    def test_node_trusts_exactly_the_one_proxy_modal_puts_in_front(self):
        envs = [s[1][0] for s in self.common.image.steps if s[0] == "env"]
        self.assertEqual(len(envs), 1)
        # modal-client's web_server proxy sets X-Forwarded-For to the client address alone.
        self.assertEqual(envs[0]["TRUST_PROXY_HOPS"], "1")
        self.assertEqual(envs[0]["HOST"], "0.0.0.0")

    def test_sibling_urls_resolve_from_the_order_function(self):
        env = self.app_module._sibling_env("order", "chat", "stt", "tts")
        self.assertEqual(set(env), {"ORDER_API_URL", "CHAT_API_URL", "STT_API_URL", "TTS_API_URL"})
        self.assertTrue(env["ORDER_API_URL"].endswith("order.modal.run"))

    def test_web_learns_every_api_url_like_health(self):
        # The stub body runs NodeProcess; record what it would start instead of spawning node.
        started = {}
        original = self.app_module.NodeProcess
        self.app_module.NodeProcess = lambda name, **kw: started.update(name=name, **kw)
        try:
            self.functions["web"].local()
        finally:
            self.app_module.NodeProcess = original
        self.assertEqual(started["name"], "web")
        self.assertEqual(set(started["env"]), {"ORDER_API_URL", "CHAT_API_URL", "STT_API_URL", "TTS_API_URL"})
        self.assertIsNone(self.functions["web"].options["max_containers"])

    def test_sibling_url_env_override_wins(self):
        import os
        os.environ["ORDER_API_URL"] = "https://orders.example.com"
        try:
            self.assertEqual(self.app_module._sibling_env("order"), {"ORDER_API_URL": "https://orders.example.com"})
        finally:
            del os.environ["ORDER_API_URL"]


class FakeModalStrictnessTest(unittest.TestCase):
    """The fake must reject what real Modal 1.x rejects, or the tests above prove nothing."""

    @classmethod
    def setUpClass(cls):
        cls.modal, _ = import_stubs()

    def test_removed_function_parameters_raise(self):
        app = self.modal.App("strict")
        for key in ("allow_concurrent_inputs", "container_idle_timeout", "keep_warm", "concurrency_limit",
                    "max_inputs", "mounts", "no_such_option"):
            with self.subTest(param=key), self.assertRaises(TypeError):
                app.function(**{key: 1})

    def test_positional_arguments_raise(self):
        app = self.modal.App("strict")
        with self.assertRaises(TypeError):
            app.function(self.modal.Image.debian_slim())
        with self.assertRaises(TypeError):
            self.modal.concurrent(100)

    def test_removed_objects_raise(self):
        with self.assertRaises(TypeError):
            self.modal.Mount  # noqa: B018
        with self.assertRaises(TypeError):
            self.modal.Image.debian_slim().copy_local_dir(".", "/app")

    def test_volume_mount_options_take_the_real_signature(self):
        vol = self.modal.Volume.from_name("strict")
        self.assertTrue(vol.with_mount_options(read_only=True).read_only_mount)
        self.assertFalse(vol.read_only_mount, "with_mount_options returns a new handle")
        self.assertEqual(vol.with_mount_options(sub_path="/a").sub_path, "/a")
        for bad in (lambda: vol.with_mount_options(True), lambda: vol.with_mount_options(read_only="yes"),
                    lambda: vol.with_mount_options(readonly=True), lambda: vol.read_only()):
            with self.subTest(), self.assertRaises(TypeError):
                bad()
        with self.assertRaises(RuntimeError):
            vol.with_mount_options(read_only=True).commit()

    def test_build_step_after_mounted_files_raises(self):
        img = self.modal.Image.debian_slim().add_local_dir(".", "/app")
        with self.assertRaises(TypeError):
            img.run_commands("echo hi")
        self.modal.Image.debian_slim().add_local_dir(".", "/app", copy=True).run_commands("echo ok")


class _Health(http.server.BaseHTTPRequestHandler):
    release = threading.Event()  # the slow route answers only once the test is done with it

    def do_GET(self):  # noqa: N802
        if self.path == "/healthz/slow":
            self.release.wait(10)
            return  # the client gave up long ago: close without an answer
        status = {"/healthz/order": 200, "/healthz/chat": 503}.get(self.path, 404)
        self.send_response(status)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


class UrlsHealthTest(unittest.TestCase):
    """`modal run modal/app.py::urls` probes each URL's /healthz/<name>, against a loopback server."""

    @classmethod
    def setUpClass(cls):
        _, (cls.common, cls.app_module) = import_stubs("common", "app")
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        _Health.release.set()
        cls.server.shutdown()
        cls.server.server_close()

    def test_probe_reports_status_and_time(self):
        ok = self.common.probe_health("order", self.url + "/", timeout=5)
        self.assertEqual((ok["ok"], ok["status"], ok["url"]), (True, 200, self.url + "/"))
        self.assertIsInstance(ok["ms"], int)
        down = self.common.probe_health("chat", self.url, timeout=5)
        self.assertEqual((down["ok"], down["status"]), (False, 503))

    def test_probe_reports_a_refused_connection_and_a_timeout(self):
        with socket.socket() as sock:  # bound, never listening: connections are refused
            sock.bind(("127.0.0.1", 0))
            refused = self.common.probe_health("order", f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=5)
        self.assertEqual((refused["ok"], refused["status"]), (False, None))
        self.assertTrue(refused["error"])
        slow = self.common.probe_health("slow", self.url, timeout=0.2)
        self.assertEqual((slow["ok"], slow["status"]), (False, None))
        self.assertIn("timed out", slow["error"])
        _Health.release.set()

    def run_urls(self, urls_by_name):
        class Deployed:
            def __init__(self, name):
                self.name = name

            def get_web_url(self):
                return urls_by_name.get(self.name)

        out = io.StringIO()
        exit_code = 0
        with mock.patch.object(self.app_module.modal.Function, "from_name", lambda app, name: Deployed(name)), \
                contextlib.redirect_stdout(out):
            try:
                self.app_module.urls(timeout=5)
            except SystemExit as exit:
                exit_code = exit.code
        return json.loads(out.getvalue()), exit_code

    def test_urls_prints_every_function_with_its_health_and_fails_if_one_is_down(self):
        report, code = self.run_urls({name: self.url for name in self.common.FUNCTION_NAMES})
        self.assertEqual(set(report), set(self.common.FUNCTION_NAMES))
        self.assertEqual((report["order"]["status"], report["order"]["ok"]), (200, True))
        self.assertEqual((report["chat"]["status"], report["chat"]["ok"]), (503, False))
        self.assertEqual(report["order"]["url"], self.url)
        self.assertEqual(code, 1)

    def test_urls_succeeds_when_all_are_healthy_and_reports_a_missing_url(self):
        healthy = {name: self.url for name in self.common.FUNCTION_NAMES}
        with mock.patch.object(self.app_module, "probe_health", lambda name, url, timeout: {"url": url, "ok": True, "status": 200}):
            report, code = self.run_urls(healthy)
            self.assertEqual(code, 0)
            self.assertTrue(all(entry["ok"] for entry in report.values()))
            report, code = self.run_urls({**healthy, "tts": None})
        self.assertEqual(code, 1)
        self.assertEqual((report["tts"]["url"], report["tts"]["ok"]), (None, False))


if __name__ == "__main__":
    unittest.main()
