"""The handbook's examples on disk (designs/examples/*.json) and the order they load in."""

from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
# The handbook's order (chapter V); examples not listed here load after these.
EXAMPLE_ORDER = ("url-shortener", "whatsapp", "twitter", "netflix", "uber")


def example_paths() -> list[Path]:
    """The example files, in the handbook's order, then by name."""

    def order(path: Path) -> tuple[int, str]:
        known = path.stem in EXAMPLE_ORDER
        return (EXAMPLE_ORDER.index(path.stem) if known else len(EXAMPLE_ORDER), path.stem)

    return sorted(EXAMPLES_DIR.glob("*.json"), key=order)


def example_slugs() -> set[str]:
    """The slugs the examples load under (their file names): no saved design may take one."""
    return set(EXAMPLE_ORDER) | {path.stem for path in EXAMPLES_DIR.glob("*.json")}
