"""The import layers of app/: pure geometry imports nothing of the app, and no two top-level
packages import each other, directly or through others."""

import ast
import sys
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
# create_app wires every feature together: it is above all the layers.
WIRING = APP / "__init__.py"


def _imported_modules(path):
    """Every `app.…` module a file imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(("app", *path.relative_to(APP).parent.parts))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # `from app import ideas` imports the package app.ideas.
            names = [f"{module}.{alias.name}" if module == "app" else module for alias in node.names]
        else:
            continue
        yield from (name for name in names if name == "app" or name.startswith("app."))


def _top_level(module):
    """`app.ideas.models` → `ideas`; `app.extensions` → `extensions`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "app"


def package_imports():
    """{top-level package or module of app: {the others it imports}}."""
    graph = defaultdict(set)
    for path in APP.rglob("*.py"):
        if path == WIRING:
            continue
        source = _top_level(".".join(("app", *path.relative_to(APP).with_suffix("").parts)))
        for module in _imported_modules(path):
            target = _top_level(module)
            if target != source:
                graph[source].add(target)
    return graph


def _cycle_through(graph, start):
    """A path start → … → start, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for target in sorted(graph.get(node, ())):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_pure_geometry_imports_nothing_of_the_app():
    outside = {
        f"{path.relative_to(APP.parent)}: {module}"
        for path in (APP / "geometry").rglob("*.py")
        for module in _imported_modules(path)
        if not module.startswith("app.geometry")
    }
    assert not outside


def test_pure_geometry_needs_nothing_but_the_standard_library():
    # No Flask, no SQLAlchemy, no folium: geometry runs anywhere, a benchmark or a migration.
    found = set()
    for path in (APP / "geometry").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                found.add(node.module.split(".")[0])
    assert found - {"app"} <= sys.stdlib_module_names


def test_no_package_imports_itself_through_others():
    graph = package_imports()
    cycles = {" → ".join(cycle) for node in graph if (cycle := _cycle_through(graph, node))}
    assert not cycles


def test_the_checks_see_imports_and_cycles():
    # The walk finds a known import, and the cycle search finds a planted cycle.
    assert "ideas" in package_imports()["mapindex"]
    assert _cycle_through({"a": {"b"}, "b": {"c"}, "c": {"a"}}, "a") == ["a", "b", "c", "a"]
    assert _cycle_through({"a": {"b"}, "b": set()}, "a") is None


def _feature_of(path):
    """`app/ideas/views/browse.py` → `ideas`; files at the top of app/ → None."""
    parts = path.relative_to(APP).parts
    return parts[0] if len(parts) > 1 else None


def _is_views_module(module, feature):
    return module == f"app.{feature}.views" or module.startswith(f"app.{feature}.views.")


def test_only_create_app_and_the_features_own_views_import_a_blueprint_module():
    # create_app wires the blueprints; a feature's view modules hang their routes on its own `bp`.
    found = set()
    for path in APP.rglob("*.py"):
        if path == WIRING:
            continue
        feature = _feature_of(path)
        is_own_views = path.parent.name == "views" or path.name == "views.py"
        for module in _imported_modules(path):
            if module.endswith(".blueprint") and not (module == f"app.{feature}.blueprint" and is_own_views):
                found.add(f"{path.relative_to(APP.parent)}: {module}")
    assert not found


def test_no_feature_imports_another_features_views():
    found = {
        f"{path.relative_to(APP.parent)}: {module}"
        for path in APP.rglob("*.py")
        for module in _imported_modules(path)
        if (target := _top_level(module)) != _feature_of(path) and _is_views_module(module, target)
    }
    assert not found


def test_create_app_imports_blueprint_modules_and_no_views():
    imported = set(_imported_modules(WIRING))
    assert not {module for module in imported if ".views" in module}
    assert {module for module in imported if module.endswith(".blueprint")} == {
        f"app.{path.parent.name}.blueprint" for path in APP.glob("*/blueprint.py")
    }


def test_every_feature_with_routes_wires_them_in_its_blueprint_py():
    # One way to wire: `Blueprint(...)` only in blueprint.py, and every feature with routes has one.
    blueprint_calls, routed = set(), set()
    for path in APP.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "Blueprint(" in source and path.name != "blueprint.py":
            blueprint_calls.add(str(path.relative_to(APP.parent)))
        if "@bp." in source or "bp.add_url_rule" in source:
            routed.add(_feature_of(path))
    assert not blueprint_calls
    assert routed and all((APP / feature / "blueprint.py").exists() for feature in routed)


def test_a_blueprint_is_named_after_its_folder():
    for path in APP.glob("*/blueprint.py"):
        assert f'Blueprint("{path.parent.name}", __name__' in path.read_text(encoding="utf-8"), path


def test_features_keep_their_template_helpers_to_their_own_blueprint():
    # Features meet through slots (app/core/slots.py), not helpers pushed into every template.
    app_wide = ("app_context_processor", "app_template_", "add_app_template_", "jinja_env.globals[")
    found = {
        str(path.relative_to(APP.parent))
        for path in APP.rglob("*.py")
        if path != WIRING
        and path.name != "slots.py"
        and any(s in path.read_text(encoding="utf-8") for s in app_wide)
    }
    assert not found
