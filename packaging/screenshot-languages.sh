#!/bin/sh
# Screenshots of the main window in each language, to check that translated layouts fit:
#   packaging/screenshot-languages.sh BUILD DATABASE [OUT_DIR]
# writes OUT_DIR/main-window-<lang>.png (default docs/screenshots) for en, de and ja, each from
# `gavel --db DATABASE` under its own Xvfb with GAVEL_LANGUAGE set. Settings go to a
# throwaway XDG_CONFIG_HOME, so the user's own are not touched. Needs Xvfb and ImageMagick.
set -eu

build=${1:?usage: $0 BUILD DATABASE [OUT_DIR]}
database=${2:?usage: $0 BUILD DATABASE [OUT_DIR]}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$source_dir/docs/screenshots}
gavel=$build/app/gavel
[ -x "$gavel" ] || { echo "screenshot-languages: $gavel not built" >&2; exit 1; }
for tool in Xvfb convert; do
    command -v "$tool" >/dev/null || { echo "screenshot-languages: $tool not found (apt-get install xvfb imagemagick)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$out"
display=97
for lang in en de ja; do
    mkdir -p "$tmp/$lang"
    Xvfb ":$display" -screen 0 1280x800x24 -fbdir "$tmp/$lang" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=":$display" QT_QPA_PLATFORM=xcb GAVEL_LANGUAGE=$lang XDG_CONFIG_HOME="$tmp/config-$lang" \
        "$gavel" --db "$database" >"$tmp/$lang.log" 2>&1 &
    gui=$!
    sleep 15
    kill -0 "$gui" || { cat "$tmp/$lang.log" >&2; exit 1; }
    convert "xwd:$tmp/$lang/Xvfb_screen0" -trim +repage "$out/main-window-$lang.png"
    kill "$gui" "$xvfb"
    wait "$gui" "$xvfb" 2>/dev/null || true
    echo "$out/main-window-$lang.png"
    display=$((display + 1))
done
