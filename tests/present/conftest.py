# The engine tests' small sample design, for the tables built from its estimate.
from tests.engine.conftest import design  # noqa: F401
