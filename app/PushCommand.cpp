// gavel push: applies an approved proposal to Discord, resumably (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "discord/KeychainTokenSource.h"
#include "discord/Token.h"
#include "moderation/Push.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QUrl>

#include <utility>

using namespace Qt::StringLiterals;

namespace gavel::cli {

Result<std::unique_ptr<store::Database>> openModerationDb(const QString &dbText);
QString moderationCsv(const QString &text);

int runPush(const QStringList &args)
{
    const QString command = u"push"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Applies an approved proposal to Discord: one line per change with its outcome "
        u"(applied, already, refused, skipped; failed ones are retried by running again). "
        u"Safe to interrupt: running it again resumes and never applies a change twice."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"proposal"_s, u"The proposal id."_s, u"ID"_s},
        {u"api"_s, u"API base URL including /api/v10 (default https://discord.com/api/v10)."_s,
         u"URL"_s},
        {u"token-env"_s,
         u"Environment variable holding the bot token when the keychain has none (default "
         u"GAVEL_TOKEN)."_s,
         u"VAR"_s},
        {u"by"_s, u"The admin pushing (recorded in the audit log)."_s, u"NAME"_s},
        {u"dry-run"_s, u"Read Discord and show what each change would do; change nothing."_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"proposal"_s}))
        return *exit;
    bool ok = false;
    const qint64 id = parser.value(u"proposal"_s).toLongLong(&ok);
    if (!ok || id <= 0) {
        printError(command,
                   u"--proposal wants a proposal id, not '%1'"_s.arg(parser.value(u"proposal"_s)));
        return ExitUsage;
    }
    const QUrl api(parser.isSet(u"api"_s) ? parser.value(u"api"_s)
                                          : u"https://discord.com/api/v10"_s);
    if (!api.isValid() || (api.scheme() != u"http" && api.scheme() != u"https")) {
        printError(command, u"--api wants an http(s) URL such as http://127.0.0.1:PORT/api/v10, "
                            u"not '%1'"_s.arg(parser.value(u"api"_s)));
        return ExitUsage;
    }
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto proposal = moderation::loadProposal(**db, id);
    if (!proposal) {
        printError(command, proposal.error().text());
        return ExitFailure;
    }
    moderation::PushOptions options;
    options.api = api;
    options.dryRun = parser.isSet(u"dry-run"_s);
    options.actor = parser.value(u"by"_s);
    options.token = std::make_shared<discord::GuildTokenSource>(
        proposal->guildId, parser.isSet(u"token-env"_s)
                               ? parser.value(u"token-env"_s)
                               : discord::EnvTokenSource::defaultVariable());
    moderation::Push push(**db, options);
    bool header = false;
    auto report = push.run(id, [&header](const moderation::ChangeOutcome &o) {
        if (!std::exchange(header, true))
            out() << "change,user_id,action,operation,role_id,role_name,outcome,detail" << Qt::endl;
        const moderation::Change &c = o.change;
        out() << QStringList{QString::number(c.index),
                             snowflake::toString(c.userId),
                             c.action,
                             c.add ? u"add"_s : u"remove"_s,
                             snowflake::toString(c.roleId),
                             moderationCsv(c.roleName),
                             o.outcome,
                             moderationCsv(o.detail)}
                     .join(u',')
              << Qt::endl;
    });
    if (!report) {
        printError(command, report.error().text());
        return ExitFailure;
    }
    if (options.dryRun) {
        err() << "gavel push: dry run of proposal " << id << "; nothing was changed" << Qt::endl;
        return ExitOk;
    }
    err() << "gavel push: proposal " << id << (report->resumed ? " (resumed)" : "") << ": "
          << report->applied << " applied, " << report->already << " already so, "
          << report->refused << " refused, " << report->skipped << " skipped, " << report->failed
          << " failed; audit log confirms " << report->confirmed << " of " << report->applied
          << Qt::endl;
    for (const QString &missing : std::as_const(report->unconfirmed))
        err() << "gavel push: not found in the guild audit log: " << missing << Qt::endl;
    if (!report->complete) {
        printError(command, u"%1 changes failed; run the same command again to retry them"_s.arg(
                                report->failed));
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace gavel::cli
