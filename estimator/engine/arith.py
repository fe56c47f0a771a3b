"""Division that never hands the estimate a number it cannot carry."""

import math


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator; None when the denominator is 0 or the quotient is not finite
    (dividing by a number as small as 1e-310 overflows to infinity)."""
    if not denominator:
        return None
    quotient = numerator / denominator
    return quotient if math.isfinite(quotient) else None
