import unittest

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
        self.assertEqual(remote, {"/app/dist", "/app/drizzle"})
        sources = [m for s in mounted if s[0] == "add_local_python_source" for m in s[1]]
        self.assertEqual(sorted(sources), ["backup_job", "common"])

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

    def test_build_step_after_mounted_files_raises(self):
        img = self.modal.Image.debian_slim().add_local_dir(".", "/app")
        with self.assertRaises(TypeError):
            img.run_commands("echo hi")
        self.modal.Image.debian_slim().add_local_dir(".", "/app", copy=True).run_commands("echo ok")


if __name__ == "__main__":
    unittest.main()
