"""pytest configuration shared by the library tests, the doctests and nbval."""

# Notebooks under tests/fixtures are inputs of the report-runner tests, not notebooks to validate.
collect_ignore_glob = ["tests/fixtures/*", "reports/*", ".venv/*"]


def pytest_collectstart(collector):
    """nbval: do not compare stderr (kernel and library warnings) or images."""
    from nbval.plugin import IPyNbFile

    if isinstance(collector, IPyNbFile):
        collector.skip_compare += ("stderr", "image/svg+xml")
