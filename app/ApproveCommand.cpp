// gavel approve | reject: records a reviewer's decision on a proposal (../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "moderation/Proposal.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace gavel::cli {

Result<std::unique_ptr<store::Database>> openModerationDb(const QString &dbText);

namespace {

int runDecision(const QStringList &args, bool approve)
{
    const QString command = approve ? u"approve"_s : u"reject"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        approve ? u"Approves a proposal. The proposer cannot approve their own."_s
                : u"Rejects a proposal; any rejection blocks it for good. Run by the proposer, "
                  u"it withdraws the proposal (until a push starts)."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"proposal"_s, u"The proposal id."_s, u"ID"_s},
        {u"by"_s, u"The reviewer deciding (an admin or approver)."_s, u"NAME"_s},
        {u"note"_s, u"Why (recorded with the decision)."_s, u"TEXT"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s, u"proposal"_s, u"by"_s}))
        return *exit;
    bool ok = false;
    const qint64 id = parser.value(u"proposal"_s).toLongLong(&ok);
    if (!ok || id <= 0) {
        printError(command,
                   u"--proposal wants a proposal id, not '%1'"_s.arg(parser.value(u"proposal"_s)));
        return ExitUsage;
    }
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto status = moderation::decide(**db, id, parser.value(u"by"_s), approve,
                                     parser.value(u"note"_s), QDateTime::currentMSecsSinceEpoch());
    if (!status) {
        printError(command, status.error().text());
        return ExitFailure;
    }
    if (status->state == u"withdrawn") {
        out() << "proposal " << id << " withdrawn by its proposer " << parser.value(u"by"_s)
              << Qt::endl;
        return ExitOk;
    }
    out() << "proposal " << id << ' ' << (approve ? "approved" : "rejected") << " by "
          << parser.value(u"by"_s) << "; " << status->approvals << " of " << status->required
          << " approvals; state " << status->state << Qt::endl;
    return ExitOk;
}

} // namespace

int runApprove(const QStringList &args)
{
    return runDecision(args, true);
}

int runReject(const QStringList &args)
{
    return runDecision(args, false);
}

} // namespace gavel::cli
