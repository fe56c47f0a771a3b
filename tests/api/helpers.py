"""Assertions shared by the API tests."""

from django.urls import reverse


def design_url(design) -> str:
    return reverse("api:design-detail", args=[design.pk])


def assert_error(response, status: int, field: str, words: str = "") -> None:
    """A JSON error of this status whose errors name `field` with a message holding `words`;
    `detail` is the first message."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"] == body["errors"][0]["message"]
    named = [error for error in body["errors"] if error["field"] == field]
    assert named, body
    assert any(words in error["message"] for error in named), body
