// gavel compare: the policy lab on the command line: how two policies differ over the same
// history (../shared/docs/cli.md, docs/policies.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "policy/Compare.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gavel::cli {

int writeOutput(const QCommandLineParser &parser, const QString &name, const QString &text);
std::optional<int> readCommon(const QCommandLineParser &parser, const QString &name,
                              std::optional<quint64> &guild, qint64 &at);

int runCompare(const QStringList &args)
{
    const QString command = u"compare"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Compares two policies over the same history: members whose role changes, the "
        u"Spearman rank correlation of the scores, the share of the total the top 1% and 10% "
        u"receive under each, and, with --truth, what the planted rings and alt families gain "
        u"under each. CSV rows kind,subject,a,b (or --format json)."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"policy"_s, u"A policy file; give exactly two."_s, u"FILE"_s},
        {u"truth"_s, u"A demo truth file (<snapshot>.truth.json) naming rings and alt families."_s,
         u"FILE"_s},
        {u"format"_s, u"csv (default) or json."_s, u"FORMAT"_s, u"csv"_s},
        {u"at"_s, u"Evaluate at this time (ISO 8601, UTC by default; default: now)."_s, u"T"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"out"_s, u"Write to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"policy"_s}))
        return *exit;
    const QStringList files = parser.values(u"policy"_s);
    if (files.size() != 2) {
        printError(command, u"give exactly two --policy files, got %1"_s.arg(files.size()));
        return ExitUsage;
    }
    const QString format = parser.value(u"format"_s);
    if (format != u"csv"_s && format != u"json"_s) {
        printError(command, u"--format expects csv or json, got '%1'"_s.arg(format));
        return ExitUsage;
    }
    std::optional<quint64> guild;
    qint64 at = 0;
    if (const auto exit = readCommon(parser, command, guild, at))
        return *exit;
    auto pa = policy::Policy::load(files[0]);
    auto pb = pa ? policy::Policy::load(files[1]) : pa;
    if (!pa || !pb) {
        printError(command, (!pa ? pa : pb).error().text());
        return ExitFailure;
    }
    auto loaded = policy::loadHistory(parser.value(u"db"_s), guild, {&*pa, &*pb});
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = *loaded->history;
    std::vector<policy::Group> groups;
    if (parser.isSet(u"truth"_s)) {
        auto g = policy::loadTruthGroups(parser.value(u"truth"_s), h);
        if (!g) {
            printError(command, g.error().text());
            return ExitFailure;
        }
        groups = std::move(*g);
    }
    policy::Evaluator evaluator(h);
    evaluator.setRecordedDeactivations(loaded->deactivations);
    auto ea = evaluator.evaluate(*pa, at);
    auto eb = ea ? evaluator.evaluate(*pb, at) : ea;
    if (!ea || !eb) {
        printError(command, (!ea ? ea : eb).error().text());
        return ExitFailure;
    }
    const policy::Comparison c = policy::compare(h, *ea, *eb, groups);
    const auto num = [](double v) { return QString::number(v, 'f', 4); };

    if (format == u"json"_s) {
        QJsonArray changes, gains;
        for (const auto &d : c.changes)
            changes.append(QJsonObject{{u"user_id"_s, snowflake::toString(h.users[d.user].id)},
                                       {u"level_a"_s, ea->levelName(d.user)},
                                       {u"level_b"_s, eb->levelName(d.user)},
                                       {u"score_a"_s, ea->members[d.user].score},
                                       {u"score_b"_s, eb->members[d.user].score}});
        for (const auto &g : c.groups)
            gains.append(QJsonObject{{u"group"_s, g.group.id},
                                     {u"kind"_s, g.group.kind},
                                     {u"members"_s, int(g.group.members.size())},
                                     {u"score_a"_s, g.scoreA},
                                     {u"score_b"_s, g.scoreB},
                                     {u"share_a"_s, g.shareA},
                                     {u"share_b"_s, g.shareB}});
        const QJsonObject root{
            {u"format"_s, u"gavel-compare/1"_s},
            {u"guild_id"_s, snowflake::toString(h.guildId)},
            {u"at"_s, policy::isoTime(at)},
            {u"policy_a"_s, QJsonObject{{u"name"_s, pa->name}, {u"hash"_s, pa->hash}}},
            {u"policy_b"_s, QJsonObject{{u"name"_s, pb->name}, {u"hash"_s, pb->hash}}},
            {u"population"_s, c.population},
            {u"spearman"_s, c.spearman},
            {u"top_1pct_share"_s, QJsonArray{c.top1A, c.top1B}},
            {u"top_10pct_share"_s, QJsonArray{c.top10A, c.top10B}},
            {u"role_changes"_s, changes},
            {u"groups"_s, gains}};
        return writeOutput(parser, command,
                           QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    }
    QString text = u"kind,subject,a,b\n"_s;
    const auto row = [&](const QString &kind, const QString &subject, const QString &a,
                         const QString &b) {
        // Values are numbers, times, hashes or level and policy names: numbers stay numbers,
        // the rest is text a spreadsheet must not run.
        text += QStringList{kind, csvCell(subject), csvCell(a), csvCell(b)}.join(u',') + u'\n';
    };
    row(u"policy"_s, u"name"_s, pa->name, pb->name);
    row(u"policy"_s, u"hash"_s, pa->hash, pb->hash);
    row(u"at"_s, {}, policy::isoTime(at), policy::isoTime(at));
    row(u"population"_s, {}, QString::number(c.population), QString::number(c.population));
    row(u"spearman"_s, {}, num(c.spearman), num(c.spearman));
    row(u"top_1pct_share"_s, {}, num(c.top1A), num(c.top1B));
    row(u"top_10pct_share"_s, {}, num(c.top10A), num(c.top10B));
    row(u"role_changes"_s, {}, QString::number(c.changes.size()),
        QString::number(c.changes.size()));
    for (const auto &g : c.groups) {
        row(u"group_share"_s, g.group.id, num(g.shareA), num(g.shareB));
        row(u"group_score"_s, g.group.id, num(g.scoreA), num(g.scoreB));
    }
    for (const auto &d : c.changes)
        row(u"role_change"_s, snowflake::toString(h.users[d.user].id), ea->levelName(d.user),
            eb->levelName(d.user));
    return writeOutput(parser, command, text);
}

} // namespace gavel::cli
