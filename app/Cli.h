#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace gavel::cli {

//! Exit codes of every subcommand (see ../shared/docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2,
};

//! Standard output and error as UTF-8 text streams (CSV goes to out, messages to err).
QTextStream &out();
QTextStream &err();

//! Prints "gavel <command>: <message>" as one line on stderr.
void printError(const QString &command, const QString &message);

/*!
 * Parses a subcommand's arguments (args[0] is the subcommand name).
 * Adds --help; on a parse error or missing required option prints one line and
 * returns ExitUsage; on --help prints the help and returns ExitOk; otherwise nullopt.
 */
std::optional<int> parse(QCommandLineParser &parser, const QStringList &args,
                         const QStringList &requiredOptions = {});

// CSV cells of command output, quoted as RFC 4180 says and protected against spreadsheet
// formula injection exactly as evidence packages are (report/Csv.h, docs/security.md).

//! A text cell (names, reasons, anything from Discord or a file): a cell beginning with
//! = + - @ tab or CR gets a leading apostrophe, so a spreadsheet shows it and never runs it.
QString csvText(const QString &text);
//! A number Gavel computed itself: never neutralised, so "-3" stays the number -3.
QString csvNumber(const QString &text);
//! A cell of a column that mixes both (a policy's own columns, compare's values): a plain
//! decimal number (optional minus, digits, optional fraction and exponent) stays a number,
//! anything else is a text cell.
QString csvCell(const QString &text);
//! Whether `text` is a plain decimal number in the sense of csvCell().
bool isPlainNumber(QStringView text);

} // namespace gavel::cli
