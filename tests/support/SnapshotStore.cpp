#include "SnapshotStore.h"

#include "common/Snowflake.h"
#include "store/Repository.h"
#include "sync/Objects.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace gavel::test {

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

quint64 idOf(const QJsonValue &v)
{
    return sync::idOf(v).value_or(0);
}

//! The reaction emoji of a summary entry's "emoji" object, with its key as in the endpoint.
store::ReactionEmoji reactionEmoji(const QJsonObject &emoji)
{
    store::ReactionEmoji e;
    e.name = emoji.value("name"_L1).toString();
    if (const auto id = sync::idOf(emoji.value("id"_L1))) {
        e.emojiId = *id;
        e.key = e.name + u':' + snowflake::toString(*id);
    } else {
        e.key = e.name;
    }
    e.animated = emoji.value("animated"_L1).toBool();
    return e;
}

class Loader
{
public:
    Loader(const emulator::Snapshot &s, store::Database &db, qint64 seenAt, quint64 bot)
        : m_s(s)
        , m_db(db)
        , m_repo(db)
        , m_seenAt(seenAt)
        , m_bot(bot)
    {}

    Result<void> run();

private:
    Result<void> structure();
    Result<void> members();
    Result<void> channels();
    Result<void> messages(const emulator::Channel &channel);
    bool readable(const emulator::Channel &channel) const
    {
        const quint64 p = m_s.channelPermissions(m_bot, channel);
        return (p & emulator::permission::ViewChannel) &&
               (p & emulator::permission::ReadMessageHistory);
    }
    void addUser(QList<store::UserRecord> &users, const QJsonObject &user) const
    {
        users.append(sync::userRecord(user));
    }

    const emulator::Snapshot &m_s;
    store::Database &m_db;
    store::Repository m_repo;
    qint64 m_seenAt;
    quint64 m_bot;
    QList<const emulator::Channel *> m_readChannels;
};

Result<void> Loader::run()
{
    if (auto r = structure(); !r)
        return r;
    if (auto r = members(); !r)
        return r;
    if (auto r = channels(); !r)
        return r;
    for (const emulator::Channel *c : std::as_const(m_readChannels)) {
        if (auto r = messages(*c); !r)
            return r;
    }
    return {};
}

Result<void> Loader::structure()
{
    return m_db.transaction([&]() -> Result<void> {
        if (auto r = m_repo.upsertGuild(sync::guildRecord(object(m_s.guildJson()))); !r)
            return r;
        QList<store::RoleRecord> roles;
        for (const emulator::Role &role : m_s.roles())
            roles.append(sync::roleRecord(object(role.json)));
        if (auto r = m_repo.replaceRoles(m_s.guildId(), roles, m_seenAt); !r)
            return r;
        QList<store::EmojiRecord> emojis;
        for (const QJsonValue &e : QJsonDocument::fromJson(m_s.emojisJson()).array())
            emojis.append(sync::emojiRecord(e.toObject()));
        return m_repo.replaceEmojis(m_s.guildId(), emojis, m_seenAt);
    });
}

Result<void> Loader::members()
{
    return m_db.transaction([&]() -> Result<void> {
        QList<store::UserRecord> users;
        QList<store::MemberRecord> members;
        for (const emulator::Member &m : m_s.members()) {
            const QJsonObject o = object(m.json);
            addUser(users, o.value("user"_L1).toObject());
            members.append(sync::memberRecord(o));
        }
        if (auto r = m_repo.upsertUsers(users, m_seenAt); !r)
            return r;
        if (auto r = m_repo.upsertMembers(m_s.guildId(), members, m_seenAt); !r)
            return r;
        return m_repo.setCheckpoint(
            m_s.guildId(), store::Checkpoint{u"members"_s, QString(), u"done"_s, m_seenAt});
    });
}

Result<void> Loader::channels()
{
    QList<store::ChannelRecord> records;
    for (const emulator::Channel &c : m_s.channels()) {
        if (c.isThread()) {
            const emulator::Channel *parent = m_s.channel(c.parentId);
            if (!parent)
                continue;
            const quint64 p = m_s.channelPermissions(m_bot, *parent);
            const bool view = p & emulator::permission::ViewChannel;
            const bool history = p & emulator::permission::ReadMessageHistory;
            // Active threads are listed for every parent the bot can see; archived ones only
            // through the archive endpoints, which need Read Message History (and Manage
            // Threads for private threads).
            const bool listed = c.archived
                                    ? (view && history &&
                                       (c.type != 12 || (p & emulator::permission::ManageThreads)))
                                    : view;
            if (!listed)
                continue;
        }
        store::ChannelRecord record = sync::channelRecord(object(c.json));
        record.readable = readable(c);
        records.append(record);
        if (record.readable && sync::hasMessages(c.type))
            m_readChannels.append(&c);
    }
    return m_repo.upsertChannels(m_s.guildId(), records);
}

Result<void> Loader::messages(const emulator::Channel &channel)
{
    const quint64 guildId = m_s.guildId();
    const auto &all = channel.messages; // sorted by id
    constexpr size_t pageSize = 100;
    for (size_t start = 0; start < all.size(); start += pageSize) {
        const size_t end = std::min(all.size(), start + pageSize);
        auto written = m_db.transaction([&]() -> Result<void> {
            QList<store::UserRecord> users;
            QList<store::MessageRecord> messages;
            std::map<QString, store::ReactionEmoji> emojis;
            for (size_t i = start; i < end; ++i) {
                const emulator::Message &m = all[i];
                const QJsonObject o = object(m.json);
                const QJsonObject author = o.value("author"_L1).toObject();
                addUser(users, author);
                store::MessageRecord r;
                r.id = m.id;
                r.channelId = channel.id;
                r.authorId = idOf(author.value("id"_L1));
                r.type = o.value("type"_L1).toInt();
                r.content = o.value("content"_L1).toString();
                if (o.value("edited_timestamp"_L1).isString())
                    r.editedAt = sync::parseTimestamp(
                        QStringView(o.value("edited_timestamp"_L1).toString()));
                if (r.type == 19) {
                    const QJsonObject ref = o.value("message_reference"_L1).toObject();
                    r.replyToMessageId = sync::idOf(ref.value("message_id"_L1));
                    const QJsonObject replied = o.value("referenced_message"_L1).toObject();
                    if (!replied.isEmpty())
                        r.replyToAuthorId =
                            sync::idOf(replied.value("author"_L1).toObject().value("id"_L1));
                }
                r.webhookId = sync::idOf(o.value("webhook_id"_L1));
                r.flags = o.value("flags"_L1).toInteger();
                for (const QJsonValue &u : o.value("mentions"_L1).toArray()) {
                    addUser(users, u.toObject());
                    r.mentionIds.append(idOf(u.toObject().value("id"_L1)));
                }
                messages.append(r);
                for (const QJsonValue &s : o.value("reactions"_L1).toArray()) {
                    const store::ReactionEmoji e =
                        reactionEmoji(s.toObject().value("emoji"_L1).toObject());
                    emojis.emplace(e.key, e);
                }
            }
            QList<store::ReactionRecord> reactions;
            for (size_t i = start; i < end; ++i) {
                const emulator::Message &m = all[i];
                for (const emulator::Reaction &reaction : m.reactions) {
                    const QString key = QString::fromUtf8(m_s.emojiKey(reaction.key));
                    auto it = emojis.find(key);
                    store::ReactionEmoji e =
                        it != emojis.end() ? it->second : store::ReactionEmoji::fromKey(key);
                    auto id = m_repo.internEmoji(e);
                    if (!id)
                        return id.error();
                    for (int burst = 0; burst < 2; ++burst) {
                        for (quint64 user : burst ? reaction.burst : reaction.normal) {
                            if (const QByteArray *json = m_s.user(user))
                                addUser(users, object(*json));
                            reactions.append(store::ReactionRecord{m.id, *id, user, burst == 1});
                        }
                    }
                }
            }
            if (auto r = m_repo.upsertUsers(users, m_seenAt); !r)
                return r;
            if (auto r = m_repo.upsertMessages(guildId, messages, m_seenAt); !r)
                return r;
            return m_repo.upsertReactions(reactions, m_seenAt);
        });
        if (!written)
            return written;
    }
    quint64 cursor = channel.lastMessageId;
    if (!all.empty())
        cursor = std::max(cursor, all.back().id);
    return m_repo.setCheckpoint(
        guildId, store::Checkpoint{u"channel:%1:messages"_s.arg(snowflake::toString(channel.id)),
                                   snowflake::toString(cursor), u"done"_s, m_seenAt});
}

} // namespace

Result<void> loadSnapshotIntoStore(const emulator::Snapshot &snapshot, store::Database &db,
                                   qint64 seenAt, std::optional<quint64> botUserId)
{
    auto bot = snapshot.findBotUser(botUserId);
    if (!bot)
        return bot.error();
    Loader loader(snapshot, db, seenAt, *bot);
    return loader.run();
}

Result<void> loadSnapshotIntoStore(const QString &snapshotPath, store::Database &db, qint64 seenAt,
                                   std::optional<quint64> botUserId)
{
    auto snapshot = emulator::Snapshot::load(snapshotPath);
    if (!snapshot)
        return snapshot.error();
    return loadSnapshotIntoStore(*snapshot, db, seenAt, botUserId);
}

} // namespace gavel::test
