#include "AuditLog.h"

#include "common/JsonString.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace gavel::moderation {

namespace sql = store::sql;

namespace {

// Any constant will do: every Gavel writer of the audit log takes the same one.
constexpr qint64 auditLockKey = 0x6761'7665'6c41'4c47; // "gavelALG"

void appendText(QByteArray &out, const char *key, const QString &value, bool first = false)
{
    if (!first)
        out.push_back(',');
    json::appendQuoted(out, key);
    out.push_back(':');
    if (value.isNull()) {
        out.append("null");
    } else {
        const QByteArray utf8 = value.toUtf8();
        json::appendQuoted(out, std::string_view(utf8.constData(), size_t(utf8.size())));
    }
}

void appendNumber(QByteArray &out, const char *key, std::optional<qint64> value)
{
    out.push_back(',');
    json::appendQuoted(out, key);
    out.push_back(':');
    out.append(value ? QByteArray::number(*value) : QByteArrayLiteral("null"));
}

AuditEntry readEntry(const QSqlQuery &q)
{
    AuditEntry e;
    e.seq = sql::toInteger(q.value(0));
    e.at = sql::toInteger(q.value(1));
    e.actor = sql::toText(q.value(2));
    e.dbLogin = sql::toText(q.value(3));
    e.kind = sql::toText(q.value(4));
    e.proposalId = sql::toOptionalInteger(q.value(5));
    e.payload = sql::toText(q.value(6));
    e.prevHash = sql::toText(q.value(7));
    e.hash = sql::toText(q.value(8));
    return e;
}

const QString selectColumns =
    u"SELECT seq, at, actor, db_login, kind, proposal_id, payload, prev_hash, hash "
    u"FROM audit_log"_s;

} // namespace

QString genesisHash()
{
    return QString(64, u'0');
}

QJsonObject AuditEntry::payloadObject() const
{
    return QJsonDocument::fromJson(payload.toUtf8()).object();
}

QByteArray canonicalAuditRow(const AuditEntry &e)
{
    QByteArray out;
    out.push_back('{');
    appendText(out, "actor", e.actor, true);
    appendNumber(out, "at", e.at);
    appendText(out, "db_login", e.dbLogin);
    appendText(out, "kind", e.kind);
    appendText(out, "payload", e.payload);
    appendNumber(out, "proposal_id", e.proposalId);
    appendNumber(out, "seq", e.seq);
    out.push_back('}');
    return out;
}

QString chainHash(const AuditEntry &entry)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(entry.prevHash.toLatin1());
    hash.addData(canonicalAuditRow(entry));
    return QString::fromLatin1(hash.result().toHex());
}

Result<QString> databaseLogin(store::Database &db)
{
    if (db.backend() == store::Backend::Sqlite)
        return QString();
    auto login = db.scalar(u"SELECT CAST(current_user AS TEXT)"_s);
    if (!login)
        return login.error();
    return login->toString();
}

Result<AuditEntry> appendAudit(store::Database &db, const QString &actor, const QString &kind,
                               std::optional<qint64> proposalId, const QJsonObject &payload,
                               qint64 at)
{
    AuditEntry entry;
    const Result<void> done = db.transaction([&]() -> Result<void> {
        if (db.backend() == store::Backend::Postgres) {
            auto locked = db.scalar(u"SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS l"_s,
                                    {sql::integer(auditLockKey)});
            if (!locked)
                return locked.error();
        }
        auto login = databaseLogin(db);
        if (!login)
            return login.error();
        QSqlQuery *tail = nullptr;
        auto last = db.exec(u"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"_s);
        if (!last)
            return last.error();
        tail = *last;
        entry.seq = 1;
        entry.prevHash = genesisHash();
        if (tail->next()) {
            entry.seq = sql::toInteger(tail->value(0)) + 1;
            entry.prevHash = sql::toText(tail->value(1));
        }
        tail->finish();
        entry.at = at;
        entry.actor = actor;
        entry.dbLogin = *login;
        entry.kind = kind;
        entry.proposalId = proposalId;
        entry.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        entry.hash = chainHash(entry);
        auto inserted = db.exec(
            u"INSERT INTO audit_log (seq, at, actor, db_login, kind, proposal_id, payload, "
            u"prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {sql::integer(entry.seq), sql::integer(entry.at), sql::text(entry.actor),
             sql::text(entry.dbLogin), sql::text(entry.kind), sql::integer(entry.proposalId),
             sql::text(entry.payload), sql::text(entry.prevHash), sql::text(entry.hash)});
        if (!inserted)
            return inserted.error();
        return {};
    });
    if (!done)
        return done.error();
    return entry;
}

Result<QList<AuditEntry>> auditEntries(store::Database &db, std::optional<qint64> proposalId)
{
    QList<AuditEntry> entries;
    const QString sqlText = proposalId ? selectColumns + u" WHERE proposal_id = ? ORDER BY seq"_s
                                       : selectColumns + u" ORDER BY seq"_s;
    const QVariantList values =
        proposalId ? QVariantList{sql::integer(*proposalId)} : QVariantList{};
    const Result<void> read =
        db.forEachRow(sqlText, values, [&](const QSqlQuery &q) { entries.append(readEntry(q)); });
    if (!read)
        return read.error();
    return entries;
}

Result<AuditVerification> verifyAuditLog(store::Database &db,
                                         std::optional<std::pair<qint64, QString>> expectedHead)
{
    AuditVerification report;
    QString previous = genesisHash();
    qint64 expectedSeq = 1;
    bool headSeen = false;
    const auto fail = [&report](qint64 seq, const QString &problem) {
        if (!report.firstBadSeq) {
            report.firstBadSeq = seq;
            report.problem = problem;
        }
    };
    const Result<void> read =
        db.forEachRow(selectColumns + u" ORDER BY seq"_s, {}, [&](const QSqlQuery &q) {
            const AuditEntry e = readEntry(q);
            ++report.rows;
            report.headSeq = e.seq;
            report.headHash = e.hash;
            if (expectedHead && e.seq == expectedHead->first) {
                headSeen = true;
                if (e.hash != expectedHead->second)
                    fail(e.seq, u"row %1 is not the row recorded as the head earlier (hash %2, "
                                u"expected %3)"_s.arg(e.seq)
                                    .arg(e.hash, expectedHead->second));
            }
            if (report.firstBadSeq)
                return;
            if (e.seq != expectedSeq) {
                fail(e.seq,
                     e.seq > expectedSeq
                         ? u"rows %1 to %2 are missing (deleted)"_s.arg(expectedSeq).arg(e.seq - 1)
                         : u"row number %1 is out of sequence (expected %2)"_s.arg(e.seq).arg(
                               expectedSeq));
                return;
            }
            if (e.prevHash != previous) {
                fail(e.seq, u"row %1 does not link to the row before it (prev_hash %2, the "
                            u"previous row's hash is %3): a row was inserted or removed before "
                            u"it"_s.arg(e.seq)
                                .arg(e.prevHash, previous));
                return;
            }
            const QString computed = chainHash(e);
            if (computed != e.hash) {
                fail(e.seq, u"row %1 was changed after it was written (stored hash %2, its "
                            u"content hashes to %3)"_s.arg(e.seq)
                                .arg(e.hash, computed));
                return;
            }
            previous = e.hash;
            ++expectedSeq;
        });
    if (!read)
        return read.error();
    if (expectedHead && !headSeen && !report.firstBadSeq) {
        report.firstBadSeq = expectedHead->first;
        report.problem =
            u"row %1, recorded earlier as the head, is gone"_s.arg(expectedHead->first);
    }
    return report;
}

} // namespace gavel::moderation
