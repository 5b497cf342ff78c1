#include "imports/DataSource.h"

#include "store/Database.h"
#include "store/Repository.h"
#include "store/SqlValue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace gavel::imports {

namespace {

QString scopeOf(const QString &source)
{
    return u"import:"_s + source;
}

QString labelOf(const QString &source)
{
    if (source == u"dce")
        return u"DiscordChatExporter JSON exports"_s;
    if (source == u"sourcecred")
        return u"SourceCred Discord plugin data"_s;
    if (source == u"discord")
        return u"Discord's API (gavel sync)"_s;
    return source;
}

} // namespace

QString DataSource::text() const
{
    QString t;
    if (!imported) {
        t = u"synced from %1"_s.arg(label);
    } else {
        t = u"imported from %1"_s.arg(label);
        if (importedAt)
            t +=
                u" on "_s +
                QDateTime::fromMSecsSinceEpoch(*importedAt, QTimeZone::utc()).toString(Qt::ISODate);
    }
    for (const QString &m : missing)
        t += u"\nmissing: "_s + m;
    return t;
}

QStringList knownGaps(const QString &source)
{
    if (source == u"dce")
        return {u"reaction times, removals and super reactions: exports list the reactions "
                u"present when they were made, as normal reactions"_s,
                u"role history and members who never posted or were mentioned: exports hold "
                u"messages only"_s};
    if (source == u"sourcecred")
        return {u"reaction times and removals: SourceCred kept the reactions present at its last "
                u"fetch, without times (Gavel's first-seen time is the import time)"_s,
                u"super reactions: SourceCred recorded every reaction as a normal one"_s,
                u"role history and join or leave times: SourceCred kept at most each member's "
                u"current roles"_s};
    return {};
}

Result<DataSource> dataSource(store::Database &db, quint64 guildId)
{
    const Result<QVariant> source =
        db.scalar(u"SELECT source FROM guilds WHERE id = ?"_s, {store::sql::id(guildId)});
    if (!source)
        return source.error();
    if (source->isNull())
        return Error{u"guild %1 is not in this database"_s.arg(guildId),
                     u"run gavel status to list the guilds it holds"_s};
    DataSource ds;
    ds.source = source->toString();
    ds.label = labelOf(ds.source);
    ds.imported = ds.source != u"discord";
    if (!ds.imported)
        return ds;
    store::Repository repo(db);
    const auto recorded = repo.checkpoint(guildId, scopeOf(ds.source));
    if (!recorded)
        return recorded.error();
    ds.missing = knownGaps(ds.source);
    if (*recorded) {
        const QJsonObject state = QJsonDocument::fromJson((*recorded)->state.toUtf8()).object();
        ds.importedAt = (*recorded)->updatedAt;
        for (const QJsonValue &f : state[u"files"_s].toArray())
            ds.files.append(f.toString());
        const QJsonArray missing = state[u"missing"_s].toArray();
        if (!missing.isEmpty()) {
            ds.missing.clear();
            for (const QJsonValue &m : missing)
                ds.missing.append(m.toString());
        }
    }
    return ds;
}

Result<void> recordImport(store::Repository &repo, quint64 guildId, const QString &source,
                          const QStringList &files, const QStringList &missing, qint64 importedAt)
{
    const QJsonObject state{{u"files"_s, QJsonArray::fromStringList(files)},
                            {u"missing"_s, QJsonArray::fromStringList(missing)}};
    store::Checkpoint checkpoint;
    checkpoint.scope = scopeOf(source);
    checkpoint.state = QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact));
    checkpoint.updatedAt = importedAt;
    return repo.setCheckpoint(guildId, checkpoint);
}

} // namespace gavel::imports
