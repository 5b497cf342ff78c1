#!/bin/bash
# The bot token must never reach stdout, stderr, the database (and its WAL/journal) or any file
# in the working directory: runs `gavel sync`, `gavel status`, a proposal and `gavel push
# --dry-run` against `gavel emulate` with a recognisable token, then greps everything for it
# (docs/security.md). Usage: tst_token_leak.sh GAVEL_BINARY SOURCE_DIR
set -u
gavel=${1:?gavel binary}
src=${2:?source dir}
work=$(mktemp -d)
emu_pid=""
cleanup() {
    [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
cd "$work" || exit 1
unset DBUS_SESSION_BUS_ADDRESS # no keychain: the token comes from the environment

# Recognisable and unique per run; also searched for in its base64 and URL-less forms below.
canary="GavelCanary$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')LeakCheck"
export GAVEL_TOKEN="$canary"
export GAVEL_EMU_TOKEN="$canary"

port=""
for try in 1 2 3 4 5; do
    p=$((20000 + RANDOM % 30000))
    "$gavel" emulate --snapshot "$src/tests/contract/fixtures/edge-guild.json" --port "$p" \
        --token-env GAVEL_EMU_TOKEN --no-rate-limits >emulator.out 2>emulator.err &
    emu_pid=$!
    for _ in $(seq 50); do
        grep -q "listening on" emulator.out 2>/dev/null && break
        kill -0 "$emu_pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q "listening on" emulator.out; then port=$p; break; fi
    kill "$emu_pid" 2>/dev/null; wait "$emu_pid" 2>/dev/null; emu_pid=""
done
[ -n "$port" ] || fail "gavel emulate did not start: $(cat emulator.err)"
api="http://127.0.0.1:$port/api/v10"
guild=1058897343283200000

run() { # name, args...: runs gavel, keeps stdout/stderr as files in the working dir
    local name=$1
    shift
    "$gavel" "$@" >"$name.out" 2>"$name.err"
    local rc=$?
    [ $rc -eq 0 ] || fail "gavel $* exited $rc: $(cat "$name.err")"
}

run sync sync --db gavel.sqlite --guild "$guild" --api "$api"
run status status --db gavel.sqlite
# A proposal to push: one hand-picked promotion, approved by a second reviewer (four-eyes).
cat >policy.json <<'JSON'
{
  "format": "gavel-policy/1",
  "name": "leak-check",
  "version": "1.0.0",
  "scoring": "karma",
  "counting": {"one_per_message": false, "count_removed_reactions": false, "excluded_users": []},
  "roles": {"managed": ["Trusted"], "exempt": ["Moderator", "Admin", "Gavel"], "deactivated": null},
  "levels": [{"level": 1, "min": 0, "role": null}, {"level": 2, "min": 10, "role": "Trusted"}],
  "karma": {"trigger_words": ["thanks"], "thanks_by_mention": true, "thanks_by_reply": true,
            "reaction_emoji": ["🙏"], "cooldown_minutes": 720, "cooldown_symmetric": false,
            "excluded_channels": []}
}
JSON
printf 'user_id,action,role_id,reason\n551735525376000000,promote,1059259731148800001,helps a lot\n' >changes.csv
run rev1 reviewers --db gavel.sqlite --add alice --role admin
run rev2 reviewers --db gavel.sqlite --add bob --role approver --by alice
run propose propose --db gavel.sqlite --policy policy.json --changes changes.csv --by alice --guild "$guild"
proposal=$(tr -dc '0-9' <propose.out)
[ -n "$proposal" ] || fail "gavel propose printed no proposal id"
run approve approve --db gavel.sqlite --proposal "$proposal" --by bob
run push push --db gavel.sqlite --proposal "$proposal" --api "$api" --by alice --dry-run
run status2 status --db gavel.sqlite

kill "$emu_pid" 2>/dev/null
wait "$emu_pid" 2>/dev/null
emu_pid=""
rm -f emulator.out emulator.err # the emulator was given the token on purpose

# The forms a leak could take: as given (also inside "Bot <token>") and base64 (HTTP dumps).
b64=$(printf '%s' "$canary" | base64 -w0)
# A control file that holds the token proves the search below can find it.
printf 'x%sx' "$canary" >control.txt
grep -q -F "$canary" control.txt || fail "the token search does not work"
rm -f control.txt
[ -s sync.out ] && [ -s push.out ] && [ -s status.out ] || fail "a command printed nothing"
found=0
for f in "$work"/* "$work"/.[!.]*; do
    [ -e "$f" ] || continue
    if grep -a -l -F -e "$canary" -e "$b64" "$f" >/dev/null 2>&1; then
        echo "token found in $(basename "$f")" >&2
        found=1
    fi
done
# The database and its WAL must exist, or the grep proved nothing.
[ -s gavel.sqlite ] || fail "no database was written"
# Owner-only, whatever the umask this script runs with (docs/security.md, file permissions).
mode=$(stat -c %a gavel.sqlite)
[ "$mode" = 600 ] || fail "the database is mode $mode, not 600"
ls -la "$work" >&2
[ $found -eq 0 ] || fail "the bot token leaked (files listed above)"
echo "PASS: token not found in stdout, stderr, database, WAL or other files ($(ls | wc -l) files)"
