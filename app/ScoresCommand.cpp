// gavel scores: every member's score and level under a policy (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"scores"_s;

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString q = s;
    q.replace(u"\""_s, u"\"\""_s);
    return u'"' + q + u'"';
}

} // namespace

namespace gavel::cli {

//! Writes `text` to --out FILE (atomically) or stdout.
int writeOutput(const QCommandLineParser &parser, const QString &name, const QString &text)
{
    if (parser.isSet(u"out"_s)) {
        QSaveFile f(parser.value(u"out"_s));
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
            printError(name, u"cannot write %1: %2"_s.arg(parser.value(u"out"_s), f.errorString()));
            return ExitFailure;
        }
        return ExitOk;
    }
    out() << text;
    out().flush();
    return ExitOk;
}

//! The options every policy command shares; nullopt when they are fine.
std::optional<int> readCommon(const QCommandLineParser &parser, const QString &name,
                              std::optional<quint64> &guild, qint64 &at)
{
    if (parser.isSet(u"guild"_s)) {
        guild = snowflake::parse(QStringView(parser.value(u"guild"_s)));
        if (!guild) {
            printError(name,
                       u"--guild expects a guild id, got '%1'"_s.arg(parser.value(u"guild"_s)));
            return ExitUsage;
        }
    }
    at = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(u"at"_s)) {
        auto t = policy::parseTime(parser.value(u"at"_s), u"at"_s);
        if (!t) {
            printError(name, t.error().text());
            return ExitUsage;
        }
        at = *t;
    }
    return std::nullopt;
}

QString csv(const QString &s)
{
    return csvField(s);
}

int runScores(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints every member's score and level under a policy (docs/policies.md): "
        u"user_id,score,level, then the level's name and role and the policy's own columns."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"policy"_s, u"The policy file (e.g. resources/policies/daimyo.json)."_s, u"FILE"_s},
        {u"at"_s, u"Evaluate at this time (ISO 8601, UTC by default; default: now)."_s, u"T"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"out"_s, u"Write the CSV to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"policy"_s}))
        return *exit;
    std::optional<quint64> guild;
    qint64 at = 0;
    if (const auto exit = readCommon(parser, command, guild, at))
        return *exit;
    auto pol = policy::Policy::load(parser.value(u"policy"_s));
    if (!pol) {
        printError(command, pol.error().text());
        return ExitFailure;
    }
    auto loaded = policy::loadHistory(parser.value(u"db"_s), guild, {&*pol});
    if (!loaded) {
        printError(command, loaded.error().text());
        return ExitFailure;
    }
    const history::History &h = *loaded->history;
    auto compiled = policy::compile(*pol, h, loaded->deactivations);
    if (!compiled) {
        printError(command, compiled.error().text());
        return ExitFailure;
    }
    const policy::Evaluator evaluator(h);
    const policy::Evaluation e = evaluator.evaluate(
        std::make_shared<const policy::CompiledPolicy>(std::move(*compiled)), at);

    std::vector<history::Index> rows;
    for (history::Index u = 0; u < h.users.size(); ++u) {
        if (h.users[u].bot || (!h.users[u].member && e.members[u].score == 0))
            continue;
        rows.push_back(u);
    }
    // Highest scores first; ties by id so that the output is stable.
    std::sort(rows.begin(), rows.end(), [&](history::Index a, history::Index b) {
        if (e.members[a].score != e.members[b].score)
            return e.members[a].score > e.members[b].score;
        return h.users[a].id < h.users[b].id;
    });
    QString text = (QStringList{u"user_id"_s, u"score"_s, u"level"_s} + e.extraColumns() +
                    QStringList{u"username"_s})
                       .join(u',') +
                   u'\n';
    for (const history::Index u : rows) {
        QStringList f{snowflake::toString(h.users[u].id), e.scoreText(u),
                      QString::number(e.policy->levelNumbers[e.members[u].level])};
        for (const QString &v : e.extraValues(u))
            f.append(csvField(v));
        f.append(csvField(h.users[u].username));
        text += f.join(u',') + u'\n';
    }
    return writeOutput(parser, command, text);
}

} // namespace gavel::cli
