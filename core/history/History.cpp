#include "History.h"

#include "common/Snowflake.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#ifdef GAVEL_HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include <algorithm>
#include <numeric>
#include <tuple>

using namespace Qt::StringLiterals;

namespace gavel::history {

namespace {

namespace sql = store::sql;

// A forward-only prepared query: rows are streamed, never cached, so loading millions of rows
// costs no more memory than the arrays they end up in. On SQLite (when Gavel was built with
// SQLite's headers and the driver runs the same library) rows are read through SQLite's C API:
// Qt's QSQLITE converts every value of every row into a QVariant, which cost more than half of
// the load time of a 5M-reaction guild.
class Stream
{
public:
    Stream(store::Database &db, const QString &text)
        : m_db(db)
        , m_text(text)
        , m_query(db.connection())
    {
        m_query.setForwardOnly(true);
#ifdef GAVEL_HAVE_SQLITE3
        m_native = nativeHandle(db);
#endif
    }
    ~Stream()
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_statement)
            sqlite3_finalize(m_statement);
#endif
    }
    Stream(const Stream &) = delete;
    Stream &operator=(const Stream &) = delete;

    Result<void> run(const QVariantList &values = {})
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native) {
            const QByteArray utf8 = m_text.toUtf8();
            if (sqlite3_prepare_v2(m_native, utf8.constData(), int(utf8.size()), &m_statement,
                                   nullptr) != SQLITE_OK)
                return nativeError();
            int column = 1;
            for (const QVariant &value : values) {
                int rc;
                if (value.typeId() == QMetaType::QString) {
                    const QByteArray bytes = value.toString().toUtf8();
                    rc = sqlite3_bind_text(m_statement, column++, bytes.constData(),
                                           int(bytes.size()), SQLITE_TRANSIENT);
                } else {
                    rc = sqlite3_bind_int64(m_statement, column++, value.toLongLong());
                }
                if (rc != SQLITE_OK)
                    return nativeError();
            }
            return {};
        }
#endif
        if (!m_query.prepare(m_text))
            return m_db.sqlError(m_query.lastError(), m_text);
        for (const QVariant &value : values)
            m_query.addBindValue(value);
        if (!m_query.exec())
            return m_db.sqlError(m_query.lastError(), m_text);
        return {};
    }

    bool next()
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native) {
            m_rc = sqlite3_step(m_statement);
            return m_rc == SQLITE_ROW;
        }
#endif
        return m_query.next();
    }

    bool isNull(int column) const
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native)
            return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
#endif
        return m_query.isNull(column);
    }
    qint64 integer(int column) const
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native)
            return sqlite3_column_int64(m_statement, column);
#endif
        return sql::toInteger(m_query.value(column));
    }
    quint64 id(int column) const
    {
        return static_cast<quint64>(integer(column));
    }
    qint64 time(int column) const
    {
        return isNull(column) ? NoTime : integer(column);
    }
    QString text(int column) const
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native) {
            if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
                return {};
            const auto *bytes =
                reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
            return QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
        }
#endif
        return sql::toText(m_query.value(column));
    }

    //! A read error that ended the stream early is an error, not the end of the rows.
    Result<void> finish()
    {
#ifdef GAVEL_HAVE_SQLITE3
        if (m_native) {
            if (m_rc != SQLITE_DONE && m_rc != SQLITE_ROW && m_rc != SQLITE_OK)
                return nativeError();
            return {};
        }
#endif
        const QSqlError error = m_query.lastError();
        m_query.finish();
        if (error.isValid())
            return m_db.sqlError(error, m_text);
        return {};
    }

private:
#ifdef GAVEL_HAVE_SQLITE3
    static sqlite3 *nativeHandle(store::Database &db)
    {
        if (db.backend() != store::Backend::Sqlite)
            return nullptr;
        const QVariant handle = db.connection().driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            return nullptr;
        sqlite3 *native = *static_cast<sqlite3 *const *>(handle.constData());
        // Only the library that opened the connection may use it (see Database.cpp).
        QSqlQuery version(db.connection());
        if (!native || !version.exec(u"SELECT sqlite_version()"_s) || !version.next() ||
            version.value(0).toString() != QString::fromLatin1(sqlite3_libversion()))
            return nullptr;
        return native;
    }

    Error nativeError() const
    {
        return Error{u"Reading the history from %1 failed: %2"_s.arg(
                         m_db.location().display(), QString::fromUtf8(sqlite3_errmsg(m_native))),
                     u"Check the database with a sync or restore a backup; the statement was: "_s +
                         m_text};
    }

    sqlite3 *m_native = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_rc = SQLITE_OK;
#endif
    store::Database &m_db;
    QString m_text;
    QSqlQuery m_query;
};

// The SQL for "column is one of the ids in one bound parameter" on each backend.
QString idListCondition(store::Backend backend, const QString &column)
{
    return backend == store::Backend::Sqlite ? column + u" IN (SELECT value FROM json_each(?))"_s
                                             : column + u" = ANY(CAST(? AS BIGINT[]))"_s;
}

QVariant idListValue(store::Backend backend, const std::vector<quint64> &ids, size_t from,
                     size_t to)
{
    QString text = backend == store::Backend::Sqlite ? u"["_s : u"{"_s;
    for (size_t i = from; i < to; ++i) {
        if (i > from)
            text += u',';
        text += QString::number(ids[i]);
    }
    text += backend == store::Backend::Sqlite ? u"]"_s : u"}"_s;
    return text;
}

// Snowflake -> index with open addressing: the load looks up a reactor per reaction row and a
// message per reacted message, millions of times; QHash's node lookups cost several times more.
class IdMap
{
public:
    void reserve(size_t n)
    {
        size_t capacity = 16;
        while (capacity < n * 2)
            capacity *= 2;
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_size = 0;
        for (const Slot &slot : old)
            if (slot.index != NoIndex)
                insert(slot.id, slot.index);
    }
    void insert(quint64 id, Index index)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            reserve(std::max<size_t>(16, m_slots.size()));
        size_t i = hash(id);
        while (m_slots[i].index != NoIndex && m_slots[i].id != id)
            i = (i + 1) & m_mask;
        if (m_slots[i].index == NoIndex)
            ++m_size;
        m_slots[i] = {id, index};
    }
    Index value(quint64 id) const
    {
        if (m_slots.empty())
            return NoIndex;
        for (size_t i = hash(id);; i = (i + 1) & m_mask) {
            if (m_slots[i].index == NoIndex)
                return NoIndex;
            if (m_slots[i].id == id)
                return m_slots[i].index;
        }
    }

private:
    struct Slot
    {
        quint64 id = 0;
        Index index = NoIndex;
    };
    size_t hash(quint64 id) const
    {
        // Snowflakes' low bits are a per-process counter: mix before masking.
        return size_t((id * 0x9E3779B97F4A7C15ULL) >> 20) & m_mask;
    }
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

// Users are discovered while streaming (authors and reactors who are not members); their rows
// are read in one pass at the end.
class UserTable
{
public:
    explicit UserTable(History &history)
        : m_history(history)
    {}

    Index add(User user)
    {
        const auto index = static_cast<Index>(m_history.users.size());
        m_index.insert(user.id, index);
        m_history.users.push_back(std::move(user));

        return index;
    }

    Index find(quint64 id)
    {
        if (id == m_lastId)
            return m_lastIndex;
        Index index = m_index.value(id);
        if (index == NoIndex) {
            User user;
            user.id = id;
            user.createdAt = snowflake::toMsecs(id);
            index = add(std::move(user));
            m_missing.push_back(id);
        }
        m_lastId = id;
        m_lastIndex = index;
        return index;
    }

    const std::vector<quint64> &missing() const { return m_missing; }
    Index existing(quint64 id) const { return m_index.value(id); }

private:
    History &m_history;
    IdMap m_index;
    std::vector<quint64> m_missing;
    quint64 m_lastId = 0;
    Index m_lastIndex = NoIndex;
};

struct RoleEvent
{
    Index user;
    Index role;
    bool add;
    bool timeKnown;
    qint64 time; // `at` when known, else when Gavel observed the change
    qint64 seq;  // member_role_history.id: the order of changes observed at the same time
};

} // namespace

QString User::displayName() const
{
    if (!nick.isEmpty())
        return nick;
    if (!globalName.isEmpty())
        return globalName;
    return username;
}

Result<History> History::load(store::Database &db, quint64 guildId, const LoadOptions &options)
{
    History h;
    h.guildId = guildId;
    const store::Backend backend = db.backend();
    const QVariant guild = sql::id(guildId);

    {
        Stream q(db, u"SELECT name FROM guilds WHERE id = ?"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        if (!q.next()) {
            if (auto r = q.finish(); !r)
                return r.error();
            return Error{u"Guild %1 is not in the database %2"_s.arg(snowflake::toString(guildId),
                                                                     db.location().display()),
                         u"Check the guild id, or sync the guild into this database first"_s};
        }
        h.guildName = q.text(0);
        if (auto r = q.finish(); !r)
            return r.error();
    }

    // No `PRAGMA mmap_size`: mapping the file saved little CPU time here, but every page read
    // stayed mapped and counted in the process's resident memory (peak 1.85 GB instead of
    // 0.63 GB loading a 1M-message guild; docs/benchmarks.md).

    // Roles, by id.
    {
        Stream q(db, u"SELECT id, name, position, deleted_at FROM roles WHERE guild_id = ? "
                     u"ORDER BY guild_id, id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        while (q.next()) {
            Role role;
            role.id = q.id(0);
            role.name = q.text(1);
            role.position = static_cast<int>(q.integer(2));
            role.deleted = !q.isNull(3);
            h.roles.push_back(std::move(role));
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }
    for (Index i = 0; i < h.roles.size(); ++i)
        h.m_roleIndex.insert(h.roles[i].id, i);

    // Channels, by id; parents are resolved once all are known (threads may name a parent
    // that sorts after them, or one Gavel never stored).
    std::vector<quint64> parentIds;
    {
        Stream q(db, u"SELECT id, parent_id, type, name FROM channels WHERE guild_id = ? "
                     u"ORDER BY id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        while (q.next()) {
            Channel channel;
            channel.id = q.id(0);
            parentIds.push_back(q.id(1));
            channel.type = static_cast<int>(q.integer(2));
            channel.name = q.text(3);
            h.channels.push_back(std::move(channel));
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }
    for (Index i = 0; i < h.channels.size(); ++i)
        h.m_channelIndex.insert(h.channels[i].id, i);
    for (size_t i = 0; i < h.channels.size(); ++i)
        h.channels[i].parent = parentIds[i] ? h.channelIndex(parentIds[i]) : NoIndex;

    // Reaction emoji are shared by all guilds and few: all of them, by store id.
    QHash<qint64, Index> emojiByStoreId;
    {
        Stream q(db, u"SELECT id, key, name FROM reaction_emojis ORDER BY id"_s);
        if (auto r = q.run(); !r)
            return r.error();
        while (q.next()) {
            Emoji emoji;
            emoji.storeId = q.integer(0);
            emoji.key = q.text(1);
            emoji.name = q.text(2);
            emojiByStoreId.insert(emoji.storeId, static_cast<Index>(h.emojis.size()));
            h.emojis.push_back(std::move(emoji));
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }

    // Members (current and former), by user id. Other users the history refers to are added
    // as they turn up and read at the end.
    UserTable users(h);
    std::vector<qint64> memberFirstSeen; // per user index; NoTime for non-members
    std::vector<qint64> memberLastSeen;
    {
        Stream q(db, u"SELECT u.id, u.username, u.global_name, u.avatar, u.bot, u.system,"
                     u" m.nick, m.joined_at, m.left_at, m.is_member, m.first_seen_at,"
                     u" m.last_seen_at"
                     u" FROM members m JOIN users u ON u.id = m.user_id"
                     u" WHERE m.guild_id = ? ORDER BY m.guild_id, m.user_id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        while (q.next()) {
            User user;
            user.id = q.id(0);
            user.username = q.text(1);
            user.globalName = q.text(2);
            user.avatar = q.text(3);
            user.bot = q.integer(4) != 0 || q.integer(5) != 0;
            user.nick = q.text(6);
            user.joinedAt = q.time(7);
            user.member = q.integer(9) != 0;
            user.leftAt = user.member ? NoTime : q.time(8);
            user.createdAt = snowflake::toMsecs(user.id);
            users.add(std::move(user));
            memberFirstSeen.push_back(q.time(10));
            memberLastSeen.push_back(q.time(11));
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }

    // Messages in id (= time) order.
    {
        QString text = u"SELECT id, channel_id, author_id, reply_to_author_id, webhook_id,"
                       u" deleted_at%1 FROM messages WHERE guild_id = ?%2 ORDER BY id"_s.arg(
                           options.content ? u", content"_s : QString(),
                           options.deletedMessages ? QString() : u" AND deleted_at IS NULL"_s);
        Stream q(db, text);
        if (auto r = q.run({guild}); !r)
            return r.error();
        quint64 lastChannelId = 0;
        Index lastChannel = NoIndex;
        while (q.next()) {
            Message message;
            message.id = q.id(0);
            message.createdAt = snowflake::toMsecs(message.id);
            const quint64 channelId = q.id(1);
            if (channelId != lastChannelId) {
                lastChannelId = channelId;
                lastChannel = h.channelIndex(channelId);
            }
            message.channel = lastChannel;
            message.author = users.find(q.id(2));
            if (!q.isNull(3))
                message.replyToAuthor = users.find(q.id(3));
            message.webhook = !q.isNull(4);
            message.deletedAt = q.time(5);
            if (options.content)
                h.content.push_back(q.text(6));
            h.messages.push_back(message);
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }
    IdMap messageIndex;
    messageIndex.reserve(h.messages.size());
    for (Index i = 0; i < h.messages.size(); ++i)
        messageIndex.insert(h.messages[i].id, i);

    // Mentions, in message order.
    {
        Stream q(db, u"SELECT mm.message_id, mm.user_id FROM message_mentions mm"
                     u" JOIN messages m ON m.id = mm.message_id WHERE m.guild_id = ?"
                     u" ORDER BY mm.message_id, mm.user_id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        quint64 lastId = 0;
        Index last = NoIndex;
        while (q.next()) {
            const quint64 messageId = q.id(0);
            if (messageId != lastId) {
                lastId = messageId;
                last = messageIndex.value(messageId);
                if (last != NoIndex)
                    h.messages[last].firstMention = static_cast<quint32>(h.mentions.size());
            }
            if (last == NoIndex)
                continue; // a deleted message that was not loaded
            h.mentions.push_back(users.find(q.id(1)));
            ++h.messages[last].mentionCount;
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }

    // Reactions, streamed in primary-key order (channel, message, emoji, user, burst): one
    // range per channel and each message's reactions contiguous. They are then laid out in
    // message order by a counting sort on the message index.
    {
        QString text =
            u"SELECT channel_id, message_id, emoji, user_id, burst, first_seen_at, removed_at"
            u" FROM reactions WHERE channel_id IN (SELECT id FROM channels WHERE guild_id = ?)"
            u"%1 ORDER BY channel_id, message_id, emoji, user_id, burst"_s.arg(
                options.removedReactions ? QString() : u" AND removed_at IS NULL"_s);
        std::vector<Reaction> streamed;
        {
            // Live reactions per channel are kept in channel_stats: enough to reserve once.
            Stream count(db, u"SELECT sum(reactions) FROM channel_stats WHERE channel_id IN"
                             u" (SELECT id FROM channels WHERE guild_id = ?)"_s);
            if (auto r = count.run({guild}); !r)
                return r.error();
            if (count.next())
                streamed.reserve(size_t(std::max<qint64>(0, count.integer(0))) * 21 / 20);
            if (auto r = count.finish(); !r)
                return r.error();
        }
        Stream q(db, text);
        if (auto r = q.run({guild}); !r)
            return r.error();
        quint64 lastMessageId = 0;
        Index lastMessage = NoIndex;
        qint64 lastEmojiId = -1;
        Index lastEmoji = NoIndex;
        while (q.next()) {
            const quint64 messageId = q.id(1);
            if (messageId != lastMessageId) {
                lastMessageId = messageId;
                lastMessage = messageIndex.value(messageId);
            }
            if (lastMessage == NoIndex)
                continue; // on a deleted message that was not loaded
            const qint64 emojiId = q.integer(2);
            if (emojiId != lastEmojiId) {
                lastEmojiId = emojiId;
                lastEmoji = emojiByStoreId.value(emojiId, NoIndex);
            }
            const Message &message = h.messages[lastMessage];
            Reaction reaction;
            reaction.reactor = users.find(q.id(3));
            reaction.message = lastMessage;
            reaction.author = message.author;
            reaction.channel = message.channel;
            reaction.emoji = lastEmoji;
            reaction.burst = q.integer(4) != 0;
            reaction.at = message.createdAt;
            reaction.firstSeenAt = q.integer(5);
            reaction.removedAt = q.time(6);
            streamed.push_back(reaction);
        }
        if (auto r = q.finish(); !r)
            return r.error();

        std::vector<quint32> start(h.messages.size() + 1, 0);
        for (const Reaction &reaction : streamed)
            ++start[reaction.message + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        h.reactions.resize(streamed.size());
        std::vector<quint32> next(start.begin(), start.end() - 1);
        for (const Reaction &reaction : streamed)
            h.reactions[next[reaction.message]++] = reaction;
        streamed.clear();
        streamed.shrink_to_fit();
        // Within a message the store orders by user id; user indexes follow member ids first
        // and then discovery order, so each (small) block is sorted by index.
        const auto key = [](const Reaction &r) { return std::tuple(r.emoji, r.reactor, r.burst); };
        for (size_t m = 0; m < h.messages.size(); ++m) {
            auto first = h.reactions.begin() + start[m];
            auto last = h.reactions.begin() + start[m + 1];
            if (last - first > 1 && !std::is_sorted(first, last, [&](const auto &a, const auto &b) {
                    return key(a) < key(b);
                }))
                std::sort(first, last,
                          [&](const auto &a, const auto &b) { return key(a) < key(b); });
        }
    }

    // Role spans: the ordered add/remove history per (member, role), closed by what the
    // member holds now.
    std::vector<RoleEvent> events;
    {
        Stream q(db, u"SELECT user_id, role_id, action, at, observed_at, id"
                     u" FROM member_role_history WHERE guild_id = ?"
                     u" ORDER BY guild_id, user_id, id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        while (q.next()) {
            RoleEvent event;
            event.user = users.find(q.id(0));
            const quint64 roleId = q.id(1);
            event.role = h.roleIndex(roleId);
            if (event.role == NoIndex) {
                // Imported history may name a role deleted before Gavel saw the guild.
                Role role;
                role.id = roleId;
                role.deleted = true;
                event.role = static_cast<Index>(h.roles.size());
                h.m_roleIndex.insert(roleId, event.role);
                h.roles.push_back(std::move(role));
            }
            event.add = q.text(2) == u"add";
            const qint64 at = q.time(3);
            event.timeKnown = at != NoTime;
            event.time = event.timeKnown ? at : q.integer(4);
            event.seq = q.integer(5);
            events.push_back(event);
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }
    std::vector<std::pair<Index, Index>> heldNow;
    {
        Stream q(db, u"SELECT user_id, role_id FROM member_roles WHERE guild_id = ?"
                     u" ORDER BY guild_id, user_id, role_id"_s);
        if (auto r = q.run({guild}); !r)
            return r.error();
        while (q.next()) {
            const Index user = users.find(q.id(0));
            const quint64 roleId = q.id(1);
            Index role = h.roleIndex(roleId);
            if (role == NoIndex) {
                Role placeholder;
                placeholder.id = roleId;
                placeholder.deleted = true;
                role = static_cast<Index>(h.roles.size());
                h.m_roleIndex.insert(roleId, role);
                h.roles.push_back(std::move(placeholder));
            }
            heldNow.emplace_back(user, role);
        }
        if (auto r = q.finish(); !r)
            return r.error();
    }

    // Attributes of the users who are not members of this guild (authors and reactors who
    // left before the first sync, users of mentions), read in batches by id.
    {
        const std::vector<quint64> &missing = users.missing();
        constexpr size_t batch = 5000;
        const QString text = u"SELECT id, username, global_name, avatar, bot, system FROM users"
                             u" WHERE "_s +
                             idListCondition(backend, u"id"_s);
        for (size_t from = 0; from < missing.size(); from += batch) {
            const size_t to = std::min(missing.size(), from + batch);
            Stream q(db, text);
            if (auto r = q.run({idListValue(backend, missing, from, to)}); !r)
                return r.error();
            while (q.next()) {
                const Index index = users.existing(q.id(0));
                if (index == NoIndex)
                    continue;
                User &user = h.users[index];
                user.username = q.text(1);
                user.globalName = q.text(2);
                user.avatar = q.text(3);
                user.bot = q.integer(4) != 0 || q.integer(5) != 0;
            }
            if (auto r = q.finish(); !r)
                return r.error();
        }
    }
    memberFirstSeen.resize(h.users.size(), NoTime);
    memberLastSeen.resize(h.users.size(), NoTime);

    std::sort(events.begin(), events.end(), [](const RoleEvent &a, const RoleEvent &b) {
        return std::tie(a.user, a.role, a.time, a.seq) < std::tie(b.user, b.role, b.time, b.seq);
    });
    std::sort(heldNow.begin(), heldNow.end());
    {
        size_t e = 0;
        size_t n = 0;
        while (e < events.size() || n < heldNow.size()) {
            // The next (user, role) pair in either list.
            std::pair<Index, Index> pair;
            if (e < events.size() && n < heldNow.size())
                pair = std::min(std::pair(events[e].user, events[e].role), heldNow[n]);
            else if (e < events.size())
                pair = {events[e].user, events[e].role};
            else
                pair = heldNow[n];
            const bool held = n < heldNow.size() && heldNow[n] == pair;
            if (held)
                ++n;
            const size_t spansBefore = h.roleSpans.size();
            bool open = false;
            for (;
                 e < events.size() && events[e].user == pair.first && events[e].role == pair.second;
                 ++e) {
                const RoleEvent &event = events[e];
                if (event.add && !open) {
                    RoleSpan span{pair.first, pair.second, event.time, NoTime};
                    // The adds of a member's first observation record roles already held.
                    const qint64 firstSeen = memberFirstSeen[pair.first];
                    if (!event.timeKnown && firstSeen != NoTime && event.time <= firstSeen)
                        span.from = NoTime;
                    h.roleSpans.push_back(span);
                    open = true;
                } else if (!event.add && open) {
                    h.roleSpans.back().until = event.time;
                    open = false;
                } else if (!event.add && h.roleSpans.size() == spansBefore) {
                    // A removal with no add before it: held since before the history starts.
                    h.roleSpans.push_back({pair.first, pair.second, NoTime, event.time});
                }
            }
            if (held && !open) {
                // Held now without an add that is still open.
                const qint64 from =
                    h.roleSpans.size() == spansBefore ? NoTime : h.roleSpans.back().until;
                h.roleSpans.push_back({pair.first, pair.second, from, NoTime});
            } else if (!held && open) {
                // The history says held, the member's current roles say not: it went between
                // the last observation and now.
                const qint64 lastSeen = memberLastSeen[pair.first];
                h.roleSpans.back().until = lastSeen != NoTime ? lastSeen : h.roleSpans.back().from;
            }
        }
    }

    h.reindex();
    return h;
}

bool History::heldRole(Index user, Index role, qint64 at) const
{
    if (user + 1 >= m_firstSpanOfUser.size())
        return false;
    for (quint32 i = m_firstSpanOfUser[user]; i < m_firstSpanOfUser[user + 1]; ++i) {
        const RoleSpan &span = roleSpans[i];
        if (span.role != role)
            continue;
        if ((span.from == NoTime || span.from <= at) && (span.until == NoTime || at < span.until))
            return true;
    }
    return false;
}

QList<Index> History::rolesAt(Index user, qint64 at) const
{
    QList<Index> held;
    if (user + 1 >= m_firstSpanOfUser.size())
        return held;
    for (quint32 i = m_firstSpanOfUser[user]; i < m_firstSpanOfUser[user + 1]; ++i) {
        const RoleSpan &span = roleSpans[i];
        if ((span.from == NoTime || span.from <= at) && (span.until == NoTime || at < span.until) &&
            !held.contains(span.role))
            held.append(span.role);
    }
    return held;
}

QString History::messageLink(Index message) const
{
    if (message >= messages.size())
        return {};
    const Message &m = messages[message];
    const quint64 channel = m.channel < channels.size() ? channels[m.channel].id : 0;
    return u"https://discord.com/channels/%1/%2/%3"_s.arg(
        snowflake::toString(guildId), snowflake::toString(channel), snowflake::toString(m.id));
}

void History::reindex()
{
    m_userIndex.clear();
    m_channelIndex.clear();
    m_roleIndex.clear();
    m_messageIndex.clear();
    m_userIndex.reserve(static_cast<qsizetype>(users.size()));
    for (Index i = 0; i < users.size(); ++i)
        m_userIndex.insert(users[i].id, i);
    for (Index i = 0; i < channels.size(); ++i)
        m_channelIndex.insert(channels[i].id, i);
    for (Index i = 0; i < roles.size(); ++i)
        m_roleIndex.insert(roles[i].id, i);
    m_messageIndex.reserve(static_cast<qsizetype>(messages.size()));
    for (Index i = 0; i < messages.size(); ++i)
        m_messageIndex.insert(messages[i].id, i);

    std::stable_sort(roleSpans.begin(), roleSpans.end(), [](const RoleSpan &a, const RoleSpan &b) {
        return std::tie(a.user, a.role, a.from) < std::tie(b.user, b.role, b.from);
    });
    m_firstSpanOfUser.assign(users.size() + 1, 0);
    for (const RoleSpan &span : roleSpans)
        if (span.user < users.size())
            ++m_firstSpanOfUser[span.user + 1];
    std::partial_sum(m_firstSpanOfUser.begin(), m_firstSpanOfUser.end(), m_firstSpanOfUser.begin());
}

} // namespace gavel::history
