import unittest

from helpers import import_stubs


class VllmStubTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.modal, (cls.vllm,) = import_stubs("vllm_llama70b")
        cls.app = cls.vllm.app
        cls.serve = cls.app.functions["serve"]

    def test_app_and_gpu(self):
        self.assertEqual(self.app.name, "vllm-llama70b")
        self.assertEqual(self.serve.options["gpu"], "A100-80GB:2")
        self.assertEqual(self.vllm.TENSOR_PARALLEL, 2)
        self.assertEqual(self.serve.options["scaledown_window"], 300)
        self.assertGreaterEqual(self.serve.web_server["startup_timeout"], 15 * 60)
        self.assertEqual([s.name for s in self.serve.options["secrets"]], ["vllm-secrets"])

    def test_weights_and_caches_on_volumes(self):
        names = {v.name for v in self.serve.options["volumes"].values()}
        self.assertEqual(names, {"vllm-hf-cache", "vllm-cache"})
        download = self.app.functions["download_weights"]
        self.assertIn("vllm-hf-cache", {v.name for v in download.options["volumes"].values()})
        self.assertIsNone(download.web_server)

    def test_serve_flags(self):
        cmd = self.vllm.vllm_command("sk-test")
        joined = " ".join(cmd)
        self.assertEqual(cmd[:3], ["vllm", "serve", "meta-llama/Llama-3.1-70B-Instruct"])

        def flag(name):
            return cmd[cmd.index(name) + 1]

        self.assertEqual(flag("--tensor-parallel-size"), "2")
        self.assertEqual(flag("--tool-call-parser"), "llama3_json")
        self.assertTrue(flag("--chat-template").endswith("tool_chat_template_llama3.1_json.jinja"))
        self.assertEqual(flag("--max-model-len"), "32768")
        self.assertEqual(flag("--gpu-memory-utilization"), "0.92")
        self.assertEqual(flag("--api-key"), "sk-test")
        self.assertEqual(flag("--host"), "0.0.0.0")
        self.assertEqual(int(flag("--port")), self.serve.web_server["port"])
        self.assertIn("--enable-auto-tool-choice", cmd)
        self.assertNotIn("--api-key", self.vllm.vllm_command(None))
        self.assertNotIn("None", joined)

    def test_template_is_fetched_into_the_image_from_the_pinned_vllm_tag(self):
        commands = " ".join(" ".join(s[1]) for s in self.vllm.image.steps if s[0] == "run_commands")
        self.assertIn(f"vllm-project/vllm/v{self.vllm.VLLM_VERSION}/examples/tool_chat_template_llama3.1_json.jinja",
                      commands)
        installs = [p for s in self.vllm.image.steps if s[0] == "uv_pip_install" for p in s[1]]
        self.assertIn(f"vllm=={self.vllm.VLLM_VERSION}", installs)

    def test_smoke_entrypoint(self):
        self.assertIn("smoke", self.app.local_entrypoints)


if __name__ == "__main__":
    unittest.main()
