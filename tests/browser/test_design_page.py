"""The design page in Chromium: the diagram's labels as the browser lays them out, the
Plotly charts drawn, and a queued estimate arriving without a reload by hand."""

import pytest

from designs.models import Estimate
from designs.services.designs import design_create
from designs.services.estimates import estimate_run
from tests.samples import sample_document

EXAMPLE_SLUGS = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]

# Per box of the diagram (a <g> with a <title>): its rectangle, and every text line outside
# a badge that does not fit inside it. Then every pair of boxes that overlap.
DIAGRAM_CHECK = """() => {
  const inside = (b, box) => b.x >= box.x && b.y >= box.y &&
    b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height;
  const boxes = [...document.querySelectorAll('#diagram svg g')].map(g => {
    const box = g.querySelector(':scope > rect').getBBox();
    const labels = [...g.querySelectorAll(':scope > text')]
      .filter(t => t.getAttribute('fill') !== '#ffffff');  // not the badges' white text
    return {
      label: g.querySelector('title').textContent.split('\\n')[0],
      box: {x: box.x, y: box.y, w: box.width, h: box.height},
      spill: labels.filter(t => !inside(t.getBBox(), box)).map(t => t.textContent),
    };
  });
  const overlap = (a, b) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (overlap(a.box, b.box)) overlaps.push([a.label, b.label]);
  }));
  return {count: boxes.length, spills: boxes.filter(b => b.spill.length), overlaps};
}"""


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_each_example_shows_its_diagram_with_every_label_inside_its_box_and_charts(
    anonymous_page, examples, slug, screenshot
):
    page = anonymous_page

    page.goto(f"/designs/{slug}/")

    result = page.evaluate(DIAGRAM_CHECK)
    assert result["count"] == len(examples[slug].document["components"])
    assert result["spills"] == [] and result["overlaps"] == []
    for name in ("traffic", "storage", "utilization"):
        page.locator(f"#chart-{name} .main-svg").first.wait_for()
    assert page.locator("#chart-utilization .ytick").count() > 0
    if slug == "url-shortener":
        screenshot(page, "design-page-url-shortener")


def test_a_queued_estimate_arrives_without_a_manual_reload(
    signed_in_page, user, document, settings, transactional_db, screenshot
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # no worker: it stays queued until we run it
    design = design_create(owner=user, document=document)
    queued = design.estimates.get()
    page = signed_in_page

    page.goto(f"/designs/{design.slug}/")
    status = page.locator("#estimate-status")
    assert "queued" in status.inner_text()
    assert page.locator("#estimate-table").count() == 0
    screenshot(page, "design-page-queued")

    estimate_run(estimate_id=queued.pk)

    page.locator("#estimate-table").wait_for(timeout=10_000)
    assert page.locator("#estimate-status").count() == 0
    assert Estimate.objects.get(pk=queued.pk).status == "done"
    page.locator("#chart-traffic .main-svg").first.wait_for()


@pytest.mark.parametrize("width", [1400, 390])
def test_an_overloaded_design_shows_requests_served_at_peak_within_the_page(
    signed_in_page, user, transactional_db, screenshot, width
):
    # The round-figures sample: its api serves 2,000 of the 2,200 requests/s at peak.
    design = design_create(owner=user, document=sample_document("round-figures"))
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"/designs/{design.slug}/#overload")

    section = page.locator("#overload")
    assert "90.91%" in section.get_by_test_id("served-share").inner_text()
    assert section.locator("#overload-component-table tbody tr").count() == 1
    assert "Requests served:" in page.get_by_test_id("requests-served").inner_text()
    # Nothing spills past the page's width (the tables scroll inside their frames).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"design-page-overload-{width}")
