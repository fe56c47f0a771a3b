"""The availability page: the handbook's table of nines and a calculator of blocks in series."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from designs.forms import CALCULATOR_BLOCKS, AvailabilityCalculator
from estimator.engine import availability
from estimator.present import tables

# A linkable example for the calculator: two load balancers (one standing by), three API
# servers of which two must be up, and a primary database with a standby.
EXAMPLE_QUERY = (
    "b1-availability=0.999&b1-instances=2&b1-redundancy=active-passive"
    "&b2-availability=0.99&b2-instances=3&b2-redundancy=k-of-n&b2-k=2"
    "&b3-availability=0.9995&b3-instances=2&b3-redundancy=active-passive"
)


def availability_page(request: HttpRequest) -> HttpResponse:
    context = {
        "nines": tables.nines_table(availability.nines_ladder()),
        "calculator": AvailabilityCalculator(request.GET),
        "most_blocks": CALCULATOR_BLOCKS,
        "example_query": EXAMPLE_QUERY,
    }
    return render(request, "designs/availability.html", context)
