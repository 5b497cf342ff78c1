#include "Repository.h"

#include "common/Snowflake.h"
#include "store/SqlValue.h"

#include <QMap>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

using namespace Qt::StringLiterals;

namespace gavel::store {

namespace {

// Rows per multi-row statement: one exec per 64 rows instead of per row. Smaller remainders
// use 32, 16, ... 1 rows, so each table has at most seven statement texts.
constexpr int maxBatchRows = 64;

//! The SQL of a multi-row statement: head, then `rows` copies of the row template, then tail.
class BatchSql
{
public:
    BatchSql(QString head, QString row, QString tail)
        : m_head(std::move(head))
        , m_row(std::move(row))
        , m_tail(std::move(tail))
    {}

    const QString &text(int rows) const
    {
        const int slot = std::countr_zero(static_cast<unsigned>(rows));
        QString &text = m_texts[static_cast<size_t>(slot)];
        if (text.isEmpty()) {
            text = m_head;
            for (int i = 0; i < rows; ++i) {
                if (i > 0)
                    text += u", "_s;
                text += m_row;
            }
            text += m_tail;
        }
        return text;
    }

private:
    QString m_head;
    QString m_row;
    QString m_tail;
    mutable std::array<QString, 8> m_texts;
};

//! Runs `sql` over rows [0, count) in chunks; `bind(binder, row)` binds one row's values.
template<typename Bind>
Result<void> insertBatched(Database &db, const BatchSql &sql, qsizetype count, Bind &&bind)
{
    qsizetype row = 0;
    while (row < count) {
        int chunk = maxBatchRows;
        while (chunk > count - row)
            chunk /= 2;
        const Result<void> done = db.execRows(sql.text(chunk), [&](RowBinder &binder) {
            for (int i = 0; i < chunk; ++i)
                bind(binder, row + i);
        });
        if (!done)
            return done;
        row += chunk;
    }
    return {};
}

//! Runs `head` + a list of the ids + `tail`, where `head` ends in "<column> IN ". The whole list
//! is one parameter (a JSON array for SQLite's json_each(), an array for PostgreSQL's ANY()),
//! so the statement text never depends on the list's length and only one value is bound.
template<typename Row>
Result<void> selectIn(Database &db, const QString &head, const QVariantList &leading,
                      const QList<quint64> &ids, const QString &tail, Row &&row)
{
    if (ids.isEmpty())
        return {};
    Q_ASSERT(head.endsWith(u" IN "_s));
    const bool lite = db.backend() == Backend::Sqlite;
    QByteArray list(1, lite ? '[' : '{');
    list.reserve(ids.size() * 20 + 2);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            list += ',';
        list += QByteArray::number(static_cast<qlonglong>(ids.at(i)));
    }
    list += lite ? ']' : '}';
    const QString sql = lite ? head + u"(SELECT value FROM json_each(?))"_s + tail
                             : head.chopped(3) + u"= ANY(CAST(? AS BIGINT[]))"_s + tail;
    QVariantList values = leading;
    values.append(QString::fromLatin1(list));
    return db.forEachRow(sql, values, row);
}

template<typename T, typename KeyFn>
QList<T> lastOfEachKey(const QList<T> &rows, KeyFn key)
{
    // A page may repeat a row (e.g. a message seen twice while paging); the last one wins.
    QHash<decltype(key(rows.first())), qsizetype> index;
    QList<T> unique;
    unique.reserve(rows.size());
    for (const T &row : rows) {
        const auto k = key(row);
        const auto found = index.constFind(k);
        if (found != index.constEnd()) {
            unique[*found] = row;
        } else {
            index.insert(k, unique.size());
            unique.append(row);
        }
    }
    return unique;
}

QString roleSourceName(RoleSource source)
{
    switch (source) {
    case RoleSource::Sync:
        return u"sync"_s;
    case RoleSource::Push:
        return u"push"_s;
    case RoleSource::AuditLog:
        return u"audit-log"_s;
    case RoleSource::Import:
        return u"import"_s;
    }
    return u"sync"_s;
}

QString syncStatusName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Running:
        return u"running"_s;
    case SyncStatus::Ok:
        return u"ok"_s;
    case SyncStatus::Failed:
        return u"failed"_s;
    case SyncStatus::Cancelled:
        return u"cancelled"_s;
    }
    return u"failed"_s;
}

bool sameText(const QString &a, const QString &b)
{
    return a.isNull() == b.isNull() && a == b;
}

bool sameUser(const UserRecord &a, const UserRecord &b)
{
    return sameText(a.username, b.username) && sameText(a.globalName, b.globalName) &&
           sameText(a.discriminator, b.discriminator) && sameText(a.avatar, b.avatar) &&
           a.bot == b.bot && a.system == b.system;
}

struct ReactionKeyHash
{
    size_t operator()(const ReactionKey &k) const
    {
        return qHashMulti(0, k.messageId, k.emoji, k.userId, k.burst);
    }
};

struct ReactionKeyEqual
{
    bool operator()(const ReactionKey &a, const ReactionKey &b) const
    {
        return a.messageId == b.messageId && a.emoji == b.emoji && a.userId == b.userId &&
               a.burst == b.burst;
    }
};

using ReactionKeySet = std::unordered_set<ReactionKey, ReactionKeyHash, ReactionKeyEqual>;

// first_seen_at keeps the earliest observation and last_seen_at the latest, whatever order
// pages are written in.
QString seenColumns(const QString &table)
{
    return u"first_seen_at = CASE WHEN excluded.first_seen_at < %1.first_seen_at "
           u"THEN excluded.first_seen_at ELSE %1.first_seen_at END, "
           u"last_seen_at = CASE WHEN excluded.last_seen_at > %1.last_seen_at "
           u"THEN excluded.last_seen_at ELSE %1.last_seen_at END"_s.arg(table);
}

const BatchSql &usersSql()
{
    static const BatchSql sql(
        u"INSERT INTO users (id, username, global_name, discriminator, avatar, bot, system, "
        u"first_seen_at, last_seen_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        u" ON CONFLICT (id) DO UPDATE SET username = excluded.username, "
        u"global_name = excluded.global_name, discriminator = excluded.discriminator, "
        u"avatar = excluded.avatar, bot = excluded.bot, system = excluded.system, "_s +
            seenColumns(u"users"_s));
    return sql;
}

const BatchSql &rolesSql()
{
    static const BatchSql sql(
        u"INSERT INTO roles (guild_id, id, name, color, position, permissions, managed, hoist, "
        u"mentionable, deleted_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"_s,
        u" ON CONFLICT (guild_id, id) DO UPDATE SET name = excluded.name, "
        u"color = excluded.color, position = excluded.position, "
        u"permissions = excluded.permissions, managed = excluded.managed, "
        u"hoist = excluded.hoist, mentionable = excluded.mentionable, deleted_at = NULL"_s);
    return sql;
}

const BatchSql &emojisSql()
{
    static const BatchSql sql(
        u"INSERT INTO emojis (guild_id, id, name, animated, available, deleted_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, NULL)"_s,
        u" ON CONFLICT (guild_id, id) DO UPDATE SET name = excluded.name, "
        u"animated = excluded.animated, available = excluded.available, deleted_at = NULL"_s);
    return sql;
}

const BatchSql &channelsSql()
{
    static const BatchSql sql(
        u"INSERT INTO channels (id, guild_id, parent_id, type, name, position, topic, "
        u"last_message_id, owner_id, archived, archive_timestamp, locked, message_count, "
        u"readable, deleted_at, raw_json) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)"_s,
        u" ON CONFLICT (id) DO UPDATE SET guild_id = excluded.guild_id, "
        u"parent_id = excluded.parent_id, type = excluded.type, name = excluded.name, "
        u"position = excluded.position, topic = excluded.topic, "
        u"last_message_id = excluded.last_message_id, owner_id = excluded.owner_id, "
        u"archived = excluded.archived, archive_timestamp = excluded.archive_timestamp, "
        u"locked = excluded.locked, message_count = excluded.message_count, "
        u"readable = excluded.readable, deleted_at = NULL, raw_json = excluded.raw_json"_s);
    return sql;
}

const BatchSql &membersSql()
{
    static const BatchSql sql(
        u"INSERT INTO members (guild_id, user_id, nick, joined_at, premium_since, flags, "
        u"pending, is_member, left_at, first_seen_at, last_seen_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?)"_s,
        u" ON CONFLICT (guild_id, user_id) DO UPDATE SET nick = excluded.nick, "
        u"joined_at = excluded.joined_at, premium_since = excluded.premium_since, "
        u"flags = excluded.flags, pending = excluded.pending, is_member = 1, left_at = NULL, "_s +
            seenColumns(u"members"_s));
    return sql;
}

const BatchSql &memberHistorySql()
{
    static const BatchSql sql(
        u"INSERT INTO member_history (guild_id, user_id, event, at, observed_at) VALUES "_s,
        u"(?, ?, ?, ?, ?)"_s, QString());
    return sql;
}

const BatchSql &memberRolesSql()
{
    static const BatchSql sql(u"INSERT INTO member_roles (guild_id, user_id, role_id) VALUES "_s,
                              u"(?, ?, ?)"_s, u" ON CONFLICT DO NOTHING"_s);
    return sql;
}

const BatchSql &roleHistorySql()
{
    static const BatchSql sql(u"INSERT INTO member_role_history (guild_id, user_id, role_id, "
                              u"action, at, observed_at, source) VALUES "_s,
                              u"(?, ?, ?, ?, ?, ?, ?)"_s, QString());
    return sql;
}

const BatchSql &messagesSql()
{
    static const BatchSql sql(
        u"INSERT INTO messages (id, guild_id, channel_id, author_id, type, content, edited_at, "
        u"reply_to_message_id, reply_to_author_id, webhook_id, flags, first_seen_at, "
        u"last_seen_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        u" ON CONFLICT (id) DO UPDATE SET type = excluded.type, content = excluded.content, "
        u"edited_at = excluded.edited_at, reply_to_message_id = excluded.reply_to_message_id, "
        u"reply_to_author_id = excluded.reply_to_author_id, webhook_id = excluded.webhook_id, "
        u"flags = excluded.flags, deleted_at = NULL, "_s +
            seenColumns(u"messages"_s));
    return sql;
}

const BatchSql &mentionsSql()
{
    static const BatchSql sql(u"INSERT INTO message_mentions (message_id, user_id) VALUES "_s,
                              u"(?, ?)"_s, u" ON CONFLICT DO NOTHING"_s);
    return sql;
}

const BatchSql &reactionsSql()
{
    static const BatchSql sql(
        u"INSERT INTO reactions (channel_id, message_id, emoji, user_id, burst, author_id, "
        u"first_seen_at, last_seen_at) VALUES "_s,
        u"(?, ?, ?, ?, ?, ?, ?, ?)"_s,
        u" ON CONFLICT (channel_id, message_id, emoji, user_id, burst) DO UPDATE SET "
        u"removed_at = NULL, "_s +
            seenColumns(u"reactions"_s));
    return sql;
}

//! Marks the guild's live rows of `table` (roles or emojis) whose id is not in `listed` as
//! deleted at `seenAt`: what a full list from Discord no longer holds is gone.
Result<void> markUnlistedDeleted(Database &db, const QString &table, quint64 guildId,
                                 const QSet<quint64> &listed, qint64 seenAt)
{
    QList<quint64> gone;
    const Result<void> read = db.forEachRow(u"SELECT id FROM "_s + table +
                                                u" WHERE guild_id = ? AND deleted_at IS NULL"_s,
                                            {sql::id(guildId)}, [&](const QSqlQuery &row) {
                                                const quint64 id = sql::toId(row.value(0));
                                                if (!listed.contains(id))
                                                    gone.append(id);
                                            });
    if (!read)
        return read;
    const QString update =
        u"UPDATE "_s + table + u" SET deleted_at = ? WHERE guild_id = ? AND id = ?"_s;
    for (const quint64 id : std::as_const(gone)) {
        const Result<QSqlQuery *> marked =
            db.exec(update, {sql::integer(seenAt), sql::id(guildId), sql::id(id)});
        if (!marked)
            return marked.error();
    }
    return {};
}

} // namespace

Repository::Repository(Database &db)
    : m_db(db)
    , m_rollbacksSeen(db.rollbackCount())
{}

void Repository::dropCachesAfterRollback()
{
    if (m_db.rollbackCount() != m_rollbacksSeen) {
        m_rollbacksSeen = m_db.rollbackCount();
        m_emojiIds.clear();
        m_emojisKnown.clear();
        m_usersWritten.clear();
        m_usersKnown.clear();
    }
}

template<typename Work>
Result<void> Repository::write(Work &&work)
{
    dropCachesAfterRollback();
    if (m_db.inTransaction())
        return work();
    const Result<void> done = m_db.transaction(std::forward<Work>(work));
    dropCachesAfterRollback();
    return done;
}

Result<void> Repository::upsertGuild(const GuildRecord &guild)
{
    return write([&]() -> Result<void> {
        const Result<QSqlQuery *> done = m_db.exec(
            u"INSERT INTO guilds (id, name, icon, owner_id, source, raw_json) "
            u"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            u"icon = excluded.icon, owner_id = excluded.owner_id, source = excluded.source, "
            u"raw_json = excluded.raw_json"_s,
            {sql::id(guild.id), guild.name, sql::text(guild.icon), sql::id(guild.ownerId),
             guild.source, sql::text(guild.rawJson)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<void> Repository::upsertUsers(const QList<UserRecord> &users, qint64 seenAt)
{
    return write([&]() -> Result<void> {
        // Most users of a page (authors, reactors) were written moments ago: filter those
        // out before any copying.
        QList<UserRecord> fresh;
        for (const UserRecord &user : users) {
            const auto written = m_usersWritten.constFind(user.id);
            if (written == m_usersWritten.constEnd() || written->second != seenAt ||
                !sameUser(written->first, user))
                fresh.append(user);
        }
        if (fresh.isEmpty())
            return {};
        const QList<UserRecord> changed =
            lastOfEachKey(fresh, [](const UserRecord &u) { return u.id; });
        const Result<void> done =
            insertBatched(m_db, usersSql(), changed.size(), [&](RowBinder &b, qsizetype i) {
                const UserRecord &u = changed.at(i);
                b.id(u.id);
                b.textOrEmpty(u.username);
                b.text(u.globalName);
                b.text(u.discriminator);
                b.text(u.avatar);
                b.flag(u.bot);
                b.flag(u.system);
                b.integer(seenAt);
                b.integer(seenAt);
            });
        if (!done)
            return done;
        for (const UserRecord &user : std::as_const(changed))
            m_usersWritten.insert(user.id, {user, seenAt});
        return {};
    });
}

Result<void> Repository::replaceRoles(quint64 guildId, const QList<RoleRecord> &roles,
                                      qint64 seenAt)
{
    return write([&]() -> Result<void> {
        const QList<RoleRecord> unique =
            lastOfEachKey(roles, [](const RoleRecord &r) { return r.id; });
        QSet<quint64> listed;
        for (const RoleRecord &role : unique)
            listed.insert(role.id);
        const Result<void> done =
            insertBatched(m_db, rolesSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
                const RoleRecord &r = unique.at(i);
                b.id(guildId);
                b.id(r.id);
                b.textOrEmpty(r.name);
                b.integer(r.color);
                b.integer(r.position);
                b.text(r.permissions.isEmpty() ? u"0"_s : r.permissions);
                b.flag(r.managed);
                b.flag(r.hoist);
                b.flag(r.mentionable);
            });
        if (!done)
            return done;
        return markUnlistedDeleted(m_db, u"roles"_s, guildId, listed, seenAt);
    });
}

Result<void> Repository::replaceEmojis(quint64 guildId, const QList<EmojiRecord> &emojis,
                                       qint64 seenAt)
{
    return write([&]() -> Result<void> {
        const QList<EmojiRecord> unique =
            lastOfEachKey(emojis, [](const EmojiRecord &e) { return e.id; });
        QSet<quint64> listed;
        for (const EmojiRecord &emoji : unique)
            listed.insert(emoji.id);
        const Result<void> done =
            insertBatched(m_db, emojisSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
                const EmojiRecord &e = unique.at(i);
                b.id(guildId);
                b.id(e.id);
                b.textOrEmpty(e.name);
                b.flag(e.animated);
                b.flag(e.available);
            });
        if (!done)
            return done;
        return markUnlistedDeleted(m_db, u"emojis"_s, guildId, listed, seenAt);
    });
}

Result<void> Repository::upsertChannels(quint64 guildId, const QList<ChannelRecord> &channels)
{
    return write([&]() -> Result<void> {
        const QList<ChannelRecord> unique =
            lastOfEachKey(channels, [](const ChannelRecord &c) { return c.id; });
        return insertBatched(m_db, channelsSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
            const ChannelRecord &c = unique.at(i);
            b.id(c.id);
            b.id(guildId);
            b.id(c.parentId);
            b.integer(c.type);
            b.text(c.name);
            b.integer(c.position ? std::optional<qint64>(*c.position) : std::nullopt);
            b.text(c.topic);
            b.id(c.lastMessageId);
            b.id(c.ownerId);
            b.flag(c.archived);
            b.integer(c.archiveTimestamp);
            b.flag(c.locked);
            b.integer(c.messageCount);
            b.flag(c.readable);
            b.text(c.rawJson);
        });
    });
}

Result<void> Repository::markChannelsDeleted(const QList<quint64> &channelIds, qint64 at)
{
    return write([&]() -> Result<void> {
        for (const quint64 id : channelIds) {
            const Result<QSqlQuery *> marked = m_db.exec(
                u"UPDATE channels SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
                {sql::integer(at), sql::id(id)});
            if (!marked)
                return marked.error();
        }
        return {};
    });
}

Result<void> Repository::upsertMembers(quint64 guildId, const QList<MemberRecord> &members,
                                       qint64 seenAt)
{
    return write([&]() -> Result<void> {
        const QList<MemberRecord> unique =
            lastOfEachKey(members, [](const MemberRecord &m) { return m.userId; });
        if (unique.isEmpty())
            return {};
        QList<quint64> userIds;
        userIds.reserve(unique.size());
        for (const MemberRecord &member : unique)
            userIds.append(member.userId);

        struct Stored
        {
            bool isMember = false;
            std::optional<qint64> joinedAt;
            QSet<quint64> roles;
        };
        QHash<quint64, Stored> stored;
        Result<void> read = selectIn(
            m_db,
            u"SELECT user_id, is_member, joined_at FROM members WHERE guild_id = ? AND user_id IN "_s,
            {sql::id(guildId)}, userIds, QString(), [&](const QSqlQuery &row) {
                Stored &s = stored[sql::toId(row.value(0))];
                s.isMember = sql::toFlag(row.value(1));
                s.joinedAt = sql::toOptionalInteger(row.value(2));
            });
        if (!read)
            return read;
        read = selectIn(
            m_db, u"SELECT user_id, role_id FROM member_roles WHERE guild_id = ? AND user_id IN "_s,
            {sql::id(guildId)}, userIds, QString(), [&](const QSqlQuery &row) {
                stored[sql::toId(row.value(0))].roles.insert(sql::toId(row.value(1)));
            });
        if (!read)
            return read;

        struct HistoryRow
        {
            quint64 userId;
            QString event;
            std::optional<qint64> at;
        };
        struct RoleRow
        {
            quint64 userId;
            quint64 roleId;
            bool added;
        };
        QList<HistoryRow> history;
        QList<RoleRow> roleChanges;
        for (const MemberRecord &member : unique) {
            const auto found = stored.constFind(member.userId);
            QSet<quint64> before;
            if (found == stored.constEnd()) {
                history.append({member.userId, u"join"_s, member.joinedAt});
            } else if (!found->isMember) {
                history.append({member.userId, u"rejoin"_s, member.joinedAt});
                before = found->roles;
            } else if (member.joinedAt && found->joinedAt && *member.joinedAt != *found->joinedAt) {
                // Left and came back between two observations: the old roles went with the
                // leave, whatever the new set holds.
                history.append({member.userId, u"leave"_s, std::nullopt});
                history.append({member.userId, u"rejoin"_s, member.joinedAt});
                for (const quint64 role : found->roles)
                    roleChanges.append({member.userId, role, false});
            } else {
                before = found->roles;
            }
            QList<quint64> after = member.roleIds;
            std::sort(after.begin(), after.end());
            after.erase(std::unique(after.begin(), after.end()), after.end());
            QList<quint64> removed(before.cbegin(), before.cend());
            std::sort(removed.begin(), removed.end());
            for (const quint64 role : std::as_const(removed)) {
                if (!std::binary_search(after.cbegin(), after.cend(), role))
                    roleChanges.append({member.userId, role, false});
            }
            for (const quint64 role : std::as_const(after)) {
                if (!before.contains(role))
                    roleChanges.append({member.userId, role, true});
            }
        }

        Result<void> done =
            insertBatched(m_db, membersSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
                const MemberRecord &m = unique.at(i);
                b.id(guildId);
                b.id(m.userId);
                b.text(m.nick);
                b.integer(m.joinedAt);
                b.integer(m.premiumSince);
                b.integer(m.flags);
                b.flag(m.pending);
                b.integer(seenAt);
                b.integer(seenAt);
            });
        if (!done)
            return done;
        done =
            insertBatched(m_db, memberHistorySql(), history.size(), [&](RowBinder &b, qsizetype i) {
                const HistoryRow &h = history.at(i);
                b.id(guildId);
                b.id(h.userId);
                b.text(h.event);
                b.integer(h.at);
                b.integer(seenAt);
            });
        if (!done)
            return done;

        QList<RoleRow> adds;
        for (const RoleRow &change : std::as_const(roleChanges)) {
            if (change.added) {
                adds.append(change);
                continue;
            }
            const Result<QSqlQuery *> removed = m_db.exec(
                u"DELETE FROM member_roles WHERE guild_id = ? AND user_id = ? AND role_id = ?"_s,
                {sql::id(guildId), sql::id(change.userId), sql::id(change.roleId)});
            if (!removed)
                return removed.error();
        }
        done = insertBatched(m_db, memberRolesSql(), adds.size(), [&](RowBinder &b, qsizetype i) {
            b.id(guildId);
            b.id(adds.at(i).userId);
            b.id(adds.at(i).roleId);
        });
        if (!done)
            return done;
        const QString source = roleSourceName(RoleSource::Sync);
        return insertBatched(m_db, roleHistorySql(), roleChanges.size(),
                             [&](RowBinder &b, qsizetype i) {
                                 const RoleRow &r = roleChanges.at(i);
                                 b.id(guildId);
                                 b.id(r.userId);
                                 b.id(r.roleId);
                                 b.text(r.added ? u"add"_s : u"remove"_s);
                                 b.null();
                                 b.integer(seenAt);
                                 b.text(source);
                             });
    });
}

Result<void> Repository::removeAllRoles(quint64 guildId, quint64 userId, qint64 observedAt)
{
    QList<quint64> roles;
    const Result<void> read = m_db.forEachRow(
        u"SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ? ORDER BY role_id"_s,
        {sql::id(guildId), sql::id(userId)},
        [&](const QSqlQuery &row) { roles.append(sql::toId(row.value(0))); });
    if (!read)
        return read;
    if (roles.isEmpty())
        return {};
    const Result<QSqlQuery *> removed =
        m_db.exec(u"DELETE FROM member_roles WHERE guild_id = ? AND user_id = ?"_s,
                  {sql::id(guildId), sql::id(userId)});
    if (!removed)
        return removed.error();
    const QString source = roleSourceName(RoleSource::Sync);
    return insertBatched(m_db, roleHistorySql(), roles.size(), [&](RowBinder &b, qsizetype i) {
        b.id(guildId);
        b.id(userId);
        b.id(roles.at(i));
        b.text(u"remove"_s);
        b.null();
        b.integer(observedAt);
        b.text(source);
    });
}

Result<void> Repository::markMembersLeft(quint64 guildId, const QList<quint64> &userIds,
                                         qint64 observedAt)
{
    return write([&]() -> Result<void> {
        QList<quint64> present;
        const Result<void> read = selectIn(
            m_db,
            u"SELECT user_id FROM members WHERE guild_id = ? AND is_member = 1 AND user_id IN "_s,
            {sql::id(guildId)}, userIds, QString(),
            [&](const QSqlQuery &row) { present.append(sql::toId(row.value(0))); });
        if (!read)
            return read;
        std::sort(present.begin(), present.end());
        present.erase(std::unique(present.begin(), present.end()), present.end());
        for (const quint64 userId : std::as_const(present)) {
            const Result<QSqlQuery *> left = m_db.exec(
                u"UPDATE members SET is_member = 0, left_at = ? WHERE guild_id = ? AND user_id = ?"_s,
                {sql::integer(observedAt), sql::id(guildId), sql::id(userId)});
            if (!left)
                return left.error();
            if (const Result<void> removed = removeAllRoles(guildId, userId, observedAt); !removed)
                return removed;
        }
        return insertBatched(m_db, memberHistorySql(), present.size(),
                             [&](RowBinder &b, qsizetype i) {
                                 b.id(guildId);
                                 b.id(present.at(i));
                                 b.text(u"leave"_s);
                                 b.null();
                                 b.integer(observedAt);
                             });
    });
}

Result<int> Repository::sweepMembers(quint64 guildId, qint64 seenBefore, qint64 observedAt)
{
    QList<quint64> gone;
    const Result<void> done = write([&]() -> Result<void> {
        const Result<void> read =
            m_db.forEachRow(u"SELECT user_id FROM members WHERE guild_id = ? AND is_member = 1 "
                            u"AND last_seen_at < ?"_s,
                            {sql::id(guildId), sql::integer(seenBefore)},
                            [&](const QSqlQuery &row) { gone.append(sql::toId(row.value(0))); });
        if (!read)
            return read;
        return markMembersLeft(guildId, gone, observedAt);
    });
    if (!done)
        return done.error();
    return static_cast<int>(gone.size());
}

Result<void> Repository::applyRoleChanges(quint64 guildId, const QList<RoleChange> &changes,
                                          qint64 observedAt, RoleSource source)
{
    return write([&]() -> Result<void> {
        const QString sourceName = roleSourceName(source);
        for (const RoleChange &change : changes) {
            const Result<QSqlQuery *> applied =
                change.added
                    ? m_db.exec(u"INSERT INTO member_roles (guild_id, user_id, role_id) "
                                u"VALUES (?, ?, ?) ON CONFLICT DO NOTHING"_s,
                                {sql::id(guildId), sql::id(change.userId), sql::id(change.roleId)})
                    : m_db.exec(u"DELETE FROM member_roles WHERE guild_id = ? AND user_id = ? "
                                u"AND role_id = ?"_s,
                                {sql::id(guildId), sql::id(change.userId), sql::id(change.roleId)});
            if (!applied)
                return applied.error();
            if ((*applied)->numRowsAffected() <= 0)
                continue;
            const Result<QSqlQuery *> logged =
                m_db.exec(roleHistorySql().text(1),
                          {sql::id(guildId), sql::id(change.userId), sql::id(change.roleId),
                           change.added ? u"add"_s : u"remove"_s, sql::integer(change.at),
                           sql::integer(observedAt), sourceName});
            if (!logged)
                return logged.error();
        }
        return {};
    });
}

Result<qint64> Repository::internEmoji(const ReactionEmoji &emoji)
{
    dropCachesAfterRollback();
    const auto cached = m_emojiIds.constFind(emoji.key);
    if (cached != m_emojiIds.constEnd())
        return *cached;
    if (emoji.key.isEmpty()) {
        return Error{u"Cannot store a reaction emoji without a key."_s,
                     u"This is a bug in Gavel; please report it."_s};
    }
    qint64 id = 0;
    const Result<void> done = write([&]() -> Result<void> {
        const Result<QSqlQuery *> inserted = m_db.exec(
            u"INSERT INTO reaction_emojis (key, name, emoji_id, animated) VALUES (?, ?, ?, ?) "
            u"ON CONFLICT (key) DO NOTHING"_s,
            {emoji.key, emoji.name.isNull() ? emoji.key : emoji.name, sql::id(emoji.emojiId),
             sql::flag(emoji.animated)});
        if (!inserted)
            return inserted.error();
        const Result<QVariant> found =
            m_db.scalar(u"SELECT id FROM reaction_emojis WHERE key = ?"_s, {emoji.key});
        if (!found)
            return found.error();
        id = sql::toInteger(*found);
        return {};
    });
    if (!done)
        return done.error();
    m_emojiIds.insert(emoji.key, id);
    m_emojisKnown.insert(id);
    return id;
}

Result<void> Repository::addChannelStats(const QHash<quint64, qint64> &messages,
                                         const QHash<quint64, qint64> &reactions)
{
    QSet<quint64> channels;
    for (auto it = messages.cbegin(); it != messages.cend(); ++it) {
        if (it.value() != 0)
            channels.insert(it.key());
    }
    for (auto it = reactions.cbegin(); it != reactions.cend(); ++it) {
        if (it.value() != 0)
            channels.insert(it.key());
    }
    for (const quint64 channel : std::as_const(channels)) {
        const Result<QSqlQuery *> added = m_db.exec(
            u"INSERT INTO channel_stats (channel_id, messages, reactions) VALUES (?, ?, ?) "
            u"ON CONFLICT (channel_id) DO UPDATE SET "
            u"messages = channel_stats.messages + excluded.messages, "
            u"reactions = channel_stats.reactions + excluded.reactions"_s,
            {sql::id(channel), sql::integer(messages.value(channel)),
             sql::integer(reactions.value(channel))});
        if (!added)
            return added.error();
    }
    return {};
}

Result<void> Repository::upsertMessages(quint64 guildId, const QList<MessageRecord> &messages,
                                        qint64 seenAt)
{
    return write([&]() -> Result<void> {
        QList<MessageRecord> unique =
            lastOfEachKey(messages, [](const MessageRecord &m) { return m.id; });
        if (unique.isEmpty())
            return {};
        // Id order appends to the B-trees instead of splitting pages in the middle.
        std::sort(unique.begin(), unique.end(),
                  [](const MessageRecord &a, const MessageRecord &b) { return a.id < b.id; });
        QList<quint64> ids;
        ids.reserve(unique.size());
        for (const MessageRecord &message : std::as_const(unique))
            ids.append(message.id);

        QSet<quint64> stored;
        QSet<quint64> live;
        const Result<void> read =
            selectIn(m_db, u"SELECT id, deleted_at FROM messages WHERE id IN "_s, {}, ids,
                     QString(), [&](const QSqlQuery &row) {
                         const quint64 id = sql::toId(row.value(0));
                         stored.insert(id);
                         if (row.value(1).isNull())
                             live.insert(id);
                     });
        if (!read)
            return read;

        Result<void> done =
            insertBatched(m_db, messagesSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
                const MessageRecord &m = unique.at(i);
                b.id(m.id);
                b.id(guildId);
                b.id(m.channelId);
                b.id(m.authorId);
                b.integer(m.type);
                b.textOrEmpty(m.content);
                b.integer(m.editedAt);
                b.id(m.replyToMessageId);
                b.id(m.replyToAuthorId);
                b.id(m.webhookId);
                b.integer(m.flags);
                b.integer(seenAt);
                b.integer(seenAt);
            });
        if (!done)
            return done;

        // Mentions are replaced: an edit can remove them. New messages have none to remove.
        if (!stored.isEmpty()) {
            QList<quint64> known(stored.cbegin(), stored.cend());
            std::sort(known.begin(), known.end());
            done = selectIn(m_db, u"DELETE FROM message_mentions WHERE message_id IN "_s, {}, known,
                            QString(), [](const QSqlQuery &) {});
            if (!done)
                return done;
        }
        QList<std::pair<quint64, quint64>> mentions;
        for (const MessageRecord &m : std::as_const(unique)) {
            QList<quint64> users = m.mentionIds;
            std::sort(users.begin(), users.end());
            users.erase(std::unique(users.begin(), users.end()), users.end());
            for (const quint64 user : std::as_const(users))
                mentions.append({m.id, user});
        }
        done = insertBatched(m_db, mentionsSql(), mentions.size(), [&](RowBinder &b, qsizetype i) {
            b.id(mentions.at(i).first);
            b.id(mentions.at(i).second);
        });
        if (!done)
            return done;

        QHash<quint64, qint64> added;
        for (const MessageRecord &m : std::as_const(unique)) {
            if (!live.contains(m.id))
                ++added[m.channelId];
        }
        return addChannelStats(added, {});
    });
}

Result<void> Repository::markMessagesDeleted(const QList<quint64> &messageIds, qint64 at)
{
    return write([&]() -> Result<void> {
        QList<std::pair<quint64, quint64>> live; // id, channel
        const Result<void> read = selectIn(
            m_db, u"SELECT id, channel_id FROM messages WHERE deleted_at IS NULL AND id IN "_s, {},
            messageIds, QString(), [&](const QSqlQuery &row) {
                live.append({sql::toId(row.value(0)), sql::toId(row.value(1))});
            });
        if (!read)
            return read;
        std::sort(live.begin(), live.end());
        live.erase(std::unique(live.begin(), live.end()), live.end());
        QHash<quint64, qint64> removed;
        for (const auto &[id, channel] : std::as_const(live)) {
            const Result<QSqlQuery *> marked =
                m_db.exec(u"UPDATE messages SET deleted_at = ? WHERE id = ?"_s,
                          {sql::integer(at), sql::id(id)});
            if (!marked)
                return marked.error();
            --removed[channel];
        }
        return addChannelStats(removed, {});
    });
}

Result<int> Repository::sweepMessages(quint64 channelId, quint64 fromId, quint64 toId,
                                      qint64 seenBefore, qint64 at)
{
    QList<quint64> gone;
    const Result<void> done = write([&]() -> Result<void> {
        const Result<void> read = m_db.forEachRow(
            u"SELECT id FROM messages WHERE channel_id = ? AND id >= ? AND id <= ? "
            u"AND deleted_at IS NULL AND last_seen_at < ?"_s,
            {sql::id(channelId), sql::id(fromId), sql::id(toId), sql::integer(seenBefore)},
            [&](const QSqlQuery &row) { gone.append(sql::toId(row.value(0))); });
        if (!read)
            return read;
        return markMessagesDeleted(gone, at);
    });
    if (!done)
        return done.error();
    return static_cast<int>(gone.size());
}

// The reactions table declares no foreign keys (for speed), so each page is checked here:
// emoji and users are mostly known from this repository's own writes, the rest is one query.
Result<void> Repository::checkReactionParents(const QList<ReactionRecord> &reactions)
{
    QList<quint64> unknownUsers;
    QList<quint64> unknownEmojis;
    for (const ReactionRecord &r : reactions) {
        if (!m_usersWritten.contains(r.userId) && !m_usersKnown.contains(r.userId))
            unknownUsers.append(r.userId);
        if (!m_emojisKnown.contains(r.emoji))
            unknownEmojis.append(static_cast<quint64>(r.emoji));
    }
    const auto confirm = [&](QList<quint64> &ids, const QString &sql, auto &known,
                             const QString &what, const QString &hint) -> Result<void> {
        if (ids.isEmpty())
            return {};
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        const Result<void> read =
            selectIn(m_db, sql, {}, ids, QString(), [&](const QSqlQuery &row) {
                known.insert(static_cast<typename std::decay_t<decltype(known)>::key_type>(
                    sql::toInteger(row.value(0))));
            });
        if (!read)
            return read;
        for (const quint64 id : std::as_const(ids)) {
            if (!known.contains(
                    static_cast<typename std::decay_t<decltype(known)>::key_type>(id))) {
                return Error{u"Cannot store a reaction by %1 %2: it is not stored."_s.arg(what).arg(
                                 static_cast<qint64>(id)),
                             hint};
            }
        }
        return {};
    };
    if (const Result<void> users =
            confirm(unknownUsers, u"SELECT id FROM users WHERE id IN "_s, m_usersKnown, u"user"_s,
                    u"This is a bug in Gavel (reactors must be written with upsertUsers() "
                    u"before their reactions); please report it."_s);
        !users)
        return users;
    return confirm(unknownEmojis, u"SELECT id FROM reaction_emojis WHERE id IN "_s, m_emojisKnown,
                   u"emoji"_s,
                   u"This is a bug in Gavel (emoji ids come from internEmoji() in a transaction "
                   u"that committed); please report it."_s);
}

template<typename Fn>
Result<void> Repository::forEachChannel(const QHash<quint64, StoredMessage> &messages,
                                        const QList<quint64> &messageIds, Fn &&fn)
{
    QMap<quint64, QList<quint64>> byChannel;
    for (const quint64 id : messageIds) {
        const auto found = messages.constFind(id);
        if (found != messages.constEnd())
            byChannel[found->channelId].append(id);
    }
    for (auto it = byChannel.cbegin(); it != byChannel.cend(); ++it) {
        if (const Result<void> done = fn(it.key(), it.value()); !done)
            return done;
    }
    return {};
}

Result<QHash<quint64, Repository::StoredMessage>>
Repository::storedMessages(const QList<quint64> &messageIds)
{
    QHash<quint64, StoredMessage> stored;
    const Result<void> read =
        selectIn(m_db, u"SELECT id, channel_id, author_id FROM messages WHERE id IN "_s, {},
                 messageIds, QString(), [&](const QSqlQuery &row) {
                     stored.insert(sql::toId(row.value(0)),
                                   {sql::toId(row.value(1)), sql::toId(row.value(2))});
                 });
    if (!read)
        return read.error();
    return stored;
}

Result<void> Repository::upsertReactions(const QList<ReactionRecord> &reactions, qint64 seenAt)
{
    return write([&]() -> Result<void> {
        QList<ReactionRecord> unique;
        {
            std::unordered_map<ReactionKey, qsizetype, ReactionKeyHash, ReactionKeyEqual> index;
            unique.reserve(reactions.size());
            for (const ReactionRecord &r : reactions) {
                const ReactionKey key{r.messageId, r.emoji, r.userId, r.burst};
                const auto [it, inserted] = index.try_emplace(key, unique.size());
                if (inserted)
                    unique.append(r);
                else
                    unique[it->second] = r;
            }
        }
        if (unique.isEmpty())
            return {};
        QList<quint64> messageIds;
        for (const ReactionRecord &r : std::as_const(unique))
            messageIds.append(r.messageId);
        std::sort(messageIds.begin(), messageIds.end());
        messageIds.erase(std::unique(messageIds.begin(), messageIds.end()), messageIds.end());

        // Channel and author come from the stored message, so the copies in the reaction rows
        // always agree with it.
        const Result<QHash<quint64, StoredMessage>> messages = storedMessages(messageIds);
        if (!messages)
            return messages.error();
        for (const quint64 id : std::as_const(messageIds)) {
            if (!messages->contains(id)) {
                return Error{u"Cannot store reactions on message %1: the message itself is not "
                             u"stored."_s.arg(id),
                             u"This is a bug in Gavel (a page's messages must be written before "
                             u"their reactions); please report it."_s};
            }
        }
        if (const Result<void> known = checkReactionParents(unique); !known)
            return known;
        // Channel order, then key order: appends to the channel's range of the B-tree.
        {
            QList<std::pair<quint64, ReactionRecord>> keyed;
            keyed.reserve(unique.size());
            for (const ReactionRecord &r : std::as_const(unique))
                keyed.append({messages->value(r.messageId).channelId, r});
            std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
                return std::tie(a.first, a.second.messageId, a.second.emoji, a.second.userId,
                                a.second.burst) < std::tie(b.first, b.second.messageId,
                                                           b.second.emoji, b.second.userId,
                                                           b.second.burst);
            });
            for (qsizetype i = 0; i < keyed.size(); ++i)
                unique[i] = keyed.at(i).second;
        }

        ReactionKeySet live;
        const Result<void> read =
            forEachChannel(*messages, messageIds, [&](quint64 channel, const QList<quint64> &ids) {
                return selectIn(m_db,
                                u"SELECT message_id, emoji, user_id, burst FROM reactions "
                                u"WHERE removed_at IS NULL AND channel_id = ? AND message_id IN "_s,
                                {sql::id(channel)}, ids, QString(), [&](const QSqlQuery &row) {
                                    live.insert(ReactionKey{
                                        sql::toId(row.value(0)), sql::toInteger(row.value(1)),
                                        sql::toId(row.value(2)), sql::toFlag(row.value(3))});
                                });
            });
        if (!read)
            return read;

        const Result<void> done =
            insertBatched(m_db, reactionsSql(), unique.size(), [&](RowBinder &b, qsizetype i) {
                const ReactionRecord &r = unique.at(i);
                const StoredMessage message = messages->value(r.messageId);
                b.id(message.channelId);
                b.id(r.messageId);
                b.integer(r.emoji);
                b.id(r.userId);
                b.flag(r.burst);
                b.id(message.authorId);
                b.integer(seenAt);
                b.integer(seenAt);
            });
        if (!done)
            return done;

        QHash<quint64, qint64> added;
        for (const ReactionRecord &r : std::as_const(unique)) {
            if (live.find(ReactionKey{r.messageId, r.emoji, r.userId, r.burst}) == live.end())
                ++added[messages->value(r.messageId).channelId];
        }
        return addChannelStats({}, added);
    });
}

Result<QHash<quint64, qint64>>
Repository::liveReactionsByChannel(const QHash<quint64, StoredMessage> &messages,
                                   const QList<quint64> &messageIds)
{
    QHash<quint64, qint64> counts;
    const Result<void> read =
        forEachChannel(messages, messageIds, [&](quint64 channel, const QList<quint64> &ids) {
            return selectIn(m_db,
                            u"SELECT COUNT(*) FROM reactions WHERE removed_at IS NULL "
                            u"AND channel_id = ? AND message_id IN "_s,
                            {sql::id(channel)}, ids, QString(), [&](const QSqlQuery &row) {
                                counts[channel] += sql::toInteger(row.value(0));
                            });
        });
    if (!read)
        return read.error();
    return counts;
}

Result<void> Repository::markReactionsRemoved(const QList<ReactionKey> &keys, qint64 at)
{
    return write([&]() -> Result<void> {
        QList<quint64> messageIds;
        for (const ReactionKey &key : keys)
            messageIds.append(key.messageId);
        std::sort(messageIds.begin(), messageIds.end());
        messageIds.erase(std::unique(messageIds.begin(), messageIds.end()), messageIds.end());
        const Result<QHash<quint64, StoredMessage>> messages = storedMessages(messageIds);
        if (!messages)
            return messages.error();
        QHash<quint64, qint64> removed;
        for (const ReactionKey &key : keys) {
            const auto message = messages->constFind(key.messageId);
            if (message == messages->constEnd())
                continue; // nothing stored, nothing to mark
            const Result<QSqlQuery *> marked = m_db.exec(
                u"UPDATE reactions SET removed_at = ? WHERE channel_id = ? AND message_id = ? "
                u"AND emoji = ? AND user_id = ? AND burst = ? AND removed_at IS NULL"_s,
                {sql::integer(at), sql::id(message->channelId), sql::id(key.messageId),
                 sql::integer(key.emoji), sql::id(key.userId), sql::flag(key.burst)});
            if (!marked)
                return marked.error();
            removed[message->channelId] -= std::max(0, (*marked)->numRowsAffected());
        }
        return addChannelStats({}, removed);
    });
}

Result<int> Repository::sweepReactions(const QList<quint64> &messageIds, qint64 seenBefore,
                                       qint64 at)
{
    int marked = 0;
    const Result<void> done = write([&]() -> Result<void> {
        QList<quint64> ids = messageIds;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        const Result<QHash<quint64, StoredMessage>> messages = storedMessages(ids);
        if (!messages)
            return messages.error();
        const Result<QHash<quint64, qint64>> before = liveReactionsByChannel(*messages, ids);
        if (!before)
            return before.error();
        const Result<void> swept = forEachChannel(
            *messages, ids, [&](quint64 channel, const QList<quint64> &channelIds) -> Result<void> {
                for (const quint64 id : channelIds) {
                    const Result<QSqlQuery *> update = m_db.exec(
                        u"UPDATE reactions SET removed_at = ? WHERE channel_id = ? "
                        u"AND message_id = ? AND removed_at IS NULL AND last_seen_at < ?"_s,
                        {sql::integer(at), sql::id(channel), sql::id(id),
                         sql::integer(seenBefore)});
                    if (!update)
                        return update.error();
                    marked += std::max(0, (*update)->numRowsAffected());
                }
                return {};
            });
        if (!swept)
            return swept;
        const Result<QHash<quint64, qint64>> after = liveReactionsByChannel(*messages, ids);
        if (!after)
            return after.error();
        QHash<quint64, qint64> delta;
        for (auto it = before->cbegin(); it != before->cend(); ++it)
            delta[it.key()] = after->value(it.key()) - it.value();
        return addChannelStats({}, delta);
    });
    if (!done)
        return done.error();
    return marked;
}

Result<std::optional<Checkpoint>> Repository::checkpoint(quint64 guildId, const QString &scope)
{
    std::optional<Checkpoint> found;
    const Result<void> read =
        m_db.forEachRow(u"SELECT scope, cursor, state, updated_at FROM sync_checkpoints "
                        u"WHERE guild_id = ? AND scope = ?"_s,
                        {sql::id(guildId), scope}, [&](const QSqlQuery &row) {
                            found =
                                Checkpoint{sql::toText(row.value(0)), sql::toText(row.value(1)),
                                           sql::toText(row.value(2)), sql::toInteger(row.value(3))};
                        });
    if (!read)
        return read.error();
    return found;
}

Result<QList<Checkpoint>> Repository::checkpoints(quint64 guildId)
{
    QList<Checkpoint> all;
    const Result<void> read = m_db.forEachRow(
        u"SELECT scope, cursor, state, updated_at FROM sync_checkpoints WHERE guild_id = ?"_s,
        {sql::id(guildId)}, [&](const QSqlQuery &row) {
            all.append(Checkpoint{sql::toText(row.value(0)), sql::toText(row.value(1)),
                                  sql::toText(row.value(2)), sql::toInteger(row.value(3))});
        });
    if (!read)
        return read.error();
    // Sorted here, not in SQL: the backends' text collations differ.
    std::sort(all.begin(), all.end(), [](const Checkpoint &a, const Checkpoint &b) {
        return a.scope.toUtf8() < b.scope.toUtf8();
    });
    return all;
}

Result<void> Repository::setCheckpoint(quint64 guildId, const Checkpoint &checkpoint)
{
    return write([&]() -> Result<void> {
        const Result<QSqlQuery *> done = m_db.exec(
            u"INSERT INTO sync_checkpoints (guild_id, scope, cursor, state, updated_at) "
            u"VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, scope) DO UPDATE SET "
            u"cursor = excluded.cursor, state = excluded.state, updated_at = excluded.updated_at"_s,
            {sql::id(guildId), checkpoint.scope, sql::text(checkpoint.cursor),
             checkpoint.state.isNull() ? u""_s : checkpoint.state,
             sql::integer(checkpoint.updatedAt)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<void> Repository::clearCheckpoints(quint64 guildId)
{
    return write([&]() -> Result<void> {
        const Result<QSqlQuery *> done =
            m_db.exec(u"DELETE FROM sync_checkpoints WHERE guild_id = ?"_s, {sql::id(guildId)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<void> Repository::deleteCheckpoints(quint64 guildId, const QString &scopePrefix)
{
    return write([&]() -> Result<void> {
        // substr, not LIKE: '_' in a prefix would be a wildcard, and both backends have it.
        const Result<QSqlQuery *> done =
            m_db.exec(u"DELETE FROM sync_checkpoints WHERE guild_id = ? AND "
                      u"substr(scope, 1, CAST(? AS INTEGER)) = ?"_s,
                      {sql::id(guildId), qint64(scopePrefix.size()), scopePrefix});
        if (!done)
            return done.error();
        return {};
    });
}

namespace {

Result<QList<SyncRunRecord>> readSyncRuns(Database &db, const QString &where,
                                          const QVariantList &values)
{
    QList<SyncRunRecord> runs;
    const Result<void> read = db.forEachRow(
        u"SELECT id, guild_id, started_at, finished_at, status, stats_json FROM sync_runs "_s +
            where,
        values, [&](const QSqlQuery &row) {
            runs.append(SyncRunRecord{sql::toInteger(row.value(0)), sql::toId(row.value(1)),
                                      sql::toInteger(row.value(2)),
                                      sql::toOptionalInteger(row.value(3)),
                                      sql::toText(row.value(4)), sql::toText(row.value(5))});
        });
    if (!read)
        return read.error();
    return runs;
}

} // namespace

Result<QList<SyncRunRecord>> Repository::runningSyncRuns(quint64 guildId)
{
    return readSyncRuns(m_db, u"WHERE guild_id = ? AND status = 'running' ORDER BY id"_s,
                        {sql::id(guildId)});
}

Result<QList<SyncRunRecord>> Repository::recentSyncRuns(quint64 guildId, int limit)
{
    return readSyncRuns(m_db, u"WHERE guild_id = ? ORDER BY id DESC LIMIT ?"_s,
                        {sql::id(guildId), qint64(limit)});
}

Result<qint64> Repository::startSyncRun(quint64 guildId, qint64 startedAt, const QString &statsJson)
{
    qint64 id = 0;
    const Result<void> done = write([&]() -> Result<void> {
        const Result<QSqlQuery *> inserted =
            m_db.exec(u"INSERT INTO sync_runs (guild_id, started_at, status, stats_json) "
                      u"VALUES (?, ?, 'running', ?) RETURNING id"_s,
                      {sql::id(guildId), sql::integer(startedAt), sql::text(statsJson)});
        if (!inserted)
            return inserted.error();
        QSqlQuery *q = *inserted;
        if (q->next())
            id = sql::toInteger(q->value(0));
        q->finish();
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<void> Repository::finishSyncRun(qint64 runId, SyncStatus status, qint64 finishedAt,
                                       const QString &statsJson)
{
    return write([&]() -> Result<void> {
        const Result<QSqlQuery *> updated = m_db.exec(
            u"UPDATE sync_runs SET finished_at = ?, status = ?, stats_json = ? WHERE id = ?"_s,
            {sql::integer(finishedAt), syncStatusName(status), sql::text(statsJson),
             sql::integer(runId)});
        if (!updated)
            return updated.error();
        if ((*updated)->numRowsAffected() != 1) {
            return Error{u"There is no sync run %1 to finish."_s.arg(runId),
                         u"This is a bug in Gavel; please report it."_s};
        }
        if (status != SyncStatus::Ok)
            return {};
        const Result<QSqlQuery *> synced =
            m_db.exec(u"UPDATE guilds SET last_synced_at = ?, "
                      u"first_synced_at = COALESCE(first_synced_at, ?) "
                      u"WHERE id = (SELECT guild_id FROM sync_runs WHERE id = ?)"_s,
                      {sql::integer(finishedAt), sql::integer(finishedAt), sql::integer(runId)});
        if (!synced)
            return synced.error();
        return {};
    });
}

Result<void> Repository::rebuildChannelStats()
{
    return write([&]() -> Result<void> {
        const QStringList statements = {
            u"DELETE FROM channel_stats"_s,
            u"INSERT INTO channel_stats (channel_id, messages, reactions) "
            u"SELECT c.id, "
            u"(SELECT COUNT(*) FROM messages m WHERE m.channel_id = c.id "
            u"AND m.deleted_at IS NULL), "
            u"(SELECT COUNT(*) FROM reactions r WHERE r.channel_id = c.id "
            u"AND r.removed_at IS NULL) "
            u"FROM channels c"_s,
        };
        for (const QString &statement : statements) {
            if (const Result<QSqlQuery *> done = m_db.exec(statement); !done)
                return done.error();
        }
        return {};
    });
}

} // namespace gavel::store
