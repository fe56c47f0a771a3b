"""Validation errors that name the field they are about."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    path: str  # e.g. "workloads[1].route[2]"; "" for the document itself
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def as_dict(self) -> dict:
        return {"field": self.path, "message": self.message}


class DesignError(ValueError):
    """A design document that cannot be estimated; carries every error found."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        first = str(self.errors[0]) if self.errors else "invalid design"
        more = len(self.errors) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class ScenarioError(DesignError):
    """A failure scenario (engine.whatif) that cannot be applied to a valid design; its
    paths are in the scenario, so that callers can name them apart from the document's."""
