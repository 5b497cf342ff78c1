// gavel import dce|sourcecred: other tools' data into a Gavel database (docs/imports.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "imports/DceImport.h"
#include "imports/SourceCredImport.h"
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
        u"import dce FILES...: DiscordChatExporter JSON exports (one file per channel).\n"
        u"import sourcecred FILES...: a SourceCred instance's Discord data: the plugin's "
        u"graph (output/graphs/<instance>/discord/graph.json, plain or .gz) and/or its SQLite "
        u"mirror (discordMirror-<guild>.db).\n"
        u"The data goes into the database marked as imported (guilds.source = 'dce' or "
        u"'sourcecred'); the same analyses then run on it. Prints what the source lacks (e.g. "
        u"reactions without their users, reaction times)."_s);
    parser.addPositionalArgument(u"format"_s, u"dce or sourcecred"_s);
    parser.addPositionalArgument(u"files"_s, u"The files to import."_s, u"FILES..."_s);
    parser.addOption({u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s});
    parser.addOption({u"guild"_s,
                      u"sourcecred: the guild id, when neither a mirror nor the graph's message "
                      u"links name it."_s,
                      u"ID"_s});
    parser.addHelpOption();
    // Not cli::parse(): the files are positional arguments.
    if (!parser.parse(QStringList{u"gavel"_s} + args)) {
        printError(command, parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText().replace(u"gavel [options]"_s,
                                           u"gavel import dce|sourcecred [options] FILES..."_s);
        out().flush();
        return ExitOk;
    }
    if (!parser.isSet(u"db"_s)) {
        printError(command, u"missing required option --db"_s);
        return ExitUsage;
    }
    QStringList positional = parser.positionalArguments().mid(1);
    if (positional.isEmpty() ||
        (positional.front() != u"dce" && positional.front() != u"sourcecred")) {
        printError(command,
                   u"expected 'gavel import dce|sourcecred --db DB FILES...', got '%1'"_s.arg(
                       positional.join(u' ')));
        return ExitUsage;
    }
    const QString format = positional.takeFirst();
    std::optional<quint64> guild;
    if (parser.isSet(u"guild"_s)) {
        guild = snowflake::parse(QStringView(parser.value(u"guild"_s)));
        if (!guild || format != u"sourcecred") {
            printError(command, u"--guild takes a guild id and is for 'import sourcecred'"_s);
            return ExitUsage;
        }
    }
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
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto summary = format == u"dce" ? imports::importDce(**db, positional, now)
                                    : imports::importSourceCred(**db, positional, now, guild);
    if (!summary) {
        printError(command, summary.error().text());
        return ExitFailure;
    }
    out() << summary->text() << '\n';
    out().flush();
    return ExitOk;
}
