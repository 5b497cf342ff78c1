#include "CanonicalDump.h"

#include "store/SqlValue.h"

#include <QBuffer>
#include <QIODevice>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace gavel::store {

namespace {

enum class Kind {
    Integer, //!< decimal; NULL as \N
    Text,    //!< escaped UTF-8; NULL as \N
};

// Messages (and their reactions and mentions) are read in windows of this many messages, so
// that PostgreSQL (whose driver loads whole result sets) never holds a guild's history at once.
constexpr int messageWindow = 5000;

class DumpWriter
{
public:
    explicit DumpWriter(QIODevice &out)
        : m_out(out)
    {}

    void line(const QByteArray &text)
    {
        m_buffer += text;
        m_buffer += '\n';
        flushIfFull();
    }

    void header(const char *table, std::initializer_list<const char *> columns)
    {
        m_buffer += "## ";
        m_buffer += table;
        for (const char *column : columns) {
            m_buffer += '\t';
            m_buffer += column;
        }
        m_buffer += '\n';
    }

    void field(const QVariant &value, Kind kind, bool first)
    {
        if (!first)
            m_buffer += '\t';
        if (value.isNull()) {
            m_buffer += "\\N";
            return;
        }
        if (kind == Kind::Integer) {
            m_buffer += QByteArray::number(static_cast<qlonglong>(sql::toInteger(value)));
            return;
        }
        const QByteArray utf8 = value.toString().toUtf8();
        for (const char c : utf8) {
            switch (c) {
            case '\\':
                m_buffer += "\\\\";
                break;
            case '\t':
                m_buffer += "\\t";
                break;
            case '\n':
                m_buffer += "\\n";
                break;
            case '\r':
                m_buffer += "\\r";
                break;
            default:
                m_buffer += c;
            }
        }
    }

    void row(const QSqlQuery &query, std::initializer_list<Kind> kinds)
    {
        int column = 0;
        for (const Kind kind : kinds) {
            field(query.value(column), kind, column == 0);
            ++column;
        }
        m_buffer += '\n';
        flushIfFull();
    }

    void endRow()
    {
        m_buffer += '\n';
        flushIfFull();
    }

    bool finish()
    {
        const bool ok = m_out.write(m_buffer) == m_buffer.size();
        m_buffer.clear();
        return ok && m_ok;
    }

private:
    void flushIfFull()
    {
        if (m_buffer.size() < (1 << 20))
            return;
        m_ok = m_out.write(m_buffer) == m_buffer.size() && m_ok;
        m_buffer.clear();
    }

    QIODevice &m_out;
    QByteArray m_buffer;
    bool m_ok = true;
};

// Both orders compare UTF-8 bytes, so the two backends sort text keys identically.
QString byteOrder(const Database &db)
{
    return db.backend() == Backend::Sqlite ? u" COLLATE BINARY"_s : u" COLLATE \"C\""_s;
}

} // namespace

Result<void> writeCanonicalDump(Database &db, quint64 guildId, QIODevice &out)
{
    using enum Kind;
    DumpWriter w(out);
    const QVariant guild = sql::id(guildId);
    const QString bytes = byteOrder(db);

    w.line("gavel-canonical-dump 1");
    w.line("guild " + QByteArray::number(guildId));

    auto table = [&](const QString &sql, const QVariantList &values,
                     std::initializer_list<Kind> kinds) {
        return db.forEachRow(sql, values, [&](const QSqlQuery &q) { w.row(q, kinds); });
    };

    w.header("guilds", {"id", "name", "icon", "owner_id", "source", "raw_json"});
    Result<void> done =
        table(u"SELECT id, name, icon, owner_id, source, raw_json FROM guilds WHERE id = ?"_s,
              {guild}, {Integer, Text, Text, Integer, Text, Text});
    if (!done)
        return done;

    w.header("roles", {"id", "name", "color", "position", "permissions", "managed", "hoist",
                       "mentionable", "deleted"});
    done =
        table(u"SELECT id, name, color, position, permissions, managed, hoist, mentionable, "
              u"CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END "
              u"FROM roles WHERE guild_id = ? ORDER BY id"_s,
              {guild}, {Integer, Text, Integer, Integer, Text, Integer, Integer, Integer, Integer});
    if (!done)
        return done;

    w.header("emojis", {"id", "name", "animated", "available", "deleted"});
    done = table(u"SELECT id, name, animated, available, "
                 u"CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END "
                 u"FROM emojis WHERE guild_id = ? ORDER BY id"_s,
                 {guild}, {Integer, Text, Integer, Integer, Integer});
    if (!done)
        return done;

    w.header("channels", {"id", "parent_id", "type", "name", "position", "topic", "last_message_id",
                          "owner_id", "archived", "archive_timestamp", "locked", "message_count",
                          "readable", "deleted", "raw_json"});
    done = table(u"SELECT id, parent_id, type, name, position, topic, last_message_id, owner_id, "
                 u"archived, archive_timestamp, locked, message_count, readable, "
                 u"CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END, raw_json "
                 u"FROM channels WHERE guild_id = ? ORDER BY id"_s,
                 {guild},
                 {Integer, Integer, Integer, Text, Integer, Text, Integer, Integer, Integer,
                  Integer, Integer, Integer, Integer, Integer, Text});
    if (!done)
        return done;

    w.header("users", {"id", "username", "global_name", "discriminator", "avatar", "bot", "system",
                       "created_at"});
    done = table(u"SELECT id, username, global_name, discriminator, avatar, bot, system, "
                 u"created_at FROM users WHERE id IN ("
                 u"SELECT user_id FROM members WHERE guild_id = ? "
                 u"UNION SELECT author_id FROM messages WHERE guild_id = ? "
                 u"UNION SELECT r.user_id FROM reactions r "
                 u"WHERE r.channel_id IN (SELECT id FROM channels WHERE guild_id = ?) "
                 u"UNION SELECT n.user_id FROM message_mentions n "
                 u"JOIN messages m ON m.id = n.message_id WHERE m.guild_id = ? "
                 u"UNION SELECT user_id FROM member_history WHERE guild_id = ? "
                 u"UNION SELECT user_id FROM member_role_history WHERE guild_id = ?) "
                 u"ORDER BY id"_s,
                 {guild, guild, guild, guild, guild, guild},
                 {Integer, Text, Text, Text, Text, Integer, Integer, Integer});
    if (!done)
        return done;

    w.header("members",
             {"user_id", "nick", "joined_at", "premium_since", "flags", "pending", "is_member"});
    done = table(u"SELECT user_id, nick, joined_at, premium_since, flags, pending, is_member "
                 u"FROM members WHERE guild_id = ? ORDER BY user_id"_s,
                 {guild}, {Integer, Text, Integer, Integer, Integer, Integer, Integer});
    if (!done)
        return done;

    w.header("member_roles", {"user_id", "role_id"});
    done = table(u"SELECT user_id, role_id FROM member_roles WHERE guild_id = ? "
                 u"ORDER BY user_id, role_id"_s,
                 {guild}, {Integer, Integer});
    if (!done)
        return done;

    // History rows are numbered per member (and role) in the order they were written, which
    // is the order events were observed; the surrogate id itself depends on interleaving.
    w.header("member_history", {"user_id", "seq", "event", "at"});
    {
        quint64 user = 0;
        qint64 seq = 0;
        done = db.forEachRow(u"SELECT user_id, event, at FROM member_history WHERE guild_id = ? "
                             u"ORDER BY user_id, id"_s,
                             {guild}, [&](const QSqlQuery &q) {
                                 const quint64 current = sql::toId(q.value(0));
                                 seq = current == user ? seq + 1 : 1;
                                 user = current;
                                 w.field(q.value(0), Integer, true);
                                 w.field(sql::integer(seq), Integer, false);
                                 w.field(q.value(1), Text, false);
                                 w.field(q.value(2), Integer, false);
                                 w.endRow();
                             });
        if (!done)
            return done;
    }

    w.header("member_role_history", {"user_id", "role_id", "seq", "action", "at", "source"});
    {
        std::pair<quint64, quint64> key{0, 0};
        qint64 seq = 0;
        done =
            db.forEachRow(u"SELECT user_id, role_id, action, at, source FROM member_role_history "
                          u"WHERE guild_id = ? ORDER BY user_id, role_id, id"_s,
                          {guild}, [&](const QSqlQuery &q) {
                              const std::pair current{sql::toId(q.value(0)), sql::toId(q.value(1))};
                              seq = current == key ? seq + 1 : 1;
                              key = current;
                              w.field(q.value(0), Integer, true);
                              w.field(q.value(1), Integer, false);
                              w.field(sql::integer(seq), Integer, false);
                              w.field(q.value(2), Text, false);
                              w.field(q.value(3), Integer, false);
                              w.field(q.value(4), Text, false);
                              w.endRow();
                          });
        if (!done)
            return done;
    }

    w.header("reaction_emojis", {"key", "name", "emoji_id", "animated"});
    done = table(u"SELECT e.key, e.name, e.emoji_id, e.animated FROM reaction_emojis e "
                 u"WHERE e.id IN (SELECT r.emoji FROM reactions r "
                 u"WHERE r.channel_id IN (SELECT id FROM channels WHERE guild_id = ?)) "
                 u"ORDER BY e.key"_s +
                     bytes,
                 {guild}, {Text, Text, Integer, Integer});
    if (!done)
        return done;

    // Messages in windows of ids; the same windows then serve mentions and reactions.
    w.header("messages",
             {"id", "channel_id", "author_id", "type", "content", "created_at", "edited_at",
              "reply_to_message_id", "reply_to_author_id", "webhook_id", "flags", "deleted"});
    QList<std::pair<qint64, qint64>> windows;
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        int rows = 0;
        qint64 first = 0;
        qint64 last = 0;
        done = db.forEachRow(
            u"SELECT id, channel_id, author_id, type, content, created_at, edited_at, "
            u"reply_to_message_id, reply_to_author_id, webhook_id, flags, "
            u"CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END "
            u"FROM messages WHERE guild_id = ? AND id > ? ORDER BY id LIMIT %1"_s.arg(
                messageWindow),
            {guild, sql::integer(after)}, [&](const QSqlQuery &q) {
                last = sql::toInteger(q.value(0));
                if (rows++ == 0)
                    first = last;
                w.row(q, {Integer, Integer, Integer, Integer, Text, Integer, Integer, Integer,
                          Integer, Integer, Integer, Integer});
            });
        if (!done)
            return done;
        if (rows == 0)
            break;
        windows.append({first, last});
        after = last;
        if (rows < messageWindow)
            break;
    }

    w.header("message_mentions", {"message_id", "user_id"});
    for (const auto &[first, last] : std::as_const(windows)) {
        done = table(u"SELECT n.message_id, n.user_id FROM message_mentions n "
                     u"JOIN messages m ON m.id = n.message_id WHERE m.guild_id = ? "
                     u"AND n.message_id >= ? AND n.message_id <= ? "
                     u"ORDER BY n.message_id, n.user_id"_s,
                     {guild, sql::integer(first), sql::integer(last)}, {Integer, Integer});
        if (!done)
            return done;
    }

    w.header("reactions", {"message_id", "emoji", "user_id", "burst", "channel_id", "author_id",
                           "message_created_at", "removed"});
    for (const auto &[first, last] : std::as_const(windows)) {
        done = table(u"SELECT r.message_id, e.key, r.user_id, r.burst, r.channel_id, r.author_id, "
                     u"r.message_created_at, CASE WHEN r.removed_at IS NULL THEN 0 ELSE 1 END "
                     u"FROM reactions r JOIN reaction_emojis e ON e.id = r.emoji "
                     u"WHERE r.channel_id IN (SELECT id FROM channels WHERE guild_id = ?) "
                     u"AND r.message_id >= ? AND r.message_id <= ? "
                     u"ORDER BY r.message_id, e.key"_s +
                         bytes + u", r.user_id, r.burst"_s,
                     {guild, sql::integer(first), sql::integer(last)},
                     {Integer, Text, Integer, Integer, Integer, Integer, Integer, Integer});
        if (!done)
            return done;
    }

    w.header("sync_checkpoints", {"scope", "cursor", "state"});
    done = table(u"SELECT scope, cursor, state FROM sync_checkpoints WHERE guild_id = ? "
                 u"ORDER BY scope"_s +
                     bytes,
                 {guild}, {Text, Text, Text});
    if (!done)
        return done;

    if (!w.finish()) {
        return Error{u"Could not write the canonical dump of guild %1: %2."_s.arg(guildId).arg(
                         out.errorString()),
                     u"Check that the output location is writable and has free space."_s};
    }
    return {};
}

Result<QByteArray> canonicalDump(Database &db, quint64 guildId)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const Result<void> done = writeCanonicalDump(db, guildId, buffer);
    if (!done)
        return done.error();
    return bytes;
}

} // namespace gavel::store
