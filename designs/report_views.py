"""The PDF report's page: asks for the PDF of the design's current version, shows the build's
progress while a worker renders it, then offers the file. (Markdown, HTML and JSON are
plain downloads from the API: they are built while the request waits.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from designs.models import Design, Report
from designs.services.reports import report_request


def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    report = report_request(design=design, fmt=Report.Format.PDF)
    context = {
        "design": design,
        "report": report,
        "status_url": reverse("api:report-detail", args=[report.pk]),
        "download_url": reverse("api:design-report", args=[design.pk, Report.Format.PDF]),
    }
    return render(request, "designs/report_pdf.html", context)
