// gavel audit: one member's full audit (../shared/docs/cli.md, docs/detection.md).

#include "Cli.h"
#include "Commands.h"
#include "analysis/Audit.h"
#include "analysis/Inputs.h"
#include "common/Snowflake.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"audit"_s;

} // namespace

int gavel::cli::runAudit(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints one member's audit: identity, every reaction given and received with message "
        u"links and whether it counts, the pairs they are part of, role history and any "
        u"ring or alt-family flag with its evidence. CSV lists the reactions; JSON has "
        u"everything."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"user"_s, u"The member's user id."_s, u"ID"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"format"_s, u"json (default) or csv."_s, u"FORMAT"_s, u"json"_s},
        {u"since"_s, u"Count only messages from this time on (ISO 8601)."_s, u"T"_s},
        {u"until"_s, u"Count only messages before this time."_s, u"T"_s},
        {u"only"_s, u"List only the reactions 'given' or 'received'."_s, u"WHICH"_s},
        {u"counted-only"_s, u"List only the reactions that count."_s},
        {u"with"_s, u"List only the reactions to or from this user id."_s, u"ID"_s},
        {u"out"_s, u"Write to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"user"_s}))
        return *exit;
    auto window = analysis::readWindowArgs(parser);
    if (!window) {
        printError(command, window.error().text());
        return ExitUsage;
    }
    const auto userId = snowflake::parse(QStringView(parser.value(u"user"_s)));
    if (!userId) {
        printError(command, u"--user expects a user id (a decimal number), got '%1'"_s.arg(
                                parser.value(u"user"_s)));
        return ExitUsage;
    }
    const QString format = parser.value(u"format"_s);
    if (format != u"json" && format != u"csv") {
        printError(command, u"--format expects json or csv, got '%1'"_s.arg(format));
        return ExitUsage;
    }

    const QString only = parser.value(u"only"_s);
    if (parser.isSet(u"only"_s) && only != u"given" && only != u"received") {
        printError(command, u"--only expects given or received, got '%1'"_s.arg(only));
        return ExitUsage;
    }
    std::optional<quint64> withId;
    if (parser.isSet(u"with"_s)) {
        withId = snowflake::parse(QStringView(parser.value(u"with"_s)));
        if (!withId) {
            printError(command, u"--with expects a user id (a decimal number), got '%1'"_s.arg(
                                    parser.value(u"with"_s)));
            return ExitUsage;
        }
    }

    auto loaded = analysis::loadGuild(parser.value(u"db"_s), window->guild);
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = loaded->history;
    const history::Index user = h.userIndex(*userId);
    if (user == history::NoIndex) {
        printError(command,
                   u"user %1 never was a member of guild %2 and appears in none of its messages "
                   u"or reactions; check the id (Discord: Copy User ID)"_s.arg(
                       snowflake::toString(*userId), snowflake::toString(h.guildId)));
        return ExitFailure;
    }
    analysis::AuditOptions options;
    options.counting.since = window->since;
    options.counting.until = window->until;
    options.listGiven = only != u"received";
    options.listReceived = only != u"given";
    options.countedOnly = parser.isSet(u"counted-only"_s);
    if (withId) {
        options.counterpart = h.userIndex(*withId);
        if (options.counterpart == history::NoIndex) {
            printError(command, u"--with: user %1 is not in guild %2"_s.arg(
                                    snowflake::toString(*withId), snowflake::toString(h.guildId)));
            return ExitFailure;
        }
    }
    const auto matrix = analysis::PairMatrix::build(h, options.counting);
    // Flags come from detection over the whole window, exactly as `gavel clusters` reports them.
    const auto clusters = analysis::detectClusters(h, matrix);
    const analysis::Audit audit = analysis::buildAudit(h, matrix, clusters, user, options);

    QString text;
    if (format == u"json") {
        text = QString::fromUtf8(
            QJsonDocument(analysis::auditToJson(h, matrix, audit)).toJson(QJsonDocument::Indented));
    } else {
        text = analysis::auditCsvHeader() + u'\n';
        for (const QString &row : analysis::auditCsvRows(h, audit))
            text += row + u'\n';
    }
    if (parser.isSet(u"out"_s)) {
        if (auto written = analysis::writeTextFile(parser.value(u"out"_s), text); !written) {
            printError(command, written.error().text());
            return ExitFailure;
        }
    } else {
        out() << text;
        out().flush();
    }
    return ExitOk;
}
