"""Validates HTTP responses against Discord's own OpenAPI 3.1 description.

Shared by check_openapi.py (the live check against `gavel emulate`) and
test_openapi_contract.py (which proves the validator rejects broken bodies).
Needs Debian's python3-jsonschema (4.10): run with /usr/bin/python3.
"""

import datetime
import json
import re
import urllib.parse

from jsonschema import Draft202012Validator, FormatChecker, RefResolver

RATE_LIMIT_HEADERS = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Reset-After",
    "X-RateLimit-Bucket",
)
RATE_LIMIT_SCOPES = ("user", "global", "shared")

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)


def json_pointer(path):
    """RFC 6901 pointer for a jsonschema error path."""
    parts = []
    for p in path:
        parts.append(str(p).replace("~", "~0").replace("/", "~1"))
    return "/" + "/".join(parts) if parts else ""


def _format_checker():
    # jsonschema 4.10 on Debian lacks rfc3339-validator, so without these the
    # spec's formats (date-time above all) would silently pass anything.
    fc = FormatChecker(())

    @fc.checks("date-time", raises=ValueError)
    def _date_time(value):
        if not isinstance(value, str):
            return True
        if not _RFC3339.match(value):
            raise ValueError(f"{value!r} is not RFC 3339")
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        return True

    @fc.checks("snowflake", raises=ValueError)
    def _snowflake(value):
        if not isinstance(value, str):
            return True
        if not value.isdigit() or int(value) >= 1 << 64:
            raise ValueError(f"{value!r} is not an unsigned 64-bit snowflake")
        return True

    @fc.checks("int32")
    def _int32(value):
        return not isinstance(value, int) or -(1 << 31) <= value < (1 << 31)

    @fc.checks("int64")
    def _int64(value):
        return not isinstance(value, int) or -(1 << 63) <= value < (1 << 63)

    @fc.checks("uri")
    def _uri(value):
        if not isinstance(value, str):
            return True
        parsed = urllib.parse.urlparse(value)
        return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)

    return fc


class Violation:
    """One way a response breaks the contract, with where it happened."""

    def __init__(self, request, pointer, message, schema_path=""):
        self.request = request
        self.pointer = pointer
        self.message = message
        self.schema_path = schema_path

    def __str__(self):
        where = self.pointer if self.pointer else "(document root)"
        text = f"{self.request}: at {where}: {self.message}"
        if self.schema_path:
            text += f"  [schema {self.schema_path}]"
        return text


class Contract:
    """Finds the documented response of an operation and checks a real one against it."""

    def __init__(self, spec_path, server_prefix="/api/v10"):
        with open(spec_path, encoding="utf-8") as f:
            self.spec = json.load(f)
        self.prefix = server_prefix
        self.format_checker = _format_checker()
        self._templates = []
        for template in self.spec["paths"]:
            # Literal segments (e.g. "@me", "active") must win over {params},
            # so sort the most literal templates first.
            literal = sum(1 for s in template.split("/") if s and not s.startswith("{"))
            regex = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            self._templates.append((-literal, template, re.compile(regex)))
        self._templates.sort()
        self._validators = {}

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"external $ref {ref} is not supported")
            node = self.spec
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def template_for(self, path):
        """Maps a concrete path (with or without /api/v10) to its OpenAPI path template."""
        path = urllib.parse.urlsplit(path).path
        if path.startswith(self.prefix):
            path = path[len(self.prefix):]
        for _, template, regex in self._templates:
            if regex.match(path):
                return template
        return None

    def response_spec(self, template, method, status):
        """The documented response object, trying `429`, then `4XX`, then `default`."""
        op = self.spec["paths"].get(template, {}).get(method.lower())
        if op is None:
            return None, None
        responses = op.get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                return key, self.resolve(responses[key])
        return None, None

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        v = self._validators.get(key)
        if v is None:
            resolver = RefResolver(base_uri="", referrer=self.spec)
            v = Draft202012Validator(schema, resolver=resolver, format_checker=self.format_checker)
            self._validators[key] = v
        return v

    def schema_errors(self, schema, document, request="body"):
        """All violations of `schema` by `document`, deepest and clearest first."""
        v = self.validator(schema)
        errors = sorted(v.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        out = []
        for e in errors:
            for leaf in _leaves(e):
                message = _shorten(leaf.message)
                if leaf is not e:
                    message += f" (in the {e.validator} branch that fits best)"
                out.append(
                    Violation(
                        request,
                        json_pointer(leaf.absolute_path),
                        message,
                        json_pointer(leaf.absolute_schema_path),
                    )
                )
        return out

    def check_response(self, method, path, status, headers, body, now=None):
        """Checks one response: documented status, body schema, rate-limit headers.

        `headers` is a case-insensitive mapping (http.client's HTTPMessage or a
        dict with canonical names); `body` is bytes.
        """
        request = f"{method} {path} -> {status}"
        violations = []
        template = self.template_for(path)
        if template is None:
            return [Violation(request, "", "path is not in openapi.json")]
        key, response = self.response_spec(template, method, status)
        if response is None:
            return [Violation(request, "", f"status {status} is not documented for {method} {template}")]

        content = response.get("content")
        if content is None:
            if body:
                violations.append(
                    Violation(request, "", f"{key} response has no content in the spec, but {len(body)} body bytes were sent")
                )
        else:
            media = content.get("application/json")
            ctype = _header(headers, "Content-Type") or ""
            if media is None:
                violations.append(Violation(request, "", f"{key} response is not documented as application/json"))
            elif not ctype.lower().startswith("application/json"):
                violations.append(Violation(request, "", f"Content-Type is {ctype!r}, expected application/json"))
            try:
                document = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                violations.append(Violation(request, "", f"body is not JSON: {e}; first bytes {body[:80]!r}"))
            else:
                if media is not None:
                    violations.extend(self.schema_errors(media["schema"], document, request))
                if status == 429:
                    violations.extend(self._check_429(request, headers, document))

        violations.extend(self.check_headers(request, response, headers, status, now))
        return violations

    def check_headers(self, request, response, headers, status, now=None):
        violations = []
        documented = {name: self.resolve(h) for name, h in response.get("headers", {}).items()}
        for name in RATE_LIMIT_HEADERS:
            value = _header(headers, name)
            if value is None:
                violations.append(Violation(request, f"header {name}", "missing"))
                continue
            schema = documented.get(name, {}).get("schema", {"type": "string"})
            parsed = _parse_header(value, schema.get("type"))
            if parsed is None:
                violations.append(Violation(request, f"header {name}", f"{value!r} is not of type {schema.get('type')}"))
        limit = _number(_header(headers, "X-RateLimit-Limit"))
        remaining = _number(_header(headers, "X-RateLimit-Remaining"))
        reset = _number(_header(headers, "X-RateLimit-Reset"))
        reset_after = _number(_header(headers, "X-RateLimit-Reset-After"))
        if limit is not None and limit < 1:
            violations.append(Violation(request, "header X-RateLimit-Limit", f"{limit} is below 1"))
        if limit is not None and remaining is not None and not 0 <= remaining <= limit:
            violations.append(Violation(request, "header X-RateLimit-Remaining", f"{remaining} is outside 0..{limit}"))
        if reset_after is not None and reset_after < 0:
            violations.append(Violation(request, "header X-RateLimit-Reset-After", f"{reset_after} is negative"))
        if reset is not None and now is not None and reset_after is not None:
            # Reset is an epoch time in seconds; it must agree with Reset-After.
            if abs((reset - now) - reset_after) > 2.0:
                violations.append(
                    Violation(
                        request,
                        "header X-RateLimit-Reset",
                        f"{reset} (epoch s) disagrees with Reset-After {reset_after} at now={now:.3f}",
                    )
                )
        if status == 429:
            retry = _header(headers, "Retry-After")
            if retry is None or _number(retry) is None or _number(retry) < 0:
                violations.append(Violation(request, "header Retry-After", f"missing or not a number: {retry!r}"))
            scope = _header(headers, "X-RateLimit-Scope")
            if scope not in RATE_LIMIT_SCOPES:
                violations.append(
                    Violation(request, "header X-RateLimit-Scope", f"{scope!r} is not one of {RATE_LIMIT_SCOPES}")
                )
        return violations

    def _check_429(self, request, headers, document):
        # The schema cannot tie the body to the headers; Discord's docs do.
        violations = []
        if not isinstance(document, dict):
            return violations
        scope = _header(headers, "X-RateLimit-Scope")
        is_global = document.get("global")
        if scope is not None and isinstance(is_global, bool) and is_global != (scope == "global"):
            violations.append(Violation(request, "/global", f"global={is_global} but X-RateLimit-Scope is {scope!r}"))
        if is_global is True and (_header(headers, "X-RateLimit-Global") or "").lower() != "true":
            violations.append(Violation(request, "header X-RateLimit-Global", "global 429 without X-RateLimit-Global: true"))
        retry_after = document.get("retry_after")
        if isinstance(retry_after, (int, float)) and not isinstance(retry_after, bool):
            if retry_after <= 0:
                violations.append(Violation(request, "/retry_after", f"{retry_after} is not positive"))
            header = _number(_header(headers, "Retry-After"))
            if header is not None and header + 1.0 < retry_after:
                violations.append(
                    Violation(request, "header Retry-After", f"{header} s is shorter than body retry_after {retry_after} s")
                )
        return violations


def _leaves(error):
    """The errors that explain a oneOf/anyOf failure.

    "not valid under any of the given schemas" says nothing; the branch meant
    for this kind of value (one that does not fail on type/const at the value
    itself) holds the real culprit, deeper down.
    """
    if not error.context:
        return [error]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    applicable = [
        errs
        for errs in branches.values()
        if not any(len(sub.relative_path) == 0 and sub.validator in ("type", "const", "enum") for sub in errs)
    ]
    if not applicable:
        return [error]
    # The branch that got deepest into the value before failing is the one
    # meant for it; among equals, the one with fewest complaints.
    best = min(applicable, key=lambda errs: (-max(len(sub.relative_path) for sub in errs), len(errs)))
    leaves = []
    for sub in best:
        leaves.extend(_leaves(sub))
    return leaves


def _shorten(text, limit=240):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(headers, name):
    if headers is None:
        return None
    if hasattr(headers, "get_all"):
        return headers.get(name)
    for k, v in headers.items():
        if k.lower() == name.lower():
            return v
    return None


def _number(value):
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _parse_header(value, type_):
    if type_ == "integer":
        return int(value) if re.fullmatch(r"-?\d+", value.strip()) else None
    if type_ == "number":
        return _number(value)
    return value if value.strip() else None
