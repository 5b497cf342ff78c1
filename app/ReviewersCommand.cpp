// gavel reviewers: the moderation team and its settings; gavel proposals: proposals and their
// state (both feed propose/approve/reject/push, ../shared/docs/cli.md).

#include "Cli.h"
#include "Commands.h"
#include "moderation/Proposal.h"
#include "moderation/Reviewers.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace gavel::cli {

Result<std::unique_ptr<store::Database>> openModerationDb(const QString &dbText);
QString moderationCsv(const QString &text);
QString isoUtc(qint64 ms);

int runReviewers(const QStringList &args)
{
    const QString command = u"reviewers"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Lists the moderation team (name,role,db_login,active), adds or removes a reviewer, or "
        u"changes the settings. Roles: moderator (proposes), admin (proposes, decides, pushes, "
        u"manages the team), approver (decides). The first reviewer must be an admin; after "
        u"that --by names the admin making the change."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"add"_s, u"Add (or change) this reviewer."_s, u"NAME"_s},
        {u"role"_s, u"Role for --add: moderator, admin or approver."_s, u"ROLE"_s},
        {u"db-login"_s, u"PostgreSQL login the reviewer must act from."_s, u"LOGIN"_s},
        {u"remove"_s, u"Remove this reviewer."_s, u"NAME"_s},
        {u"approvals"_s, u"Approvals a proposal needs: a number or 'all' (every approver)."_s,
         u"N"_s},
        {u"expiry-days"_s, u"Days until a new proposal expires."_s, u"DAYS"_s},
        {u"by"_s, u"The admin making the change."_s, u"NAME"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s}))
        return *exit;
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = parser.value(u"by"_s);
    if (parser.isSet(u"add"_s)) {
        moderation::Reviewer r;
        r.name = parser.value(u"add"_s);
        r.role = parser.value(u"role"_s);
        r.dbLogin = parser.value(u"db-login"_s);
        auto added = moderation::addReviewer(**db, r, by.isEmpty() ? r.name : by, now);
        if (!added) {
            printError(command, added.error().text());
            return ExitFailure;
        }
    }
    if (parser.isSet(u"remove"_s)) {
        if (const auto removed =
                moderation::removeReviewer(**db, parser.value(u"remove"_s), by, now);
            !removed) {
            printError(command, removed.error().text());
            return ExitFailure;
        }
    }
    if (parser.isSet(u"approvals"_s) || parser.isSet(u"expiry-days"_s)) {
        auto s = moderation::settings(**db);
        if (!s) {
            printError(command, s.error().text());
            return ExitFailure;
        }
        if (parser.isSet(u"approvals"_s)) {
            s = moderation::parseApprovals(*s, parser.value(u"approvals"_s));
            if (!s) {
                printError(command, s.error().text());
                return ExitUsage;
            }
        }
        if (parser.isSet(u"expiry-days"_s)) {
            bool ok = false;
            s->expiryDays = parser.value(u"expiry-days"_s).toInt(&ok);
            if (!ok) {
                printError(command, u"--expiry-days wants a number of days"_s);
                return ExitUsage;
            }
        }
        if (const auto changed = moderation::changeSettings(**db, *s, by, now); !changed) {
            printError(command, changed.error().text());
            return ExitFailure;
        }
    }
    auto team = moderation::reviewers(**db);
    auto s = moderation::settings(**db);
    if (!team || !s) {
        printError(command, (!team ? team.error() : s.error()).text());
        return ExitFailure;
    }
    out() << "name,role,db_login,active" << Qt::endl;
    for (const auto &r : *team)
        out() << moderationCsv(r.name) << ',' << r.role << ',' << moderationCsv(r.dbLogin) << ','
              << (r.active ? 1 : 0) << Qt::endl;
    err() << "gavel reviewers: approvals needed " << s->approvalsText()
          << "; proposals expire after " << s->expiryDays << " days" << Qt::endl;
    return ExitOk;
}

int runProposals(const QStringList &args)
{
    const QString command = u"proposals"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Lists proposals with their state, approvals, expiry and, when the data changed since "
        u"a proposal was made, what changed. --proposal ID --format json shows one in full."_s);
    parser.addOptions({
        {u"db"_s, u"The database: a SQLite file or a postgresql:// URL."_s, u"DB"_s},
        {u"proposal"_s, u"Only this proposal."_s, u"ID"_s},
        {u"format"_s, u"csv (default) or json."_s, u"FORMAT"_s, u"csv"_s},
    });
    if (const auto exit = parse(parser, args, {u"db"_s}))
        return *exit;
    auto db = openModerationDb(parser.value(u"db"_s));
    if (!db) {
        printError(command, db.error().text());
        return ExitFailure;
    }
    auto all = moderation::listProposals(**db);
    if (!all) {
        printError(command, all.error().text());
        return ExitFailure;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool json = parser.value(u"format"_s) == u"json";
    if (!json)
        out() << "id,state,approvals,required,changes,proposer,created_at,expires_at,stale,"
                 "approved_by,rejected_by,why_not_pushable"
              << Qt::endl;
    for (const auto &p : *all) {
        if (parser.isSet(u"proposal"_s) && QString::number(p.id) != parser.value(u"proposal"_s))
            continue;
        auto s = moderation::proposalStatus(**db, p, now);
        if (!s) {
            printError(command, s.error().text());
            return ExitFailure;
        }
        if (json) {
            QJsonObject o = moderation::proposalJson(p);
            o.insert(u"state"_s, s->state);
            o.insert(u"approvals"_s, s->approvals);
            o.insert(u"required"_s, s->required);
            o.insert(u"approved_by"_s, QJsonArray::fromStringList(s->approvedBy));
            o.insert(u"rejected_by"_s, QJsonArray::fromStringList(s->rejectedBy));
            o.insert(u"stale"_s, s->stale);
            o.insert(u"changed_data"_s, QJsonArray::fromStringList(s->changedData));
            o.insert(u"why_not_pushable"_s, s->pushRefusal);
            if (!s->tampering.isEmpty())
                o.insert(u"tampering"_s, QJsonArray::fromStringList(s->tampering));
            if (!s->ignoredDecisions.isEmpty())
                o.insert(u"ignored_decisions"_s, QJsonArray::fromStringList(s->ignoredDecisions));
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
            continue;
        }
        out() << QStringList{QString::number(p.id),
                             s->state,
                             QString::number(s->approvals),
                             QString::number(s->required),
                             QString::number(p.changes.size()),
                             moderationCsv(p.proposer),
                             isoUtc(p.createdAt),
                             isoUtc(p.expiresAt),
                             s->stale ? moderationCsv(s->changedData.join(u"; "_s)) : QString(),
                             moderationCsv(s->approvedBy.join(u' ')),
                             moderationCsv(s->rejectedBy.join(u' ')),
                             moderationCsv(s->pushRefusal)}
                     .join(u',')
              << Qt::endl;
    }
    return ExitOk;
}

} // namespace gavel::cli
