"""The house rules of docs/architecture.md, checked on the source: no import cycle inside an app, and
apps import only the apps below them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Which apps each app may import (docs/architecture.md). lms is the project package: its shared
# libraries (csvimport, spreadsheets, pdf, bounds, ratelimit, latvian) import no app; its views,
# urls and celery configuration sit on top and may import any app.
MAY_IMPORT = {
    "accounts": {"lms", "notifications"},
    "notifications": {"lms", "accounts"},
    "pages": {"lms", "accounts"},
    "courses": {"lms", "accounts", "notifications", "pages"},
    "scheduling": {"lms", "accounts", "notifications"},
    "attendance": {"lms", "accounts", "notifications", "scheduling"},
    "certificates": {"lms", "accounts", "notifications", "courses", "scheduling", "attendance"},
    "materials": {"lms", "accounts", "notifications", "courses", "scheduling"},
    "participants": {"lms", "accounts", "notifications", "courses", "scheduling", "attendance", "certificates"},
    "privacy": {
        "lms",
        "accounts",
        "notifications",
        "pages",
        "courses",
        "scheduling",
        "attendance",
        "certificates",
        "materials",
        "participants",
    },
}
APPS = set(MAY_IMPORT) | {"lms"}
LMS_LIBRARIES = {"csvimport", "spreadsheets", "pdf", "bounds", "ratelimit", "latvian", "formats", "security"}


def modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if {"migrations", "management", "templatetags"} & set(path.parts):
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def top_level_imports(tree: ast.Module) -> set[str]:
    """Modules imported when the module itself is imported (function bodies are left out)."""
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def all_imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    visiting, done = [], set()

    def visit(node):
        if node in done:
            return None
        if node in visiting:
            return visiting[visiting.index(node) :] + [node]
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            if found := visit(target):
                return found
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        if found := visit(node):
            return found
    return None


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_import_cycle_inside_an_app(app):
    names = dict(modules(app))
    graph = {
        name: {target for target in top_level_imports(tree) if target in names and target != name}
        for name, tree in names.items()
    }
    assert cycle_in(graph) is None


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_below_it(app):
    allowed = MAY_IMPORT[app] | {app}
    wrong = {
        f"{name} imports {target}"
        for name, tree in modules(app)
        for target in all_imports(tree)
        if target.split(".")[0] in APPS and target.split(".")[0] not in allowed
    }
    assert wrong == set()


def test_the_shared_libraries_of_lms_import_no_app():
    wrong = {
        f"{name} imports {target}"
        for name, tree in modules("lms")
        if name.split(".")[-1] in LMS_LIBRARIES
        for target in all_imports(tree)
        if target.split(".")[0] in APPS - {"lms"}
    }
    assert wrong == set()
