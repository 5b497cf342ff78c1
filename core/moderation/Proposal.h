#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace gavel::store {
class Database;
}
namespace gavel::policy {
struct Policy;
}

namespace gavel::moderation {

//! One role change of a proposal: add or remove one role of one member, with its reason.
struct Change
{
    int index = 0; //!< position in the plan; the push journal's key
    quint64 userId = 0;
    QString username;
    QString action; //!< promote, demote, deactivate, reactivate
    quint64 roleId = 0;
    QString roleName;
    bool add = true;
    QString reason;

    QJsonObject toJson() const;
    static Change fromJson(const QJsonObject &object);
};

//! Which roles a proposal may touch: the policy's managed roles, the exempt ones (never
//! removed) and the role deactivated members get.
struct RoleConfig
{
    QList<quint64> managed;
    QList<quint64> exempt;
    quint64 deactivated = 0;

    //! Whether the push may make `change` at all (before Discord's own hierarchy rules).
    bool allows(const Change &change) const;
    QJsonObject toJson() const;
    static RoleConfig fromJson(const QJsonObject &object);
};

//! What the proposal's underlying data looked like; a different value now means stale.
struct DataFingerprint
{
    qint64 syncRun = 0; //!< newest successful sync run of the guild
    qint64 members = 0;
    qint64 memberRoles = 0;
    qint64 messages = 0;
    qint64 reactions = 0;
    QString memberRolesHash; //!< SHA-256 over every (member, role) pair

    QJsonObject toJson() const;
    static DataFingerprint fromJson(const QJsonObject &object);
    //! What differs from `now`, one readable item each ("messages 120 -> 131"); empty = same.
    QStringList differences(const DataFingerprint &now) const;
};

Result<DataFingerprint> dataFingerprint(store::Database &db, quint64 guildId);

//! A hand-picked change as a reviewer writes it (CSV: user_id,action,role_id,reason).
struct HandPick
{
    quint64 userId = 0;
    QString action;     //!< promote, demote, deactivate, reactivate
    quint64 roleId = 0; //!< promote/demote only
    QString reason;     //!< required
};

/*!
 * The policy's plan (core/policy plan()) at `at` as changes, and its role configuration.
 * Loads the guild's history from `db`.
 */
Result<std::vector<Change>> planFromPolicy(store::Database &db, quint64 guildId,
                                           const policy::Policy &policy, qint64 at,
                                           RoleConfig *roles);

/*!
 * Hand-picked changes as role changes: promote adds and demote removes the given managed role;
 * deactivate removes every managed, non-exempt role the member holds and adds the deactivated
 * role; reactivate removes the deactivated role and gives back what the last deactivation took.
 * Refuses roles outside `roles.managed`, unknown members and changes without a reason.
 */
Result<std::vector<Change>> expandHandPicked(store::Database &db, quint64 guildId,
                                             const RoleConfig &roles, const QList<HandPick> &picks);

//! Everything a new proposal is made of.
struct ProposalDraft
{
    quint64 guildId = 0;
    QString title;
    std::vector<Change> changes;
    RoleConfig roles;
    QString policyName;
    QString policyJson; //!< the policy document (canonical form), empty for hand-picked plans
    QString policyHash;
    std::optional<qint64> windowFrom;
    qint64 windowUntil = 0; //!< the time the plan was computed for
    QString evidence;       //!< evidence package reference (path, URL or manifest hash)
    QString proposer;
};

//! A stored proposal.
struct Proposal : ProposalDraft
{
    qint64 id = 0;
    DataFingerprint fingerprint;
    QString proposerLogin;
    QString approvalsRule; //!< "N" or "all:name,name,..." (the approvers listed when proposed)
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    QString planText;    //!< plan_json exactly as stored: its SHA-256 is in the audit record
    QString storedState; //!< open, rejected, pushing, pushed, withdrawn
    QString pushHolder;
    qint64 pushHeartbeatAt = 0;
    std::optional<qint64> pushedAt;
};

//! One approval or rejection.
struct Decision
{
    QString reviewer;
    bool approve = true;
    QString note;
    qint64 at = 0;
    QString dbLogin;
};

//! A proposal's state as of now: decisions, approval count, expiry, staleness.
struct ProposalStatus
{
    //! open, approved, rejected, expired, pushing, pushed, withdrawn, or tampered (the row no
    //! longer matches the proposal's audit record; never pushable)
    QString state;
    int approvals = 0;
    int required = 1;
    QStringList approvedBy, rejectedBy, waitingFor;
    QList<Decision> decisions;
    bool expired = false;
    bool stale = false;
    QStringList changedData; //!< what changed since the proposal (when stale)
    //! How the stored proposal differs from its audit record (plan, proposer, rule, ...), or
    //! why its state cannot be true; empty when it matches.
    QStringList tampering;
    //! Decisions that do not count, each with why (no audit row, wrong login, proposer, ...).
    QStringList ignoredDecisions;
    //! Why a push may not start now; empty when it may.
    QString pushRefusal;
};

//! Saves a proposal (state open) with the data fingerprint and expiry of now; audited.
//! The proposer must be an active moderator or admin.
Result<Proposal> createProposal(store::Database &db, const ProposalDraft &draft, qint64 now);
Result<Proposal> loadProposal(store::Database &db, qint64 id);
Result<QList<Proposal>> listProposals(store::Database &db, std::optional<quint64> guildId = {});
/*!
 * A proposal's state as of now. Nothing stored in the proposals row is trusted on its own (on a
 * team database members may UPDATE it): the row is compared with the proposal's first audit
 * record (plan SHA-256, proposer, approvals rule, times, fingerprint, policy hash), approvals
 * are counted from decisions that have their own audit row and come from the decider's
 * recorded login, and a stored `pushing` needs a push-start on record and the approvals.
 */
Result<ProposalStatus> proposalStatus(store::Database &db, const Proposal &proposal, qint64 now);

//! How `proposal` differs from its first audit record; empty when it matches.
Result<QStringList> auditMismatches(store::Database &db, const Proposal &proposal);

/*!
 * Records an approval or rejection by `reviewer` (an active admin or approver other than the
 * proposer, once per proposal) and returns the new status; audited. A rejection by the
 * proposer withdraws the proposal instead (state withdrawn, audited as "withdraw"), which is
 * allowed until a push starts. Concurrent decisions on
 * one proposal are serialised by a row lock (PostgreSQL) or the write lock (SQLite), so two
 * approvals at once count two. Refused once the proposal is rejected, expired, pushing or
 * pushed.
 */
Result<ProposalStatus> decide(store::Database &db, qint64 proposalId, const QString &reviewer,
                              bool approve, const QString &note, qint64 now);

//! The whole proposal as JSON (plan, roles, policy, window, fingerprint, state).
QJsonObject proposalJson(const Proposal &proposal);

} // namespace gavel::moderation
