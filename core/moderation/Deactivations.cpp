#include "Deactivations.h"

#include "common/Snowflake.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

namespace {

const QString columns = u"SELECT id, guild_id, user_id, from_at, until_at, proposal_id, "
                        u"reactivated_by_proposal, removed_roles FROM deactivations"_s;

DeactivationRecord readRecord(const QSqlQuery &q)
{
    DeactivationRecord r;
    r.id = sql::toInteger(q.value(0));
    r.guildId = sql::toId(q.value(1));
    r.userId = sql::toId(q.value(2));
    r.from = sql::toInteger(q.value(3));
    r.until = sql::toOptionalInteger(q.value(4));
    r.proposalId = sql::toOptionalInteger(q.value(5));
    r.reactivatedBy = sql::toOptionalInteger(q.value(6));
    const QJsonArray roles = QJsonDocument::fromJson(sql::toText(q.value(7)).toUtf8()).array();
    for (const QJsonValue &role : roles) {
        if (const auto id = snowflake::parse(role.toString()))
            r.removedRoles.append(*id);
    }
    return r;
}

} // namespace

Result<QList<DeactivationRecord>> deactivations(store::Database &db, quint64 guildId)
{
    QList<DeactivationRecord> list;
    const Result<void> read =
        db.forEachRow(columns + u" WHERE guild_id = ? ORDER BY user_id, from_at, id"_s,
                      {sql::id(guildId)}, [&](const QSqlQuery &q) { list.append(readRecord(q)); });
    if (!read)
        return read.error();
    return list;
}

Result<std::optional<DeactivationRecord>> openDeactivation(store::Database &db, quint64 guildId,
                                                           quint64 userId)
{
    std::optional<DeactivationRecord> open;
    const Result<void> read = db.forEachRow(
        columns + u" WHERE guild_id = ? AND user_id = ? AND until_at IS NULL ORDER BY id DESC"_s,
        {sql::id(guildId), sql::id(userId)}, [&](const QSqlQuery &q) {
            if (!open)
                open = readRecord(q);
        });
    if (!read)
        return read.error();
    return open;
}

Result<void> recordDeactivation(store::Database &db, quint64 guildId, quint64 userId, qint64 from,
                                std::optional<qint64> proposalId,
                                const QList<quint64> &removedRoles)
{
    auto open = openDeactivation(db, guildId, userId);
    if (!open)
        return open.error();
    if (*open)
        return {};
    QJsonArray roles;
    for (const quint64 role : removedRoles)
        roles.append(snowflake::toString(role));
    auto written =
        db.exec(u"INSERT INTO deactivations (guild_id, user_id, from_at, proposal_id, "
                u"removed_roles) VALUES (?, ?, ?, ?, ?)"_s,
                {sql::id(guildId), sql::id(userId), sql::integer(from), sql::integer(proposalId),
                 QString::fromUtf8(QJsonDocument(roles).toJson(QJsonDocument::Compact))});
    if (!written)
        return written.error();
    return {};
}

Result<void> recordReactivation(store::Database &db, quint64 guildId, quint64 userId, qint64 at,
                                std::optional<qint64> proposalId)
{
    auto written =
        db.exec(u"UPDATE deactivations SET until_at = ?, reactivated_by_proposal = ? "
                u"WHERE guild_id = ? AND user_id = ? AND until_at IS NULL"_s,
                {sql::integer(at), sql::integer(proposalId), sql::id(guildId), sql::id(userId)});
    if (!written)
        return written.error();
    return {};
}

} // namespace gavel::moderation
