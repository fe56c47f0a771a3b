"""Forms of the home, compare, availability and account pages.

Figures are checked by the engine, so a field's error reads as it does everywhere else
(the API, the editor, the CLI); the forms only map the engine's field paths to fields.
"""

import re

from django import forms

from designs.models import Design
from designs.selectors.designs import designs_visible_by_slug
from estimator.engine import DesignError, FieldError, availability, defaults
from estimator.present import tables

COMPARE_MIN, COMPARE_MAX = 2, 6
CALCULATOR_BLOCKS = 8  # at most, on the availability page


# What a slug can hold (Django's slug path converter). Other text names no design, and is not
# sent to the database: PostgreSQL refuses a NUL character in a query.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _picked(query) -> list[str]:
    """`?designs=a,b` or `?designs=a&designs=b` (the picker's checkboxes), in order, once each."""
    values = query.getlist("designs") if hasattr(query, "getlist") else query.get("designs", [])
    slugs = (slug.strip() for value in values for slug in value.split(","))
    return list(dict.fromkeys(slug for slug in slugs if slug))


def slugs_from_query(query) -> list[str]:
    """The designs picked in the query that can be slugs, in order, once each."""
    return [slug for slug in _picked(query) if SLUG.fullmatch(slug)]


class CompareForm(forms.Form):
    """Which designs to compare: 2 to 6 slugs of designs the user may see, the first the base."""

    designs = forms.Field(required=False)

    def __init__(self, query, *, user):
        super().__init__({"designs": _picked(query)} if "designs" in query else None)
        self.user = user

    def clean_designs(self) -> list[Design]:
        slugs = self.cleaned_data["designs"]
        if len(slugs) < COMPARE_MIN:
            raise forms.ValidationError(
                f"Pick at least {COMPARE_MIN} designs to compare (you picked {len(slugs)})."
            )
        if len(slugs) > COMPARE_MAX:
            raise forms.ValidationError(
                f"Pick at most {COMPARE_MAX} designs to compare (you picked {len(slugs)})."
            )
        found = designs_visible_by_slug(
            user=self.user, slugs=[slug for slug in slugs if SLUG.fullmatch(slug)]
        )
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            # The same words for a design that does not exist and one that is private.
            raise forms.ValidationError(
                f"No design you may see is called {', '.join(repr(s) for s in missing)}."
            )
        return [found[slug] for slug in slugs]


class BlockForm(forms.Form):
    """One block of the availability calculator: a component's instances and redundancy."""

    availability = forms.FloatField(
        required=False,
        label="Availability of one instance",
        widget=forms.NumberInput(
            attrs={"step": "any", "inputmode": "decimal", "placeholder": "0.999"}
        ),
    )
    instances = forms.IntegerField(
        required=False, label="Instances", widget=forms.NumberInput(attrs={"placeholder": "1"})
    )
    redundancy = forms.ChoiceField(
        required=False,
        label="Redundancy",
        choices=[(kind, kind) for kind in defaults.REDUNDANCY_KINDS],
    )
    k = forms.IntegerField(
        required=False,
        label="k, the instances that must be up (k-of-n)",
        widget=forms.NumberInput(),
    )

    def has_input(self) -> bool:
        """Filled in: a row left blank is not a block."""
        return any(self.data.get(self.add_prefix(name), "").strip()
                   for name in ("availability", "instances", "k"))

    def block(self) -> dict:
        """The block as the engine takes it; only fields given."""
        return {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "")}


# How the engine names a block's field: blocks[1].k, the second block's k.
_BLOCK_PATH = re.compile(r"blocks\[(\d+)\](?:\.(\w+))?")


class AvailabilityCalculator:
    """Up to CALCULATOR_BLOCKS blocks in series, read from GET (`b1-availability=0.999&...`)
    so that a result is a link. The engine validates and computes."""

    def __init__(self, query):
        data = query if any(key.startswith("b") and "-" in key for key in query) else None
        self.rows = [BlockForm(data, prefix=f"b{n}") for n in range(1, CALCULATOR_BLOCKS + 1)]
        self.used = [row for row in self.rows if row.is_bound and row.has_input()]
        self.result = self._result()

    @property
    def shown(self) -> list[BlockForm]:
        """The blocks filled in, then one blank row to add another (two rows at least)."""
        count = min(CALCULATOR_BLOCKS, max(2, len(self.used) + 1))
        blank = [row for row in self.rows if row not in self.used]
        return sorted([*self.used, *blank[: count - len(self.used)]],
                      key=self.rows.index)

    def _result(self) -> dict | None:
        if not self.used or not all(row.is_valid() for row in self.used):
            return None
        try:
            result = availability.blocks_in_series([row.block() for row in self.used])
        except DesignError as error:
            for item in error.errors:
                self._add_error(item)
            return None
        summary = tables.blocks_summary(result)
        for row, block in zip(self.used, summary["blocks"], strict=True):
            row.summary = block
        return summary

    def _add_error(self, item: FieldError) -> None:
        """An engine error at its field: blocks[1].k at the second block's k. A path the form
        has no field for is shown at the first block's availability: shown, never a 500."""
        match = _BLOCK_PATH.fullmatch(item.path)
        index, field = (int(match[1]), match[2]) if match else (0, None)
        row = self.used[index] if index < len(self.used) else self.used[0]
        row.add_error(field if field in row.fields else "availability", item.message)


class SimulationForm(forms.Form):
    """The design page's simulation settings: read as numbers here, their bounds checked by
    designs.services.simulations (the same messages as the API's)."""

    requests = forms.IntegerField()
    multiple = forms.FloatField()
    seed = forms.IntegerField()

    def first_error(self) -> str:
        """The first bad field as "field: message", the form's only answer."""
        name, errors = next(iter(self.errors.items()))
        return f"{name}: {errors[0]}"
