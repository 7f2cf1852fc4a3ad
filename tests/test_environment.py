"""pyproject.toml (with uv.lock) and environment.yml describe the same environment."""

import re
import tomllib

import yaml
from jpbudget.paths import project_root

ROOT = project_root()
# conda-forge names that differ from the PyPI name of the same package
CONDA_TO_PYPI: dict[str, str] = {}


def _name(requirement: str) -> str:
    """The normalised package name of a requirement such as ``nbclient>=0.10,!=0.10.3``."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement)[0]).lower()


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    requirements = project["project"]["dependencies"]
    for group in project.get("dependency-groups", {}).values():
        requirements += [r for r in group if isinstance(r, str)]
    return {_name(r) for r in requirements}


def _conda_names() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the pip: section: PyPI-only packages, then the project
            assert dep["pip"][-1] == "-e .", dep
            names.update(_name(r) for r in dep["pip"][:-1])
            continue
        name = _name(dep)
        names.add(CONDA_TO_PYPI.get(name, name))
    return names - {"python", "pip"}


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert _conda_names() == _pyproject_names()


def test_nbclient_0_10_3_is_excluded_in_both():
    assert "!=0.10.3" in (ROOT / "pyproject.toml").read_text()
    assert "!=0.10.3" in (ROOT / "environment.yml").read_text()


def test_lock_file_pins_every_direct_dependency():
    lock = (ROOT / "uv.lock").read_text()
    locked = {_name(n) for n in re.findall(r'^name = "([^"]+)"', lock, flags=re.M)}
    assert _pyproject_names() <= locked
    assert 'name = "nbclient"\nversion = "0.10.3"' not in lock


def test_jsonschemas_slow_iri_checker_is_left_out():
    # rfc3987-syntax builds its parsers when imported: 0.8 s in every process importing nbformat
    import importlib.util

    assert importlib.util.find_spec("rfc3987_syntax") is None
    assert "rfc3987-syntax; sys_platform == 'never'" in (ROOT / "pyproject.toml").read_text()
