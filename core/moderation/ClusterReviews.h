#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace gavel::store {
class Database;
}

namespace gavel::moderation {

//! A reviewer's verdict on a detected cluster (ring or alt family), keyed by its members.
struct ClusterReview
{
    quint64 guildId = 0;
    QString fingerprint; //!< the members' ids, sorted numerically, joined with ','
    QString kind;        //!< ring, alt-family
    QString state;       //!< reviewed, dismissed
    QString note;
    QString reviewer;
    QString dbLogin;
    qint64 at = 0;
};

//! The key of a cluster: its members' ids sorted numerically and joined with ','.
QString clusterFingerprint(QList<quint64> memberIds);

//! Records a verdict (any active reviewer; audited as kind "cluster-review").
Result<ClusterReview> recordClusterReview(store::Database &db, quint64 guildId,
                                          const QList<quint64> &memberIds, const QString &kind,
                                          const QString &state, const QString &note,
                                          const QString &reviewer, qint64 now);

//! The current verdict of every reviewed cluster of the guild (the newest row per cluster).
Result<QList<ClusterReview>> clusterReviews(store::Database &db, quint64 guildId);

} // namespace gavel::moderation
