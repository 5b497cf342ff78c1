#include "Reviewers.h"

#include "AuditLog.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

namespace {

Reviewer readReviewer(const QSqlQuery &q)
{
    Reviewer r;
    r.name = sql::toText(q.value(0));
    r.role = sql::toText(q.value(1));
    r.dbLogin = sql::toText(q.value(2));
    r.addedAt = sql::toInteger(q.value(3));
    r.addedBy = sql::toText(q.value(4));
    r.active = q.value(5).isNull();
    return r;
}

const QString reviewerColumns =
    u"SELECT name, role, db_login, added_at, added_by, removed_at FROM reviewers"_s;

Result<void> requireAdmin(store::Database &db, const QString &by, const QString &what)
{
    auto actor = actingReviewer(db, by);
    if (!actor)
        return actor.error();
    if (actor->role != u"admin")
        return Error{u"%1 is a %2; only an admin may %3"_s.arg(by, actor->role, what),
                     u"Ask an admin of the team to do it."_s};
    return {};
}

} // namespace

QStringList reviewerRoles()
{
    return {u"moderator"_s, u"admin"_s, u"approver"_s};
}

Result<QList<Reviewer>> reviewers(store::Database &db)
{
    QList<Reviewer> list;
    const Result<void> read =
        db.forEachRow(reviewerColumns + u" ORDER BY name"_s, {},
                      [&](const QSqlQuery &q) { list.append(readReviewer(q)); });
    if (!read)
        return read.error();
    return list;
}

Result<Reviewer> actingReviewer(store::Database &db, const QString &name)
{
    std::optional<Reviewer> found;
    const Result<void> read =
        db.forEachRow(reviewerColumns + u" WHERE name = ?"_s, {sql::text(name)},
                      [&](const QSqlQuery &q) { found = readReviewer(q); });
    if (!read)
        return read.error();
    if (!found || !found->active) {
        QStringList names;
        if (auto all = reviewers(db)) {
            for (const Reviewer &r : *all) {
                if (r.active)
                    names.append(u"%1 (%2)"_s.arg(r.name, r.role));
            }
        }
        return Error{
            found ? u"%1 was removed from the reviewers"_s.arg(name)
                  : u"there is no reviewer named '%1' in %2"_s.arg(name, db.location().display()),
            names.isEmpty()
                ? u"Add the team first: gavel reviewers --db DB --add NAME --role admin"_s
                : u"Reviewers: %1."_s.arg(names.join(u", "_s))};
    }
    if (!found->dbLogin.isEmpty() && db.backend() == store::Backend::Postgres) {
        auto login = databaseLogin(db);
        if (!login)
            return login.error();
        if (*login != found->dbLogin)
            return Error{u"%1 acts from the database login '%2', but this connection is '%3'"_s.arg(
                             name, found->dbLogin, *login),
                         u"Connect with your own login: each person's actions are recorded "
                         u"with it."_s};
    }
    return *found;
}

Result<Reviewer> addReviewer(store::Database &db, const Reviewer &reviewer, const QString &by,
                             qint64 now)
{
    if (reviewer.name.trimmed().isEmpty() || reviewer.name != reviewer.name.trimmed())
        return Error{u"a reviewer's name may not be empty or start or end with spaces ('%1')"_s.arg(
                         reviewer.name),
                     {}};
    if (!reviewerRoles().contains(reviewer.role))
        return Error{u"unknown reviewer role '%1'"_s.arg(reviewer.role),
                     u"Use moderator, admin or approver."_s};
    Reviewer stored = reviewer;
    const Result<void> done = db.transaction([&]() -> Result<void> {
        auto active = db.scalar(u"SELECT COUNT(*) FROM reviewers WHERE removed_at IS NULL"_s);
        if (!active)
            return active.error();
        if (sql::toInteger(*active) == 0) {
            if (reviewer.role != u"admin")
                return Error{u"the first reviewer must be an admin (got %1)"_s.arg(reviewer.role),
                             u"Add an admin first; admins add everyone else."_s};
        } else if (const Result<void> admin = requireAdmin(db, by, u"add or change reviewers"_s);
                   !admin) {
            return admin;
        }
        stored.addedAt = now;
        stored.addedBy = by;
        stored.active = true;
        auto written = db.exec(
            u"INSERT INTO reviewers (name, role, db_login, added_at, added_by, removed_at) "
            u"VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
            u"db_login = excluded.db_login, removed_at = NULL"_s,
            {sql::text(stored.name), sql::text(stored.role),
             sql::text(stored.dbLogin.isEmpty() ? QString() : stored.dbLogin), sql::integer(now),
             sql::text(by)});
        if (!written)
            return written.error();
        QJsonObject payload{{u"name"_s, stored.name}, {u"role"_s, stored.role}};
        if (!stored.dbLogin.isEmpty())
            payload.insert(u"db_login"_s, stored.dbLogin);
        auto audited = appendAudit(db, by, u"reviewer-add"_s, std::nullopt, payload, now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    return stored;
}

Result<void> removeReviewer(store::Database &db, const QString &name, const QString &by, qint64 now)
{
    return db.transaction([&]() -> Result<void> {
        if (const Result<void> admin = requireAdmin(db, by, u"remove reviewers"_s); !admin)
            return admin;
        auto changed =
            db.exec(u"UPDATE reviewers SET removed_at = ? WHERE name = ? AND removed_at IS NULL"_s,
                    {sql::integer(now), sql::text(name)});
        if (!changed)
            return changed.error();
        if ((*changed)->numRowsAffected() != 1)
            return Error{u"there is no active reviewer named '%1'"_s.arg(name), {}};
        auto audited = appendAudit(db, by, u"reviewer-remove"_s, std::nullopt,
                                   QJsonObject{{u"name"_s, name}}, now);
        if (!audited)
            return audited.error();
        return {};
    });
}

QString Settings::approvalsText() const
{
    return allApprovers ? u"all"_s : QString::number(approvalsRequired);
}

Result<Settings> parseApprovals(Settings settings, const QString &text)
{
    if (text == u"all") {
        settings.allApprovers = true;
        return settings;
    }
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1 || n > 100)
        return Error{u"approvals must be a number from 1 to 100 or 'all', not '%1'"_s.arg(text),
                     {}};
    settings.allApprovers = false;
    settings.approvalsRequired = n;
    return settings;
}

Result<Settings> settings(store::Database &db)
{
    Settings s;
    QString error;
    const Result<void> read =
        db.forEachRow(u"SELECT key, value FROM moderation_settings"_s, {}, [&](const QSqlQuery &q) {
            const QString key = sql::toText(q.value(0));
            const QString value = sql::toText(q.value(1));
            if (key == u"approvals") {
                auto parsed = parseApprovals(s, value);
                if (parsed)
                    s = *parsed;
                else
                    error = parsed.error().message;
            } else if (key == u"expiry_days") {
                s.expiryDays = value.toInt();
            }
        });
    if (!read)
        return read.error();
    if (!error.isEmpty())
        return Error{
            u"moderation_settings in %1 is damaged: %2"_s.arg(db.location().display(), error),
            u"Set it again with gavel reviewers --approvals."_s};
    return s;
}

Result<Settings> changeSettings(store::Database &db, const Settings &wanted, const QString &by,
                                qint64 now)
{
    if (wanted.expiryDays < 1 || wanted.expiryDays > 365)
        return Error{u"the expiry must be 1 to 365 days, not %1"_s.arg(wanted.expiryDays), {}};
    const Result<void> done = db.transaction([&]() -> Result<void> {
        if (const Result<void> admin = requireAdmin(db, by, u"change the settings"_s); !admin)
            return admin;
        auto old = settings(db);
        if (!old)
            return old.error();
        const QString upsert =
            u"INSERT INTO moderation_settings (key, value, updated_at, updated_by) "
            u"VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
            u"updated_at = excluded.updated_at, updated_by = excluded.updated_by"_s;
        for (const auto &[key, value] :
             {std::pair{u"approvals"_s, wanted.approvalsText()},
              std::pair{u"expiry_days"_s, QString::number(wanted.expiryDays)}}) {
            auto written = db.exec(upsert, {key, value, sql::integer(now), sql::text(by)});
            if (!written)
                return written.error();
        }
        auto audited = appendAudit(
            db, by, u"settings"_s, std::nullopt,
            QJsonObject{{u"approvals"_s, wanted.approvalsText()},
                        {u"expiry_days"_s, wanted.expiryDays},
                        {u"previous"_s, QJsonObject{{u"approvals"_s, old->approvalsText()},
                                                    {u"expiry_days"_s, old->expiryDays}}}},
            now);
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return done.error();
    return wanted;
}

} // namespace gavel::moderation
