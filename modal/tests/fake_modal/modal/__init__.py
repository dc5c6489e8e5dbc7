"""A small stand-in for the ``modal`` package (1.4+ API), for tests only.

Written from the real signatures (keyword-only parameters where the real API has them).
It raises TypeError on unknown parameters and on ones Modal removed or deprecated
(``allow_concurrent_inputs``, ``container_idle_timeout``, ``keep_warm``, ``concurrency_limit``,
``max_inputs`` on functions, ``Mount``, ``Image.copy_local_*``, ``Volume.read_only()``...), enforces the "add_local_*
last unless copy=True" image rule, and records every app, function and decorator call.
It never talks to Modal.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Callable, Optional

__version__ = "1.4.3-fake"

# Removed/deprecated names and what replaced them, for readable errors.
_REPLACED = {
    "allow_concurrent_inputs": "@modal.concurrent(max_inputs=...)",
    "container_idle_timeout": "scaledown_window",
    "keep_warm": "min_containers",
    "concurrency_limit": "max_containers",
    "max_inputs": "single_use_containers (or @modal.concurrent for concurrency)",
    "mounts": "Image.add_local_dir / add_local_file / add_local_python_source",
    "_experimental_buffer_containers": "buffer_containers",
    "allow_cross_region_volumes": "nothing (always on)",
}

APPS: list["App"] = []
CALLS: list[tuple[str, dict[str, Any]]] = []  # every decorator / factory call, in order


def _record(what: str, **kwargs: Any) -> None:
    CALLS.append((what, kwargs))


def _reject(where: str, kwargs: dict[str, Any]) -> None:
    for key in kwargs:
        if key in _REPLACED:
            raise TypeError(f"{where}: `{key}` was removed from Modal; use {_REPLACED[key]}")
        raise TypeError(f"{where}() got an unexpected keyword argument '{key}'")


def __getattr__(name: str) -> Any:
    if name in ("Mount", "Stub", "web_endpoint", "NetworkFileSystem"):
        raise TypeError(f"modal.{name} is removed or deprecated in Modal 1.x; do not use it")
    raise AttributeError(f"module 'modal' has no attribute '{name}'")


class Secret:
    def __init__(self, name: Optional[str], env: Optional[dict[str, str]] = None) -> None:
        self.name = name
        self.env = env or {}

    @staticmethod
    def from_name(name: str, *, environment_name: Optional[str] = None, required_keys: list[str] = [],
                  client: Any = None) -> "Secret":
        if not isinstance(name, str) or not name:
            raise TypeError("Secret.from_name needs a name")
        _record("Secret.from_name", name=name)
        return Secret(name)

    @staticmethod
    def from_dict(env_dict: dict[str, Optional[str]] = {}) -> "Secret":
        return Secret(None, {k: v for k, v in env_dict.items() if v is not None})


class Volume:
    read_only_mount = False
    sub_path: Optional[str] = None

    def __init__(self, name: str) -> None:
        self.name = name
        self.commits = 0

    @staticmethod
    def from_name(name: str, *, environment_name: Optional[str] = None, create_if_missing: bool = False,
                  version: Optional[int] = None, client: Any = None) -> "Volume":
        _record("Volume.from_name", name=name, create_if_missing=create_if_missing)
        vol = Volume(name)
        vol.create_if_missing = create_if_missing
        return vol

    def with_mount_options(self, *, read_only: Optional[bool] = None,
                           sub_path: Optional[str | PurePosixPath] = None) -> "Volume":
        """The real signature (modal.com/docs/reference/modal.Volume#with_mount_options), keyword-only."""
        if read_only is not None and not isinstance(read_only, bool):
            raise TypeError("with_mount_options: read_only must be a bool")
        if sub_path is not None and not isinstance(sub_path, (str, PurePosixPath)):
            raise TypeError("with_mount_options: sub_path must be a str or PurePosixPath")
        mounted = Volume(self.name)
        mounted.create_if_missing = getattr(self, "create_if_missing", False)
        mounted.read_only_mount = self.read_only_mount if read_only is None else read_only
        mounted.sub_path = self.sub_path if sub_path is None else str(sub_path)
        _record("Volume.with_mount_options", name=self.name, read_only=read_only, sub_path=sub_path)
        return mounted

    def read_only(self) -> "Volume":
        raise TypeError("Volume.read_only() is the legacy form; use with_mount_options(read_only=True)")

    def commit(self) -> None:
        if self.read_only_mount:
            raise RuntimeError(f"cannot commit read-only volume {self.name}")
        self.commits += 1

    def reload(self) -> None:
        pass


class Cron:
    def __init__(self, cron_string: str, timezone: str = "UTC") -> None:
        if len(cron_string.split()) != 5:
            raise ValueError(f"invalid cron string {cron_string!r}")
        self.cron_string = cron_string
        self.timezone = timezone


class Period:
    def __init__(self, *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0, hours: int = 0,
                 minutes: int = 0, seconds: float = 0) -> None:
        self.seconds = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60) + seconds


class Image:
    """Records build steps; `mounted_tail` marks add_local_* layers without copy=True."""

    def __init__(self, steps: list[tuple[str, tuple, dict]]) -> None:
        self.steps = steps

    def _build_step(self, name: str, *args: Any, **kwargs: Any) -> "Image":
        if any(step[0].startswith("add_local") and not step[2].get("copy") for step in self.steps):
            raise TypeError(
                f"Image.{name}: a build step after add_local_* without copy=True is not allowed; "
                "move add_local_* last or pass copy=True"
            )
        return Image(self.steps + [(name, args, kwargs)])

    def _mount_step(self, name: str, *args: Any, **kwargs: Any) -> "Image":
        return Image(self.steps + [(name, args, kwargs)])

    @staticmethod
    def debian_slim(python_version: Optional[str] = None, force_build: bool = False) -> "Image":
        return Image([("debian_slim", (), {"python_version": python_version})])

    @staticmethod
    def from_registry(tag: str, secret: Optional[Secret] = None, *, setup_dockerfile_commands: list[str] = [],
                      force_build: bool = False, add_python: Optional[str] = None) -> "Image":
        return Image([("from_registry", (tag,), {"add_python": add_python})])

    def apt_install(self, *packages: str, force_build: bool = False, env: Optional[dict] = None,
                    secrets: Optional[list] = None, gpu: Optional[str] = None) -> "Image":
        return self._build_step("apt_install", *packages)

    def pip_install(self, *packages: str, find_links: Optional[str] = None, index_url: Optional[str] = None,
                    extra_index_url: Optional[str] = None, pre: bool = False, extra_options: str = "",
                    force_build: bool = False, env: Optional[dict] = None, secrets: Optional[list] = None,
                    gpu: Optional[str] = None) -> "Image":
        return self._build_step("pip_install", *packages)

    def uv_pip_install(self, *packages: str, requirements: Optional[list[str]] = None,
                       find_links: Optional[str] = None, index_url: Optional[str] = None,
                       extra_index_url: Optional[str] = None, pre: bool = False, extra_options: str = "",
                       force_build: bool = False, uv_version: Optional[str] = None, env: Optional[dict] = None,
                       secrets: Optional[list] = None, gpu: Optional[str] = None) -> "Image":
        return self._build_step("uv_pip_install", *packages)

    def run_commands(self, *commands: str, env: Optional[dict] = None, secrets: Optional[list] = None,
                     volumes: Optional[dict] = None, gpu: Optional[str] = None, force_build: bool = False) -> "Image":
        return self._build_step("run_commands", *commands)

    def env(self, vars: dict[str, str]) -> "Image":
        if not all(isinstance(v, str) for v in vars.values()):
            raise TypeError("Image.env values must be strings")
        return self._build_step("env", vars)

    def workdir(self, path: str) -> "Image":
        return self._build_step("workdir", str(path))

    def add_local_file(self, local_path: Any, remote_path: str, *, copy: bool = False) -> "Image":
        step = self._build_step if copy else self._mount_step
        return step("add_local_file", str(local_path), remote_path, copy=copy)

    def add_local_dir(self, local_path: Any, remote_path: str, *, copy: bool = False, ignore: Any = []) -> "Image":
        step = self._build_step if copy else self._mount_step
        return step("add_local_dir", str(local_path), remote_path, copy=copy)

    def add_local_python_source(self, *module_names: str, copy: bool = False, ignore: Any = None) -> "Image":
        step = self._build_step if copy else self._mount_step
        return step("add_local_python_source", *module_names, copy=copy)

    def copy_local_file(self, *args: Any, **kwargs: Any) -> "Image":
        raise TypeError("Image.copy_local_file was removed; use add_local_file(..., copy=True)")

    def copy_local_dir(self, *args: Any, **kwargs: Any) -> "Image":
        raise TypeError("Image.copy_local_dir was removed; use add_local_dir(..., copy=True)")


class _PartialFunction:
    """What @modal.web_server / @modal.concurrent return before @app.function wraps them."""

    def __init__(self, raw_f: Callable) -> None:
        self.raw_f = raw_f
        self.web_server: Optional[dict[str, Any]] = None
        self.concurrent: Optional[dict[str, Any]] = None


def _as_partial(f: Any) -> _PartialFunction:
    if isinstance(f, Function):
        raise TypeError("this decorator must be applied below @app.function")
    return f if isinstance(f, _PartialFunction) else _PartialFunction(f)


def web_server(port: int, *, startup_timeout: float = 5.0, label: Optional[str] = None,
               custom_domains: Optional[list[str]] = None, requires_proxy_auth: bool = False) -> Callable:
    if not isinstance(port, int):
        raise TypeError("web_server port must be an int")
    _record("web_server", port=port, startup_timeout=startup_timeout)

    def wrap(f: Any) -> _PartialFunction:
        partial = _as_partial(f)
        partial.web_server = {"port": port, "startup_timeout": startup_timeout, "label": label,
                              "requires_proxy_auth": requires_proxy_auth}
        return partial

    return wrap


def concurrent(*, max_inputs: Optional[int] = None, target_inputs: Optional[int] = None) -> Callable:
    if max_inputs is None:
        raise TypeError("concurrent() needs max_inputs")
    _record("concurrent", max_inputs=max_inputs, target_inputs=target_inputs)

    def wrap(f: Any) -> _PartialFunction:
        partial = _as_partial(f)
        partial.concurrent = {"max_inputs": max_inputs, "target_inputs": target_inputs}
        return partial

    return wrap


class Function:
    def __init__(self, app: Optional["App"], name: str, raw_f: Optional[Callable], options: dict[str, Any],
                 partial: Optional[_PartialFunction]) -> None:
        self.app = app
        self.name = name
        self.raw_f = raw_f
        self.options = options
        self.web_server = partial.web_server if partial else None
        self.concurrent = partial.concurrent if partial else None

    @staticmethod
    def from_name(app_name: str, name: str, *, environment_name: Optional[str] = None,
                  client: Any = None) -> "Function":
        return Function(None, name, None, {"app_name": app_name}, None)

    def get_web_url(self) -> Optional[str]:
        if self.app is not None and self.web_server is None:
            return None
        app_name = self.app.name if self.app else self.options["app_name"]
        return f"https://fake-workspace--{app_name}-{self.name}.modal.run"

    def local(self, *args: Any, **kwargs: Any) -> Any:
        return self.raw_f(*args, **kwargs) if self.raw_f else None


class App:
    def __init__(self, name: Optional[str] = None, *, tags: Optional[dict[str, str]] = None,
                 image: Optional[Image] = None, secrets: list[Secret] = [], volumes: dict[str, Volume] = {},
                 include_source: bool = True, **removed: Any) -> None:
        _reject("App", removed)
        self.name = name
        self.image = image
        self.secrets = list(secrets)
        self.volumes = dict(volumes)
        self.functions: dict[str, Function] = {}
        self.local_entrypoints: dict[str, Callable] = {}
        APPS.append(self)
        _record("App", name=name, volumes=dict(volumes))

    def function(
        self,
        *,
        image: Optional[Image] = None,
        schedule: Any = None,
        env: Optional[dict[str, Optional[str]]] = None,
        secrets: Optional[list[Secret]] = None,
        gpu: Optional[str | list[str]] = None,
        serialized: bool = False,
        network_file_systems: dict = {},
        volumes: dict[str, Volume] = {},
        cpu: Optional[float | tuple[float, float]] = None,
        memory: Optional[int | tuple[int, int]] = None,
        ephemeral_disk: Optional[int] = None,
        min_containers: Optional[int] = None,
        max_containers: Optional[int] = None,
        buffer_containers: Optional[int] = None,
        scaledown_window: Optional[int] = None,
        proxy: Any = None,
        retries: Any = None,
        timeout: int = 300,
        startup_timeout: Optional[int] = None,
        name: Optional[str] = None,
        is_generator: Optional[bool] = None,
        cloud: Optional[str] = None,
        region: Optional[str | list[str]] = None,
        routing_region: Optional[str] = None,
        nonpreemptible: bool = False,
        enable_memory_snapshot: bool = False,
        block_network: bool = False,
        restrict_modal_access: bool = False,
        single_use_containers: bool = False,
        i6pn: Optional[bool] = None,
        include_source: Optional[bool] = None,
        experimental_options: Optional[dict[str, Any]] = None,
        **removed: Any,
    ) -> Callable[[Any], Function]:
        _reject("App.function", removed)
        if image is not None and not isinstance(image, Image):
            raise TypeError("image= must be a modal.Image")
        if schedule is not None and not isinstance(schedule, (Cron, Period)):
            raise TypeError("schedule= must be modal.Cron or modal.Period")
        if secrets is not None and not all(isinstance(s, Secret) for s in secrets):
            raise TypeError("secrets= must be a list of modal.Secret")
        if not all(isinstance(v, Volume) and str(k).startswith("/") for k, v in volumes.items()):
            raise TypeError("volumes= must map absolute paths to modal.Volume")
        if gpu is not None and not isinstance(gpu, (str, list)):
            raise TypeError("gpu= must be a string such as 'A100-80GB:2'")
        if env is not None and not all(isinstance(v, (str, type(None))) for v in env.values()):
            raise TypeError("env= values must be strings")
        options = {
            "image": image, "schedule": schedule, "env": dict(env or {}), "secrets": list(secrets or []),
            "gpu": gpu, "volumes": dict(volumes), "cpu": cpu, "memory": memory,
            "min_containers": min_containers, "max_containers": max_containers,
            "buffer_containers": buffer_containers, "scaledown_window": scaledown_window,
            "timeout": timeout, "startup_timeout": startup_timeout, "region": region,
        }

        def wrap(f: Any) -> Function:
            if isinstance(f, Function):
                raise TypeError("@app.function applied twice")
            partial = f if isinstance(f, _PartialFunction) else None
            raw_f = partial.raw_f if partial else f
            fn_name = name or raw_f.__name__
            fn = Function(self, fn_name, raw_f, options, partial)
            self.functions[fn_name] = fn
            _record("App.function", app=self.name, function=fn_name, **options)
            return fn

        return wrap

    def cls(self, **kwargs: Any) -> Callable:
        raise TypeError("the fake does not model @app.cls; the stubs do not use it")

    def local_entrypoint(self, _warn_parentheses_missing: Any = None, *, name: Optional[str] = None) -> Callable:
        if _warn_parentheses_missing is not None:
            raise TypeError("Did you forget parentheses? Use @app.local_entrypoint()")

        def wrap(f: Callable) -> Callable:
            self.local_entrypoints[name or f.__name__] = f
            _record("App.local_entrypoint", app=self.name, name=name or f.__name__)
            return f

        return wrap
