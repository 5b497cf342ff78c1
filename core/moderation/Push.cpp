#include "Push.h"

#include "AuditLog.h"
#include "Deactivations.h"
#include "Reviewers.h"
#include "common/Snowflake.h"
#include "discord/Client.h"
#include "discord/Token.h"
#include "store/Database.h"
#include "store/Records.h"
#include "store/Repository.h"
#include "store/SqlValue.h"

#include <QDateTime>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

namespace {

constexpr int MemberRoleUpdate = 25; // audit log action type

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

discord::Reply wait(discord::RequestBuilder &&builder)
{
    std::optional<discord::Reply> reply;
    QEventLoop loop;
    std::move(builder).execute(nullptr, [&](discord::Reply &&r) {
        reply = std::move(r);
        loop.quit();
    });
    if (!reply)
        loop.exec();
    return std::move(*reply);
}

// Whether the process that holds a push is still there: same machine -> ask the kernel;
// another machine -> trust its heartbeat for staleHolderMs.
bool holderAlive(const QString &holder, qint64 heartbeat, qint64 now, qint64 staleHolderMs)
{
    if (holder.isEmpty())
        return false;
    const QStringList parts = holder.split(u':');
    if (now - heartbeat >= staleHolderMs)
        return false;
    if (parts.size() >= 2 && parts[0] == QSysInfo::machineHostName()) {
        const pid_t pid = pid_t(parts[1].toLongLong());
        if (pid <= 0)
            return false;
        return ::kill(pid, 0) == 0 || errno == EPERM;
    }
    return true;
}

struct JournalRow
{
    bool intent = false;
    QString result;
    QString detail;
    int attempts = 0;
};

struct DiscordRole
{
    QString name;
    int position = 0;
    bool managed = false;
};

QString describeChange(const Change &c)
{
    return u"%1 role %2 (%3) %4 user %5"_s.arg(c.add ? u"add"_s : u"remove"_s)
        .arg(c.roleId)
        .arg(c.roleName, c.add ? u"to"_s : u"from"_s)
        .arg(c.userId);
}

} // namespace

Push::Push(store::Database &db, PushOptions options)
    : m_db(db)
    , m_options(std::move(options))
    , m_holder(u"%1:%2:%3"_s.arg(QSysInfo::machineHostName())
                   .arg(::getpid())
                   .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0')))
{}

Result<bool> Push::claim(store::Database &db, qint64 proposalId, const QString &holder,
                         const QString &actor, qint64 now, qint64 staleHolderMs)
{
    bool resumed = false;
    const Result<void> done = db.transaction([&]() -> Result<void> {
        if (db.backend() == store::Backend::Postgres) {
            auto locked = db.scalar(u"SELECT id FROM proposals WHERE id = ? FOR UPDATE"_s,
                                    {sql::integer(proposalId)});
            if (!locked)
                return locked.error();
        }
        auto p = loadProposal(db, proposalId);
        if (!p)
            return p.error();
        auto status = proposalStatus(db, *p, now);
        if (!status)
            return status.error();
        if (status->state == u"pushing") {
            if (p->pushHolder != holder &&
                holderAlive(p->pushHolder, p->pushHeartbeatAt, now, staleHolderMs))
                return Error{u"proposal %1 is being pushed right now by %2 (last step %3 s ago)"_s
                                 .arg(proposalId)
                                 .arg(p->pushHolder)
                                 .arg((now - p->pushHeartbeatAt) / 1000),
                             u"Wait for that push to finish; if its process is gone on another "
                             u"machine, run again after %1 minutes."_s.arg(staleHolderMs / 60000)};
            resumed = true;
        } else if (!status->pushRefusal.isEmpty()) {
            return Error{status->pushRefusal, u"Nothing was sent to Discord."_s};
        }
        auto updated = db.exec(u"UPDATE proposals SET state = 'pushing', push_holder = ?, "
                               u"push_heartbeat_at = ? WHERE id = ?"_s,
                               {holder, sql::integer(now), sql::integer(proposalId)});
        if (!updated)
            return updated.error();
        QJsonObject payload{{u"holder"_s, holder},
                            {u"approved_by"_s, QJsonArray::fromStringList(status->approvedBy)}};
        if (resumed)
            payload.insert(u"previous_holder"_s, p->pushHolder);
        auto audited = appendAudit(db, actor, resumed ? u"push-resume"_s : u"push-start"_s,
                                   proposalId, payload, now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    return resumed;
}

Result<PushReport> Push::run(qint64 proposalId,
                             const std::function<void(const ChangeOutcome &)> &onChange)
{
    const QString actor = m_options.actor.isEmpty() ? u"gavel"_s : m_options.actor;
    if (!m_options.actor.isEmpty()) {
        auto reviewer = actingReviewer(m_db, m_options.actor);
        if (!reviewer)
            return reviewer.error();
        if (!reviewer->mayPush())
            return Error{u"%1 is a %2; only admins push"_s.arg(reviewer->name, reviewer->role), {}};
    }
    auto loaded = loadProposal(m_db, proposalId);
    if (!loaded)
        return loaded.error();
    Proposal proposal = std::move(*loaded);
    auto status = proposalStatus(m_db, proposal, nowMs());
    if (!status)
        return status.error();

    PushReport report;
    report.proposalId = proposalId;
    if (!m_options.dryRun) {
        auto claimed = claim(m_db, proposalId, m_holder, actor, nowMs(), m_options.staleHolderMs);
        if (!claimed)
            return claimed.error();
        report.resumed = *claimed;
        // Send the plan the claim checked against the audit record, not one read before it.
        auto reloaded = loadProposal(m_db, proposalId);
        if (!reloaded)
            return reloaded.error();
        proposal = std::move(*reloaded);
    }
    auto mismatches = auditMismatches(m_db, proposal);
    if (!mismatches)
        return mismatches.error();
    if (!mismatches->isEmpty())
        return Error{u"proposal %1 does not match its audit record: %2"_s.arg(proposalId)
                         .arg(mismatches->join(u"; "_s)),
                     u"Nothing was sent to Discord. Someone changed the proposal in the "
                     u"database; check gavel verify-log and make a new proposal."_s};

    if (!m_options.token)
        return Error{u"no token source was given for the push"_s, {}};
    auto token = m_options.token->token();
    if (!token)
        return token.error();
    discord::ClientOptions clientOptions;
    clientOptions.apiBase = m_options.api;
    clientOptions.connections = 1;
    if (const Result<void> valid = discord::Client::validate(clientOptions, *token); !valid)
        return valid.error();
    discord::Client client(clientOptions, *token);

    const quint64 guild = proposal.guildId;
    const auto failed = [&](const discord::Reply &reply, const QString &what) {
        return Error{u"%1 failed: %2"_s.arg(what, reply.errorMessage), reply.errorHint};
    };

    // Who the bot is and how high it reaches: a role at or above its highest role is refused
    // by Discord (50013) and never sent.
    discord::Reply me = wait(client.get("/users/@me"));
    if (!me.ok())
        return failed(me, u"reading the bot's user (GET /users/@me)"_s);
    const quint64 botId =
        snowflake::parse(QJsonDocument::fromJson(me.body).object().value(u"id"_s).toString())
            .value_or(0);
    discord::Reply botMember = wait(client.get("/guilds/{}/members/{}", {guild, botId}));
    if (!botMember.ok())
        return failed(botMember, u"reading the bot's member in guild %1"_s.arg(guild));
    discord::Reply rolesReply = wait(client.get("/guilds/{}/roles", {guild}));
    if (!rolesReply.ok())
        return failed(rolesReply, u"reading the roles of guild %1"_s.arg(guild));
    QHash<quint64, DiscordRole> discordRoles;
    for (const QJsonValue &v : QJsonDocument::fromJson(rolesReply.body).array()) {
        const QJsonObject r = v.toObject();
        discordRoles.insert(snowflake::parse(r.value(u"id"_s).toString()).value_or(0),
                            DiscordRole{r.value(u"name"_s).toString(),
                                        r.value(u"position"_s).toInt(),
                                        r.value(u"managed"_s).toBool()});
    }
    int botTop = 0;
    QString botTopName;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(botMember.body).object().value(u"roles"_s).toArray()) {
        const auto role = discordRoles.value(snowflake::parse(v.toString()).value_or(0));
        if (role.position > botTop) {
            botTop = role.position;
            botTopName = role.name;
        }
    }

    // What earlier runs of this push recorded.
    QHash<int, JournalRow> journal;
    {
        const Result<void> read = m_db.forEachRow(
            u"SELECT change_index, result, detail, attempts FROM push_journal WHERE proposal_id = ?"_s,
            {sql::integer(proposalId)}, [&](const QSqlQuery &q) {
                JournalRow row;
                row.intent = true;
                row.result = sql::toText(q.value(1));
                row.detail = sql::toText(q.value(2));
                row.attempts = int(sql::toInteger(q.value(3)));
                journal.insert(int(sql::toInteger(q.value(0))), row);
            });
        if (!read)
            return read.error();
    }

    QString approvers = status->approvedBy.join(u", "_s);
    if (approvers.isEmpty())
        approvers = u"nobody"_s;
    QHash<quint64, std::optional<QSet<quint64>>> members; // user -> roles; nullopt = left
    store::Repository repository(m_db);

    const auto memberRoles = [&](quint64 user,
                                 QString *error) -> std::optional<std::optional<QSet<quint64>>> {
        if (const auto it = members.constFind(user); it != members.constEnd())
            return *it;
        discord::Reply reply = wait(client.get("/guilds/{}/members/{}", {guild, user}));
        if (reply.error == discord::ErrorKind::NotFound && reply.discordCode == 10007) {
            members.insert(user, std::nullopt);
            return std::optional<QSet<quint64>>();
        }
        if (!reply.ok()) {
            *error = reply.toError().text();
            return std::nullopt;
        }
        QSet<quint64> roles;
        for (const QJsonValue &v :
             QJsonDocument::fromJson(reply.body).object().value(u"roles"_s).toArray())
            roles.insert(snowflake::parse(v.toString()).value_or(0));
        members.insert(user, roles);
        return std::optional<QSet<quint64>>(roles);
    };

    // Keeps the claim alive and makes sure nobody took the push over meanwhile.
    const auto heartbeat = [&]() -> Result<void> {
        auto updated = m_db.exec(u"UPDATE proposals SET push_heartbeat_at = ? "
                                 u"WHERE id = ? AND push_holder = ? AND state = 'pushing'"_s,
                                 {sql::integer(nowMs()), sql::integer(proposalId), m_holder});
        if (!updated)
            return updated.error();
        if ((*updated)->numRowsAffected() != 1)
            return Error{
                u"proposal %1 was taken over by another push; this one stops"_s.arg(proposalId),
                {}};
        return {};
    };

    const auto writeIntent = [&](const Change &c) -> Result<void> {
        return m_db.transaction([&]() -> Result<void> {
            if (const Result<void> alive = heartbeat(); !alive)
                return alive;
            auto written = m_db.exec(
                u"INSERT INTO push_journal (proposal_id, change_index, user_id, role_id, "
                u"operation, intent_at, sent_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                u"ON CONFLICT (proposal_id, change_index) DO UPDATE SET "
                u"sent_at = excluded.sent_at, attempts = push_journal.attempts + 1"_s,
                {sql::integer(proposalId), c.index, sql::id(c.userId), sql::id(c.roleId),
                 c.add ? u"add"_s : u"remove"_s, sql::integer(nowMs()), sql::integer(nowMs())});
            if (!written)
                return written.error();
            return {};
        });
    };

    const auto writeResult = [&](const Change &c, const QString &result,
                                 const QString &detail) -> Result<void> {
        const qint64 at = nowMs();
        return m_db.transaction([&]() -> Result<void> {
            if (const Result<void> alive = heartbeat(); !alive)
                return alive;
            auto written = m_db.exec(
                u"INSERT INTO push_journal (proposal_id, change_index, user_id, role_id, "
                u"operation, intent_at, attempts, result, detail, result_at) "
                u"VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (proposal_id, change_index) "
                u"DO UPDATE SET result = excluded.result, detail = excluded.detail, "
                u"result_at = excluded.result_at"_s,
                {sql::integer(proposalId), c.index, sql::id(c.userId), sql::id(c.roleId),
                 c.add ? u"add"_s : u"remove"_s, sql::integer(at), result, sql::text(detail),
                 sql::integer(at)});
            if (!written)
                return written.error();
            if (result == u"applied") {
                store::RoleChange change;
                change.userId = c.userId;
                change.roleId = c.roleId;
                change.added = c.add;
                change.at = at;
                if (const Result<void> stored =
                        repository.applyRoleChanges(guild, {change}, at, store::RoleSource::Push);
                    !stored)
                    return stored;
            }
            if (result == u"applied" || result == u"already") {
                // The deactivated role marks the moment a (de)activation takes effect.
                if (c.action == u"deactivate" && c.add && c.roleId == proposal.roles.deactivated) {
                    QList<quint64> removed;
                    for (const Change &other : proposal.changes) {
                        if (other.userId == c.userId && !other.add && other.action == c.action)
                            removed.append(other.roleId);
                    }
                    if (const Result<void> d =
                            recordDeactivation(m_db, guild, c.userId, at, proposalId, removed);
                        !d)
                        return d;
                } else if (c.action == u"reactivate" && !c.add &&
                           c.roleId == proposal.roles.deactivated) {
                    if (const Result<void> d =
                            recordReactivation(m_db, guild, c.userId, at, proposalId);
                        !d)
                        return d;
                }
            }
            QJsonObject payload{{u"change"_s, c.index},
                                {u"user_id"_s, snowflake::toString(c.userId)},
                                {u"role_id"_s, snowflake::toString(c.roleId)},
                                {u"operation"_s, c.add ? u"add"_s : u"remove"_s},
                                {u"action"_s, c.action},
                                {u"result"_s, result}};
            if (!detail.isEmpty())
                payload.insert(u"detail"_s, detail);
            auto audited = appendAudit(m_db, actor, u"push-change"_s, proposalId, payload, at);
            if (!audited)
                return audited.error();
            return {};
        });
    };

    for (const Change &c : proposal.changes) {
        if (m_options.stopRequested && m_options.stopRequested()) {
            report.stopped = true;
            break;
        }
        ChangeOutcome outcome;
        outcome.change = c;
        const auto finish = [&](const QString &result, const QString &detail) -> Result<void> {
            outcome.outcome = result;
            outcome.detail = detail;
            if (!m_options.dryRun && result != u"failed" && result != u"would-apply") {
                if (const Result<void> written = writeResult(c, result, detail); !written)
                    return written;
            }
            if (result == u"applied")
                ++report.applied;
            else if (result == u"already")
                ++report.already;
            else if (result == u"refused")
                ++report.refused;
            else if (result == u"skipped")
                ++report.skipped;
            else if (result == u"failed")
                ++report.failed;
            report.outcomes.append(outcome);
            if (onChange)
                onChange(outcome);
            return {};
        };

        const JournalRow row = journal.value(c.index);
        if (!row.result.isEmpty()) {
            outcome.fromJournal = true;
            outcome.outcome = row.result;
            outcome.detail = row.detail;
            if (row.result == u"applied")
                ++report.applied;
            else if (row.result == u"already")
                ++report.already;
            else if (row.result == u"refused")
                ++report.refused;
            else
                ++report.skipped;
            report.outcomes.append(outcome);
            if (onChange)
                onChange(outcome);
            continue;
        }

        // Never sent: outside what the proposal manages, or above the bot.
        Result<void> step;
        if (!proposal.roles.allows(c)) {
            step = finish(u"refused"_s, u"role %1 is not managed by the proposal's policy (or is "
                                        u"exempt); Gavel never touches it"_s.arg(c.roleId));
        } else if (!discordRoles.contains(c.roleId)) {
            step = finish(
                u"skipped"_s,
                u"role %1 (%2) no longer exists in the guild"_s.arg(c.roleId).arg(c.roleName));
        } else if (const DiscordRole role = discordRoles.value(c.roleId); role.managed) {
            step = finish(u"refused"_s, u"role %1 is managed by an integration; no one can "
                                        u"assign it"_s.arg(role.name));
        } else if (role.position >= botTop) {
            step = finish(u"refused"_s,
                          u"role %1 (position %2) is at or above the bot's highest role %3 "
                          u"(position %4); not sent"_s.arg(role.name)
                              .arg(role.position)
                              .arg(botTopName.isEmpty() ? u"(none)"_s : botTopName)
                              .arg(botTop));
        } else {
            QString error;
            const auto current = memberRoles(c.userId, &error);
            if (!current) {
                step =
                    finish(u"failed"_s, u"reading member %1 failed: %2"_s.arg(c.userId).arg(error));
            } else if (!current->has_value()) {
                step = finish(u"skipped"_s,
                              u"member %1 left the guild (10007 Unknown Member)"_s.arg(c.userId));
            } else if ((*current)->contains(c.roleId) == c.add) {
                // Already as planned. After an interrupted run with this change's intent on
                // record, it was this push that made it so.
                step = row.intent ? finish(u"applied"_s, u"confirmed after an interrupted push: "
                                                         u"the member already had the planned "
                                                         u"roles"_s)
                                  : finish(u"already"_s, c.add ? u"the member has the role"_s
                                                               : u"the member lacks the role"_s);
            } else if (m_options.dryRun) {
                step = finish(u"would-apply"_s, describeChange(c));
            } else if (const Result<void> intent = writeIntent(c); !intent) {
                return intent.error();
            } else {
                const QString reason = u"Gavel proposal #%1, approved by %2: %3 %4: %5"_s.arg(
                    QString::number(proposalId), approvers, c.action, c.roleName, c.reason);
                discord::Reply reply =
                    c.add ? wait(client
                                     .put("/guilds/{}/members/{}/roles/{}",
                                          {guild, c.userId, c.roleId})
                                     .reason(reason)
                                     .expectJson(false))
                          : wait(client
                                     .deleteResource("/guilds/{}/members/{}/roles/{}",
                                                     {guild, c.userId, c.roleId})
                                     .reason(reason)
                                     .expectJson(false));
                if (reply.ok()) {
                    auto &roles = **members.find(c.userId);
                    if (c.add)
                        roles.insert(c.roleId);
                    else
                        roles.remove(c.roleId);
                    step = finish(u"applied"_s, QString());
                } else if (reply.error == discord::ErrorKind::Forbidden) {
                    step = finish(u"refused"_s, u"Discord refused (%1 %2): %3"_s.arg(reply.status)
                                                    .arg(reply.discordCode)
                                                    .arg(reply.errorMessage));
                } else if (reply.error == discord::ErrorKind::NotFound &&
                           reply.discordCode == 10007) {
                    step = finish(u"skipped"_s, u"member %1 left the guild (10007 Unknown "
                                                u"Member)"_s.arg(c.userId));
                } else if (reply.error == discord::ErrorKind::NotFound &&
                           reply.discordCode == 10011) {
                    step = finish(u"skipped"_s, u"role %1 no longer exists (10011 Unknown "
                                                u"Role)"_s.arg(c.roleId));
                } else {
                    step = finish(u"failed"_s, reply.toError().text());
                    if (client.isStopped())
                        return Error{u"the push stopped at change %1: %2"_s.arg(c.index).arg(
                                         reply.errorMessage),
                                     reply.errorHint};
                }
            }
        }
        if (!step)
            return step.error();
    }

    if (m_options.dryRun)
        return report;
    if (report.stopped) {
        // The journal keeps what was done; without a holder the next run resumes at once
        // instead of waiting for this (still running) process to go away.
        const Result<void> released = m_db.transaction([&]() -> Result<void> {
            if (const Result<void> alive = heartbeat(); !alive)
                return alive;
            auto updated = m_db.exec(u"UPDATE proposals SET push_holder = NULL WHERE id = ?"_s,
                                     {sql::integer(proposalId)});
            if (!updated)
                return updated.error();
            auto audited = appendAudit(m_db, actor, u"push-stopped"_s, proposalId,
                                       QJsonObject{{u"done"_s, int(report.outcomes.size())},
                                                   {u"changes"_s, int(proposal.changes.size())}},
                                       nowMs());
            if (!audited)
                return audited.error();
            return {};
        });
        if (!released)
            return released.error();
        return report;
    }

    report.complete = report.failed == 0;
    // Confirm against the guild's audit log: entries by the bot whose reason names this
    // proposal, matched to the applied changes by (member, role, add/remove).
    QSet<QString> seen;
    {
        const QString tag = u"Gavel proposal #%1,"_s.arg(proposalId);
        std::optional<quint64> before;
        const qint64 oldest = proposal.createdAt;
        for (int page = 0; page < 50; ++page) {
            auto request = client.get("/guilds/{}/audit-logs", {guild})
                               .query("action_type", MemberRoleUpdate)
                               .query("user_id", botId)
                               .query("limit", 100);
            if (before)
                request = std::move(request).query("before", *before);
            discord::Reply reply = wait(std::move(request));
            if (!reply.ok()) {
                report.unconfirmed.append(
                    u"the audit log could not be read: %1"_s.arg(reply.toError().text()));
                break;
            }
            const QJsonArray entries = QJsonDocument::fromJson(reply.body)
                                           .object()
                                           .value(u"audit_log_entries"_s)
                                           .toArray();
            bool older = false;
            for (const QJsonValue &v : entries) {
                const QJsonObject e = v.toObject();
                const quint64 id = snowflake::parse(e.value(u"id"_s).toString()).value_or(0);
                before = id;
                if (snowflake::toMsecs(id) < oldest)
                    older = true;
                if (!e.value(u"reason"_s).toString().startsWith(tag))
                    continue;
                const QString target = e.value(u"target_id"_s).toString();
                for (const QJsonValue &change : e.value(u"changes"_s).toArray()) {
                    const QString key = change.toObject().value(u"key"_s).toString();
                    for (const QJsonValue &role : change.toObject().value(u"new_value"_s).toArray())
                        seen.insert(target + u'/' + role.toObject().value(u"id"_s).toString() +
                                    u'/' + key);
                }
            }
            if (entries.size() < 100 || older)
                break;
        }
    }
    for (const ChangeOutcome &o : std::as_const(report.outcomes)) {
        if (o.outcome != u"applied")
            continue;
        const QString key = snowflake::toString(o.change.userId) + u'/' +
                            snowflake::toString(o.change.roleId) + u'/' +
                            (o.change.add ? u"$add"_s : u"$remove"_s);
        if (seen.contains(key))
            ++report.confirmed;
        else
            report.unconfirmed.append(describeChange(o.change));
    }

    const Result<void> finished = m_db.transaction([&]() -> Result<void> {
        if (const Result<void> alive = heartbeat(); !alive)
            return alive;
        if (report.complete) {
            auto updated = m_db.exec(u"UPDATE proposals SET state = 'pushed', pushed_at = ?, "
                                     u"push_holder = NULL WHERE id = ?"_s,
                                     {sql::integer(nowMs()), sql::integer(proposalId)});
            if (!updated)
                return updated.error();
        }
        QJsonObject payload{{u"complete"_s, report.complete},
                            {u"applied"_s, report.applied},
                            {u"already"_s, report.already},
                            {u"refused"_s, report.refused},
                            {u"skipped"_s, report.skipped},
                            {u"failed"_s, report.failed},
                            {u"confirmed"_s, report.confirmed},
                            {u"unconfirmed"_s, QJsonArray::fromStringList(report.unconfirmed)}};
        auto audited =
            appendAudit(m_db, actor, report.complete ? u"push-finish"_s : u"push-incomplete"_s,
                        proposalId, payload, nowMs());
        if (!audited)
            return audited.error();
        return {};
    });
    if (!finished)
        return finished.error();
    return report;
}

} // namespace gavel::moderation
