// gavel scores: every member's score and level under a policy (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString command = u"scores"_s;

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
    // A full disk or a closed pipe must not pass for a complete table.
    if (out().status() != QTextStream::Ok) {
        printError(name, u"cannot write to standard output (disk full or output closed)"_s);
        return ExitFailure;
    }
    return ExitOk;
}

//! The JSON document of a policy command's output: format, guild, time and the policy, with
//! the command's own `key` holding `items`.
QJsonObject policyOutput(const QString &format, quint64 guildId, qint64 at,
                         const policy::Policy &pol, const QString &file, const QString &key,
                         const QJsonArray &items)
{
    return QJsonObject{{u"format"_s, format},
                       {u"guild_id"_s, snowflake::toString(guildId)},
                       {u"at"_s, policy::isoTime(at)},
                       {u"policy"_s, QJsonObject{{u"name"_s, pol.name},
                                                 {u"version"_s, pol.version},
                                                 {u"hash"_s, pol.hash},
                                                 {u"file"_s, file}}},
                       {key, items}};
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
        {u"format"_s, u"csv (default) or json."_s, u"FORMAT"_s, u"csv"_s},
        {u"out"_s, u"Write the output to FILE instead of stdout."_s, u"FILE"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"policy"_s}))
        return *exit;
    const QString format = parser.value(u"format"_s);
    if (format != u"csv"_s && format != u"json"_s) {
        printError(command, u"--format expects csv or json, got '%1'"_s.arg(format));
        return ExitUsage;
    }
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
    const QStringList extra = e.extraColumns();
    if (format == u"json"_s) {
        QJsonArray members;
        for (const history::Index u : rows) {
            QJsonObject m{{u"user_id"_s, snowflake::toString(h.users[u].id)},
                          {u"username"_s, h.users[u].username},
                          {u"score"_s, e.members[u].score},
                          {u"score_text"_s, e.scoreText(u)},
                          {u"level"_s, e.policy->levelNumbers[e.members[u].level]}};
            QJsonObject columns;
            const QStringList values = e.extraValues(u);
            for (qsizetype i = 0; i < extra.size() && i < values.size(); ++i)
                columns.insert(extra[i], values[i]);
            m.insert(u"columns"_s, columns);
            members.append(m);
        }
        const QJsonObject root = policyOutput(u"gavel-scores/1"_s, h.guildId, at, *pol,
                                              parser.value(u"policy"_s), u"members"_s, members);
        return writeOutput(parser, command,
                           QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    }
    // Display names and level names are attacker-controlled text cells; the numbers Gavel
    // computes stay numbers (docs/security.md, "CSV").
    QString text =
        (QStringList{u"user_id"_s, u"score"_s, u"level"_s} + extra + QStringList{u"username"_s})
            .join(u',') +
        u'\n';
    for (const history::Index u : rows) {
        QStringList f{snowflake::toString(h.users[u].id), csvNumber(e.scoreText(u)),
                      QString::number(e.policy->levelNumbers[e.members[u].level])};
        for (const QString &v : e.extraValues(u))
            f.append(csvCell(v));
        f.append(csvText(h.users[u].username));
        text += f.join(u',') + u'\n';
    }
    return writeOutput(parser, command, text);
}

} // namespace gavel::cli
