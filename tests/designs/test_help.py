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


def test_help_names_only_folders_and_files_that_exist(client):
    """The contributors' map on the help page follows the layout: each path it names exists."""
    import re
    from pathlib import Path

    page = client.get("/help/").content.decode()
    section = page.split('data-testid="help-layout"', 1)[1].split("</ul>", 1)[0]
    root = Path(__file__).resolve().parents[2]
    named = re.findall(r"<code>([\w./]+)</code>", section)
    assert "estimator/present/" in named and "accounts/" in named
    folders = [n for n in named if n.endswith("/")]
    assert [n for n in folders if not (root / n).is_dir()] == []


def test_it_explains_timeouts_and_retries(client):
    page = client.get(reverse("designs:help")).content.decode()

    assert '"timeout_ms": 300, "retries": 2' in page
    assert "<strong>Timeouts and retries</strong>" in page and "1 + R attempts per call" in page
