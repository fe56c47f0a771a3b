from django.urls import reverse

from estimator.engine import limits


def test_it_explains_the_fields_and_their_defaults(client):
    response = client.get(reverse("designs:help"))

    assert response.status_code == 200
    page = response.content.decode()
    for field in ("daily_active_users", "peak_factor", "cache_fraction", "route", "redundancy"):
        assert field in page
    assert "docs/design-document.md" in page


def test_its_editor_section_names_the_controls_for_replicas_step_options_and_slos(client):
    page = client.get(reverse("designs:help")).content.decode()

    section = page.split("The editor (", 1)[1].split("</li>", 1)[0]
    retries = f"retries (0 to {limits.MAX_RETRIES})"
    for control in ("Replica of", "timeout", retries, "SLOs", "p99", "monthly budget"):
        assert control in section, control


def test_it_says_how_a_new_design_starts_and_saves_without_an_account(client, db):
    page = client.get(reverse("designs:help")).content.decode()

    section = page.split('data-testid="help-new-design"', 1)[1].split("</li>", 1)[0]
    for words in ("template", "event pipeline", "sign up or log in", "draft"):
        assert words in section, words
    assert "(copy)" in page and "nothing is estimated yet" in page


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


def test_it_explains_sizing_to_meet_slos(client, db):
    page = client.get("/help/").content.decode()

    sizing = page.split('data-testid="help-sizing"', 1)[1].split("</li>", 1)[0]
    assert "Size to meet SLOs" in sizing and "only instance counts" in sizing
    assert "POST /api/designs/{id}/size/" in sizing


def test_it_explains_latency_percentiles_requests_served_replicas_and_slos(client):
    page = client.get("/help/").content.decode()
    section = page.split("<h2>Reading an estimate</h2>", 1)[1].split("</section>", 1)[0]
    for term in ("<strong>Latency percentiles</strong>", "<strong>Requests served</strong>",
                 "<strong>Replicas</strong>", "<strong>SLOs</strong>"):
        assert term in section
    assert "p99" in section and "replica_of" in section and "slos" in section

def test_it_explains_the_simulation_and_its_bound(client):
    page = client.get("/help/").content.decode()

    section = page.split('data-testid="help-simulation"', 1)[1].split("</li>", 1)[0]
    assert "for at most 25 seconds" in section
    assert "10% on a mean, 15% on a p95, 20% on a p99" in section
    assert "POST /api/designs/{id}/simulate/" in section


def test_it_explains_the_editors_live_estimate(client, db):
    page = client.get("/help/").content.decode()

    live = page.split('data-testid="help-live"', 1)[1].split("</li>", 1)[0]
    assert "without saving" in live and "past capacity" in live and "SPOF" in live
    assert "POST /api/estimate/live/" in live


def test_it_explains_undo_and_redo_in_the_editor(client, db):
    page = client.get("/help/").content.decode()

    undo = page.split('data-testid="help-undo"', 1)[1].split("</li>", 1)[0]
    assert "Ctrl+Z" in undo and "Shift+Ctrl+Z" in undo
    assert "route steps it removed" in undo and "pause for a second" in undo


def test_it_names_the_failure_controls_and_says_a_what_if_is_not_saved(client, db):
    page = client.get(reverse("designs:help")).content.decode()

    section = page.split('data-testid="help-failures"', 1)[1].split("</li>", 1)[0]
    for words in ("Fail this component", "Instances lost", "Failures", "Clear all failures",
                  "never saved", "Undo"):
        assert words in section, words


def test_it_lists_the_editors_selection_shortcuts(client, db):
    page = client.get("/help/").content.decode()

    shortcuts = page.split('data-testid="help-shortcuts"', 1)[1].split("</li>", 1)[0]
    for key in ("Shift-click", "Delete", "Escape", "Ctrl+C", "Ctrl+V", "Ctrl+D", "Add replica"):
        assert key in shortcuts
    assert "another tab" in shortcuts and "one undo" in shortcuts


def test_it_says_how_to_delete_and_that_a_rename_keeps_old_links(client, db):
    page = client.get(reverse("designs:help")).content.decode()

    section = page.split('data-testid="help-housekeeping"', 1)[1].split("</li>", 1)[0]
    for words in ("Delete…", "naming the design", "old address"):
        assert words in section, words
    assert "(copy 2)" in page
