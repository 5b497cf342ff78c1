#!/bin/sh
# Installs Gavel's .deb into a fresh Debian 12 (bookworm) made with debootstrap and uses it
# there as a user would: gavel --version, gavel demo-guild, gavel emulate + gavel sync +
# gavel status, and the GUI under Xvfb with a screenshot. apt resolves the package's
# dependencies, so a missing Depends shows up here and nowhere else.
#
# Usage (as root, since debootstrap, chroot and the mounts need it):
#   cmake --build BUILD --target package     # or: cd BUILD && cpack -G DEB
#   packaging/verify-clean-install.sh BUILD [SCREENSHOT.png]
#
# The minimal bookworm system is cached as BUILD/clean-install/bookworm-minbase.tar.gz and
# downloaded .debs in BUILD/clean-install/apt-archives; every run starts from a fresh copy
# of the cached system. GAVEL_DEBIAN_MIRROR overrides the mirror (default: the host's).
set -eu

build=${1:?usage: $0 BUILD_DIR [SCREENSHOT.png]}
build=$(cd "$build" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
screenshot=${2:-$source_dir/docs/screenshots/clean-install.png}
work=$build/clean-install
cache=$work/bookworm-minbase.tar.gz
root=$work/root
archives=$work/apt-archives

fail() {
    echo "verify-clean-install: $*" >&2
    exit 1
}
step() { printf '\n== %s\n' "$*"; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (debootstrap, chroot and mounts need it); try: sudo $0 $*"
for tool in debootstrap chroot convert; do
    command -v "$tool" >/dev/null || fail "$tool not found; install it: apt-get install debootstrap coreutils imagemagick"
done
deb=$(ls -t "$build"/gavel_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no gavel_*.deb in $build; build it first: cmake --build $build --target package"

mirror=${GAVEL_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
    # The host's own mirror (deb822 or one-line format), else Debian's redirector.
    mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p; s/^deb  *\(http[^ ]*debian\) .*/\1/p' \
        /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n 1)
    mirror=${mirror:-http://deb.debian.org/debian}
fi

started=$(date +%s)
mkdir -p "$work" "$archives"

if [ ! -f "$cache" ]; then
    step "debootstrap bookworm (minbase) from $mirror, cached in $cache"
    rm -rf "$work/base"
    debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        fail "debootstrap failed; see $work/debootstrap.log"
    tar -C "$work/base" -czf "$cache.part" . && mv "$cache.part" "$cache"
    rm -rf "$work/base"
fi

unmount_all() {
    for m in dev/pts dev proc sys var/cache/apt/archives; do
        mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
    done
    true
}
cleanup() {
    set +e
    for pid in ${gui_pid:-} ${emulator_pid:-} ${xvfb_pid:-}; do
        kill "$pid" 2>/dev/null
    done
    unmount_all
}
trap cleanup EXIT INT TERM

step "fresh copy of the cached system in $root"
unmount_all
# Never delete through a bind mount of the host's /dev.
for m in dev/pts dev proc sys var/cache/apt/archives; do
    ! mountpoint -q "$root/$m" 2>/dev/null || fail "$root/$m is still mounted; unmount it first"
done
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xzf "$cache"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount --bind "$archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
debname=$(basename "$deb")

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
# Replaces the calling (sub)shell, so that `as_user_exec … &` leaves in $! the pid of the
# program itself, which cleanup can then stop.
as_user_exec() {
    exec chroot --userspec=gavel:gavel "$root" env -i PATH=/usr/bin:/bin HOME=/home/gavel \
        LANG=C.UTF-8 "$@"
}
as_user() { (as_user_exec "$@"); }

step "apt-get install ./$debname (dependencies from the archive, no recommends)"
in_root apt-get update -q >"$work/apt-update.log" 2>&1 || fail "apt-get update failed; see $work/apt-update.log"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "/tmp/$debname" >"$work/apt-install.log" 2>&1 ||
    fail "installing $debname failed; see $work/apt-install.log"
tail -n 3 "$work/apt-install.log"
in_root useradd --create-home --shell /bin/sh gavel

step "installed files"
for f in /usr/bin/gavel /usr/share/applications/io.github.gavel_app.Gavel.desktop \
    /usr/share/metainfo/io.github.gavel_app.Gavel.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/io.github.gavel_app.Gavel.svg \
    /usr/share/icons/hicolor/256x256/apps/io.github.gavel_app.Gavel.png \
    /usr/share/man/man1/gavel.1.gz; do
    [ -e "$root$f" ] || fail "$f is missing from the installed package"
    echo "ok $f"
done

step "gavel --version"
version=$(as_user gavel --version) || fail "gavel --version failed"
echo "$version"
case $version in "gavel "*) ;; *) fail "unexpected --version output: $version" ;; esac

step "gavel demo-guild (a small guild, so the check stays short)"
as_user gavel demo-guild --quiet --out /home/gavel/demo.json.gz --members 300 --messages 6000 ||
    fail "gavel demo-guild failed"
guild=$(as_user sh -c 'zcat /home/gavel/demo.json.gz | head -c 4096' |
    tr -d '\n' | sed -n 's/.*"guild" *: *{[^}]*"id" *: *"\([0-9]*\)".*/\1/p')
[ -n "$guild" ] || fail "cannot read the guild id from the snapshot"
echo "guild $guild"

step "gavel emulate + gavel sync + gavel status"
as_user_exec gavel emulate --snapshot /home/gavel/demo.json.gz --port 0 --token clean-install \
    --no-rate-limits >"$work/emulate.out" 2>"$work/emulate.err" &
emulator_pid=$!
api=
for _ in $(seq 1 100); do
    api=$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$work/emulate.out")
    [ -n "$api" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || fail "gavel emulate exited: $(cat "$work/emulate.err")"
    sleep 0.2
done
[ -n "$api" ] || fail "gavel emulate printed no address in 20 s"
echo "emulator at $api"
as_user env GAVEL_TOKEN=clean-install gavel sync --db /home/gavel/demo.sqlite --guild "$guild" \
    --api "$api" --global-rate 0 --progress-interval 0 || fail "gavel sync failed"
as_user gavel status --db /home/gavel/demo.sqlite >"$work/status.txt" || fail "gavel status failed"
cat "$work/status.txt"
grep -q "$guild\|messages" "$work/status.txt" || fail "gavel status shows nothing synced"
kill "$emulator_pid" 2>/dev/null
wait "$emulator_pid" 2>/dev/null || true
emulator_pid=

step "the GUI under Xvfb (xvfb installed now, after the CLI checks, so it cannot mask a missing Depends)"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb \
    >>"$work/apt-install.log" 2>&1 || fail "installing xvfb failed; see $work/apt-install.log"
rm -f "$root/tmp/Xvfb_screen0"
# -displayfd: Xvfb picks a free display and writes its number, so a display taken by
# another X server on this host (the abstract socket namespace is shared) does not matter.
as_user_exec Xvfb -displayfd 3 -screen 0 1280x800x24 -fbdir /tmp -nolisten tcp \
    3>"$work/xvfb.display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
display=
for _ in $(seq 1 50); do
    display=$(cat "$work/xvfb.display" 2>/dev/null || true)
    [ -n "$display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
    sleep 0.2
done
[ -n "$display" ] || fail "Xvfb reported no display in 10 s"
as_user_exec env DISPLAY=":$display" QT_QPA_PLATFORM=xcb gavel --db /home/gavel/demo.sqlite \
    >"$work/gui.out" 2>"$work/gui.err" &
gui_pid=$!
sleep 12
kill -0 "$gui_pid" 2>/dev/null || fail "the GUI exited early: $(cat "$work/gui.err")"
[ -f "$root/tmp/Xvfb_screen0" ] || fail "Xvfb wrote no frame buffer"
mkdir -p "$(dirname "$screenshot")"
# -trim drops the black of the screen outside the window (no window manager maximises it).
convert "xwd:$root/tmp/Xvfb_screen0" -trim +repage "$screenshot" ||
    fail "cannot convert the frame buffer to $screenshot"
kill "$gui_pid" "$xvfb_pid" 2>/dev/null
wait "$gui_pid" "$xvfb_pid" 2>/dev/null || true
gui_pid= xvfb_pid=
echo "screenshot: $screenshot"

step "passed in $(($(date +%s) - started)) s"
