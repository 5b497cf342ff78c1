#!/usr/bin/env python3
"""Fails when a translation file is not complete for the sources as they are.

Usage: check-translations.py --lupdate LUPDATE --sources SOURCE_DIR TS_FILE...

For each .ts file, lupdate is run over the same sources as the build's update_translations
target (ui/**/*.cpp|h, app/*.cpp) into a temporary copy, keeping obsolete entries. The copy
must then have no unfinished entry (a string never translated, or one whose English changed),
no vanished or obsolete entry (a translation whose string is gone from the sources), and no
empty translation. Each problem is printed with its context and source text.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def translated_sources(root):
    files = sorted(glob.glob(os.path.join(root, "ui", "**", "*.cpp"), recursive=True)
                   + glob.glob(os.path.join(root, "ui", "**", "*.h"), recursive=True)
                   + glob.glob(os.path.join(root, "app", "*.cpp")))
    if not files:
        sys.exit(f"check-translations: no sources under {root}/ui or {root}/app")
    return files


def problems_in(ts_path):
    problems = []
    tree = ET.parse(ts_path)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source", "")
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            where = f"{name}: \"{source}\""
            if kind in ("unfinished", "missing"):
                problems.append(f"unfinished  {where}")
            elif kind in ("vanished", "obsolete"):
                problems.append(f"{kind:11s} {where}")
            elif translation is not None:
                forms = translation.findall("numerusform")
                texts = [f.text for f in forms] if forms else [translation.text]
                if any(not t or not t.strip() for t in texts):
                    problems.append(f"empty       {where}")
    return count, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("ts_files", nargs="+")
    args = parser.parse_args()

    sources = translated_sources(args.sources)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        list_file = os.path.join(tmp, "sources.lst")
        with open(list_file, "w", encoding="utf-8") as f:
            f.write("\n".join(sources) + "\n")
        for ts in args.ts_files:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            proc = subprocess.run([args.lupdate, "-locations", "none", "@" + list_file, "-ts", copy],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"check-translations: lupdate failed on {ts}:\n{proc.stderr}")
                failed = True
                continue
            count, problems = problems_in(copy)
            name = os.path.relpath(ts, args.sources)
            if problems:
                failed = True
                print(f"FAIL {name}: {len(problems)} of {count} entries need work "
                      f"(translate them in Qt Linguist or the .ts, then run the "
                      f"update_translations target):")
                for p in problems:
                    print("  " + p)
            else:
                print(f"PASS {name}: {count} entries, all translated, none obsolete")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
