"""A renamed design's old address still works: /designs/<old slug>/… (its page, editor,
practice, PDF report) redirects to the same page at its address now.

A middleware, on the way out of a 404 only, so no page's view has to know about old slugs
and a request for a current address costs nothing more. 302, not 301: a design may take
an old name back, and a browser would keep a permanent redirect from it for ever.
"""

import re

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from designs.models import Design, DesignOldSlug

_DESIGN_PATH = re.compile(r"^/designs/(?P<slug>[-a-zA-Z0-9_]+)/(?P<rest>.*)$")


class OldSlugRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = _DESIGN_PATH.match(request.path_info)
        if match is None:
            return response
        slug = current_slug(match["slug"], user=request.user)
        if slug is None:
            return response
        prefix = request.path[: len(request.path) - len(request.path_info)]
        target = f"{prefix}/designs/{slug}/{match['rest']}"
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(f"{target}?{query}" if query else target)


def current_slug(old_slug: str, *, user) -> str | None:
    """The address now of the design that had `old_slug`, if this user may see it: never
    tell a stranger where a private design went."""
    moved = DesignOldSlug.objects.filter(slug=old_slug).values_list("design_id", flat=True)
    return (Design.objects.visible_to(user).filter(pk__in=moved)
            .values_list("slug", flat=True).first())
