#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gavel::store {
class Database;
}

namespace gavel::moderation {

//! A person of the moderation team, kept in the database (table reviewers).
struct Reviewer
{
    QString name;
    QString role; //!< moderator (proposes), admin (proposes, decides, pushes), approver (decides)
    QString dbLogin; //!< when set, this person may act only from this PostgreSQL login
    qint64 addedAt = 0;
    QString addedBy;
    bool active = true;

    bool mayPropose() const { return role == u"moderator" || role == u"admin"; }
    bool mayDecide() const { return role == u"admin" || role == u"approver"; }
    bool mayPush() const { return role == u"admin"; }
};

//! The roles a reviewer may have.
QStringList reviewerRoles();

/*!
 * Adds (or changes the role/login of) a reviewer; audited. While the table is empty anyone may
 * add the first reviewer, who must be an admin; after that `by` must be an active admin.
 */
Result<Reviewer> addReviewer(store::Database &db, const Reviewer &reviewer, const QString &by,
                             qint64 now);
//! Marks a reviewer removed (rows stay: decisions name them); audited; `by` must be an admin.
Result<void> removeReviewer(store::Database &db, const QString &name, const QString &by,
                            qint64 now);
Result<QList<Reviewer>> reviewers(store::Database &db);

/*!
 * The active reviewer `name`, checked to be acting from their own database login (when one is
 * recorded and the database is PostgreSQL). The error says who exists when the name is unknown.
 */
Result<Reviewer> actingReviewer(store::Database &db, const QString &name);

//! Workflow settings (table moderation_settings).
struct Settings
{
    int approvalsRequired = 1; //!< distinct deciders other than the proposer
    bool allApprovers = false; //!< instead: every active approver (DAO-style unanimity)
    int expiryDays = 7;

    //! "1", "2", ... or "all".
    QString approvalsText() const;
};

Result<Settings> settings(store::Database &db);
//! Stores changed settings; audited as kind "settings" with the old and new values. `by` must
//! be an admin.
Result<Settings> changeSettings(store::Database &db, const Settings &settings, const QString &by,
                                qint64 now);
//! Parses "N" (1..100) or "all".
Result<Settings> parseApprovals(Settings settings, const QString &text);

} // namespace gavel::moderation
