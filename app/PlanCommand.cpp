// gavel plan: the role changes a policy wants (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"
#include "policy/Plan.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gavel::cli {

int writeOutput(const QCommandLineParser &parser, const QString &name, const QString &text);
QJsonObject policyOutput(const QString &format, quint64 guildId, qint64 at,
                         const policy::Policy &pol, const QString &file, const QString &key,
                         const QJsonArray &items);
std::optional<int> readCommon(const QCommandLineParser &parser, const QString &name,
                              std::optional<quint64> &guild, qint64 &at);

int runPlan(const QStringList &args)
{
    const QString command = u"plan"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Lists the role changes a policy wants: promotions, demotions (Sensei decay "
        u"included), deactivations and reactivations, one row per role added or removed, with "
        u"the reason. Roles the policy does not manage are never touched; exempt roles are "
        u"never removed."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"policy"_s, u"The policy file."_s, u"FILE"_s},
        {u"format"_s, u"csv (default) or json."_s, u"FORMAT"_s, u"csv"_s},
        {u"at"_s, u"Plan as of this time (ISO 8601, UTC by default; default: now)."_s, u"T"_s},
        {u"guild"_s, u"The guild (needed when the database holds several)."_s, u"ID"_s},
        {u"out"_s, u"Write to FILE instead of stdout."_s, u"FILE"_s},
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
    const auto changes = policy::plan(evaluator.index(), e);

    if (format == u"json"_s) {
        QJsonArray rows;
        for (const auto &c : changes) {
            rows.append(QJsonObject{{u"user_id"_s, snowflake::toString(h.users[c.user].id)},
                                    {u"username"_s, h.users[c.user].username},
                                    {u"action"_s, c.action},
                                    {u"change"_s, c.add ? u"add"_s : u"remove"_s},
                                    {u"role_id"_s, snowflake::toString(h.roles[c.role].id)},
                                    {u"role_name"_s, h.roles[c.role].name},
                                    {u"reason"_s, c.reason}});
        }
        const QJsonObject root = policyOutput(u"gavel-plan/1"_s, h.guildId, at, *pol,
                                              parser.value(u"policy"_s), u"changes"_s, rows);
        return writeOutput(parser, command,
                           QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    }
    QString text = u"user_id,action,role_id,role_name,reason,change\n"_s;
    for (const auto &c : changes) {
        text += QStringList{snowflake::toString(h.users[c.user].id),
                            c.action,
                            snowflake::toString(h.roles[c.role].id),
                            csvText(h.roles[c.role].name),
                            csvText(c.reason),
                            c.add ? u"add"_s : u"remove"_s}
                    .join(u',') +
                u'\n';
    }
    return writeOutput(parser, command, text);
}

} // namespace gavel::cli
