"""The PDF report in the browser: the design page's Report control, then the PDF's page
polling while a worker builds it, then offering the download."""

from designs.models import Report
from designs.services.reports import report_run


def test_the_pdf_page_waits_for_the_worker_then_offers_the_download(
    signed_in_page, design, settings, screenshot
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a worker that never comes: the test plays it
    page = signed_in_page
    page.goto(f"/designs/{design.slug}/")
    report = page.get_by_test_id("report")
    for label in ("Markdown", "HTML", "JSON"):
        assert report.get_by_role("link", name=label, exact=True).is_visible()
    screenshot(page, "design-report-control")

    report.get_by_role("link", name="PDF", exact=True).click()

    page.wait_for_url(f"**/designs/{design.slug}/report/pdf/")
    assert page.get_by_text("Building the PDF…").is_visible()
    assert page.get_by_test_id("report-download").is_hidden()
    report_run(report_id=Report.objects.get().pk)  # what the worker does
    download = page.get_by_test_id("report-download")
    download.wait_for(state="visible")
    screenshot(page, "report-pdf")
    with page.expect_download() as started:
        download.click()
    assert started.value.suggested_filename == f"{design.slug}-v1.pdf"
