#!/bin/sh
# Runs a command against a real Secret Service: a private D-Bus session bus with an unlocked
# gnome-keyring in a throwaway home, so tests never touch (or depend on) the user's keyring.
# Usage: run-with-keyring.sh COMMAND [ARGS...]
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run-with-keyring.sh: $tool is missing; install dbus and gnome-keyring (.ci/packages.txt)" >&2
        exit 1
    fi
done
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gavel-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
chmod 700 "$scratch"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" \
    XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock creates the login keyring with this password (it is new in the scratch home) and
# leaves it unlocked, so no prompt ever appears; the daemon exits with the session bus.
dbus-run-session -- sh -c 'echo -n gavel-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' run-with-keyring "$@"
