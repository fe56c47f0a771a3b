"""Security headers on every response, in development too."""

from django.test import Client


def test_pages_get_the_content_security_policy(db):
    response = Client().get("/help/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_api_docs_may_run_their_inline_script(db):
    policy = Client().get("/api/docs/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline';" in policy
    assert "object-src 'none'" in policy


def test_pages_have_no_inline_script(client, design):
    client.force_login(design.owner)
    for path in ("/", "/help/", "/availability/", "/compare/", f"/designs/{design.slug}/",
                 f"/designs/{design.slug}/edit/", "/designs/new/", "/account/tokens/"):
        page = client.get(path).content.decode()
        scripts = page.split("<script")[1:]
        for script in scripts:
            opening = script.split(">", 1)[0]
            assert "src=" in opening or 'type="application/json"' in opening, (path, opening)
