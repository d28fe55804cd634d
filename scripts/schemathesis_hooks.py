"""Schemathesis hooks for scripts/schemathesis: every error answer must be an RFC 9457 problem
document (application/problem+json with type, title, status and detail)."""

import json

import schemathesis


def _header(response, name):
    value = response.headers.get(name) or response.headers.get(name.title())
    if isinstance(value, list):
        value = value[0] if value else None
    return value or ""


@schemathesis.check
def problem_json_errors(ctx, response, case):
    if response.status_code < 400:
        return None
    content_type = _header(response, "content-type").split(";")[0].strip()
    if content_type != "application/problem+json":
        raise AssertionError(
            f"{response.status_code} answered as {content_type or 'no content type'}, not application/problem+json"
        )
    problem = json.loads(response.content)
    missing = [k for k in ("type", "title", "status", "detail") if k not in problem]
    if missing:
        raise AssertionError(f"problem document without {', '.join(missing)}")
    if problem["status"] != response.status_code:
        raise AssertionError(f"problem status {problem['status']} differs from the HTTP status {response.status_code}")
    return None
