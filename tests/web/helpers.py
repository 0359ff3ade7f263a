"""The one check for the API error envelope, used by every test that expects an error."""

from __future__ import annotations

from typing import Any


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """``response`` is an API error with exactly ``{"ok": false, "error": "...", "status": status}``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}, body
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"].strip()
    return body
