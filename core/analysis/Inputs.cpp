#include "Inputs.h"

#include "common/Snowflake.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace gavel::analysis {

Result<quint64> chooseGuild(store::Database &db, std::optional<quint64> requested)
{
    QList<std::pair<quint64, QString>> guilds;
    auto listed =
        db.forEachRow(u"SELECT id, name FROM guilds ORDER BY id"_s, {}, [&](const QSqlQuery &q) {
            guilds.append({store::sql::toId(q.value(0)), store::sql::toText(q.value(1))});
        });
    if (!listed)
        return listed.error();
    if (requested) {
        for (const auto &g : guilds)
            if (g.first == *requested)
                return *requested;
        return Error{u"guild %1 is not in %2"_s.arg(snowflake::toString(*requested),
                                                    db.location().display()),
                     u"sync it first with 'gavel sync', or check --guild"_s};
    }
    if (guilds.isEmpty())
        return Error{u"%1 holds no guild"_s.arg(db.location().display()),
                     u"sync one first with 'gavel sync --db DB --guild ID'"_s};
    if (guilds.size() > 1) {
        QStringList choices;
        for (const auto &g : guilds)
            choices.append(u"%1 (%2)"_s.arg(snowflake::toString(g.first), g.second));
        return Error{u"%1 holds %2 guilds: %3"_s.arg(db.location().display())
                         .arg(guilds.size())
                         .arg(choices.join(u", "_s)),
                     u"choose one with --guild ID"_s};
    }
    return guilds.front().first;
}

Result<qint64> parseTime(const QString &text)
{
    const QString t = text.trimmed();
    QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(t, Qt::ISODate);
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(t, Qt::ISODate);
        if (date.isValid())
            parsed = QDateTime(date, QTime(0, 0), QTimeZone::utc());
    }
    if (!parsed.isValid())
        return Error{u"'%1' is not an ISO 8601 date or time"_s.arg(text),
                     u"use e.g. 2026-01-31 or 2026-01-31T12:00:00Z"_s};
    // A time without a zone is UTC, never the machine's local time.
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeZone(QTimeZone::utc());
    return parsed.toMSecsSinceEpoch();
}

} // namespace gavel::analysis

namespace gavel::analysis {

Result<LoadedGuild> loadGuild(const QString &dbText, std::optional<quint64> guild,
                              const history::LoadOptions &options)
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
    auto id = chooseGuild(**db, guild);
    if (!id)
        return id.error();
    auto history = history::History::load(**db, *id, options);
    if (!history)
        return history.error();
    LoadedGuild loaded;
    loaded.db = std::move(*db);
    loaded.history = std::move(*history);
    return loaded;
}

} // namespace gavel::analysis

#include <QCommandLineParser>
#include <QSaveFile>

namespace gavel::analysis {

Result<WindowArgs> readWindowArgs(const QCommandLineParser &parser)
{
    WindowArgs args;
    if (parser.isSet(u"guild"_s)) {
        const auto id = snowflake::parse(QStringView(parser.value(u"guild"_s)));
        if (!id)
            return Error{u"--guild expects a guild id (a decimal number), got '%1'"_s.arg(
                             parser.value(u"guild"_s)),
                         {}};
        args.guild = *id;
    }
    for (const auto &[name, target] :
         {std::pair<QString, qint64 *>{u"since"_s, &args.since}, {u"until"_s, &args.until}}) {
        if (!parser.isSet(name))
            continue;
        auto t = parseTime(parser.value(name));
        if (!t)
            return Error{u"--%1: %2"_s.arg(name, t.error().message), t.error().hint};
        *target = *t;
    }
    if (args.since != history::NoTime && args.until != history::NoTime && args.since >= args.until)
        return Error{u"--since must be before --until"_s, {}};
    return args;
}

Result<void> writeTextFile(const QString &path, const QString &text)
{
    return writeFile(path, text.toUtf8());
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString()),
                     u"check the folder exists and is writable"_s};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString()),
                     u"check the disk has space; nothing was written"_s};
    return {};
}

} // namespace gavel::analysis
