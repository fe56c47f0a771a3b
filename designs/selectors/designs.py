"""Which designs a user sees: lists for the home page, the API and the compare picker."""

from django.db.models import OuterRef, QuerySet, Subquery

from designs.models import Design, Estimate

# The newest estimate's id, version and status, read in the designs' own query (three
# subqueries on the (design, version) index): enough for a design's status and links,
# however many versions it has been saved in.
_NEWEST = Estimate.objects.filter(design=OuterRef("pk")).order_by("-design_version")
_NEWEST_ESTIMATE = {
    f"newest_estimate_{name}": Subquery(_NEWEST.values(name)[:1])
    for name in ("id", "design_version", "status")
}

# The sorts the home page's tables offer: GET value -> ordering.
DESIGN_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    "version": ("version", "name"),
    "-version": ("-version", "name"),
}
DEFAULT_DESIGN_SORT = "-updated"


def designs_visible(*, user) -> QuerySet[Design]:
    """The designs this user may see, with owners and their newest estimate's summary
    (read by designs.selectors.estimates.design_latest_estimate)."""
    return Design.objects.visible_to(user).select_related("owner").annotate(**_NEWEST_ESTIMATE)


def designs_list(
    *,
    user,
    search: str = "",
    owner: str = "",
    example: bool | None = None,
    public: bool | None = None,
) -> QuerySet[Design]:
    """Visible designs, by name then id, filtered: part of the name, owner's username,
    examples or not, public or not."""
    designs = designs_visible(user=user)
    if search:
        designs = designs.filter(name__icontains=search)
    if owner:
        designs = designs.filter(owner__username=owner)
    if example is not None:
        designs = designs.filter(is_example=example)
    if public is not None:
        designs = designs.filter(is_public=public)
    return designs


def designs_visible_in_order(*, user, ids: list[int]) -> list[Design]:
    """Those of the designs with these ids that the user may see, in the order asked."""
    found = Design.objects.visible_to(user).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def designs_visible_by_slug(*, user, slugs: list[str]) -> dict[str, Design]:
    """Those of the designs with these slugs that the user may see, by slug."""
    designs = Design.objects.visible_to(user).filter(slug__in=slugs).select_related("owner")
    return {d.slug: d for d in designs}


def _name_contains(designs: QuerySet[Design], search: str) -> QuerySet[Design]:
    """Designs whose name holds `search`. No name holds a NUL (the engine refuses it), and
    PostgreSQL refuses one in a query: such a search finds nothing, without asking."""
    if "\x00" in search:
        return designs.none()
    return designs.filter(name__icontains=search) if search else designs


def _sorted_search(designs: QuerySet[Design], search: str, sort: str) -> QuerySet[Design]:
    if search:
        designs = _name_contains(designs, search)
    return designs.order_by(*DESIGN_SORTS.get(sort, DESIGN_SORTS[DEFAULT_DESIGN_SORT]))


def designs_owned(*, user, search: str = "", sort: str = DEFAULT_DESIGN_SORT) -> list[Design]:
    """The user's own designs (none for an anonymous visitor), filtered by name and sorted."""
    if user is None or not user.is_authenticated:
        return []
    return list(_sorted_search(Design.objects.filter(owner=user), search, sort))


def designs_public_of_others(
    *, user, search: str = "", sort: str = DEFAULT_DESIGN_SORT
) -> list[Design]:
    """Public designs people saved (not the examples), except the user's own."""
    # Owned by someone: the problems' reference designs (owned by nobody) are the library's.
    designs = Design.objects.filter(is_public=True, is_example=False, owner__isnull=False)
    designs = designs.select_related("owner")
    if user is not None and user.is_authenticated:
        designs = designs.exclude(owner=user)
    return list(_sorted_search(designs, search, sort))


def designs_pickable(
    *, user, search: str = "", chosen: list[Design] | None = None, limit: int = 100
) -> list[Design]:
    """Designs to offer in the compare page's picker: the chosen ones first (in order), then
    the others the user may see (examples first, then by name), filtered by name."""
    chosen = chosen or []
    others = Design.objects.visible_to(user).exclude(pk__in=[d.pk for d in chosen])
    if search:
        others = _name_contains(others, search)
    others = others.select_related("owner").order_by("-is_example", "name", "id")
    return [*chosen, *others[:limit]]
