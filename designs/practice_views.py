"""Practice mode: estimate a design's figures yourself, then see them scored and worked out.

Parsing and scoring are the engine's (estimator.engine.practice); a signed-in user's
attempts are kept through designs.services.practice, an anonymous visitor's are only shown.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from designs import diagram
from designs.models import Design
from designs.selectors.estimates import design_estimate_document
from designs.services.practice import practice_attempt_record
from estimator.engine import DesignError
from estimator.engine.result import EstimateView
from estimator.present import practice
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated


class PracticeForm(forms.Form):
    """One text field per figure of estimator.present.practice.FIGURES, each optional; the
    engine parses each ("4K", "6 TB", "99.9%") and its message becomes the field's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.guesses: dict[str, float] = {}
        for figure in practice.FIGURES:
            self.fields[figure.key] = forms.CharField(
                label=figure.label,
                required=False,
                max_length=100,
                help_text=figure.format_hint,
                widget=forms.TextInput(attrs={
                    "data-testid": f"guess-{figure.key}", "autocomplete": "off",
                    # No number: any would be near some design's answer (practice.FORMAT_HINTS).
                    "spellcheck": "false", "placeholder": practice.UNIT_WORDS[figure.unit],
                }),
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        for figure in practice.FIGURES:
            # One line, as a text box sends it: a hand-made POST may hold line breaks.
            text = " ".join((cleaned.get(figure.key) or "").split())
            if not text:
                continue
            try:
                self.guesses[figure.key] = practice.parse_figure(text, figure.unit)
            except ValueError as error:
                self.add_error(figure.key, str(error))
        if not self.guesses and not self.errors:
            raise forms.ValidationError("Enter at least one estimate.")
        return cleaned


def _scores(request: HttpRequest, design: Design, guesses: dict,
            estimate: EstimateView) -> dict:
    """The scores of an attempt: kept for a signed-in user, only computed for a visitor."""
    if request.user.is_authenticated:
        attempt = practice_attempt_record(user=request.user, design=design, guesses=guesses)
        return attempt.scores
    return practice.grade(guesses, estimate)


def practice_page(request: HttpRequest, slug: str) -> HttpResponse:
    design = get_object_or_404(Design.objects.visible_to(request.user), slug=slug)
    context = {"design": design, "saved": request.user.is_authenticated}
    try:
        # Read into the view once: scores and the reveal both read it.
        estimate = EstimateView.from_document(design_estimate_document(design))
        # With the estimate, so that the free texts' figures that give an answer away are hidden.
        context["given"] = practice.given(design.document, estimate)
    except DesignError as error:
        context["errors"] = [str(e) for e in error.errors]
        return render(request, "designs/practice.html", context)
    if nothing_estimated(estimate):  # no figure to work out: nothing to score or keep
        context["nothing_estimated"] = NOTHING_ESTIMATED_SENTENCE
        return render(request, "designs/practice.html", context)
    form = PracticeForm(request.POST if request.method == "POST" else None)
    results = {}
    if request.method == "POST" and form.is_valid():
        scores = _scores(request, design, form.guesses, estimate)
        results = {row["key"]: row for row in practice.reveal(form.guesses, scores, estimate)}
        context["tally"] = practice.tally(scores)
    context.update({
        "form": form,
        "rows": [{"field": form[f.key], "result": results.get(f.key)} for f in practice.FIGURES],
        "submitted": bool(results),
        "diagram": mark_safe(diagram.diagram_svg(design.document, None)),  # escaped by it
    })
    return render(request, "designs/practice.html", context)
