"""Errors outside any one endpoint: every answer under /api/ is JSON."""

import pytest

from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/nothing-here/", "/api/designs/abc/", "/api/"])
def test_an_unknown_path_answers_a_json_404(api, path):
    assert_error(api.get(path), 404, "", "Not found")


def test_an_unknown_path_answers_404_to_writes_too(api):
    assert_error(api.post("/api/nothing-here/", {}), 404, "")


def test_a_method_not_allowed_answers_a_json_405(owner_api):
    assert_error(owner_api.delete("/api/examples/"), 405, "", 'Method "DELETE" not allowed')
