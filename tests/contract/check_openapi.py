#!/usr/bin/python3
"""Contract check 1: every kind of response `gavel emulate` gives is valid against openapi.json.

Starts the emulator on a guild snapshot, issues each kind of request Gavel's
sync and push use (plus every error kind and both kinds of 429), looks up the
operation's documented response for that path/method/status in Discord's
OpenAPI 3.1 description, and validates body and rate-limit headers. The
snapshot's own objects are validated too, so a generator bug is reported
against the snapshot rather than the emulator.

Exit 0 only if there is no violation and every required request kind was
exercised. Run with /usr/bin/python3 (Debian's python3-jsonschema).

  check_openapi.py --gavel build/app/gavel --snapshot tests/contract/fixtures/edge-guild.json
  check_openapi.py --gavel build/app/gavel --demo-guild "--members 300 --messages 3000"
"""

import argparse
import gzip
import http.client
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emulator_process import Emulator, EmulatorError, find_gavel  # noqa: E402
from openapi_contract import Contract, Violation  # noqa: E402

TOKEN = "contract-check-token"
VIEW_CHANNEL = 1 << 10
READ_MESSAGE_HISTORY = 1 << 16
MANAGE_THREADS = 1 << 34
ADMINISTRATOR = 1 << 3
ALL_PERMISSIONS = (1 << 64) - 1

# Every request kind the contract covers. A run fails if a required kind was
# not exercised: a check that silently skips a route proves nothing about it.
KINDS = {
    "users_me": "GET /users/@me",
    "my_guilds": "GET /users/@me/guilds",
    "guild": "GET /guilds/{g}",
    "guild_with_counts": "GET /guilds/{g}?with_counts=true (approximate counts present)",
    "guild_channels": "GET /guilds/{g}/channels (no threads in it)",
    "channel": "GET /channels/{c} for a text channel",
    "channel_thread": "GET /channels/{thread}",
    "roles": "GET /guilds/{g}/roles",
    "emojis": "GET /guilds/{g}/emojis (incl. a custom emoji)",
    "members_page": "GET /guilds/{g}/members?limit=1000 (all members, ascending)",
    "members_after": "GET /guilds/{g}/members?limit=2&after= (ascending, exclusive)",
    "member": "GET /guilds/{g}/members/{u}",
    "threads_active": "GET /guilds/{g}/threads/active",
    "threads_archived_public": "GET /channels/{c}/threads/archived/public",
    "threads_archived_public_forum": "GET /channels/{forum}/threads/archived/public",
    "threads_archived_private": "GET /channels/{c}/threads/archived/private",
    "messages_latest": "GET /channels/{c}/messages?limit=100",
    "messages_before": "GET /channels/{c}/messages?before=&limit=",
    "messages_after": "GET /channels/{c}/messages?after=&limit=",
    "messages_around": "GET /channels/{c}/messages?around=&limit=",
    "messages_all": "every readable channel and thread paged to its start with before=",
    "messages_no_history": "GET /channels/{c}/messages without Read Message History -> 200 []",
    "message_reply": "a page holding a reply (type 19, message_reference, referenced_message)",
    "message": "GET /channels/{c}/messages/{m}",
    "forum_thread_starter": "GET /channels/{forum thread}/messages/{thread id}",
    "private_thread_messages": "GET /channels/{private thread}/messages",
    "reactions_unicode": "GET .../reactions/{unicode}?type=0",
    "reactions_custom": "GET .../reactions/{name:id}?type=0",
    "reactions_burst": "GET .../reactions/{emoji}?type=1 (super reactions)",
    "reactions_after": "GET .../reactions/{emoji}?after=&limit= (ascending, exclusive)",
    "reactions_left_member": "reaction users include a user who left the guild",
    "role_put": "PUT /guilds/{g}/members/{u}/roles/{r} with X-Audit-Log-Reason -> 204",
    "role_delete": "DELETE /guilds/{g}/members/{u}/roles/{r} -> 204",
    "audit_log": "GET /guilds/{g}/audit-logs?action_type=25 holds the decoded reason",
    "member_patch": "PATCH /guilds/{g}/members/{u} {roles}",
    "error_401": "401 without the token",
    "error_403_50001": "403 50001 Missing Access (channel the bot cannot view)",
    "error_403_50001_members": "403 50001 on the members list without the members intent",
    "error_403_50013": "403 50013 Missing Permissions (role above the bot's top role)",
    "error_404_10003": "404 10003 Unknown Channel",
    "error_404_10007": "404 10007 Unknown Member",
    "error_404_10008": "404 10008 Unknown Message",
    "error_404_10011": "404 10011 Unknown Role",
    "error_404_10014": "404 10014 Unknown Emoji",
    "error_400": "400 (invalid form body)",
    "messages_no_content_intent": "a message page without the message-content intent (content \"\")",
    "ratelimit_bucket": "429 from a per-route bucket (--bucket low)",
    "ratelimit_global": "429 from the global limit (--global-rate low)",
}


class Response:
    def __init__(self, method, path, status, headers, body):
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers
        self.body = body
        self._json = None

    @property
    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8")) if self.body else None
            except (UnicodeDecodeError, json.JSONDecodeError):
                self._json = None
        return self._json

    def header(self, name):
        return self.headers.get(name)

    def __str__(self):
        return f"{self.method} {self.path} -> {self.status}"


class Run:
    """Collects violations and which request kinds were exercised."""

    def __init__(self, name):
        self.name = name
        self.violations = []
        self.exercised = {}
        self.unavailable = {}
        self.requests = 0
        self.statuses = {}

    def fail(self, where, message):
        self.violations.append(Violation(where, "", message))

    def did(self, kind, ok=True, why="", resp=None):
        """Marks `kind` exercised if `ok`; otherwise records why it was not."""
        assert kind in KINDS, kind
        if ok:
            self.exercised[kind] = self.exercised.get(kind, 0) + 1
        else:
            self.fail(str(resp) if resp else kind, f"{kind} ({KINDS[kind]}): {why}")

    def cannot(self, kind, why):
        self.unavailable[kind] = why


class Client:
    """A plain HTTP/1.1 client that validates every response it receives."""

    def __init__(self, url, token, contract, run):
        parts = urllib.parse.urlsplit(url)
        self.host = parts.hostname
        self.port = parts.port
        self.base = parts.path.rstrip("/")
        self.token = token
        self.contract = contract
        self.run = run
        self.conn = None
        self.requests = 0
        self.statuses = {}

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return self.conn

    def raw(self, method, path, query=None, body=None, headers=None, auth=True, raw_body=None):
        target = self.base + path
        if query:
            target += "?" + urllib.parse.urlencode(query)
        hdrs = {"User-Agent": "DiscordBot (https://example.invalid/gavel-contract, 1)", "Accept": "application/json"}
        if auth:
            hdrs["Authorization"] = f"Bot {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        if raw_body is not None:
            data = raw_body
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, target, body=data, headers=hdrs)
                r = conn.getresponse()
                payload = r.read()
                break
            except (http.client.HTTPException, OSError) as e:
                conn.close()
                self.conn = None
                # A keep-alive connection the server closed is retried once.
                if attempt:
                    raise RuntimeError(f"{method} {target}: {e}") from e
        if (r.getheader("Connection") or "").lower() == "close":
            conn.close()
            self.conn = None
        resp = Response(method, target, r.status, r.headers, payload)
        self.run.requests += 1
        self.run.statuses[r.status] = self.run.statuses.get(r.status, 0) + 1
        self.requests += 1
        self.statuses[r.status] = self.statuses.get(r.status, 0) + 1
        self.run.violations.extend(
            self.contract.check_response(method, target, r.status, r.headers, payload, now=time.time())
        )
        return resp

    def call(self, method, path, expect=200, **kw):
        """Like raw(), but waits out an unexpected 429 and flags any other unexpected status."""
        expected = expect if isinstance(expect, tuple) else (expect,)
        for _ in range(10):
            resp = self.raw(method, path, **kw)
            if resp.status == 429 and 429 not in expected:
                time.sleep(min(float(resp.header("Retry-After") or 1), 5.0) + 0.05)
                continue
            break
        if resp.status not in expected:
            self.run.fail(str(resp), f"expected status {'/'.join(map(str, expected))}; body {resp.body[:300]!r}")
        return resp

    def admin(self, path):
        """GET on the emulator's admin API (not Discord's; not validated)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("GET", "/_emulator/" + path)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()


def load_snapshot(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def q(segment):
    return urllib.parse.quote(segment, safe="")


def ids(items):
    return [x["id"] for x in items]


def descending(id_list):
    return all(int(a) > int(b) for a, b in zip(id_list, id_list[1:]))


def ascending(id_list):
    return all(int(a) < int(b) for a, b in zip(id_list, id_list[1:]))


class Facts:
    """What the snapshot holds that the request kinds need."""

    def __init__(self, snap):
        self.snap = snap
        self.guild_id = snap["guild"]["id"]
        self.members = {m["user"]["id"]: m for m in snap.get("members", [])}
        self.roles = {r["id"]: r for r in snap.get("roles", [])}
        self.channels = {c["id"]: c for c in snap.get("channels", [])}
        self.messages = {ch: sorted(ms, key=lambda m: int(m["id"]), reverse=True) for ch, ms in snap.get("messages", {}).items()}
        self.reactions = snap.get("reactions", {})
        self.burst = snap.get("burst_reactions", {})
        self.left_users = [u for u in snap.get("users", {}) if u not in self.members]
        self.bot_id = next((uid for uid, m in self.members.items() if m["user"].get("bot")), None)

    def bot_role_ids(self, bot_roles=None):
        if bot_roles is not None:
            return set(bot_roles)
        if self.bot_id:
            return set(self.members[self.bot_id].get("roles", []))
        return set()

    def permissions(self, channel, bot_roles):
        """The bot's permissions in a channel (threads inherit their parent's)."""
        if channel.get("type") in (10, 11, 12):
            parent = self.channels.get(channel.get("parent_id"))
            return self.permissions(parent, bot_roles) if parent else ALL_PERMISSIONS
        base = int(self.roles.get(self.guild_id, {}).get("permissions", "0"))
        for rid in bot_roles:
            base |= int(self.roles.get(rid, {}).get("permissions", "0"))
        if base & ADMINISTRATOR:
            return ALL_PERMISSIONS
        # Discord's overwrite order: @everyone, then the roles together, then the member.
        perms = base
        overwrites = channel.get("permission_overwrites") or []
        for ow in overwrites:
            if ow["id"] == self.guild_id:
                perms = (perms & ~int(ow["deny"])) | int(ow["allow"])
        deny_r = allow_r = 0
        for ow in overwrites:
            if ow["id"] in bot_roles:
                deny_r |= int(ow["deny"])
                allow_r |= int(ow["allow"])
        perms = (perms & ~deny_r) | allow_r
        for ow in overwrites:
            if ow["id"] == self.bot_id:
                perms = (perms & ~int(ow["deny"])) | int(ow["allow"])
        return perms

    def can_view(self, channel, bot_roles):
        return bool(self.permissions(channel, bot_roles) & VIEW_CHANNEL)

    def can_read_history(self, channel, bot_roles):
        need = VIEW_CHANNEL | READ_MESSAGE_HISTORY
        return self.permissions(channel, bot_roles) & need == need

    def served_messages(self, channel_id, bot_roles):
        """What a full crawl of the channel must return: nothing without Read Message History."""
        chan = self.channels.get(channel_id)
        if chan is None or not self.can_read_history(chan, bot_roles):
            return []
        return self.messages.get(channel_id, [])

    def message_channels(self):
        return [c for c in self.channels.values() if c.get("type") in (0, 5, 10, 11, 12)]

    def readable(self, bot_roles):
        return [c for c in self.message_channels() if self.can_view(c, bot_roles)]

    def with_history(self, bot_roles):
        """Channels and threads whose messages the bot can read, and that have some."""
        return [c for c in self.readable(bot_roles) if self.can_read_history(c, bot_roles) and self.messages.get(c["id"])]

    def hidden(self, bot_roles):
        return [c for c in self.message_channels() if c.get("type") in (0, 5) and not self.can_view(c, bot_roles)]

    def threads(self, type_=None, archived=None, parent_type=None):
        out = []
        for c in self.channels.values():
            if c.get("type") not in (10, 11, 12):
                continue
            if type_ is not None and c["type"] != type_:
                continue
            if archived is not None and bool(c.get("thread_metadata", {}).get("archived")) != archived:
                continue
            if parent_type is not None and self.channels.get(c.get("parent_id"), {}).get("type") != parent_type:
                continue
            out.append(c)
        return out


def validate_snapshot(contract, snap, run, label):
    """The snapshot's own objects against the response schemas they will be served as."""
    s = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
    checks = [
        ("/guild", s("GuildWithCountsResponse"), snap.get("guild")),
        ("/roles", {"type": "array", "items": s("GuildRoleResponse")}, snap.get("roles", [])),
        ("/members", {"type": "array", "items": s("GuildMemberResponse")}, snap.get("members", [])),
        (
            "/channels",
            {"type": "array", "items": {"oneOf": [s("GuildChannelResponse"), s("ThreadResponse")]}},
            snap.get("channels", []),
        ),
    ]
    for uid, user in snap.get("users", {}).items():
        checks.append((f"/users/{uid}", s("UserResponse"), user))
    for ch, ms in snap.get("messages", {}).items():
        checks.append((f"/messages/{ch}", {"type": "array", "items": s("MessageResponse")}, ms))
    for where, schema, doc in checks:
        for v in contract.schema_errors(schema, doc, f"snapshot {label}"):
            v.pointer = where + v.pointer
            run.violations.append(v)
    if snap.get("format") != "guild-snapshot/1":
        run.fail(f"snapshot {label}", f"format is {snap.get('format')!r}, expected 'guild-snapshot/1'")


def exercise_reads(c, facts, run, sweep_reactions):
    g = facts.guild_id
    me = c.call("GET", "/users/@me")
    me_id = (me.json or {}).get("id")
    run.did("users_me", me.status == 200 and bool(me_id), "no user id", me)
    if me_id:
        # The emulator decides which bot of the snapshot it is; overwrites name it.
        facts.bot_id = me_id

    r = c.call("GET", "/users/@me/guilds")
    run.did("my_guilds", r.status == 200 and g in ids(r.json or []), f"guild {g} not listed", r)

    r = c.call("GET", f"/guilds/{g}")
    run.did("guild", r.status == 200 and (r.json or {}).get("id") == g, "wrong guild", r)
    r = c.call("GET", f"/guilds/{g}", query={"with_counts": "true"})
    body = r.json or {}
    run.did(
        "guild_with_counts",
        r.status == 200 and isinstance(body.get("approximate_member_count"), int),
        "approximate_member_count missing",
        r,
    )

    r = c.call("GET", f"/guilds/{g}/channels")
    chans = r.json or []
    threads_in = [x["id"] for x in chans if x.get("type") in (10, 11, 12)]
    run.did("guild_channels", r.status == 200 and chans and not threads_in, f"threads listed: {threads_in}", r)

    r = c.call("GET", f"/guilds/{g}/roles")
    run.did("roles", r.status == 200 and g in ids(r.json or []), "no @everyone role", r)
    r = c.call("GET", f"/guilds/{g}/emojis")
    custom = [e for e in (r.json or []) if e.get("id")]
    if facts.snap["guild"].get("emojis"):
        run.did("emojis", r.status == 200 and custom, "no custom emoji served", r)
    else:
        run.cannot("emojis", "snapshot has no custom emoji")

    # Members: one big page (all of them, ascending), then small after= pages.
    all_members, after = [], "0"
    while True:
        r = c.call("GET", f"/guilds/{g}/members", query={"limit": 1000, "after": after})
        page = r.json if r.status == 200 and isinstance(r.json, list) else []
        all_members += page
        if len(page) < 1000:
            break
        after = page[-1]["user"]["id"]
    served = [m["user"]["id"] for m in all_members]
    run.did(
        "members_page",
        sorted(served, key=int) == served and set(served) == set(facts.members),
        f"served {len(served)} members (ascending={ascending(served)}), snapshot has {len(facts.members)}",
        r,
    )
    if len(served) >= 3:
        r = c.call("GET", f"/guilds/{g}/members", query={"limit": 2, "after": served[0]})
        got = [m["user"]["id"] for m in (r.json or [])]
        run.did("members_after", got == served[1:3], f"got {got}, expected {served[1:3]}", r)

    bot_roles = None
    if me_id:
        r = c.call("GET", f"/guilds/{g}/members/{me_id}")
        if r.status == 200:
            bot_roles = (r.json or {}).get("roles", [])
            run.did("member", (r.json or {}).get("user", {}).get("id") == me_id, "wrong member", r)
    if facts.members:
        uid = next(iter(facts.members))
        r = c.call("GET", f"/guilds/{g}/members/{uid}")
        run.did("member", r.status == 200 and r.json.get("user", {}).get("id") == uid, "wrong member", r)
    bot_roles = facts.bot_role_ids(bot_roles)

    # Channels and threads.
    readable_text = [ch for ch in facts.readable(bot_roles) if ch["type"] in (0, 5)]
    if readable_text:
        r = c.call("GET", f"/channels/{readable_text[0]['id']}")
        run.did("channel", r.status == 200 and r.json.get("id") == readable_text[0]["id"], "wrong channel", r)
    threads = facts.threads()
    if threads:
        r = c.call("GET", f"/channels/{threads[0]['id']}")
        run.did("channel_thread", r.status == 200 and (r.json or {}).get("thread_metadata"), "no thread_metadata", r)
    else:
        run.cannot("channel_thread", "snapshot has no thread")

    r = c.call("GET", f"/guilds/{g}/threads/active")
    active = {t["id"] for t in (r.json or {}).get("threads", [])}
    want = {t["id"] for t in facts.threads(archived=False) if facts.can_view(t, bot_roles)}
    run.did("threads_active", r.status == 200 and want <= active, f"missing active threads {sorted(want - active)}", r)

    def archived(kind, parent, type_):
        want = {t["id"] for t in facts.threads(type_=type_, archived=True) if t.get("parent_id") == parent}
        got, before = set(), None
        for _ in range(50):
            query = {"limit": 2}
            if before:
                query["before"] = before
            r = c.call("GET", f"/channels/{parent}/threads/archived/{kind}", query=query)
            body = r.json or {}
            page = body.get("threads", [])
            got |= set(ids(page))
            if not body.get("has_more") or not page:
                break
            before = page[-1]["thread_metadata"]["archive_timestamp"]
        return r, want, got

    def listable(threads, need=0):
        # Listing archived threads needs Read Message History (and Manage Threads for private ones).
        return [
            t
            for t in threads
            if facts.can_read_history(t, bot_roles) and facts.permissions(t, bot_roles) & need == need
        ]

    pub = listable(facts.threads(type_=11, archived=True, parent_type=0) + facts.threads(type_=11, archived=True, parent_type=5))
    if pub:
        r, want, got = archived("public", pub[0]["parent_id"], 11)
        run.did("threads_archived_public", want == got, f"got {sorted(got)}, snapshot has {sorted(want)}", r)
    else:
        run.cannot("threads_archived_public", "snapshot has no listable archived public thread in a text channel")
    fpub = listable(facts.threads(type_=11, archived=True, parent_type=15))
    if fpub:
        r, want, got = archived("public", fpub[0]["parent_id"], 11)
        run.did("threads_archived_public_forum", want == got, f"got {sorted(got)}, snapshot has {sorted(want)}", r)
    else:
        run.cannot("threads_archived_public_forum", "snapshot has no listable archived forum post")
    priv = listable(facts.threads(type_=12, archived=True), MANAGE_THREADS)
    if priv:
        r, want, got = archived("private", priv[0]["parent_id"], 12)
        run.did("threads_archived_private", want == got, f"got {sorted(got)}, snapshot has {sorted(want)}", r)
    else:
        run.cannot("threads_archived_private", "snapshot has no archived private thread the bot may list")
    text_channels = [ch for ch in readable_text if facts.can_read_history(ch, bot_roles)]
    no_manage = [ch for ch in text_channels if not facts.permissions(ch, bot_roles) & MANAGE_THREADS]
    if no_manage:
        r = c.call("GET", f"/channels/{no_manage[0]['id']}/threads/archived/private", expect=403)
        if (r.json or {}).get("code") != 50013:
            run.fail(str(r), "private archived threads without Manage Threads must be 403 50013")

    # Messages: pick the readable channel with the most messages for paging.
    readable = facts.readable(bot_roles)
    history = facts.with_history(bot_roles)
    busiest = max(history, key=lambda ch: len(facts.messages.get(ch["id"], [])), default=None)
    if busiest and len(facts.messages.get(busiest["id"], [])) >= 5:
        ch = busiest["id"]
        known = ids(facts.messages[ch])
        r = c.call("GET", f"/channels/{ch}/messages", query={"limit": 100})
        got = ids(r.json or [])
        run.did("messages_latest", got == known[:100], f"got {len(got)} ids (newest first={descending(got)})", r)
        mid = known[len(known) // 2]
        r = c.call("GET", f"/channels/{ch}/messages", query={"before": mid, "limit": 2})
        got = ids(r.json or [])
        exp = [m for m in known if int(m) < int(mid)][:2]
        run.did("messages_before", got == exp, f"got {got}, expected {exp}", r)
        r = c.call("GET", f"/channels/{ch}/messages", query={"after": mid, "limit": 2})
        got = ids(r.json or [])
        exp = sorted([m for m in known if int(m) > int(mid)], key=int)[:2][::-1]
        run.did("messages_after", got == exp, f"got {got}, expected {exp} (newest first)", r)
        r = c.call("GET", f"/channels/{ch}/messages", query={"around": mid, "limit": 3})
        got = ids(r.json or [])
        run.did("messages_around", got and descending(got) and set(got) <= set(known), f"got {got}", r)
        r = c.call("GET", f"/channels/{ch}/messages/{mid}")
        run.did("message", r.status == 200 and (r.json or {}).get("id") == mid, "wrong message", r)
    else:
        for k in ("messages_latest", "messages_before", "messages_after", "messages_around", "message"):
            run.cannot(k, "no readable channel with 5 messages")

    replies = [
        (ch, m)
        for ch, ms in facts.messages.items()
        for m in ms
        if m.get("type") == 19 and m.get("referenced_message") and facts.can_read_history(facts.channels.get(ch, {}), bot_roles)
    ]
    if replies:
        ch, m = replies[0]
        r = c.call("GET", f"/channels/{ch}/messages", query={"around": m["id"], "limit": 5})
        hit = [x for x in (r.json or []) if x.get("id") == m["id"]]
        ok = hit and hit[0].get("message_reference", {}).get("message_id") and hit[0].get("referenced_message")
        run.did("message_reply", bool(ok), "reply not served with message_reference and referenced_message", r)
    else:
        run.cannot("message_reply", "snapshot has no reply")

    forum_threads = [
        t
        for t in facts.threads(parent_type=15)
        if facts.can_read_history(t, bot_roles) and any(m["id"] == t["id"] for m in facts.messages.get(t["id"], []))
    ]
    if forum_threads:
        t = forum_threads[0]["id"]
        r = c.call("GET", f"/channels/{t}/messages/{t}")
        run.did("forum_thread_starter", r.status == 200 and (r.json or {}).get("id") == t, "starter not served", r)
    else:
        run.cannot("forum_thread_starter", "snapshot has no forum post with its starter message")
    privs = [t for t in facts.threads(type_=12) if facts.messages.get(t["id"]) and facts.can_read_history(t, bot_roles)]
    if privs:
        t = privs[0]["id"]
        r = c.call("GET", f"/channels/{t}/messages", query={"limit": 100})
        run.did("private_thread_messages", ids(r.json or []) == ids(facts.messages[t])[:100], "wrong page", r)
    else:
        run.cannot("private_thread_messages", "snapshot has no private thread with messages")

    # Every readable channel, paged to its start: validates every message served.
    served_total, expected_total, mismatched = 0, 0, []
    for chan in readable:
        ch = chan["id"]
        got, before = [], None
        for _ in range(100000):
            query = {"limit": 100}
            if before:
                query["before"] = before
            r = c.call("GET", f"/channels/{ch}/messages", query=query)
            page = r.json if r.status == 200 and isinstance(r.json, list) else []
            got += ids(page)
            if len(page) < 100:
                break
            before = page[-1]["id"]
        exp = ids(facts.served_messages(ch, bot_roles))
        served_total += len(got)
        expected_total += len(exp)
        if got != exp:
            mismatched.append(f"{ch}: served {len(got)}, snapshot {len(exp)}")
    run.did("messages_all", not mismatched and readable, "; ".join(mismatched[:5]) or "no readable channel")
    blind = [ch for ch in readable if not facts.can_read_history(ch, bot_roles) and facts.messages.get(ch["id"])]
    if blind:
        r = c.call("GET", f"/channels/{blind[0]['id']}/messages", query={"limit": 100})
        run.did("messages_no_history", r.status == 200 and r.json == [], f"body {r.body[:120]!r}", r)
    else:
        run.cannot("messages_no_history", "snapshot has no visible channel without Read Message History")
    print(f"  [{run.name}] paged {served_total} messages in {len(readable)} readable channels/threads", flush=True)

    exercise_reactions(c, facts, run, bot_roles, sweep_reactions)
    return me_id, bot_roles


def reaction_users(c, ch, mid, key, type_, limit=100):
    got, after, r = [], None, None
    for _ in range(10000):
        query = {"limit": limit, "type": type_}
        if after:
            query["after"] = after
        r = c.call("GET", f"/channels/{ch}/messages/{mid}/reactions/{q(key)}", query=query)
        page = r.json if r.status == 200 and isinstance(r.json, list) else []
        got += ids(page)
        if len(page) < limit:
            break
        after = page[-1]["id"]
    return r, got


def exercise_reactions(c, facts, run, bot_roles, limit_lists):
    def visible(key):
        ch = key.split("/", 1)[0]
        return ch in facts.channels and facts.can_read_history(facts.channels[ch], bot_roles)

    normal = [k for k in facts.reactions if visible(k)]
    bursts = [k for k in facts.burst if visible(k)]
    uni = [k for k in normal if ":" not in k.split("/", 2)[2]]
    cust = [k for k in normal if ":" in k.split("/", 2)[2]]
    left = set(facts.left_users)
    with_left = [k for k in normal if left & set(facts.reactions[k])]
    big = sorted(normal, key=lambda k: -len(facts.reactions[k]))

    chosen = []
    for group in (uni[:1], cust[:1], with_left[:1], big[:1]):
        chosen += [k for k in group if k not in chosen]
    rest = [k for k in normal if k not in chosen]
    chosen += rest if limit_lists is None else rest[: max(0, limit_lists - len(chosen))]

    wrong = []
    for key in chosen:
        ch, mid, emoji = key.split("/", 2)
        r, got = reaction_users(c, ch, mid, emoji, 0)
        exp = sorted(facts.reactions[key], key=int)
        if got != exp:
            wrong.append(f"{key} type=0: served {got[:5]}..., snapshot {exp[:5]}...")
            continue
        if key in uni[:1]:
            run.did("reactions_unicode", resp=r)
        if key in cust[:1]:
            run.did("reactions_custom", resp=r)
        if key in with_left[:1]:
            run.did("reactions_left_member", resp=r)
    for kind, group in (("reactions_unicode", uni), ("reactions_custom", cust), ("reactions_left_member", with_left)):
        if not group:
            run.cannot(kind, "snapshot has no such reaction in a readable channel")

    burst_keys = bursts if limit_lists is None else bursts[: max(1, limit_lists // 4)]
    for key in burst_keys:
        ch, mid, emoji = key.split("/", 2)
        r, got = reaction_users(c, ch, mid, emoji, 1)
        exp = sorted(facts.burst[key], key=int)
        if got != exp:
            wrong.append(f"{key} type=1: served {got}, snapshot {exp}")
        elif key == burst_keys[0]:
            run.did("reactions_burst", resp=r)
    if not bursts:
        run.cannot("reactions_burst", "snapshot has no burst reaction in a readable channel")

    # after= paging with a small limit on the largest list.
    if big and len(facts.reactions[big[0]]) >= 3:
        ch, mid, emoji = big[0].split("/", 2)
        exp = sorted(facts.reactions[big[0]], key=int)
        r = c.call(
            "GET", f"/channels/{ch}/messages/{mid}/reactions/{q(emoji)}", query={"limit": 2, "after": exp[0], "type": 0}
        )
        got = ids(r.json or [])
        run.did("reactions_after", got == exp[1:3], f"got {got}, expected {exp[1:3]}", r)
    else:
        run.cannot("reactions_after", "no reaction with 3 users")
    for w in wrong:
        run.fail("reaction users", w)
    print(f"  [{run.name}] listed users of {len(chosen)} reactions and {len(burst_keys)} super reactions", flush=True)


def role_position(facts, live_roles, rid):
    return live_roles.get(rid, facts.roles.get(rid, {})).get("position", 0)


def exercise_writes(c, facts, run, me_id, bot_roles):
    g = facts.guild_id
    r = c.call("GET", f"/guilds/{g}/roles")
    live = {x["id"]: x for x in (r.json or [])}
    top = max((role_position(facts, live, rid) for rid in bot_roles), default=0)
    assignable = sorted(
        (x for x in live.values() if x["id"] != g and not x.get("managed") and x["position"] < top),
        key=lambda x: x["position"],
    )
    above = [x for x in live.values() if x["id"] != g and x["position"] > top]
    targets = [uid for uid, m in facts.members.items() if uid != me_id and not m["user"].get("bot")]
    if not assignable or not targets:
        for k in ("role_put", "role_delete", "audit_log", "member_patch"):
            run.cannot(k, "no role below the bot's top role, or no member to change")
        return
    role = assignable[0]["id"]
    member = next((u for u in targets if role not in facts.members[u].get("roles", [])), targets[0])
    reason = "Contract check: promote to Trusted — score 42/40 ✓"
    encoded = urllib.parse.quote(reason, safe="")

    r = c.call("PUT", f"/guilds/{g}/members/{member}/roles/{role}", expect=204, headers={"X-Audit-Log-Reason": encoded})
    run.did("role_put", r.status == 204, "not 204", r)
    r = c.call("GET", f"/guilds/{g}/members/{member}")
    if role not in (r.json or {}).get("roles", []):
        run.fail(str(r), f"role {role} not on member {member} after the PUT")
    r = c.call("GET", f"/guilds/{g}/audit-logs", query={"action_type": 25, "limit": 50})
    entries = (r.json or {}).get("audit_log_entries", [])
    added = [
        e
        for e in entries
        if e.get("target_id") == member
        and e.get("reason") == reason
        and any(ch.get("key") == "$add" and role in ids(ch.get("new_value") or []) for ch in e.get("changes", []))
    ]
    run.did("audit_log", bool(added), f"no $add entry for {member}/{role} with the decoded reason in {entries[:3]}", r)

    r = c.call("DELETE", f"/guilds/{g}/members/{member}/roles/{role}", expect=204, headers={"X-Audit-Log-Reason": encoded})
    run.did("role_delete", r.status == 204, "not 204", r)
    r = c.call("GET", f"/guilds/{g}/audit-logs", query={"action_type": 25})
    removed = [
        e
        for e in (r.json or {}).get("audit_log_entries", [])
        if e.get("target_id") == member and any(ch.get("key") == "$remove" for ch in e.get("changes", []))
    ]
    if not removed:
        run.fail(str(r), f"no $remove audit-log entry for member {member} after the DELETE")

    new_roles = sorted(set(facts.members[member].get("roles", [])) | {role}, key=int)
    r = c.call("PATCH", f"/guilds/{g}/members/{member}", expect=(200, 204), body={"roles": new_roles})
    r2 = c.call("GET", f"/guilds/{g}/members/{member}")
    got = sorted((r2.json or {}).get("roles", []), key=int)
    run.did("member_patch", r.status in (200, 204) and got == new_roles, f"roles now {got}, expected {new_roles}", r)

    # Errors.
    if above:
        r = c.call("PUT", f"/guilds/{g}/members/{member}/roles/{above[0]['id']}", expect=403)
        run.did("error_403_50013", (r.json or {}).get("code") == 50013, f"code {(r.json or {}).get('code')}", r)
    else:
        run.cannot("error_403_50013", "no role above the bot's top role")
    unknown_role = str(int(g) + 12345)
    r = c.call("PUT", f"/guilds/{g}/members/{member}/roles/{unknown_role}", expect=404)
    run.did("error_404_10011", (r.json or {}).get("code") == 10011, f"code {(r.json or {}).get('code')}", r)
    r = c.call("PATCH", f"/guilds/{g}/members/{member}", expect=400, body={"roles": "not-a-list"})
    run.did("error_400", r.status == 400, "not 400", r)


def exercise_errors(c, facts, run, bot_roles):
    g = facts.guild_id
    r = c.call("GET", f"/guilds/{g}", expect=401, auth=False)
    run.did("error_401", r.status == 401, "not 401", r)
    r = c.call("GET", f"/guilds/{g}", expect=401, headers={"Authorization": "Bot wrong-token"})
    hidden = facts.hidden(bot_roles)
    if hidden:
        r = c.call("GET", f"/channels/{hidden[0]['id']}/messages", expect=403)
        run.did("error_403_50001", (r.json or {}).get("code") == 50001, f"code {(r.json or {}).get('code')}", r)
    else:
        run.cannot("error_403_50001", "snapshot has no channel hidden from the bot")
    missing = str(int(g) + 777)
    r = c.call("GET", f"/channels/{missing}", expect=404)
    run.did("error_404_10003", (r.json or {}).get("code") == 10003, f"code {(r.json or {}).get('code')}", r)
    r = c.call("GET", f"/channels/{missing}/messages", expect=404)
    gone = facts.left_users[0] if facts.left_users else str(int(g) + 999)
    r = c.call("GET", f"/guilds/{g}/members/{gone}", expect=404)
    run.did("error_404_10007", (r.json or {}).get("code") == 10007, f"code {(r.json or {}).get('code')}", r)
    history = facts.with_history(bot_roles)
    if history:
        ch = history[0]["id"]
        m = facts.messages[ch][0]["id"]
        r = c.call("GET", f"/channels/{ch}/messages/{int(m) + 1}", expect=404)
        run.did("error_404_10008", (r.json or {}).get("code") == 10008, f"code {(r.json or {}).get('code')}", r)
        r = c.call("GET", f"/channels/{ch}/messages/{m}/reactions/{q('nope:' + str(int(g) + 31337))}", expect=404)
        run.did("error_404_10014", (r.json or {}).get("code") == 10014, f"code {(r.json or {}).get('code')}", r)
    else:
        run.cannot("error_404_10008", "no readable channel with messages")
        run.cannot("error_404_10014", "no readable channel with messages")


def exercise_bucket_429(c, facts, run, bot_roles):
    history = facts.with_history(bot_roles)
    path = f"/channels/{history[0]['id']}/messages" if history else f"/guilds/{facts.guild_id}/channels"
    for _ in range(50):
        r = c.raw("GET", path, query={"limit": 1})
        if r.status == 429:
            body = r.json or {}
            ok = body.get("global") is False and r.header("X-RateLimit-Scope") in ("user", "shared")
            run.did("ratelimit_bucket", ok, f"scope {r.header('X-RateLimit-Scope')}, body {body}", r)
            # A bucket 429 says the bucket is empty.
            if r.header("X-RateLimit-Remaining") != "0":
                run.fail(str(r), f"bucket 429 with X-RateLimit-Remaining {r.header('X-RateLimit-Remaining')}")
            return
        if r.status != 200:
            run.fail(str(r), "expected 200 or 429 while draining a bucket")
            return
    run.fail(path, "50 requests in a row never drew a bucket 429 with --bucket 2/1")


def exercise_without_intents(c, facts, run, bot_roles):
    g = facts.guild_id
    r = c.call("GET", f"/guilds/{g}/members", expect=403, query={"limit": 1000})
    run.did("error_403_50001_members", (r.json or {}).get("code") == 50001, f"code {(r.json or {}).get('code')}", r)
    history = facts.with_history(bot_roles)
    if history:
        ch = history[0]["id"]
        r = c.call("GET", f"/channels/{ch}/messages", query={"limit": 100})
        page = r.json if isinstance(r.json, list) else []
        others = [m for m in page if m.get("author", {}).get("id") != facts.bot_id]
        run.did(
            "messages_no_content_intent",
            others and all(m.get("content") == "" for m in others),
            "content still served to a bot without the message-content intent",
            r,
        )
    else:
        run.cannot("messages_no_content_intent", "no readable channel with messages")


def exercise_global_429(c, facts, run):
    g = facts.guild_id
    # Distinct major parameters keep per-route buckets out of the way.
    paths = [f"/guilds/{g}", f"/guilds/{g}/roles", f"/guilds/{g}/channels", "/users/@me"]
    paths += [f"/channels/{ch}" for ch in list(facts.channels)[:20]]
    for i in range(200):
        r = c.raw("GET", paths[i % len(paths)])
        if r.status == 429:
            body = r.json or {}
            ok = body.get("global") is True and r.header("X-RateLimit-Scope") == "global"
            run.did("ratelimit_global", ok, f"scope {r.header('X-RateLimit-Scope')}, body {body}", r)
            return
    run.fail("global limit", "200 requests in a row never drew a global 429 with --global-rate 5")


def check_stats(c, run):
    """The emulator's own count (GET /_emulator/stats) must match what this client saw."""
    status, body = c.admin("stats")
    try:
        stats = json.loads(body.decode("utf-8")) if status == 200 else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        stats = None
    if not isinstance(stats, dict):
        run.fail("GET /_emulator/stats", f"status {status}: {body[:200]!r}")
        return
    seen = {str(k): v for k, v in sorted(c.statuses.items())}
    counted = {str(k): v for k, v in sorted((stats.get("responses") or {}).items()) if v}
    if stats.get("requests_total") != c.requests or counted != seen:
        run.fail(
            "GET /_emulator/stats",
            f"emulator counted {stats.get('requests_total')} requests {counted}, the check sent {c.requests} {seen}",
        )
    limited = stats.get("rate_limited") or {}
    if sum(limited.values()) != c.statuses.get(429, 0):
        run.fail("GET /_emulator/stats", f"rate_limited {limited} disagrees with {c.statuses.get(429, 0)} 429s received")


def run_snapshot(contract, gavel, snapshot, label, strict, sweep_reactions):
    run = Run(label)
    snap = load_snapshot(snapshot)
    facts = Facts(snap)
    t0 = time.time()
    validate_snapshot(contract, snap, run, label)
    print(f"[{label}] {snapshot}: {len(facts.members)} members, {sum(map(len, facts.messages.values()))} messages", flush=True)

    with Emulator(gavel, snapshot, TOKEN, ["--global-rate", "100000", "--bucket", "100000/1"]) as emu:
        print(f"  [{label}] emulator at {emu.url}", flush=True)
        c = Client(emu.url, TOKEN, contract, run)
        me_id, bot_roles = exercise_reads(c, facts, run, sweep_reactions)
        exercise_errors(c, facts, run, bot_roles)
        exercise_writes(c, facts, run, me_id, bot_roles)
        check_stats(c, run)
    if not emu.exited_cleanly():
        run.fail("gavel emulate", f"exit status {emu.proc.returncode} after SIGTERM; stderr:\n{emu.stderr()}")

    intents = ["--no-members-intent", "--no-message-content-intent"]
    with Emulator(gavel, snapshot, TOKEN, ["--global-rate", "100000", "--bucket", "100000/1", *intents]) as emu:
        c = Client(emu.url, TOKEN, contract, run)
        exercise_without_intents(c, facts, run, bot_roles)
        check_stats(c, run)
    with Emulator(gavel, snapshot, TOKEN, ["--global-rate", "100000", "--bucket", "2/1"]) as emu:
        c = Client(emu.url, TOKEN, contract, run)
        exercise_bucket_429(c, facts, run, bot_roles)
        check_stats(c, run)
    with Emulator(gavel, snapshot, TOKEN, ["--global-rate", "5", "--bucket", "100000/1"]) as emu:
        c = Client(emu.url, TOKEN, contract, run)
        exercise_global_429(c, facts, run)
        check_stats(c, run)

    missing = [k for k in KINDS if k not in run.exercised and (strict or k not in run.unavailable)]
    print(
        f"  [{label}] {run.requests} requests in {time.time() - t0:.1f} s; statuses "
        + ", ".join(f"{s}x{n}" for s, n in sorted(run.statuses.items())),
        flush=True,
    )
    for k, why in sorted(run.unavailable.items()):
        if not strict:
            print(f"  [{label}] not exercisable on this snapshot: {k}: {why}", flush=True)
    return run, missing


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_spec = os.path.join(here, "..", "..", "..", "shared", "discord-api", "openapi.json")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gavel", help="the built gavel binary (default $GAVEL_BINARY)")
    ap.add_argument("--spec", default=os.environ.get("GAVEL_OPENAPI", default_spec), help="openapi.json")
    ap.add_argument("--snapshot", action="append", default=[], help="snapshot fixture; every request kind must be exercised")
    ap.add_argument(
        "--demo-guild",
        metavar="ARGS",
        help="also generate a snapshot with `gavel demo-guild ARGS --out TMP` and check it",
    )
    ap.add_argument(
        "--reaction-lists", type=int, default=None, help="page at most N reaction lists of a generated snapshot (default: all)"
    )
    args = ap.parse_args()

    try:
        gavel = find_gavel(args.gavel)
    except EmulatorError as e:
        print(f"check_openapi: {e}", file=sys.stderr)
        return 2
    if not os.path.exists(args.spec):
        print(f"check_openapi: {args.spec} not found; pass --spec /path/to/shared/discord-api/openapi.json", file=sys.stderr)
        return 2
    contract = Contract(args.spec)

    runs = []
    try:
        for snap in args.snapshot:
            runs.append(run_snapshot(contract, gavel, snap, os.path.basename(snap), True, None))
        if args.demo_guild is not None:
            with tempfile.TemporaryDirectory(prefix="gavel-contract-") as tmp:
                out = os.path.join(tmp, "demo-guild.json")
                cmd = [gavel, "demo-guild", *shlex.split(args.demo_guild), "--out", out]
                t0 = time.time()
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
                if p.returncode != 0 or not os.path.exists(out):
                    print(f"check_openapi: `{' '.join(cmd)}` failed ({p.returncode}): {p.stderr.strip()}", file=sys.stderr)
                    return 1
                print(f"[demo-guild] generated in {time.time() - t0:.1f} s: {' '.join(cmd)}", flush=True)
                runs.append(run_snapshot(contract, gavel, out, "demo-guild", False, args.reaction_lists))
    except EmulatorError as e:
        print(f"check_openapi: {e}", file=sys.stderr)
        return 1

    failed = False
    for run, missing in runs:
        for v in run.violations[:200]:
            print(f"VIOLATION [{run.name}] {v}", file=sys.stderr)
        if len(run.violations) > 200:
            print(f"... and {len(run.violations) - 200} more violations in {run.name}", file=sys.stderr)
        for k in missing:
            why = run.unavailable.get(k, "no request of this kind succeeded")
            print(f"NOT EXERCISED [{run.name}] {k}: {KINDS[k]} — {why}", file=sys.stderr)
        ok = not run.violations and not missing
        failed |= not ok
        print(
            f"{'PASS' if ok else 'FAIL'} [{run.name}] {run.requests} requests, "
            f"{len(run.exercised)}/{len(KINDS)} kinds exercised, {len(run.violations)} violations, "
            f"{len(missing)} kinds not exercised"
        )
    if not runs:
        print("check_openapi: nothing to check; pass --snapshot and/or --demo-guild", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
