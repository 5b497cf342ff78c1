#pragma once

#include "common/Result.h"
#include "moderation/Proposal.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace gavel::store {
class Database;
}
namespace gavel::discord {
class TokenSource;
}

namespace gavel::moderation {

//! How a push runs.
struct PushOptions
{
    QUrl api = QUrl(QStringLiteral("https://discord.com/api/v10"));
    std::shared_ptr<const discord::TokenSource> token;
    //! Read Discord and say what each change would do; change nothing anywhere.
    bool dryRun = false;
    //! Who pushes: an admin's name, recorded in the audit log; empty = "gavel".
    QString actor;
    //! A push whose holder has not written for this long is taken over (other machines).
    qint64 staleHolderMs = 10 * 60 * 1000;
    //! Asked before each change (from the pushing thread): true stops the run there, leaves
    //! the journal as it is and releases the claim, so the next run resumes at once.
    std::function<bool()> stopRequested;
};

//! What happened to one change.
struct ChangeOutcome
{
    Change change;
    //! applied, already, refused, skipped (final); failed (will be retried by the next run);
    //! would-apply (dry run)
    QString outcome;
    QString detail;
    bool fromJournal = false; //!< recorded by an earlier run of this push
};

//! The outcome of one run of a push.
struct PushReport
{
    qint64 proposalId = 0;
    bool resumed = false;  //!< an interrupted push was continued
    bool complete = false; //!< every change has a final outcome; the proposal is pushed
    bool stopped = false;  //!< stopRequested() ended the run early
    int applied = 0, already = 0, refused = 0, skipped = 0, failed = 0;
    //! From the guild audit log after the push: applied changes found with this proposal's
    //! reason, and those not found.
    int confirmed = 0;
    QStringList unconfirmed;
    QList<ChangeOutcome> outcomes;
};

/*!
 * Applies an approved proposal to Discord (docs/moderation.md, "Push").
 *
 * The push claims the proposal (state pushing, with a holder id), reads the bot's member and
 * the guild's roles, then for each change: journals the intent and commits, sends PUT/DELETE
 * /guilds/{g}/members/{u}/roles/{r} with an X-Audit-Log-Reason, and journals the result with
 * an audit row. A run that finds an intent without a result reads the member first and does
 * not send again when the role is already as planned, so no change is applied twice. Roles
 * the proposal does not manage, exempt roles and roles at or above the bot's highest role are
 * never sent. Afterwards the guild audit log is read to confirm the applied changes.
 *
 * Blocking: runs the REST client in local event loops (needs a QCoreApplication).
 */
class Push
{
public:
    Push(store::Database &db, PushOptions options);

    //! `onChange` is called once per change, in plan order, as its outcome is known.
    Result<PushReport> run(qint64 proposalId,
                           const std::function<void(const ChangeOutcome &)> &onChange = {});

    //! "host:pid:nonce", unique per Push object.
    QString holder() const { return m_holder; }

    /*!
     * Marks the proposal as being pushed by `holder`: refused when it may not be pushed (not
     * approved, rejected, expired, stale, pushed) or another live holder is pushing it. Returns
     * true when an interrupted push is resumed. Serialised per proposal, so of two concurrent
     * claims exactly one wins.
     */
    static Result<bool> claim(store::Database &db, qint64 proposalId, const QString &holder,
                              const QString &actor, qint64 now, qint64 staleHolderMs);

private:
    store::Database &m_db;
    PushOptions m_options;
    QString m_holder;
};

} // namespace gavel::moderation
