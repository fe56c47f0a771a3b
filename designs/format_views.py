"""Import and export on the pages (issue 16): /designs/import/ reads a file into a new design
opened in the editor for review (unsaved: Save keeps it), and
/designs/<slug>/export/<format>/ downloads a design in a format."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import ensure_csrf_cookie

from designs import editor_views
from designs.exports import attachment, design_export_file, export_formats
from designs.models import Design
from designs.services.imports import design_import_read
from estimator import formats
from estimator.formats.base import MAX_IMPORT_BYTES, FormatError

# What the import page says each format is, with a file it reads.
IMPORT_HINTS = {
    "mermaid": "Mermaid flowchart (flowchart LR … A --> B)",
    "drawio": "draw.io / diagrams.net (.drawio, .xml; plain or compressed)",
    "structurizr": "Structurizr DSL (workspace { model { … } })",
    "structurizr-json": "Structurizr workspace JSON",
    "compose": "docker-compose.yaml",
    "kubernetes": "Kubernetes manifests (one file, several documents)",
    "terraform-plan": "Terraform plan JSON (terraform show -json plan.out)",
    "json": "This app's design document (JSON)",
}


class ImportForm(forms.Form):
    file = forms.FileField(required=False, label="A file")
    content = forms.CharField(required=False, label="Or paste its text",
                              widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}))
    format = forms.ChoiceField(required=False, label="Format")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", "Detect it")] + [
            (name, IMPORT_HINTS.get(name, importer.label))
            for name, importer in formats.IMPORTERS.items()]
        self.result = None

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("content") or ""
        filename = ""
        if upload is not None:
            if upload.size > MAX_IMPORT_BYTES:
                self.add_error("file", f"The file is {upload.size:,} bytes; at most "
                                       f"{MAX_IMPORT_BYTES:,} are read.")
                return cleaned
            text, filename = upload.read(), upload.name or ""
        if not text:
            raise forms.ValidationError("Choose a file, or paste its text.")
        try:
            self.result = design_import_read(text=text, format=cleaned.get("format") or None,
                                             filename=filename)
        except FormatError as error:
            field = "format" if error.where == "format" else ("file" if upload else "content")
            self.add_error(field, str(error).removeprefix("format: "))
        return cleaned


@ensure_csrf_cookie
def design_import_page(request: HttpRequest) -> HttpResponse:
    """The form; a file read opens the editor with the new design (unsaved) and its notes."""
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        return editor_views.render_imported(request, form.result)
    return render(request, "designs/import.html", {"form": form, "hints": IMPORT_HINTS},
                  status=400 if posted else 200)


def design_export_page(request: HttpRequest, slug: str, format: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    if format not in dict(export_formats()):
        raise Http404("No such format.")
    try:
        file = design_export_file(design, format)
    except FormatError as error:
        return render(request, "designs/export_error.html",
                      {"design": design, "message": str(error)}, status=400)
    return attachment(file)
