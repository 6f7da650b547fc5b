"""The domain imports only the standard library (STYLE habit 1), also as modules are added to it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "zienswijze" / "domain"
FORBIDDEN = {
    "apscheduler",
    "flask",
    "itsdangerous",
    "jinja2",
    "sqlalchemy",
    "sqlmodel",
    "werkzeug",
}

# Import the domain without running zienswijze/__init__.py, which builds the Flask app: the
# parent package is stood in by an empty module with the same path.
IMPORT_EVERY_MODULE = """
import importlib, json, sys, types
package = types.ModuleType("zienswijze")
package.__path__ = [sys.argv[1]]
sys.modules["zienswijze"] = package
for name in sys.argv[2:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def domain_files() -> list[Path]:
    return sorted(DOMAIN.rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    """Every absolute module name a file imports, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            if node.module:
                names.add(".".join([*base, node.module]))
            else:  # from . import name: each name is a module of that package
                names.update(".".join([*base, alias.name]) for alias in node.names)
    return names


def test_the_domain_modules_are_found():
    assert "zienswijze.domain.deadlines" in {module_name(path) for path in domain_files()}


def test_importing_every_domain_module_loads_no_web_database_or_scheduler_library():
    names = [module_name(path) for path in domain_files()]
    result = subprocess.run(
        [sys.executable, "-B", "-c", IMPORT_EVERY_MODULE, str(ROOT / "zienswijze"), *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = {name.partition(".")[0] for name in json.loads(result.stdout)}
    assert loaded & FORBIDDEN == set()


def test_no_domain_module_names_a_web_database_or_scheduler_library():
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in domain_files()
        for name in imported_names(path)
        if name.partition(".")[0] in FORBIDDEN
    }
    assert offenders == set()


def test_the_domain_imports_only_the_standard_library_and_itself():
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in domain_files()
        for name in imported_names(path)
        if name.partition(".")[0] not in sys.stdlib_module_names
        and not (name == "zienswijze.domain" or name.startswith("zienswijze.domain."))
    }
    assert offenders == set()
