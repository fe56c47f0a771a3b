"""The YAML reader the Compose and Kubernetes imports share (estimator/formats/yaml_files.py):
hostile files are refused with a FormatError naming the line, nothing constructed from a
tag, no RecursionError, no alias bomb expanded."""

import time

import pytest

from estimator.formats import import_text
from estimator.formats.base import MAX_DEPTH, FormatError
from estimator.formats.yaml_files import MAX_NODES, read_yaml


def test_plain_yaml_reads_with_its_documents_and_lines():
    stream = read_yaml("# a comment\na: 1\nb: [x, y]\n---\n---\nc:\n  d: true\n")
    assert stream.documents == [{"a": 1, "b": ["x", "y"]}, {"c": {"d": True}}]
    assert stream.starts == [2, 5]  # from its `---`; the empty document between left out
    first, second = stream.documents
    assert stream.line_of(first, "b") == 3
    assert stream.line_of(second["c"], "d") == 7


def test_merge_keys_and_anchors_are_plain_yaml():
    stream = read_yaml("base: &base {image: redis, x: 1}\nweb:\n  <<: *base\n  x: 2\n")
    assert stream.documents[0]["web"] == {"image": "redis", "x": 2}


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/new:subprocess.Popen",
    "!!python/name:os.system",
    "!!python/object:builtins.dict",
])
def test_a_tag_that_would_construct_an_object_is_refused_and_nothing_runs(tmp_path, tag):
    marker = tmp_path / "ran"
    text = f"services:\n  web:\n    image: nginx\n    x: {tag} ['touch {marker}']\n"
    with pytest.raises(FormatError, match=r"^line 4: the tag .*python.* is not read"):
        read_yaml(text)
    for format in ("compose", "kubernetes"):
        with pytest.raises(FormatError, match="line 4"):
            import_text(text, format=format)
    assert not marker.exists()


def test_an_unknown_local_tag_is_refused_naming_its_line():
    with pytest.raises(FormatError, match=r"^line 2: the tag '!Ref' is not read"):
        read_yaml("a: 1\nb: !Ref MyBucket\n")


@pytest.mark.parametrize("text", [
    "a:\n" + "".join("  " * depth + "a:\n" for depth in range(1, 500)),  # block style
    "a: " + "[" * 5000 + "]" * 5000 + "\n",  # flow style
    "a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n",
], ids=["block", "flow-lists", "flow-maps"])
def test_deep_nesting_is_refused_without_a_recursion_error(text):
    with pytest.raises(FormatError, match=r"^line \d+: .*nest") as error:
        read_yaml(text)
    assert "maximum recursion" not in str(error.value)


def test_nesting_up_to_the_limit_is_read():
    depth = MAX_DEPTH - 1
    text = "a: " + "[" * depth + "]" * depth + "\n"
    assert read_yaml(text).documents[0]["a"] is not None


def test_an_alias_deep_inside_a_deep_node_counts_the_depth_of_what_it_repeats():
    half = MAX_DEPTH // 2 + 2
    text = "a: &deep " + "[" * half + "]" * half + "\nb: " + "[" * half + "*deep" + \
        "]" * half + "\n"
    with pytest.raises(FormatError, match=r"^line 2: nested more than"):
        read_yaml(text)


BILLION_LAUGHS = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]"
      for previous, name in zip("abcdefgh", "bcdefghi", strict=True)),
]) + "\n"


def test_a_billion_laughs_is_refused_quickly_naming_the_line():
    started = time.monotonic()
    with pytest.raises(FormatError, match=r"^line \d: the file expands to more than"):
        read_yaml(BILLION_LAUGHS)
    assert time.monotonic() - started < 1.0
    with pytest.raises(FormatError, match="expands"):
        import_text("services:\n  web: {image: nginx}\n" + BILLION_LAUGHS, format="compose")


def test_a_few_aliases_are_read():
    stream = read_yaml("a: &a [1, 2]\nb: [*a, *a]\n")
    assert stream.documents[0]["b"] == [[1, 2], [1, 2]]


def test_a_recursive_alias_is_refused():
    with pytest.raises(FormatError, match=r"^line 1: an alias inside the node it names"):
        read_yaml("a: &a [1, *a]\n")


def test_a_huge_flat_list_is_refused_by_the_node_count():
    text = "a:\n" + "- 1\n" * (MAX_NODES + 10)
    with pytest.raises(FormatError, match=r"^line \d+: the file expands to more than"):
        read_yaml(text)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: [1, 2\nb: 3\n", 2, "not valid YAML"),
    ("a:\n\t- b\n", 2, "not valid YAML"),
    ("a: 1\n  b: 2\n", 2, "not valid YAML"),
    ("a: 'unterminated\n", 2, "not valid YAML"),
    ("a: !!int xyz\n", 1, "a value that cannot be read"),
    # a plain number: an int to PyYAML, which Python refuses past 4,300 digits
    ("a: " + "9" * 5000 + "\n", 1, "a value that cannot be read"),
    ("? [a]\n: b\n", 1, "not valid YAML"),
    ("a: *nowhere\n", 1, "not valid YAML"),
])
def test_malformed_yaml_names_the_line(text, line, words):
    with pytest.raises(FormatError, match=rf"^line {line}: {words}"):
        read_yaml(text)


def test_a_control_character_is_refused():
    with pytest.raises(FormatError, match="not valid YAML"):
        read_yaml("a: \x07\n")
