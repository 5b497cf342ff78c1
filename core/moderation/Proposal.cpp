#include "Proposal.h"

#include "AuditLog.h"
#include "Deactivations.h"
#include "Reviewers.h"
#include "common/Snowflake.h"
#include "history/History.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"
#include "policy/Plan.h"
#include "policy/Policy.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

QJsonArray idArray(const QList<quint64> &ids)
{
    QJsonArray array;
    for (const quint64 id : ids)
        array.append(snowflake::toString(id));
    return array;
}

QList<quint64> idList(const QJsonValue &value)
{
    QList<quint64> ids;
    for (const QJsonValue &v : value.toArray()) {
        if (const auto id = snowflake::parse(v.toString()))
            ids.append(*id);
    }
    return ids;
}

quint64 idOf(const QJsonValue &value)
{
    return snowflake::parse(value.toString()).value_or(0);
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

const QString proposalColumns =
    u"SELECT id, guild_id, title, plan_json, policy_json, policy_hash, window_from, "
    u"window_until, data_fingerprint, evidence, proposer, proposer_login, approvals_rule, "
    u"created_at, expires_at, state, push_holder, push_heartbeat_at, pushed_at FROM proposals"_s;

Proposal readProposal(const QSqlQuery &q)
{
    Proposal p;
    p.id = sql::toInteger(q.value(0));
    p.guildId = sql::toId(q.value(1));
    p.title = sql::toText(q.value(2));
    p.planText = sql::toText(q.value(3));
    const QJsonObject plan = parseObject(p.planText);
    for (const QJsonValue &c : plan.value(u"changes"_s).toArray())
        p.changes.push_back(Change::fromJson(c.toObject()));
    p.roles = RoleConfig::fromJson(plan.value(u"roles"_s).toObject());
    p.policyName = plan.value(u"policy_name"_s).toString();
    p.policyJson = sql::toText(q.value(4));
    p.policyHash = sql::toText(q.value(5));
    p.windowFrom = sql::toOptionalInteger(q.value(6));
    p.windowUntil = sql::toInteger(q.value(7));
    p.fingerprint = DataFingerprint::fromJson(parseObject(sql::toText(q.value(8))));
    p.evidence = sql::toText(q.value(9));
    p.proposer = sql::toText(q.value(10));
    p.proposerLogin = sql::toText(q.value(11));
    p.approvalsRule = sql::toText(q.value(12));
    p.createdAt = sql::toInteger(q.value(13));
    p.expiresAt = sql::toInteger(q.value(14));
    p.storedState = sql::toText(q.value(15));
    p.pushHolder = sql::toText(q.value(16));
    p.pushHeartbeatAt = sql::toInteger(q.value(17));
    p.pushedAt = sql::toOptionalInteger(q.value(18));
    return p;
}

struct MemberInfo
{
    QString username;
    bool member = false;
    QList<quint64> roles;
};

Result<std::optional<MemberInfo>> memberInfo(store::Database &db, quint64 guildId, quint64 userId)
{
    std::optional<MemberInfo> info;
    Result<void> read = db.forEachRow(
        u"SELECT u.username, m.is_member FROM members m JOIN users u ON u.id = m.user_id "
        u"WHERE m.guild_id = ? AND m.user_id = ?"_s,
        {sql::id(guildId), sql::id(userId)}, [&](const QSqlQuery &q) {
            info = MemberInfo{sql::toText(q.value(0)), sql::toFlag(q.value(1)), {}};
        });
    if (!read)
        return read.error();
    if (!info)
        return info;
    read = db.forEachRow(
        u"SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ? ORDER BY role_id"_s,
        {sql::id(guildId), sql::id(userId)},
        [&](const QSqlQuery &q) { info->roles.append(sql::toId(q.value(0))); });
    if (!read)
        return read.error();
    return info;
}

Result<QString> roleName(store::Database &db, quint64 guildId, quint64 roleId)
{
    auto name = db.scalar(u"SELECT name FROM roles WHERE guild_id = ? AND id = ?"_s,
                          {sql::id(guildId), sql::id(roleId)});
    if (!name)
        return name.error();
    return sql::toText(*name);
}

// The proposer takes back a proposal nobody has started to push (in the caller's transaction).
Result<void> withdraw(store::Database &db, const Proposal &p, const QString &proposer,
                      const QString &note, qint64 now)
{
    if (p.storedState != u"open")
        return Error{u"proposal %1 is %2; only a proposal not yet rejected or pushed can be "
                     u"withdrawn"_s.arg(p.id)
                         .arg(p.storedState),
                     {}};
    auto updated =
        db.exec(u"UPDATE proposals SET state = 'withdrawn' WHERE id = ? AND state = 'open'"_s,
                {sql::integer(p.id)});
    if (!updated)
        return updated.error();
    QJsonObject payload{{u"proposer"_s, proposer}};
    if (!note.isEmpty())
        payload.insert(u"note"_s, note);
    auto audited = appendAudit(db, proposer, u"withdraw"_s, p.id, payload, now);
    if (!audited)
        return audited.error();
    return {};
}

} // namespace

// --- Change, RoleConfig, DataFingerprint ---------------------------------------------------

QJsonObject Change::toJson() const
{
    return QJsonObject{{u"index"_s, index},
                       {u"user_id"_s, snowflake::toString(userId)},
                       {u"username"_s, username},
                       {u"action"_s, action},
                       {u"role_id"_s, snowflake::toString(roleId)},
                       {u"role_name"_s, roleName},
                       {u"change"_s, add ? u"add"_s : u"remove"_s},
                       {u"reason"_s, reason}};
}

Change Change::fromJson(const QJsonObject &o)
{
    Change c;
    c.index = o.value(u"index"_s).toInt();
    c.userId = idOf(o.value(u"user_id"_s));
    c.username = o.value(u"username"_s).toString();
    c.action = o.value(u"action"_s).toString();
    c.roleId = idOf(o.value(u"role_id"_s));
    c.roleName = o.value(u"role_name"_s).toString();
    c.add = o.value(u"change"_s).toString() == u"add";
    c.reason = o.value(u"reason"_s).toString();
    return c;
}

bool RoleConfig::allows(const Change &change) const
{
    if (change.roleId == 0)
        return false;
    if (change.roleId == deactivated)
        return true;
    if (!managed.contains(change.roleId))
        return false;
    return change.add || !exempt.contains(change.roleId);
}

QJsonObject RoleConfig::toJson() const
{
    QJsonObject o{{u"managed"_s, idArray(managed)}, {u"exempt"_s, idArray(exempt)}};
    if (deactivated != 0)
        o.insert(u"deactivated"_s, snowflake::toString(deactivated));
    return o;
}

RoleConfig RoleConfig::fromJson(const QJsonObject &o)
{
    RoleConfig r;
    r.managed = idList(o.value(u"managed"_s));
    r.exempt = idList(o.value(u"exempt"_s));
    r.deactivated = idOf(o.value(u"deactivated"_s));
    return r;
}

QJsonObject DataFingerprint::toJson() const
{
    return QJsonObject{
        {u"sync_run"_s, syncRun},         {u"members"_s, members},
        {u"member_roles"_s, memberRoles}, {u"messages"_s, messages},
        {u"reactions"_s, reactions},      {u"member_roles_sha256"_s, memberRolesHash}};
}

DataFingerprint DataFingerprint::fromJson(const QJsonObject &o)
{
    DataFingerprint f;
    f.syncRun = o.value(u"sync_run"_s).toInteger();
    f.members = o.value(u"members"_s).toInteger();
    f.memberRoles = o.value(u"member_roles"_s).toInteger();
    f.messages = o.value(u"messages"_s).toInteger();
    f.reactions = o.value(u"reactions"_s).toInteger();
    f.memberRolesHash = o.value(u"member_roles_sha256"_s).toString();
    return f;
}

QStringList DataFingerprint::differences(const DataFingerprint &now) const
{
    QStringList changed;
    const auto number = [&](const QString &what, qint64 before, qint64 after) {
        if (before != after)
            changed.append(u"%1 %2 -> %3"_s.arg(what).arg(before).arg(after));
    };
    number(u"sync run"_s, syncRun, now.syncRun);
    number(u"members"_s, members, now.members);
    number(u"role assignments"_s, memberRoles, now.memberRoles);
    number(u"messages"_s, messages, now.messages);
    number(u"reactions"_s, reactions, now.reactions);
    if (memberRoles == now.memberRoles && memberRolesHash != now.memberRolesHash)
        changed.append(u"members' roles changed (same count, different assignments)"_s);
    return changed;
}

Result<DataFingerprint> dataFingerprint(store::Database &db, quint64 guildId)
{
    DataFingerprint f;
    const QVariantList guild{sql::id(guildId)};
    auto run =
        db.scalar(u"SELECT MAX(id) FROM sync_runs WHERE guild_id = ? AND status = 'ok'"_s, guild);
    if (!run)
        return run.error();
    f.syncRun = sql::toInteger(*run);
    auto members =
        db.scalar(u"SELECT COUNT(*) FROM members WHERE guild_id = ? AND is_member = 1"_s, guild);
    if (!members)
        return members.error();
    f.members = sql::toInteger(*members);
    Result<void> read = db.forEachRow(
        u"SELECT COALESCE(SUM(s.messages), 0), COALESCE(SUM(s.reactions), 0) FROM channel_stats s "
        u"JOIN channels c ON c.id = s.channel_id WHERE c.guild_id = ?"_s,
        guild, [&](const QSqlQuery &q) {
            f.messages = sql::toInteger(q.value(0));
            f.reactions = sql::toInteger(q.value(1));
        });
    if (!read)
        return read.error();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    read = db.forEachRow(
        u"SELECT user_id, role_id FROM member_roles WHERE guild_id = ? ORDER BY user_id, role_id"_s,
        guild, [&](const QSqlQuery &q) {
            ++f.memberRoles;
            const QByteArray line = QByteArray::number(sql::toId(q.value(0))) + ':' +
                                    QByteArray::number(sql::toId(q.value(1))) + '\n';
            hash.addData(line);
        });
    if (!read)
        return read.error();
    f.memberRolesHash = QString::fromLatin1(hash.result().toHex());
    return f;
}

// --- building plans --------------------------------------------------------------------------

Result<std::vector<Change>> planFromPolicy(store::Database &db, quint64 guildId,
                                           const policy::Policy &pol, qint64 at, RoleConfig *roles)
{
    history::LoadOptions options;
    options.content =
        pol.scoring == policy::Scoring::Karma || pol.scoring == policy::Scoring::Conversation;
    auto loaded = history::History::load(db, guildId, options);
    if (!loaded)
        return loaded.error();
    const history::History &h = *loaded;
    // Recorded deactivations too: a proposal made after one must not re-promote the member.
    auto compiled = policy::compile(pol, h, db, guildId);
    if (!compiled)
        return compiled.error();
    const policy::Evaluator evaluator(h);
    const auto shared = std::make_shared<const policy::CompiledPolicy>(std::move(*compiled));
    const policy::Evaluation evaluation = evaluator.evaluate(shared, at);
    if (roles) {
        *roles = {};
        for (const history::Index r : shared->managedRoles)
            roles->managed.append(h.roles[r].id);
        for (const history::Index r : shared->exemptRoles)
            roles->exempt.append(h.roles[r].id);
        if (shared->deactivatedRole != history::NoIndex)
            roles->deactivated = h.roles[shared->deactivatedRole].id;
    }
    std::vector<Change> changes;
    for (const policy::PlanChange &pc : policy::plan(evaluator.index(), evaluation)) {
        Change c;
        c.index = int(changes.size());
        c.userId = h.users[pc.user].id;
        c.username = h.users[pc.user].username;
        c.action = pc.action;
        c.roleId = h.roles[pc.role].id;
        c.roleName = h.roles[pc.role].name;
        c.add = pc.add;
        c.reason = pc.reason;
        changes.push_back(std::move(c));
    }
    return changes;
}

Result<std::vector<Change>> expandHandPicked(store::Database &db, quint64 guildId,
                                             const RoleConfig &roles, const QList<HandPick> &picks)
{
    static const QStringList actions = {u"promote"_s, u"demote"_s, u"deactivate"_s,
                                        u"reactivate"_s};
    std::vector<Change> changes;
    int row = 0;
    for (const HandPick &pick : picks) {
        ++row;
        const QString where = u"change %1 (user %2)"_s.arg(row).arg(pick.userId);
        if (!actions.contains(pick.action))
            return Error{u"%1: unknown action '%2'"_s.arg(where, pick.action),
                         u"Use promote, demote, deactivate or reactivate."_s};
        if (pick.reason.trimmed().isEmpty())
            return Error{u"%1: every hand-picked change needs a written reason"_s.arg(where), {}};
        auto info = memberInfo(db, guildId, pick.userId);
        if (!info)
            return info.error();
        if (!*info || !(*info)->member)
            return Error{u"%1: %2 is not a current member of guild %3 in this database"_s.arg(where)
                             .arg(pick.userId)
                             .arg(guildId),
                         u"Sync the guild, or check the id."_s};
        const MemberInfo &member = **info;
        const auto add = [&](quint64 role, bool adding) -> Result<void> {
            auto name = roleName(db, guildId, role);
            if (!name)
                return name.error();
            Change c;
            c.index = int(changes.size());
            c.userId = pick.userId;
            c.username = member.username;
            c.action = pick.action;
            c.roleId = role;
            c.roleName = *name;
            c.add = adding;
            c.reason = pick.reason;
            changes.push_back(std::move(c));
            return {};
        };
        if (pick.action == u"promote" || pick.action == u"demote") {
            if (!roles.managed.contains(pick.roleId))
                return Error{
                    u"%1: role %2 is not one of the managed roles"_s.arg(where).arg(pick.roleId),
                    u"Gavel only changes roles the policy manages."_s};
            const bool adding = pick.action == u"promote";
            if (!adding && roles.exempt.contains(pick.roleId))
                return Error{
                    u"%1: role %2 is exempt and is never removed"_s.arg(where).arg(pick.roleId),
                    {}};
            if (const Result<void> done = add(pick.roleId, adding); !done)
                return done.error();
            continue;
        }
        if (roles.deactivated == 0)
            return Error{u"%1: %2 needs a deactivated role, and the policy names none"_s.arg(
                             where, pick.action),
                         u"Set $.roles.deactivated in the policy."_s};
        if (pick.action == u"deactivate") {
            for (const quint64 role : member.roles) {
                if (roles.managed.contains(role) && !roles.exempt.contains(role) &&
                    role != roles.deactivated) {
                    if (const Result<void> done = add(role, false); !done)
                        return done.error();
                }
            }
            if (const Result<void> done = add(roles.deactivated, true); !done)
                return done.error();
        } else {
            if (const Result<void> done = add(roles.deactivated, false); !done)
                return done.error();
            auto open = openDeactivation(db, guildId, pick.userId);
            if (!open)
                return open.error();
            if (*open) {
                for (const quint64 role : (*open)->removedRoles) {
                    if (roles.managed.contains(role) && !member.roles.contains(role)) {
                        if (const Result<void> done = add(role, true); !done)
                            return done.error();
                    }
                }
            }
        }
    }
    return changes;
}

// --- proposals -------------------------------------------------------------------------------

QJsonObject proposalJson(const Proposal &p)
{
    QJsonArray changes;
    for (const Change &c : p.changes)
        changes.append(c.toJson());
    QJsonObject o{{u"id"_s, p.id},
                  {u"guild_id"_s, snowflake::toString(p.guildId)},
                  {u"title"_s, p.title},
                  {u"proposer"_s, p.proposer},
                  {u"created_at"_s, iso(p.createdAt)},
                  {u"expires_at"_s, iso(p.expiresAt)},
                  {u"window_until"_s, iso(p.windowUntil)},
                  {u"approvals_rule"_s, p.approvalsRule},
                  {u"state"_s, p.storedState},
                  {u"roles"_s, p.roles.toJson()},
                  {u"data_fingerprint"_s, p.fingerprint.toJson()},
                  {u"changes"_s, changes}};
    if (p.windowFrom)
        o.insert(u"window_from"_s, iso(*p.windowFrom));
    if (!p.policyHash.isEmpty())
        o.insert(u"policy"_s, QJsonObject{{u"name"_s, p.policyName}, {u"hash"_s, p.policyHash}});
    if (!p.evidence.isEmpty())
        o.insert(u"evidence"_s, p.evidence);
    return o;
}

Result<Proposal> createProposal(store::Database &db, const ProposalDraft &draft, qint64 now)
{
    if (draft.changes.empty())
        return Error{u"the plan has no changes: there is nothing to propose"_s, {}};
    for (const Change &c : draft.changes) {
        if (!draft.roles.allows(c))
            return Error{u"change %1 (%2 role %3 of user %4) touches a role the proposal does not "
                         u"manage"_s.arg(c.index)
                             .arg(c.add ? u"add"_s : u"remove"_s)
                             .arg(c.roleId)
                             .arg(c.userId),
                         u"Only managed roles (and the deactivated role) may change; exempt "
                         u"roles are never removed."_s};
    }
    Proposal p;
    static_cast<ProposalDraft &>(p) = draft;
    for (size_t i = 0; i < p.changes.size(); ++i)
        p.changes[i].index = int(i);
    const Result<void> done = db.transaction([&]() -> Result<void> {
        auto proposer = actingReviewer(db, draft.proposer);
        if (!proposer)
            return proposer.error();
        if (!proposer->mayPropose())
            return Error{u"%1 is an %2; proposals are made by moderators and admins"_s.arg(
                             draft.proposer, proposer->role),
                         {}};
        auto s = settings(db);
        if (!s)
            return s.error();
        if (s->allApprovers) {
            auto team = reviewers(db);
            if (!team)
                return team.error();
            QStringList approvers;
            for (const Reviewer &r : *team) {
                if (r.active && r.role == u"approver" && r.name != draft.proposer)
                    approvers.append(r.name);
            }
            if (approvers.isEmpty())
                return Error{u"the settings require all listed approvers, and no approver other "
                             u"than the proposer is listed"_s,
                             u"Add approvers with gavel reviewers --add NAME --role approver."_s};
            p.approvalsRule = u"all:"_s + approvers.join(u',');
        } else {
            p.approvalsRule = QString::number(s->approvalsRequired);
        }
        auto fingerprint = dataFingerprint(db, draft.guildId);
        if (!fingerprint)
            return fingerprint.error();
        p.fingerprint = *fingerprint;
        auto login = databaseLogin(db);
        if (!login)
            return login.error();
        p.proposerLogin = *login;
        p.createdAt = now;
        p.expiresAt = now + s->expiryDays * DayMs;
        p.storedState = u"open"_s;
        QJsonArray changes;
        for (const Change &c : p.changes)
            changes.append(c.toJson());
        const QJsonObject plan{{u"format"_s, u"gavel-plan/1"_s},
                               {u"policy_name"_s, p.policyName},
                               {u"roles"_s, p.roles.toJson()},
                               {u"changes"_s, changes}};
        auto id = db.scalar(
            u"INSERT INTO proposals (guild_id, title, plan_json, policy_json, policy_hash, "
            u"window_from, window_until, data_fingerprint, evidence, proposer, proposer_login, "
            u"approvals_rule, created_at, expires_at, state) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id"_s,
            {sql::id(p.guildId), sql::text(p.title), compact(plan),
             sql::text(p.policyJson.isEmpty() ? QString() : p.policyJson),
             sql::text(p.policyHash.isEmpty() ? QString() : p.policyHash),
             sql::integer(p.windowFrom), sql::integer(p.windowUntil),
             compact(p.fingerprint.toJson()),
             sql::text(p.evidence.isEmpty() ? QString() : p.evidence), sql::text(p.proposer),
             sql::text(p.proposerLogin), sql::text(p.approvalsRule), sql::integer(p.createdAt),
             sql::integer(p.expiresAt)});
        if (!id)
            return id.error();
        p.id = sql::toInteger(*id);
        p.planText = compact(plan);
        QJsonObject payload = proposalJson(p);
        payload.remove(u"changes"_s);
        payload.insert(u"changes"_s, int(p.changes.size()));
        payload.insert(u"plan_sha256"_s, sha256Hex(p.planText));
        auto audited = appendAudit(db, p.proposer, u"proposal"_s, p.id, payload, now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    return p;
}

Result<Proposal> loadProposal(store::Database &db, qint64 id)
{
    std::optional<Proposal> found;
    const Result<void> read =
        db.forEachRow(proposalColumns + u" WHERE id = ?"_s, {sql::integer(id)},
                      [&](const QSqlQuery &q) { found = readProposal(q); });
    if (!read)
        return read.error();
    if (!found)
        return Error{u"there is no proposal %1 in %2"_s.arg(id).arg(db.location().display()),
                     u"List them with gavel proposals --db DB."_s};
    return *found;
}

Result<QList<Proposal>> listProposals(store::Database &db, std::optional<quint64> guildId)
{
    QList<Proposal> list;
    const Result<void> read =
        guildId ? db.forEachRow(proposalColumns + u" WHERE guild_id = ? ORDER BY id"_s,
                                {sql::id(*guildId)},
                                [&](const QSqlQuery &q) { list.append(readProposal(q)); })
                : db.forEachRow(proposalColumns + u" ORDER BY id"_s, {},
                                [&](const QSqlQuery &q) { list.append(readProposal(q)); });
    if (!read)
        return read.error();
    return list;
}

Result<QStringList> auditMismatches(store::Database &db, const Proposal &p)
{
    auto entries = auditEntries(db, p.id);
    if (!entries)
        return entries.error();
    // The first record only: later rows can be appended by anyone who may write the log, the
    // first was written in the transaction that created the proposal.
    const auto record = std::find_if(entries->cbegin(), entries->cend(),
                                     [](const AuditEntry &e) { return e.kind == u"proposal"; });
    if (record == entries->cend())
        return QStringList{u"there is no audit record of its creation"_s};
    QStringList mismatches;
    if (chainHash(*record) != record->hash)
        mismatches.append(u"its audit record (row %1) fails its own hash"_s.arg(record->seq));
    const QJsonObject recorded = record->payloadObject();
    if (recorded.value(u"plan_sha256"_s).toString() != sha256Hex(p.planText))
        mismatches.append(
            u"the plan (plan_json) is not the one proposed: SHA-256 %1, recorded %2"_s.arg(
                sha256Hex(p.planText).left(16),
                recorded.value(u"plan_sha256"_s).toString().left(16)));
    if (recorded.value(u"proposer"_s).toString() != p.proposer)
        mismatches.append(u"proposer %1, recorded %2"_s.arg(
            p.proposer, recorded.value(u"proposer"_s).toString()));
    const QJsonObject now = proposalJson(p);
    static const QStringList fields = {u"guild_id"_s,       u"title"_s,           u"created_at"_s,
                                       u"expires_at"_s,     u"window_from"_s,     u"window_until"_s,
                                       u"approvals_rule"_s, u"roles"_s,           u"policy"_s,
                                       u"evidence"_s,       u"data_fingerprint"_s};
    for (const QString &field : fields) {
        if (now.value(field) != recorded.value(field))
            mismatches.append(u"%1 changed since it was proposed"_s.arg(field));
    }
    return mismatches;
}

Result<ProposalStatus> proposalStatus(store::Database &db, const Proposal &p, qint64 now)
{
    ProposalStatus s;
    auto entries = auditEntries(db, p.id);
    if (!entries)
        return entries.error();
    auto team = reviewers(db);
    if (!team)
        return team.error();
    const bool postgres = db.backend() == store::Backend::Postgres;
    const auto hasRecord = [&](const QString &kind, const QString &actor) {
        return std::any_of(entries->cbegin(), entries->cend(),
                           [&](const AuditEntry &e) { return e.kind == kind && e.actor == actor; });
    };
    // A decision counts only when decide() could have written it: a decider other than the
    // proposer, from their recorded login, with its audit row. A row inserted by hand into
    // decisions (a team member may INSERT) counts for nothing.
    const auto whyIgnored = [&](const Decision &d) -> QString {
        if (d.reviewer == p.proposer)
            return u"the proposer's own decision"_s;
        const auto r = std::find_if(team->cbegin(), team->cend(),
                                    [&](const Reviewer &x) { return x.name == d.reviewer; });
        if (r == team->cend())
            return u"not a reviewer"_s;
        if (!r->mayDecide())
            return u"a %1 does not decide"_s.arg(r->role);
        if (postgres && !r->dbLogin.isEmpty() && r->dbLogin != d.dbLogin)
            return u"written by login %1, not %2's login %3"_s.arg(d.dbLogin, d.reviewer,
                                                                   r->dbLogin);
        if (!hasRecord(d.approve ? u"approve"_s : u"reject"_s, d.reviewer))
            return u"no audit record of it"_s;
        return {};
    };
    const Result<void> read = db.forEachRow(
        u"SELECT reviewer, decision, note, at, db_login FROM decisions WHERE proposal_id = ? "
        u"ORDER BY at, id"_s,
        {sql::integer(p.id)}, [&](const QSqlQuery &q) {
            Decision d;
            d.reviewer = sql::toText(q.value(0));
            d.approve = sql::toText(q.value(1)) == u"approve";
            d.note = sql::toText(q.value(2));
            d.at = sql::toInteger(q.value(3));
            d.dbLogin = sql::toText(q.value(4));
            if (const QString why = whyIgnored(d); !why.isEmpty()) {
                s.ignoredDecisions.append(
                    u"%1 %2: %3"_s.arg(d.reviewer, d.approve ? u"approved"_s : u"rejected"_s, why));
                return;
            }
            (d.approve ? s.approvedBy : s.rejectedBy).append(d.reviewer);
            s.decisions.append(d);
        });
    if (!read)
        return read.error();
    if (p.approvalsRule.startsWith(u"all:"_s)) {
        const QStringList listed = p.approvalsRule.mid(4).split(u',', Qt::SkipEmptyParts);
        s.required = int(listed.size());
        for (const QString &name : listed) {
            if (s.approvedBy.contains(name))
                ++s.approvals;
            else
                s.waitingFor.append(name);
        }
    } else {
        s.required = std::max(1, p.approvalsRule.toInt());
        s.approvals = int(s.approvedBy.size());
    }
    s.expired = now > p.expiresAt;
    // Only what is still waiting for a push can be stale: a push changes the data itself.
    if (p.storedState == u"open") {
        auto current = dataFingerprint(db, p.guildId);
        if (!current)
            return current.error();
        s.changedData = p.fingerprint.differences(*current);
        s.stale = !s.changedData.isEmpty();
    }

    auto mismatches = auditMismatches(db, p);
    if (!mismatches)
        return mismatches.error();
    s.tampering = *mismatches;
    // A stored pushing/pushed must have started as a push of an approved, unexpired proposal.
    if (p.storedState == u"pushing" || p.storedState == u"pushed") {
        const auto start =
            std::find_if(entries->cbegin(), entries->cend(),
                         [](const AuditEntry &e) { return e.kind == u"push-start"; });
        if (start == entries->cend())
            s.tampering.append(
                u"state %1 without a push-start in the audit log"_s.arg(p.storedState));
        else if (start->at > p.expiresAt)
            s.tampering.append(u"the push started at %1, after the proposal expired at %2"_s.arg(
                iso(start->at), iso(p.expiresAt)));
        if (s.approvals < s.required)
            s.tampering.append(u"state %1 with %2 of the %3 approvals it needs"_s.arg(p.storedState)
                                   .arg(s.approvals)
                                   .arg(s.required));
    }

    if (!s.tampering.isEmpty())
        s.state = u"tampered"_s;
    else if (!s.rejectedBy.isEmpty() || p.storedState == u"rejected")
        s.state = u"rejected"_s;
    else if (p.storedState != u"open")
        s.state = p.storedState;
    else if (s.expired)
        s.state = u"expired"_s;
    else if (s.approvals >= s.required)
        s.state = u"approved"_s;
    else
        s.state = u"open"_s;

    if (s.state == u"tampered") {
        s.pushRefusal = u"proposal %1 does not match its audit record: %2"_s.arg(p.id).arg(
            s.tampering.join(u"; "_s));
    } else if (s.state == u"rejected") {
        QStringList why;
        for (const Decision &d : s.decisions) {
            if (!d.approve)
                why.append(d.note.isEmpty() ? d.reviewer : u"%1 (%2)"_s.arg(d.reviewer, d.note));
        }
        s.pushRefusal = u"proposal %1 was rejected by %2"_s.arg(p.id).arg(why.join(u", "_s));
    } else if (s.state == u"pushed") {
        s.pushRefusal =
            u"proposal %1 was pushed already (%2)"_s.arg(p.id).arg(iso(p.pushedAt.value_or(0)));
    } else if (s.state == u"withdrawn") {
        s.pushRefusal = u"proposal %1 was withdrawn by its proposer"_s.arg(p.id);
    } else if (s.state == u"pushing") {
        // A push that started may resume (Push decides whether its holder is gone).
    } else if (s.expired) {
        s.pushRefusal = u"proposal %1 expired at %2"_s.arg(p.id).arg(iso(p.expiresAt));
    } else if (s.approvals < s.required) {
        s.pushRefusal =
            u"proposal %1 has %2 of the %3 approvals it needs"_s.arg(p.id)
                .arg(s.approvals)
                .arg(s.required) +
            (s.waitingFor.isEmpty() ? QString()
                                    : u" (waiting for %1)"_s.arg(s.waitingFor.join(u", "_s)));
    } else if (s.stale) {
        s.pushRefusal =
            u"proposal %1 is stale: the data changed since it was made (%2)"_s.arg(p.id).arg(
                s.changedData.join(u"; "_s));
    }
    return s;
}

Result<ProposalStatus> decide(store::Database &db, qint64 proposalId, const QString &reviewer,
                              bool approve, const QString &note, qint64 now)
{
    const QString verb = approve ? u"approve"_s : u"reject"_s;
    const Result<void> done = db.transaction([&]() -> Result<void> {
        if (db.backend() == store::Backend::Postgres) {
            // Serialises decisions (and push claims) on this proposal across connections.
            auto locked = db.scalar(u"SELECT id FROM proposals WHERE id = ? FOR UPDATE"_s,
                                    {sql::integer(proposalId)});
            if (!locked)
                return locked.error();
        }
        auto actor = actingReviewer(db, reviewer);
        if (!actor)
            return actor.error();
        auto proposal = loadProposal(db, proposalId);
        if (!proposal)
            return proposal.error();
        if (!approve && proposal->proposer == reviewer)
            return withdraw(db, *proposal, reviewer, note, now);
        if (!actor->mayDecide())
            return Error{u"%1 is a %2; decisions are made by admins and approvers"_s.arg(
                             reviewer, actor->role),
                         {}};
        const auto &p = proposal;
        if (p->proposer == reviewer)
            return Error{u"%1 proposed proposal %2 and may not %3 it"_s.arg(reviewer)
                             .arg(proposalId)
                             .arg(verb),
                         u"Four eyes: another admin or approver must decide."_s};
        if (approve && p->approvalsRule.startsWith(u"all:"_s) &&
            !p->approvalsRule.mid(4).split(u',').contains(reviewer))
            return Error{u"%1 is not among the approvers listed when proposal %2 was made (%3)"_s
                             .arg(reviewer)
                             .arg(proposalId)
                             .arg(p->approvalsRule.mid(4)),
                         {}};
        auto status = proposalStatus(db, *p, now);
        if (!status)
            return status.error();
        for (const Decision &d : status->decisions) {
            if (d.reviewer == reviewer)
                return Error{u"%1 already %2 proposal %3"_s
                                 .arg(reviewer, d.approve ? u"approved"_s : u"rejected"_s)
                                 .arg(proposalId),
                             {}};
        }
        if (status->state == u"tampered")
            return Error{status->pushRefusal,
                         u"Someone changed the proposal in the database; make a new one."_s};
        if (status->state != u"open" && status->state != u"approved")
            return Error{u"proposal %1 is %2; it takes no more decisions"_s.arg(proposalId)
                             .arg(status->state),
                         {}};
        auto login = databaseLogin(db);
        if (!login)
            return login.error();
        auto inserted = db.exec(u"INSERT INTO decisions (proposal_id, reviewer, decision, note, "
                                u"at, db_login) VALUES (?, ?, ?, ?, ?, ?)"_s,
                                {sql::integer(proposalId), sql::text(reviewer), verb,
                                 sql::text(note.isEmpty() ? QString() : note), sql::integer(now),
                                 sql::text(*login)});
        if (!inserted)
            return inserted.error();
        if (!approve) {
            auto rejected = db.exec(
                u"UPDATE proposals SET state = 'rejected' WHERE id = ? AND state = 'open'"_s,
                {sql::integer(proposalId)});
            if (!rejected)
                return rejected.error();
        }
        QJsonObject payload{{u"decision"_s, verb}, {u"reviewer"_s, reviewer}};
        if (!note.isEmpty())
            payload.insert(u"note"_s, note);
        auto audited = appendAudit(db, reviewer, verb, proposalId, payload, now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    auto p = loadProposal(db, proposalId);
    if (!p)
        return p.error();
    return proposalStatus(db, *p, now);
}

} // namespace gavel::moderation
