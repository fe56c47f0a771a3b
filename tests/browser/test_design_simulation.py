"""The design page's simulation in Chromium: "Run simulation" queues one, its progress bar
follows the worker's progress without a reload by hand, then the analytic figures stand
beside the simulated ones; readable at 1400 px and at 390 px."""

from playwright.sync_api import expect

from designs.models import Simulation
from designs.services.designs import design_create
from designs.services.simulations import simulation_run


def test_a_simulation_runs_from_the_page_showing_its_progress_then_the_table(
    signed_in_page, user, document, settings, transactional_db, screenshot
):
    design = design_create(owner=user, document=document)  # its estimate done in-process
    settings.CELERY_TASK_ALWAYS_EAGER = False  # no worker: the simulation waits for us
    page = signed_in_page

    page.goto(f"/designs/{design.slug}/#simulation")
    section = page.locator("#simulation")
    expect(section.get_by_test_id("simulation-empty")).to_contain_text("Not simulated yet")
    section.get_by_test_id("simulation-requests").fill("3000")
    section.get_by_test_id("simulation-seed").fill("2")
    section.get_by_test_id("simulation-run").click()

    bar = page.get_by_test_id("simulation-progress")
    expect(bar).to_be_visible()
    assert "Simulating 3,000 requests at 1x the peak traffic, seed 2" in section.inner_text()
    simulation = Simulation.objects.get(design=design)
    assert simulation.status == "queued" and simulation.settings["requests"] == 3000

    # The worker starts, and writes its progress: the bar follows.
    Simulation.objects.filter(pk=simulation.pk).update(status="running", progress=0.5)
    expect(bar).to_have_attribute("value", "0.5", timeout=10_000)
    expect(page.locator("#simulation-status [data-status-text]")).to_have_text("running")
    screenshot(page, "design-page-simulation-running")

    Simulation.objects.filter(pk=simulation.pk).update(status="queued", progress=0)
    simulation_run(simulation_id=simulation.pk)  # what the worker does

    table = page.locator("#simulation-table")
    table.wait_for(timeout=15_000)
    assert page.locator("#simulation-status").count() == 0
    rows = table.locator("tbody tr")
    assert rows.count() == 5 * len(document["workloads"])
    assert "p99" in table.inner_text() and "±20%" in table.inner_text()
    expect(page.get_by_test_id("simulation-verdict")).to_be_visible()
    assert page.locator("#simulation-components-table tbody tr").count() >= 1
    screenshot(page, "design-page-simulation-1400")

    page.set_viewport_size({"width": 390, "height": 900})
    page.locator("#simulation").scroll_into_view_if_needed()
    # Nothing spills past the page's width (the tables scroll inside their frames), once
    # Plotly's responsive charts have followed the resize (it redraws them after a pause).
    page.wait_for_function("() => document.documentElement.scrollWidth <= 390", timeout=10_000)
    form = page.get_by_test_id("simulation-form").bounding_box()
    assert form["x"] >= 0 and form["x"] + form["width"] <= 390
    screenshot(page, "design-page-simulation-390")
