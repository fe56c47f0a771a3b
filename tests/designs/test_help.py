from django.urls import reverse


def test_it_explains_the_fields_and_their_defaults(client):
    response = client.get(reverse("designs:help"))

    assert response.status_code == 200
    page = response.content.decode()
    for field in ("daily_active_users", "peak_factor", "cache_fraction", "route", "redundancy"):
        assert field in page
    assert "docs/design-document.md" in page
