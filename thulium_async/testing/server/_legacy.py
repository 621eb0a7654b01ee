"""The documented endpoints the fake knows but does not simulate: legacy ones.

Only these answer 501 "not simulated"; any other unknown URI is a 404, as the
docs say Thulium answers an unknown URI.
"""

from __future__ import annotations

__all__ = ["LEGACY", "is_legacy"]

# The catalog's legacy entries (older doc versions only; superseded or gone).
LEGACY: tuple[tuple[str, str], ...] = (
    ("GET", "agents/{login}/screenshot/last"),
    ("POST", "agents/{login}/screenshot"),
    ("GET", "agents/{login}/last_queue_connection"),
    ("POST", "crm_outbounds/{id}/add_records"),
    ("POST", "outbounds/{id}/add_records"),
    ("POST", "connections/topic"),
)


def is_legacy(method: str, path: str) -> bool:
    """Whether ``METHOD path`` (relative to ``/api/``) is one of the LEGACY endpoints."""
    parts = path.split("/")
    for legacy_method, template in LEGACY:
        pattern = template.split("/")
        if (
            legacy_method == method
            and len(pattern) == len(parts)
            and all(
                (p.startswith("{") and part) or p == part
                for p, part in zip(pattern, parts, strict=True)
            )
        ):
            return True
    return False
