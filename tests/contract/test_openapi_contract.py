#!/usr/bin/python3
"""Proves the OpenAPI contract check can fail.

Offline: deliberately broken bodies and headers must be rejected with the JSON
pointer of the violation, and their intact versions accepted.
Against the emulator ($GAVEL_BINARY): check_openapi.py must exit non-zero when a
proxy damages the emulator's responses, and when a request kind cannot be
exercised.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from openapi_contract import Contract  # noqa: E402

SPEC = os.environ.get("GAVEL_OPENAPI") or os.path.join(HERE, "..", "..", "..", "shared", "discord-api", "openapi.json")
FIXTURE = os.path.join(HERE, "fixtures", "edge-guild.json")


def load_fixture():
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)


def headers(**overrides):
    now = time.time()
    h = {
        "Content-Type": "application/json",
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "4",
        "X-RateLimit-Reset": f"{now + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
        "X-RateLimit-Bucket": "a1b2c3d4e5",
    }
    for k, v in overrides.items():
        k = k.replace("_", "-")
        if v is None:
            h.pop(k, None)
        else:
            h[k] = v
    return h


def rate_limited_headers(scope="user"):
    h = headers(X_RateLimit_Remaining="0", Retry_After="1", X_RateLimit_Scope=scope)
    if scope == "global":
        h["X-RateLimit-Global"] = "true"
    return h


class Offline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.contract = Contract(SPEC)
        cls.snap = load_fixture()
        cls.channel = next(ch for ch, ms in cls.snap["messages"].items() if len(ms) >= 5)
        cls.g = cls.snap["guild"]["id"]

    def check(self, method, path, status, hdrs, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        return self.contract.check_response(method, "/api/v10" + path, status, hdrs, data, now=time.time())

    def page(self):
        ms = self.snap["messages"][self.channel]
        return sorted(copy.deepcopy(ms), key=lambda m: int(m["id"]), reverse=True)

    # Each case: (name, method, path, status, headers, body, expected pointer, words in the message).
    def cases(self):
        g, ch = self.g, self.channel
        msgs = f"/channels/{ch}/messages"
        out = []

        def broken_page(mutate):
            p = self.page()
            mutate(p)
            return p

        def reply_index(p):
            return next(i for i, m in enumerate(p) if m.get("referenced_message"))

        def with_reactions(p):
            return next(i for i, m in enumerate(p) if m.get("reactions"))

        out.append(("missing author", "GET", msgs, 200, headers(), broken_page(lambda p: p[0].pop("author")), "/0", "'author' is a required"))
        p = self.page()
        i = with_reactions(p)
        p[i]["reactions"][0]["count_details"]["burst"] = "1"
        out.append(("burst count as string", "GET", msgs, 200, headers(), p, f"/{i}/reactions/0/count_details/burst", "not of type 'integer'"))
        p = self.page()
        i = reply_index(p)
        p[i]["referenced_message"]["author"]["id"] = 5
        out.append(("number id inside a oneOf", "GET", msgs, 200, headers(), p, f"/{i}/referenced_message/author/id", "not of type 'string'"))
        out.append(("bad timestamp", "GET", msgs, 200, headers(), broken_page(lambda p: p[1].__setitem__("timestamp", "2024-03-01 10:00")), "/1/timestamp", "date-time"))
        out.append(("snowflake above 2^64", "GET", msgs, 200, headers(), broken_page(lambda p: p[2].__setitem__("id", "18446744073709551616")), "/2/id", "snowflake"))
        out.append(("flags beyond int32", "GET", msgs, 200, headers(), broken_page(lambda p: p[0].__setitem__("flags", 1 << 31)), "/0/flags", "int32"))
        out.append(("unknown message type", "GET", msgs, 200, headers(), broken_page(lambda p: p[0].__setitem__("type", 999)), "/0/type", "not valid under any"))
        out.append(("null content", "GET", msgs, 200, headers(), broken_page(lambda p: p[0].__setitem__("content", None)), "/0/content", "not of type 'string'"))

        members = copy.deepcopy(self.snap["members"])
        del members[1]["user"]["global_name"]
        out.append(("member user without global_name", "GET", f"/guilds/{g}/members", 200, headers(), members, "/1/user", "'global_name' is a required"))
        member = copy.deepcopy(self.snap["members"][0])
        member["roles"] = member["roles"] + member["roles"][:1]
        out.append(("duplicate member roles", "GET", f"/guilds/{g}/members/{member['user']['id']}", 200, headers(), member, "/roles", "non-unique"))

        threads = [c for c in self.snap["channels"] if c["type"] in (11, 12)]
        t = copy.deepcopy(threads)
        t[0]["thread_metadata"]["archive_timestamp"] = "soon"
        out.append(("thread archive_timestamp", "GET", f"/guilds/{g}/threads/active", 200, headers(), {"threads": t, "members": [], "has_more": False}, "/threads/0/thread_metadata/archive_timestamp", "date-time"))
        out.append(("threads without has_more", "GET", f"/channels/{ch}/threads/archived/public", 200, headers(), {"threads": [], "members": []}, "", "'has_more' is a required"))

        guild = copy.deepcopy(self.snap["guild"])
        guild["features"] = ["COMMUNITY", "COMMUNITY"]
        out.append(("duplicate guild feature", "GET", f"/guilds/{g}", 200, headers(), guild, "/features", "non-unique"))
        guild = copy.deepcopy(self.snap["guild"])
        guild["approximate_member_count"] = "7"
        out.append(("count as string", "GET", f"/guilds/{g}", 200, headers(), guild, "/approximate_member_count", "not of type"))
        roles = copy.deepcopy(self.snap["roles"])
        del roles[2]["colors"]
        out.append(("role without colors", "GET", f"/guilds/{g}/roles", 200, headers(), roles, "/2", "'colors' is a required"))

        audit = {"audit_log_entries": [{"id": g, "action_type": 25, "user_id": g, "target_id": g, "options": {"count": 3}}],
                 "users": [], "integrations": [], "webhooks": [], "guild_scheduled_events": [], "threads": [],
                 "application_commands": [], "auto_moderation_rules": []}
        out.append(("audit option not a string", "GET", f"/guilds/{g}/audit-logs", 200, headers(), audit, "/audit_log_entries/0/options/count", "not of type 'string'"))

        # openapi.json types nested error codes as integers; Discord's docs show strings.
        form = {"code": 50035, "message": "Invalid Form Body", "errors": {"roles": {"_errors": [{"code": "LIST_TYPE_CONVERT", "message": "x"}]}}}
        out.append(("inner error code as string", "PATCH", f"/guilds/{g}/members/{g}", 400, headers(), form, "/errors/roles/_errors/0/code", "not of type 'integer'"))
        form = {"code": 50035, "message": "Invalid Form Body", "errors": {"roles": {"_errors": [{"code": 50035}]}}}
        out.append(("inner error without message", "PATCH", f"/guilds/{g}/members/{g}", 400, headers(), form, "/errors/roles/_errors/0", "'message' is a required"))
        out.append(("error code as string", "GET", f"/channels/{g}", 404, headers(), {"code": "10003", "message": "Unknown Channel"}, "/code", "not of type 'integer'"))
        out.append(("error without message", "GET", f"/channels/{g}", 404, headers(), {"code": 10003}, "", "'message' is a required"))
        out.append(("HTML error page", "GET", f"/guilds/{g}", 502, headers(Content_Type="text/html"), b"<html>bad gateway</html>", "", "not documented"))
        out.append(("HTML body on a 404", "GET", f"/channels/{g}", 404, headers(Content_Type="text/html"), b"<html>oops</html>", "", "not JSON"))
        out.append(("JSON as text/plain", "GET", f"/guilds/{g}/roles", 200, headers(Content_Type="text/plain"), self.snap["roles"], "", "Content-Type"))
        out.append(("204 with a body", "PUT", f"/guilds/{g}/members/{g}/roles/{g}", 204, headers(), {"ok": True}, "", "no content"))
        out.append(("path not in the spec", "GET", f"/guilds/{g}/reputation", 200, headers(), {}, "", "not in openapi.json"))

        out.append(("429 without retry_after", "GET", msgs, 429, rate_limited_headers(), {"code": 0, "message": "You are being rate limited.", "global": False}, "", "'retry_after' is a required"))
        out.append(("429 without code", "GET", msgs, 429, rate_limited_headers(), {"message": "You are being rate limited.", "retry_after": 0.5, "global": False}, "", "'code' is a required"))
        out.append(("429 global/scope mismatch", "GET", msgs, 429, rate_limited_headers("user"), {"code": 0, "message": "x", "retry_after": 0.5, "global": True}, "/global", "X-RateLimit-Scope"))
        out.append(("429 retry_after zero", "GET", msgs, 429, rate_limited_headers(), {"code": 0, "message": "x", "retry_after": 0, "global": False}, "/retry_after", "not positive"))
        out.append(("global 429 without X-RateLimit-Global", "GET", msgs, 429, {k: v for k, v in rate_limited_headers("global").items() if k != "X-RateLimit-Global"}, {"code": 0, "message": "x", "retry_after": 0.5, "global": True}, "header X-RateLimit-Global", "without"))
        ok429 = {"code": 0, "message": "You are being rate limited.", "retry_after": 0.5, "global": False}
        h = rate_limited_headers()
        del h["Retry-After"]
        out.append(("429 without Retry-After", "GET", msgs, 429, h, ok429, "header Retry-After", "missing"))
        out.append(("429 with an unknown scope", "GET", msgs, 429, rate_limited_headers("bucket"), ok429, "header X-RateLimit-Scope", "not one of"))

        page = self.page()
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket"):
            out.append((f"missing {name}", "GET", msgs, 200, headers(**{name.replace("-", "_"): None}), page, f"header {name}", "missing"))
        out.append(("Remaining above Limit", "GET", msgs, 200, headers(X_RateLimit_Remaining="6"), page, "header X-RateLimit-Remaining", "outside"))
        out.append(("Limit not an integer", "GET", msgs, 200, headers(X_RateLimit_Limit="5.5"), page, "header X-RateLimit-Limit", "not of type integer"))
        out.append(("negative Reset-After", "GET", msgs, 200, headers(X_RateLimit_Reset_After="-1"), page, "header X-RateLimit-Reset-After", "negative"))
        out.append(("Reset far from Reset-After", "GET", msgs, 200, headers(X_RateLimit_Reset=f"{time.time() + 60:.3f}"), page, "header X-RateLimit-Reset", "disagrees"))
        return out

    def test_intact_responses_pass(self):
        g, ch = self.g, self.channel
        ok429 = {"code": 0, "message": "You are being rate limited.", "retry_after": 0.25, "global": False}
        ok = [
            ("GET", f"/channels/{ch}/messages", 200, headers(), self.page()),
            ("GET", f"/guilds/{g}/members", 200, headers(), self.snap["members"]),
            ("GET", f"/guilds/{g}", 200, headers(), self.snap["guild"]),
            ("GET", f"/guilds/{g}/roles", 200, headers(), self.snap["roles"]),
            ("GET", f"/guilds/{g}/channels", 200, headers(), [c for c in self.snap["channels"] if c["type"] not in (11, 12)]),
            ("GET", f"/guilds/{g}/threads/active", 200, headers(), {"threads": [c for c in self.snap["channels"] if c["type"] in (11, 12)], "members": [], "has_more": False}),
            ("PUT", f"/guilds/{g}/members/{g}/roles/{g}", 204, headers(Content_Type=None), b""),
            ("GET", f"/channels/{g}", 404, headers(), {"code": 10003, "message": "Unknown Channel"}),
            ("PATCH", f"/guilds/{g}/members/{g}", 400, headers(), {"code": 50035, "message": "Invalid Form Body", "errors": {"roles": {"_errors": [{"code": 50035, "message": "Only iterables may be used in a ListType."}]}, "nick": {"0": {"_errors": [{"code": 50035, "message": "Must be between 1 and 32 in length."}]}}}}),
            ("GET", f"/channels/{ch}/messages", 429, rate_limited_headers(), ok429),
            ("GET", f"/channels/{ch}/messages", 429, rate_limited_headers("global"), dict(ok429, **{"global": True})),
        ]
        for method, path, status, hdrs, body in ok:
            with self.subTest(path=path, status=status):
                self.assertEqual([str(v) for v in self.check(method, path, status, hdrs, body)], [])

    def test_broken_responses_fail_with_pointer(self):
        for name, method, path, status, hdrs, body, pointer, words in self.cases():
            with self.subTest(name):
                violations = self.check(method, path, status, hdrs, body)
                self.assertTrue(violations, f"{name}: the broken response was accepted")
                hits = [v for v in violations if v.pointer == pointer and words in v.message]
                self.assertTrue(hits, f"{name}: expected pointer {pointer!r} with {words!r}, got {[str(v) for v in violations]}")

    def test_only_the_broken_field_is_reported(self):
        p = self.page()
        p[3]["pinned"] = "no"
        violations = self.check("GET", f"/channels/{self.channel}/messages", 200, headers(), p)
        self.assertEqual([v.pointer for v in violations], ["/3/pinned"])

    def test_templates(self):
        c = self.contract
        for path, template in [
            ("/api/v10/users/@me", "/users/@me"),
            ("/api/v10/users/@me/guilds", "/users/@me/guilds"),
            ("/api/v10/guilds/1/members/search", "/guilds/{guild_id}/members/search"),
            ("/api/v10/guilds/1/members/2", "/guilds/{guild_id}/members/{user_id}"),
            ("/api/v10/guilds/1/threads/active", "/guilds/{guild_id}/threads/active"),
            ("/api/v10/channels/1/threads/archived/private?limit=2", "/channels/{channel_id}/threads/archived/private"),
            ("/api/v10/channels/1/messages/2/reactions/%F0%9F%91%8D?type=1", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}"),
            ("/api/v10/guilds/1/members/2/roles/3", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"),
        ]:
            with self.subTest(path):
                self.assertEqual(c.template_for(path), template)


class AgainstEmulator(unittest.TestCase):
    """check_openapi.py end to end, against emulators that must make it fail."""

    @classmethod
    def setUpClass(cls):
        cls.gavel = os.environ.get("GAVEL_BINARY")
        if not cls.gavel or not os.access(cls.gavel, os.X_OK):
            if os.environ.get("CONTRACT_OFFLINE_ONLY"):
                raise unittest.SkipTest("CONTRACT_OFFLINE_ONLY is set")
            raise AssertionError(
                f"GAVEL_BINARY={cls.gavel!r} is not an executable gavel "
                "(set CONTRACT_OFFLINE_ONLY=1 to run only the offline tests)"
            )

    def run_check(self, gavel, snapshot, env_extra):
        env = dict(os.environ, **env_extra)
        cmd = [sys.executable, os.path.join(HERE, "check_openapi.py"), "--gavel", gavel, "--spec", SPEC, "--snapshot", snapshot]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=200)

    def test_intact_emulator_passes(self):
        # Without this the negative tests below could pass on a check that always fails.
        p = self.run_check(self.gavel, FIXTURE, {})
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_corrupted_body_fails_with_pointer(self):
        p = self.run_check(os.path.join(HERE, "corrupting_gavel.py"), FIXTURE, {"GAVEL_REAL_BINARY": self.gavel, "CONTRACT_CORRUPT": "timestamp"})
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertRegex(p.stderr, r"VIOLATION .*/channels/\d+/messages.* at /0/timestamp: 'yesterday' is not a 'date-time'")

    def test_missing_header_fails(self):
        p = self.run_check(os.path.join(HERE, "corrupting_gavel.py"), FIXTURE, {"GAVEL_REAL_BINARY": self.gavel, "CONTRACT_CORRUPT": "bucket-header"})
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("at header X-RateLimit-Bucket: missing", p.stderr)

    def test_unexercised_kind_fails(self):
        snap = load_fixture()
        # Drop every super reaction, keeping each message's summary consistent.
        snap["burst_reactions"] = {}
        for ms in snap["messages"].values():
            for m in ms:
                kept = []
                for r in m.get("reactions", []):
                    r["count"] -= r["count_details"]["burst"]
                    r["count_details"]["burst"] = 0
                    r["burst_colors"] = []
                    if r["count"]:
                        kept.append(r)
                if "reactions" in m:
                    m["reactions"] = kept
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "no-burst.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(snap, f, ensure_ascii=False)
            p = self.run_check(self.gavel, path, {})
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("NOT EXERCISED [no-burst.json] reactions_burst", p.stderr)


if __name__ == "__main__":
    unittest.main()
