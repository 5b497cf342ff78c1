#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace gavel::store {
class Database;
}

//! The moderation workflow: reviewers, proposals, decisions, the push and its journal,
//! deactivations and the tamper-evident audit log (docs/moderation.md).
namespace gavel::moderation {

//! The prev_hash of the first row: 64 zeros.
QString genesisHash();

//! One row of the append-only audit log.
struct AuditEntry
{
    qint64 seq = 0;  //!< 1, 2, 3, ... without gaps
    qint64 at = 0;   //!< UTC ms
    QString actor;   //!< reviewer name, or "gavel" for steps of a push
    QString dbLogin; //!< PostgreSQL login that wrote the row; null on SQLite
    QString kind;    //!< proposal, approve, reject, push-start, push-change, ...
    std::optional<qint64> proposalId;
    QString payload; //!< compact JSON object, exactly as stored
    QString prevHash;
    QString hash;

    QJsonObject payloadObject() const;
};

//! The bytes the hash covers besides prev_hash: every column but `hash`, as one JSON object
//! with keys in a fixed order and the payload as the stored string.
QByteArray canonicalAuditRow(const AuditEntry &entry);
//! hex(SHA-256(prevHash || canonicalAuditRow(entry))).
QString chainHash(const AuditEntry &entry);

//! The login this connection acts as: PostgreSQL's current_user; a null string on SQLite.
Result<QString> databaseLogin(store::Database &db);

/*!
 * Appends one row in the caller's transaction (or one of its own). Writers are serialised (an
 * advisory transaction lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so concurrent
 * reviewers extend one chain and never fork it.
 */
Result<AuditEntry> appendAudit(store::Database &db, const QString &actor, const QString &kind,
                               std::optional<qint64> proposalId, const QJsonObject &payload,
                               qint64 at);

//! Every row in seq order, or the rows of one proposal.
Result<QList<AuditEntry>> auditEntries(store::Database &db,
                                       std::optional<qint64> proposalId = std::nullopt);

//! What verifyAuditLog() found.
struct AuditVerification
{
    qint64 rows = 0;
    qint64 headSeq = 0; //!< last row (0 when empty)
    QString headHash;   //!< its hash: record it elsewhere to detect rows appended later
    std::optional<qint64> firstBadSeq; //!< the first row that breaks the chain
    QString problem;                   //!< what is wrong with it
    bool ok() const { return !firstBadSeq.has_value(); }
};

/*!
 * Recomputes the chain: each row's prev_hash must be the previous row's hash, its hash must
 * match its content, and seq must run 1, 2, 3, ... An edited row fails its own hash, a deleted
 * one leaves a gap and a prev_hash that points at nothing, an inserted one breaks the link of
 * its successor. `expectedHead` (seq, hash) checks a head recorded earlier is still there.
 */
Result<AuditVerification>
verifyAuditLog(store::Database &db,
               std::optional<std::pair<qint64, QString>> expectedHead = std::nullopt);

} // namespace gavel::moderation
