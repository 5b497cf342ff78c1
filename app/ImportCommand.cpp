// gavel import dce: other tools' data into a Gavel database (docs/imports.md).

#include "Cli.h"
#include "Commands.h"
#include "imports/DceImport.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"import"_s;

} // namespace

int gavel::cli::runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"import dce FILES...: DiscordChatExporter JSON exports (one file per channel) into the "
        u"database, marked as imported (guilds.source = 'dce'); the same analyses then run on "
        u"them. Prints what the source lacks (e.g. reactions without their users)."_s);
    parser.addPositionalArgument(u"format"_s, u"dce"_s);
    parser.addPositionalArgument(u"files"_s, u"The export files."_s, u"FILES..."_s);
    parser.addOption({u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s});
    parser.addHelpOption();
    // Not cli::parse(): the files are positional arguments.
    if (!parser.parse(QStringList{u"gavel"_s} + args)) {
        printError(command, parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText().replace(u"gavel [options]"_s,
                                           u"gavel import dce [options] FILES..."_s);
        out().flush();
        return ExitOk;
    }
    if (!parser.isSet(u"db"_s)) {
        printError(command, u"missing required option --db"_s);
        return ExitUsage;
    }
    QStringList positional = parser.positionalArguments().mid(1);
    if (positional.isEmpty() || positional.front() != u"dce") {
        printError(command, u"expected 'gavel import dce --db DB FILES...', got '%1'"_s.arg(
                                positional.join(u' ')));
        return ExitUsage;
    }
    positional.removeFirst();
    if (positional.isEmpty()) {
        printError(command, u"name at least one export file"_s);
        return ExitUsage;
    }
    auto location = store::Location::parse(parser.value(u"db"_s));
    if (!location) {
        printError(command, location.error().text());
        return ExitUsage;
    }
    auto db = store::Database::open(*location);
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto summary = imports::importDce(**db, positional, QDateTime::currentMSecsSinceEpoch());
    if (!summary) {
        printError(command, summary.error().text());
        return ExitFailure;
    }
    out() << summary->text() << '\n';
    out().flush();
    return ExitOk;
}
