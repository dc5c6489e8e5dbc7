"""Puts the fake `modal` first on sys.path and imports the stubs from a clean slate."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
MODAL_DIR = TESTS_DIR.parent
REPO_ROOT = MODAL_DIR.parent
FAKE_DIR = TESTS_DIR / "fake_modal"

STUB_MODULES = ("modal", "common", "backup_job", "app", "vllm_llama70b")


def import_stubs(*names: str):
    for path in (str(MODAL_DIR), str(FAKE_DIR)):  # fake ends up first
        if path in sys.path:
            sys.path.remove(path)
        sys.path.insert(0, path)
    for mod in STUB_MODULES:
        sys.modules.pop(mod, None)
    fake = importlib.import_module("modal")
    assert getattr(fake, "__version__", "").endswith("-fake"), f"imported the real modal from {fake.__file__}"
    return fake, [importlib.import_module(name) for name in names]
