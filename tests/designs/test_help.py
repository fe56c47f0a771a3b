from django.urls import reverse


def test_it_explains_the_fields_and_their_defaults(client):
    response = client.get(reverse("designs:help"))

    assert response.status_code == 200
    page = response.content.decode()
    for field in ("daily_active_users", "peak_factor", "cache_fraction", "route", "redundancy"):
        assert field in page
    assert "docs/design-document.md" in page


def test_it_states_the_limits_a_design_must_keep(client, db):
    page = client.get("/help/").content.decode()

    table = page.split('data-testid="help-limits"', 1)[1].split("</table>", 1)[0]
    assert "1,000,000" in table and "1e+21" in table and "1,000 years" in table
