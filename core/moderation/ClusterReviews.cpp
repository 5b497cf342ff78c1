#include "ClusterReviews.h"

#include "AuditLog.h"
#include "Reviewers.h"
#include "common/Snowflake.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

QString clusterFingerprint(QList<quint64> memberIds)
{
    std::sort(memberIds.begin(), memberIds.end());
    memberIds.erase(std::unique(memberIds.begin(), memberIds.end()), memberIds.end());
    QStringList ids;
    for (const quint64 id : std::as_const(memberIds))
        ids.append(snowflake::toString(id));
    return ids.join(u',');
}

Result<ClusterReview> recordClusterReview(store::Database &db, quint64 guildId,
                                          const QList<quint64> &memberIds, const QString &kind,
                                          const QString &state, const QString &note,
                                          const QString &reviewer, qint64 now)
{
    if (kind != u"ring" && kind != u"alt-family")
        return Error{u"unknown cluster kind '%1'"_s.arg(kind), u"Use ring or alt-family."_s};
    if (state != u"reviewed" && state != u"dismissed")
        return Error{u"unknown cluster review state '%1'"_s.arg(state),
                     u"Use reviewed or dismissed."_s};
    if (memberIds.size() < 2)
        return Error{u"a cluster has at least two members"_s, {}};
    ClusterReview review{guildId, clusterFingerprint(memberIds), kind, state, note, reviewer, {},
                         now};
    const Result<void> done = db.transaction([&]() -> Result<void> {
        auto actor = actingReviewer(db, reviewer);
        if (!actor)
            return actor.error();
        auto login = databaseLogin(db);
        if (!login)
            return login.error();
        review.dbLogin = *login;
        auto written = db.exec(
            u"INSERT INTO cluster_reviews (guild_id, fingerprint, kind, state, note, reviewer, "
            u"db_login, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {sql::id(guildId), review.fingerprint, kind, state,
             sql::text(note.isEmpty() ? QString() : note), reviewer, sql::text(review.dbLogin),
             sql::integer(now)});
        if (!written)
            return written.error();
        auto audited = appendAudit(db, reviewer, u"cluster-review"_s, std::nullopt,
                                   QJsonObject{{u"guild_id"_s, snowflake::toString(guildId)},
                                               {u"cluster"_s, review.fingerprint},
                                               {u"kind"_s, kind},
                                               {u"state"_s, state},
                                               {u"note"_s, note}},
                                   now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    return review;
}

Result<QList<ClusterReview>> clusterReviews(store::Database &db, quint64 guildId)
{
    QList<ClusterReview> list;
    const Result<void> read = db.forEachRow(
        u"SELECT r.fingerprint, r.kind, r.state, r.note, r.reviewer, r.db_login, r.at "
        u"FROM cluster_reviews r WHERE r.guild_id = ? AND r.id = (SELECT MAX(l.id) FROM "
        u"cluster_reviews l WHERE l.guild_id = r.guild_id AND l.fingerprint = r.fingerprint) "
        u"ORDER BY r.fingerprint"_s,
        {sql::id(guildId)}, [&](const QSqlQuery &q) {
            list.append(ClusterReview{guildId, sql::toText(q.value(0)), sql::toText(q.value(1)),
                                      sql::toText(q.value(2)), sql::toText(q.value(3)),
                                      sql::toText(q.value(4)), sql::toText(q.value(5)),
                                      sql::toInteger(q.value(6))});
        });
    if (!read)
        return read.error();
    return list;
}

} // namespace gavel::moderation
