// gavel status: what is stored, per guild and channel, and when it was synced.

#include "Cli.h"
#include "Commands.h"
#include "common/Snowflake.h"
#include "imports/DataSource.h"
#include "store/Database.h"
#include "store/Location.h"
#include "store/Queries.h"
#include "store/Repository.h"
#include "sync/SyncRuns.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QMultiHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString typeName(int type)
{
    switch (type) {
    case 0:
        return u"text"_s;
    case 2:
        return u"voice"_s;
    case 4:
        return u"category"_s;
    case 5:
        return u"announcement"_s;
    case 10:
        return u"announcement-thread"_s;
    case 11:
        return u"thread"_s;
    case 12:
        return u"private-thread"_s;
    case 13:
        return u"stage"_s;
    case 15:
        return u"forum"_s;
    case 16:
        return u"media"_s;
    default:
        return QString::number(type);
    }
}

QString iso(std::optional<qint64> ms)
{
    if (!ms)
        return {};
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

namespace gavel::cli {

int runStatus(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Shows what is stored per guild and channel: messages, reactions, when each channel "
        u"was last synced, and whether the bot may read it."_s);
    parser.addOption({u"db"_s, u"SQLite file or postgresql:// URL."_s, u"DB"_s});
    parser.addOption({u"guild"_s, u"Only this guild."_s, u"ID"_s});
    parser.addOption({u"format"_s, u"csv (default) or text (aligned columns)."_s, u"FORMAT"_s});
    if (auto exit = parse(parser, args, {u"db"_s}))
        return *exit;
    const QString format = parser.isSet(u"format"_s) ? parser.value(u"format"_s) : u"csv"_s;
    if (format != u"csv" && format != u"text") {
        printError(u"status"_s, u"--format wants csv or text, not '%1'"_s.arg(format));
        return ExitUsage;
    }
    std::optional<quint64> only;
    if (parser.isSet(u"guild"_s)) {
        only = snowflake::parse(QStringView(parser.value(u"guild"_s)));
        if (!only) {
            printError(u"status"_s,
                       u"--guild wants a numeric id, not '%1'"_s.arg(parser.value(u"guild"_s)));
            return ExitUsage;
        }
    }
    const auto location = store::Location::parse(parser.value(u"db"_s));
    if (!location) {
        printError(u"status"_s, location.error().text());
        return ExitUsage;
    }
    store::OpenOptions openOptions;
    openOptions.readOnly = true;
    openOptions.createIfMissing = false;
    auto db = store::Database::open(*location, openOptions);
    if (!db) {
        printError(u"status"_s, db.error().text());
        return ExitFailure;
    }
    const auto guilds = store::listGuilds(**db);
    if (!guilds) {
        printError(u"status"_s, guilds.error().text());
        return ExitFailure;
    }

    const QStringList header{
        u"guild_id"_s,       u"guild"_s,    u"channel_id"_s, u"channel"_s,
        u"type"_s,           u"messages"_s, u"reactions"_s,  u"last_message_at"_s,
        u"last_synced_at"_s, u"readable"_s, u"deleted"_s};
    QList<QStringList> rows;
    QStringList notes;
    store::Repository repo(**db);
    for (const store::GuildSummary &g : *guilds) {
        if (only && g.id != *only)
            continue;
        // Runs that did not end by themselves (killed): how the next sync picked them up.
        const auto runNotes = sync::runNotes(repo, g.id);
        if (!runNotes) {
            printError(u"status"_s, runNotes.error().text());
            return ExitFailure;
        }
        for (const QString &note : *runNotes)
            notes.append(u"%1 (%2): %3"_s.arg(g.name, snowflake::toString(g.id), note));
        // Imported data lacks what its source lacks; say so next to the figures.
        const auto source = imports::dataSource(**db, g.id);
        if (!source) {
            printError(u"status"_s, source.error().text());
            return ExitFailure;
        }
        if (source->imported)
            notes.append(u"%1 (%2): %3"_s.arg(g.name, snowflake::toString(g.id), source->text()));
        const auto channels = store::channelStatus(**db, g.id);
        if (!channels) {
            printError(u"status"_s, channels.error().text());
            return ExitFailure;
        }
        // The guild itself as a row of its own: totals and the last completed sync.
        rows.append({snowflake::toString(g.id), g.name, QString(), QString(), u"guild"_s,
                     QString::number(g.messages), QString::number(g.reactions), QString(),
                     iso(g.lastSyncedAt), QString(), QString()});
        // Threads right after their channel (the store orders by position, and threads have
        // none), so a forum's posts read as part of it.
        QList<store::ChannelStatus> ordered;
        QMultiHash<quint64, store::ChannelStatus> threadsOf;
        for (const store::ChannelStatus &c : *channels) {
            const bool thread = c.type == 10 || c.type == 11 || c.type == 12;
            if (thread && c.parentId)
                threadsOf.insert(*c.parentId, c);
        }
        for (const store::ChannelStatus &c : *channels) {
            const bool thread = c.type == 10 || c.type == 11 || c.type == 12;
            if (thread && c.parentId)
                continue;
            ordered.append(c);
            QList<store::ChannelStatus> threads = threadsOf.values(c.id);
            std::sort(threads.begin(), threads.end(),
                      [](const auto &a, const auto &b) { return a.id < b.id; });
            ordered += threads;
            threadsOf.remove(c.id);
        }
        for (auto it = threadsOf.cbegin(); it != threadsOf.cend(); ++it)
            ordered.append(it.value()); // threads whose channel is not stored
        for (const store::ChannelStatus &c : std::as_const(ordered)) {
            rows.append({snowflake::toString(g.id), g.name, snowflake::toString(c.id), c.name,
                         typeName(c.type), QString::number(c.messages),
                         QString::number(c.reactions), iso(c.lastMessageAt), iso(c.lastSyncedAt),
                         c.readable ? u"yes"_s : u"no"_s, c.deleted ? u"yes"_s : u"no"_s});
        }
    }
    if (only && rows.isEmpty()) {
        printError(u"status"_s, u"guild %1 is not in %2; run 'gavel sync --guild %1' first"_s.arg(
                                    snowflake::toString(*only), location->display()));
        return ExitFailure;
    }
    if (format == u"csv") {
        out() << header.join(u',') << '\n';
        for (const QStringList &row : std::as_const(rows)) {
            QStringList fields;
            for (const QString &f : row)
                fields.append(csvCell(f)); // names are the guild's text
            out() << fields.join(u',') << '\n';
        }
    } else {
        QList<qsizetype> widths;
        for (const QString &h : header)
            widths.append(h.size());
        for (const QStringList &row : std::as_const(rows))
            for (qsizetype i = 0; i < row.size(); ++i)
                widths[i] = std::max(widths[i], row[i].size());
        auto print = [&](const QStringList &row) {
            QString line;
            for (qsizetype i = 0; i < row.size(); ++i)
                line += row[i].leftJustified(widths[i]) + u"  "_s;
            out() << line.trimmed() << '\n';
        };
        print(header);
        for (const QStringList &row : std::as_const(rows))
            print(row);
    }
    // The CSV on stdout stays a table; the notes go with it in text form only.
    for (const QString &note : std::as_const(notes)) {
        if (format == u"csv")
            err() << note << '\n';
        else
            out() << note << '\n';
    }
    out().flush();
    err().flush();
    return ExitOk;
}

} // namespace gavel::cli
