// gavel clusters: like-for-like rings and alt families, one row per member
// (../shared/docs/cli.md, docs/detection.md).

#include "Cli.h"
#include "Commands.h"
#include "analysis/Clusters.h"
#include "analysis/Inputs.h"
#include "common/Snowflake.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"clusters"_s;

} // namespace

int gavel::cli::runClusters(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Flags like-for-like rings and alt-account families for review, one row per member "
        u"with the cluster's score and evidence. Flags are for human review only."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"since"_s, u"Only messages from this time on (ISO 8601, UTC by default)."_s, u"T"_s},
        {u"until"_s, u"Only messages before this time."_s, u"T"_s},
        {u"seed"_s, u"Seed of the community detection (default 1)."_s, u"N"_s},
        {u"out"_s, u"Write the CSV to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s}))
        return *exit;
    auto window = analysis::readWindowArgs(parser);
    if (!window) {
        printError(command, window.error().text());
        return ExitUsage;
    }
    analysis::RingOptions rings;
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        rings.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok) {
            printError(command,
                       u"--seed expects a whole number, got '%1'"_s.arg(parser.value(u"seed"_s)));
            return ExitUsage;
        }
    }

    history::LoadOptions load;
    load.removedReactions = false;
    auto loaded = analysis::loadGuild(parser.value(u"db"_s), window->guild, load);
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = loaded->history;
    analysis::CountOptions counting;
    counting.since = window->since;
    counting.until = window->until;
    const auto matrix = analysis::PairMatrix::build(h, counting);
    const auto clusters = analysis::detectClusters(h, matrix, rings);

    QString text = u"cluster_id,kind,user_id,score,evidence\n"_s;
    for (const analysis::Cluster &c : clusters) {
        for (size_t i = 0; i < c.members.size(); ++i) {
            const QString evidence =
                c.memberEvidence.value(qsizetype(i)) + u". Cluster: "_s + c.evidence;
            text += QString::number(c.id) + u',' + analysis::kindName(c.kind) + u',' +
                    snowflake::toString(h.users[c.members[i]].id) + u',' +
                    QString::number(c.score, 'f', 3) + u',' + csvText(evidence) + u'\n';
        }
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
