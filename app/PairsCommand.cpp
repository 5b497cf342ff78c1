// gavel pairs: the reactor-pair matrix as CSV rows (../shared/docs/cli.md, docs/detection.md).

#include "Cli.h"
#include "Commands.h"
#include "analysis/Inputs.h"
#include "analysis/PairMatrix.h"
#include "common/Snowflake.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"
#include "policy/Policy.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"pairs"_s;

QString number(double value)
{
    return QString::number(value, 'f', 4);
}

} // namespace

int gavel::cli::runPairs(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints the reactor-pair matrix: for each reactor and author, the reactions that count "
        u"under R1 (no self-reactions, bots or webhooks; one per reactor, message and emoji; "
        u"removed reactions excluded), the reverse count and the reciprocity."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"since"_s, u"Only messages from this time on (ISO 8601, UTC by default)."_s, u"T"_s},
        {u"until"_s, u"Only messages before this time."_s, u"T"_s},
        {u"channel"_s, u"Only this channel, category or thread (repeatable)."_s, u"ID"_s},
        {u"min"_s, u"Only pairs with at least N reactions (default 1)."_s, u"N"_s},
        {u"policy"_s, u"Weight reactions by a policy file."_s, u"FILE"_s},
        {u"include-removed"_s, u"Count reactions Gavel saw removed."_s},
        {u"out"_s, u"Write the CSV to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s}))
        return *exit;

    auto window = analysis::readWindowArgs(parser);
    if (!window) {
        printError(command, window.error().text());
        return ExitUsage;
    }
    quint32 minimum = 1;
    if (parser.isSet(u"min"_s)) {
        bool ok = false;
        minimum = parser.value(u"min"_s).toUInt(&ok);
        if (!ok) {
            printError(command, u"--min expects a whole number of reactions, got '%1'"_s.arg(
                                    parser.value(u"min"_s)));
            return ExitUsage;
        }
    }
    std::vector<quint64> channelIds;
    for (const QString &text : parser.values(u"channel"_s)) {
        const auto id = snowflake::parse(QStringView(text));
        if (!id) {
            printError(command, u"--channel expects a channel id, got '%1'"_s.arg(text));
            return ExitUsage;
        }
        channelIds.push_back(*id);
    }
    std::optional<policy::Policy> weighting;
    if (parser.isSet(u"policy"_s)) {
        auto loadedPolicy = policy::Policy::load(parser.value(u"policy"_s));
        if (!loadedPolicy) {
            printError(command, loadedPolicy.error().text());
            return ExitFailure;
        }
        weighting = std::move(*loadedPolicy);
    }

    history::LoadOptions load =
        weighting ? policy::loadOptionsFor(*weighting) : history::LoadOptions{};
    load.removedReactions = parser.isSet(u"include-removed"_s);
    auto loaded = analysis::loadGuild(parser.value(u"db"_s), window->guild, load);
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = loaded->history;

    analysis::CountOptions counting;
    counting.since = window->since;
    counting.until = window->until;
    counting.includeRemoved = parser.isSet(u"include-removed"_s);
    for (quint64 id : channelIds) {
        const history::Index c = h.channelIndex(id);
        if (c == history::NoIndex) {
            printError(command, u"channel %1 is not in guild %2"_s.arg(
                                    snowflake::toString(id), snowflake::toString(h.guildId)));
            return ExitFailure;
        }
        counting.channels.push_back(c);
    }
    if (weighting) {
        // The same weights the policy's evaluation gives each reaction, deactivations recorded
        // by the moderation workflow included, and the members the policy excludes (R1).
        auto compiled = policy::compile(*weighting, h, *loaded->db, h.guildId);
        if (!compiled) {
            printError(command, compiled.error().text());
            return ExitFailure;
        }
        const policy::Evaluator evaluator(h);
        counting.weights = policy::reactionWeights(*compiled, evaluator.index());
        counting.excludedUsers = compiled->excludedUser;
    }
    const auto matrix = analysis::PairMatrix::build(h, counting);

    std::vector<quint32> rows;
    for (quint32 i = 0; i < matrix.pairs().size(); ++i)
        if (matrix.pairs()[i].count >= minimum)
            rows.push_back(i);
    // Largest pairs first; ties by reactor and author id so the output is stable.
    std::sort(rows.begin(), rows.end(), [&](quint32 x, quint32 y) {
        const analysis::Pair &a = matrix.pairs()[x];
        const analysis::Pair &b = matrix.pairs()[y];
        if (a.count != b.count)
            return a.count > b.count;
        const quint64 ar = h.users[a.reactor].id, br = h.users[b.reactor].id;
        if (ar != br)
            return ar < br;
        return h.users[a.author].id < h.users[b.author].id;
    });
    QString text = u"reactor_id,author_id,reactions,weighted,reverse_reactions,reciprocity\n"_s;
    text.reserve(qsizetype(rows.size()) * 64);
    for (quint32 i : rows) {
        const analysis::Pair &p = matrix.pairs()[i];
        text += snowflake::toString(h.users[p.reactor].id) + u',' +
                snowflake::toString(h.users[p.author].id) + u',' + QString::number(p.count) + u',' +
                number(p.weighted) + u',' + QString::number(p.reverseCount) + u',' +
                number(p.reciprocity()) + u'\n';
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
