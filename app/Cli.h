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

} // namespace gavel::cli
