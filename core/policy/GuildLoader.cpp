#include "policy/GuildLoader.h"

#include "common/Snowflake.h"
#include "moderation/Deactivations.h"
#include "store/Database.h"
#include "store/Location.h"
#include "store/Queries.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace gavel::policy {

Result<std::vector<RecordedDeactivation>> recordedDeactivations(store::Database &db,
                                                                quint64 guildId)
{
    // A database opened read-only before the moderation tables (schema 2) existed has recorded
    // none; policies still evaluate on it.
    if (db.schemaVersion() < 2)
        return std::vector<RecordedDeactivation>{};
    auto records = moderation::deactivations(db, guildId);
    if (!records)
        return Error{u"cannot read the recorded deactivations: "_s + records.error().message,
                     records.error().hint};
    std::vector<RecordedDeactivation> out;
    out.reserve(static_cast<std::size_t>(records->size()));
    for (const moderation::DeactivationRecord &r : *records)
        out.push_back({r.userId, r.from, r.until.value_or(NoTime), r.proposalId.value_or(0)});
    return out;
}

Result<CompiledPolicy> compile(const Policy &policy, const history::History &history,
                               store::Database &db, quint64 guildId)
{
    auto recorded = recordedDeactivations(db, guildId);
    if (!recorded)
        return recorded.error();
    return compile(policy, history, *recorded);
}

history::LoadOptions loadOptionsFor(const Policy &policy)
{
    history::LoadOptions o;
    o.content = policy.scoring == Scoring::Karma || policy.scoring == Scoring::Conversation;
    o.removedReactions = policy.countRemovedReactions;
    o.deletedMessages = true;
    return o;
}

Result<LoadedHistory> loadHistory(const QString &dbText, std::optional<quint64> guild,
                                  const QList<const Policy *> &policies)
{
    auto location = store::Location::parse(dbText);
    if (!location)
        return location.error();
    store::OpenOptions open;
    open.readOnly = true;
    open.createIfMissing = false;
    auto db = store::Database::open(*location, open);
    if (!db)
        return db.error();
    auto guilds = store::listGuilds(**db);
    if (!guilds)
        return guilds.error();
    quint64 id = 0;
    if (guild) {
        for (const auto &g : *guilds) {
            if (g.id == *guild)
                id = g.id;
        }
        if (id == 0)
            return Error{
                u"guild %1 is not in %2"_s.arg(snowflake::toString(*guild), location->display()),
                u"Run gavel status --db to list the guilds it holds."_s};
    } else if (guilds->size() == 1) {
        id = guilds->front().id;
    } else if (guilds->isEmpty()) {
        return Error{u"%1 holds no guild"_s.arg(location->display()),
                     u"Sync a guild first: gavel sync --db DB --guild ID."_s};
    } else {
        QStringList names;
        for (const auto &g : *guilds)
            names.append(snowflake::toString(g.id) + u" ("_s + g.name + u')');
        return Error{u"%1 holds %2 guilds"_s.arg(location->display()).arg(guilds->size()),
                     u"Choose one with --guild ID: %1."_s.arg(names.join(u", "_s))};
    }
    history::LoadOptions options;
    options.content = false;
    options.removedReactions = false;
    for (const Policy *p : policies) {
        const history::LoadOptions o = loadOptionsFor(*p);
        options.content = options.content || o.content;
        options.removedReactions = options.removedReactions || o.removedReactions;
    }
    QElapsedTimer timer;
    timer.start();
    auto h = history::History::load(**db, id, options);
    if (!h)
        return h.error();
    auto recorded = recordedDeactivations(**db, id);
    if (!recorded)
        return recorded.error();
    LoadedHistory out;
    out.history = std::make_unique<history::History>(std::move(*h));
    out.deactivations = std::move(*recorded);
    out.loadMs = timer.elapsed();
    return out;
}

Result<qint64> parseTime(const QString &text, const QString &option)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t = QDateTime(t.date(), t.time(), QTimeZone::utc());
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            t = QDateTime(d, QTime(0, 0), QTimeZone::utc());
    }
    if (!t.isValid())
        return Error{u"--%1 expects an ISO 8601 time such as 2026-11-01 or "
                     u"2026-11-01T12:00:00Z, got '%2'"_s.arg(option, text),
                     {}};
    return t.toMSecsSinceEpoch();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

} // namespace gavel::policy
