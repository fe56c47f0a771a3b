"""The Hypothesis profiles (docs/testing.md), chosen with HYPOTHESIS_PROFILE.

"ci", the default, keeps each property to a few dozen examples in a fixed order, so that
`dev.py test` stays quick and CI never flakes; "long" is for runs by hand:
HYPOTHESIS_PROFILE=long python3 dev.py test -m property
"""

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 40
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=CI_EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=_QUIET, print_blob=True,
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=_QUIET, print_blob=True,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def ci_examples(count: int) -> settings:
    """The settings of one of the slowest properties: `count` examples under "ci" (the same
    ones each run), so that CI stays under ten minutes; any other profile keeps its own count.
    Apply it as @settings is applied, or pass it as the parent of a test's own settings."""
    return settings(max_examples=count) if PROFILE == "ci" else settings()
