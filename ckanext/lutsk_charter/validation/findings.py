"""What the checks before frictionless can find, as codes with arguments.

Codes and arguments are stored; sentences are made when a report is shown, in
the reader's language (``texts.py`` beside this module).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity = "error"
    args: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ValidationStop(Exception):
    """The file cannot be validated further; ``status`` says whose fault it is.

    ``failure``: the data is broken (empty, binary, HTML, a zip bomb...).
    ``error``: it could not be checked (too big, download failed...).
    """

    def __init__(self, status: Literal["failure", "error"], finding: Finding) -> None:
        super().__init__(finding.code)
        self.status: Literal["failure", "error"] = status
        self.finding = finding
