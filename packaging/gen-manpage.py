#!/usr/bin/env python3
"""Writes gavel(1) from the CLI's own help, so the man page cannot drift from the program.

Usage: gen-manpage.py GAVEL_BINARY VERSION OUTPUT.1

Runs `gavel --help` for the command list and `gavel <command> --help` for each command's
description and options, and turns them into roff.
"""
import os
import re
import subprocess
import sys


def run_help(binary, args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("DISPLAY", None)
    proc = subprocess.run([binary, *args, "--help"], env=env, capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0:
        sys.exit(f"gen-manpage: '{' '.join(['gavel', *args, '--help'])}' exited with "
                 f"{proc.returncode}: {proc.stderr.strip()}")
    return proc.stdout


def roff(text):
    """Escapes text for a roff line: backslashes, hyphens, and a leading control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def parse_commands(top_help):
    commands = []
    in_list = False
    for line in top_help.splitlines():
        if line.startswith("Commands:"):
            in_list = True
            continue
        if in_list:
            match = re.match(r"^  (\S+)\s{2,}(.*)$", line)
            if match:
                commands.append((match.group(1), match.group(2).strip()))
            elif line.strip() == "" and commands:
                in_list = False
    if not commands:
        sys.exit("gen-manpage: 'gavel --help' lists no commands under 'Commands:'")
    return commands


def parse_command_help(text):
    """Returns (usage, description paragraphs, [(option, help)]) of QCommandLineParser's help."""
    lines = text.splitlines()
    usage = ""
    description = []
    options = []
    section = "head"
    for line in lines:
        if line.startswith("Usage:"):
            usage = re.sub(r"^Usage:\s*\S*gavel", "gavel", line).strip()
            section = "description"
            continue
        if line.startswith("Options:"):
            section = "options"
            continue
        if line.startswith("Arguments:"):
            section = "arguments"
            continue
        if section == "description" and line.strip():
            description.append(line.strip())
        elif section in ("options", "arguments") and line.strip():
            match = re.match(r"^  (\S.*?)\s{2,}(\S.*)$", line)
            if match and not line.startswith("   "):
                options.append([match.group(1), match.group(2)])
            elif options:
                options[-1][1] += " " + line.strip()
            else:
                options.append([line.strip(), ""])
    return usage, description, options


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, version, output = sys.argv[1:]
    commands = parse_commands(run_help(binary, []))

    out = [
        '.TH GAVEL 1 "" "gavel ' + roff(version) + '" "User Commands"',
        ".SH NAME",
        "gavel \\- audit and moderate reaction\\-based reputation on Discord",
        ".SH SYNOPSIS",
        ".B gavel",
        "[\\fB\\-\\-db\\fR \\fIDB\\fR]",
        ".br",
        ".B gavel",
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".br",
        ".B gavel",
        "\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR",
        ".SH DESCRIPTION",
        "Without a command, gavel opens its graphical interface (on the database given with "
        "\\fB\\-\\-db\\fR, else the one open last time). With a command it runs headless: it "
        "syncs a Discord guild's history over the REST API into SQLite or PostgreSQL, computes "
        "reputation under written policies, finds reaction rings and alt\\-account families, "
        "and manages four\\-eyes role changes. This page is generated from the program's own "
        "\\fB\\-\\-help\\fR output.",
        ".SH COMMANDS",
    ]
    for name, summary in commands:
        usage, description, options = parse_command_help(run_help(binary, [name]))
        out.append(".SS " + roff(name))
        out.append(".B " + roff(usage or f"gavel {name} [options]"))
        out.append(".PP")
        out.append(roff(" ".join(description) if description else summary))
        for option, text in options:
            out.append(".TP")
            out.append("\\fB" + roff(option) + "\\fR")
            out.append(roff(text))
    out += [
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBGAVEL_TOKEN\\fR",
        "The bot token, read by commands that talk to Discord when the system keychain has no "
        "token for the guild (the variable's name can be changed with "
        "\\fB\\-\\-token\\-env\\fR).",
        ".SH EXIT STATUS",
        "0 on success, 1 when the command failed, 2 for wrong usage.",
        ".SH SEE ALSO",
        "The user guide and the design documents in /usr/share/doc/gavel and at "
        "https://github.com/gavel\\-app/gavel.",
    ]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
