"""The layers import only what docs/architecture.md allows them, kept by a test rather than by hope.

Every file of the package is parsed with ``ast``. For the layer rules an import inside a function
counts as much as one at the top: both are a dependency. For import cycles only the imports that run
when a module is loaded count.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "zienswijze"
DOMAIN = PACKAGE / "domain"
FORBIDDEN = {
    "apscheduler",
    "flask",
    "itsdangerous",
    "jinja2",
    "sqlalchemy",
    "sqlmodel",
    "werkzeug",
}

# The area of each module directly in the package root; a package's modules are in the package's area.
ROOT_MODULES = {
    "zienswijze": "app",
    "zienswijze.clock": "clock",
    "zienswijze.flask_extensions": "flask_extensions",
    "zienswijze.jobs": "jobs",
}
PACKAGES = {"domain", "db", "services", "files", "mail", "web", "api", "cli", "demo"}
ADAPTERS = {"web", "api", "cli", "jobs", "demo"}

# The areas of the project each area may import besides itself; `app` (create_app) wires everything.
MAY_IMPORT = {
    "domain": set(),
    "clock": {"domain"},
    "flask_extensions": set(),
    "db": {"domain", "clock"},
    # files and mail sit below the services, which use them, so they import no service.
    "files": {"domain", "db", "clock"},
    "mail": {"domain", "db", "clock"},
    "services": {"domain", "db", "clock", "files", "mail"},
    **{adapter: {"domain", "db", "clock", "services", "flask_extensions"} for adapter in ADAPTERS},
}
# Where composition needs one adapter to use another: (importing area, imported module or package).
COMPOSITION = {
    ("web", "zienswijze.files"): "the pages serve stored files and page images",
    ("api", "zienswijze.files"): "the API serves stored files",
    ("api", "zienswijze.web.downloads"): "and streams a long export the way the pages do",
    ("jobs", "zienswijze.mail.dispatcher"): "a job runs the outbox dispatcher",
    ("jobs", "zienswijze.mail.smtp"): "and tells it which SMTP server to use",
    ("jobs", "zienswijze.mail.bounce_listener"): "and starts the listener for bounces that come back later",
    ("jobs", "zienswijze.mail.bounce_mailbox"): "or reads them from a mailbox over IMAP",
    ("cli", "zienswijze.mail.dispatcher"): "a command may run the outbox dispatcher",
    ("cli", "zienswijze.jobs"): "`flask jobs` and `flask run-jobs` start the scheduler's jobs",
    ("cli", "zienswijze.demo"): "`flask load-demo` loads the demo data",
}
# PDFium crashes the process when two threads use it at once: only this module, which serialises it, may.
PDFIUM_MODULE = "zienswijze.files.pdfs"
# Libraries the services never import: they are called from a request, a command and a job alike.
SERVICES_NEVER_IMPORT = ("flask", "flask_")

# Violations a change under way removes, as "module imports name" lines with the change that removes
# them. The test fails when one is no longer found, so this list only shrinks; none are left today.
EXPECTED_VIOLATIONS: set[str] = set()

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


@cache
def project_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def domain_files() -> list[Path]:
    return sorted(DOMAIN.rglob("*.py"))


def area(module: str) -> str:
    if module in ROOT_MODULES:
        return ROOT_MODULES[module]
    return module.split(".")[1]


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements run when the module is loaded: not function bodies, not `if TYPE_CHECKING:`."""
    for node in body:
        yield node
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.ClassDef):
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _module_level(getattr(node, field, []))
        elif isinstance(node, ast.ExceptHandler):
            yield from _module_level(node.body)


def imported_names(path: Path, *, module_level_only: bool = False) -> set[str]:
    """Every absolute module name a file imports, relative imports resolved.

    ``from package import name`` counts as importing ``package.name`` when that is a project module.
    """
    modules = project_modules()
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = _module_level(tree.body) if module_level_only else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join([*(package[: len(package) - node.level + 1] if node.level else []), node.module or ""])
            base = base.strip(".")
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules or not node.module else base)
    return names


def _is_project(name: str) -> bool:
    return name == "zienswijze" or name.startswith("zienswijze.")


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def is_allowed(module: str, name: str) -> bool:
    importer = area(module)
    if not _is_project(name):
        return not (importer == "services" and name.split(".")[0].startswith(SERVICES_NEVER_IMPORT))
    if importer == "app":
        return True
    imported = area(name) if name in project_modules() or name in ROOT_MODULES else name.split(".")[1]
    if imported == importer or imported in MAY_IMPORT[importer]:
        return True
    return any(where == importer and _within(name, target) for where, target in COMPOSITION)


def violations() -> set[str]:
    return {
        f"{module} imports {name}"
        for module, path in project_modules().items()
        for name in imported_names(path)
        if area(module) != "domain" and not is_allowed(module, name)
    }


def import_cycles() -> list[list[str]]:
    """The strongly connected components of the module-level import graph that hold more than one file."""
    modules = project_modules()
    graph = {
        module: sorted(name for name in imported_names(path, module_level_only=True) if name in modules)
        for module, path in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while (member := stack.pop()) != module:
                component.append(member)
            if component:
                cycles.append(sorted([module, *component]))

    for module in graph:
        if module not in index:
            visit(module)
    return cycles


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


def test_every_module_belongs_to_a_known_area():
    unplaced = {module for module in project_modules() if area(module) not in {*MAY_IMPORT, "app"}}
    assert unplaced == set(), "name the new module's area in ROOT_MODULES or PACKAGES"
    assert {area(module) for module in project_modules()} - {"app"} <= {*PACKAGES, *ROOT_MODULES.values()}


def test_the_root_modules_named_here_still_exist():
    assert set(ROOT_MODULES) - set(project_modules()) == set()


def test_the_rules_catch_what_they_forbid():
    assert not is_allowed("zienswijze.services.cases", "flask")
    assert not is_allowed("zienswijze.services.cases", "flask_wtf.csrf")
    assert not is_allowed("zienswijze.services.cases", "zienswijze.flask_extensions")
    assert not is_allowed("zienswijze.services.cases", "zienswijze.web.forms")
    assert not is_allowed("zienswijze.db.queries", "zienswijze.services.cases")
    assert not is_allowed("zienswijze.web.handler.cases", "zienswijze.api.schemas")
    assert not is_allowed("zienswijze.jobs", "zienswijze.mail.queue")
    assert is_allowed("zienswijze.jobs", "zienswijze.mail.dispatcher")
    assert is_allowed("zienswijze.web.stakeholder.file", "zienswijze.files.store")
    assert is_allowed("zienswijze", "zienswijze.web")


def test_each_layer_imports_only_what_it_may():
    unexpected = sorted(violations() - EXPECTED_VIOLATIONS)
    assert unexpected == [], "\n".join(["layer rules broken (see docs/architecture.md):", *unexpected])


def test_each_expected_violation_is_still_there():
    fixed = sorted(EXPECTED_VIOLATIONS - violations())
    assert fixed == [], "\n".join(["fixed, so delete from EXPECTED_VIOLATIONS:", *fixed])


def test_no_files_import_each_other_in_a_cycle():
    cycles = [", ".join(cycle) for cycle in import_cycles()]
    assert cycles == [], "\n".join(["import cycles between these files:", *cycles])


def test_only_the_pdf_adapter_uses_pdfium():
    users = {
        module
        for module, path in project_modules().items()
        if any(_within(name, "pypdfium2") or _within(name, "pypdfium2_raw") for name in imported_names(path))
    }
    assert users == {PDFIUM_MODULE}
