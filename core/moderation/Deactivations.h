#pragma once

#include "common/Result.h"

#include <QList>

#include <optional>

namespace gavel::store {
class Database;
}

namespace gavel::moderation {

//! A member's deactivation: from `from` on they mint and receive nothing under any policy,
//! until `until` (their reactivation), if any.
struct DeactivationRecord
{
    qint64 id = 0;
    quint64 guildId = 0;
    quint64 userId = 0;
    qint64 from = 0;
    std::optional<qint64> until;
    std::optional<qint64> proposalId;    //!< the proposal whose push deactivated them
    std::optional<qint64> reactivatedBy; //!< the proposal whose push reactivated them
    QList<quint64> removedRoles;         //!< managed roles taken away (given back on reactivation)
};

//! Every deactivation of the guild's members, by user then time: what policy evaluation reads
//! to zero a member's minting inside [from, until).
Result<QList<DeactivationRecord>> deactivations(store::Database &db, quint64 guildId);

//! The member's deactivation that has not ended, if any.
Result<std::optional<DeactivationRecord>> openDeactivation(store::Database &db, quint64 guildId,
                                                           quint64 userId);

//! Starts a deactivation (no-op when one is open already). Joins the caller's transaction.
Result<void> recordDeactivation(store::Database &db, quint64 guildId, quint64 userId, qint64 from,
                                std::optional<qint64> proposalId,
                                const QList<quint64> &removedRoles);
//! Ends the open deactivation, if any. Joins the caller's transaction.
Result<void> recordReactivation(store::Database &db, quint64 guildId, quint64 userId, qint64 at,
                                std::optional<qint64> proposalId);

} // namespace gavel::moderation
