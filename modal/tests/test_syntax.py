import shutil
import subprocess
import sys
import unittest

from helpers import MODAL_DIR, REPO_ROOT


class SyntaxTest(unittest.TestCase):
    def test_py_compile_modal_sources(self):
        files = sorted(str(p) for p in MODAL_DIR.glob("*.py"))
        self.assertTrue(files)
        self.assertFalse((MODAL_DIR / "__init__.py").exists(), "modal/__init__.py would shadow the real modal package")
        result = subprocess.run([sys.executable, "-m", "py_compile", *files], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    @unittest.skipUnless(shutil.which("bash"), "bash is not installed")
    def test_deploy_scripts_parse(self):
        for name in ("deploy.sh", "deploy-vllm.sh"):
            with self.subTest(script=name):
                path = REPO_ROOT / "scripts" / name
                self.assertTrue(path.exists(), f"{path} is missing")
                result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("set -euo pipefail", path.read_text())


if __name__ == "__main__":
    unittest.main()
