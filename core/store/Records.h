#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

//! Plain rows the repository writes and reads. Ids are snowflakes (quint64), times are UTC
//! milliseconds (qint64); std::optional marks what Discord may omit or null. A null QString
//! is stored as SQL NULL, an empty one as ''.
namespace gavel::store {

//! A guild (Discord server).
struct GuildRecord
{
    quint64 id = 0;
    QString name;
    QString icon; //!< icon hash
    std::optional<quint64> ownerId;
    QString source = QStringLiteral("discord"); //!< 'discord', or 'dce'/'sourcecred' for imports
    QString rawJson;                            //!< the last guild object as received
};

//! A Discord user; users are shared by all guilds in the database.
struct UserRecord
{
    quint64 id = 0;
    QString username;
    QString globalName;
    QString discriminator; //!< text: "0" for new usernames, "0042" keeps its zeros
    QString avatar;
    bool bot = false;
    bool system = false;
};

//! A guild member as listed by GET /guilds/{g}/members (the user row is written separately).
struct MemberRecord
{
    quint64 userId = 0;
    QString nick;
    std::optional<qint64> joinedAt;
    std::optional<qint64> premiumSince;
    qint64 flags = 0;
    bool pending = false;
    QList<quint64> roleIds; //!< the member's complete current role set (without @everyone)
};

//! A guild role.
struct RoleRecord
{
    quint64 id = 0;
    QString name;
    qint64 color = 0;
    int position = 0;
    QString permissions = QStringLiteral("0"); //!< decimal bitfield; may exceed 64 bits
    bool managed = false;
    bool hoist = false;
    bool mentionable = false;
};

//! A channel, category, forum or thread (threads are channels with a parent).
struct ChannelRecord
{
    quint64 id = 0;
    std::optional<quint64> parentId;
    int type = 0;
    QString name;
    std::optional<int> position;
    QString topic;
    std::optional<quint64> lastMessageId;
    // Thread fields (thread_metadata and owner); empty for other channels.
    std::optional<quint64> ownerId;
    std::optional<bool> archived;
    std::optional<qint64> archiveTimestamp;
    std::optional<bool> locked;
    std::optional<qint64> messageCount;
    bool readable = true; //!< false when Gavel may not read the channel's history
    QString rawJson;
};

//! A custom emoji of the guild (GET /guilds/{g}/emojis).
struct EmojiRecord
{
    quint64 id = 0;
    QString name;
    bool animated = false;
    bool available = true;
};

//! An emoji as used in reactions; interned once into reaction_emojis.
struct ReactionEmoji
{
    //! Unicode text, or "name:id" for a custom emoji: the text of the reactions endpoint path.
    QString key;
    QString name;                   //!< the unicode text, or the custom emoji's name
    std::optional<quint64> emojiId; //!< custom emoji only
    bool animated = false;

    //! The emoji for a key as it appears in the endpoint path ("name:id" or unicode).
    static ReactionEmoji fromKey(const QString &key);
};

//! A message; its created_at comes from the id.
struct MessageRecord
{
    quint64 id = 0;
    quint64 channelId = 0;
    quint64 authorId = 0;
    int type = 0;
    QString content;
    std::optional<qint64> editedAt;
    std::optional<quint64> replyToMessageId;
    std::optional<quint64> replyToAuthorId;
    std::optional<quint64> webhookId;
    qint64 flags = 0;
    QList<quint64> mentionIds; //!< users mentioned; replaces the stored set
};

//! One user's reaction with one emoji on one message. The message must be stored already;
//! its channel, author and creation time are copied from it into the reaction row.
struct ReactionRecord
{
    quint64 messageId = 0;
    qint64 emoji = 0; //!< from Repository::internEmoji()
    quint64 userId = 0;
    bool burst = false; //!< a super reaction
};

//! The primary key of a reaction.
struct ReactionKey
{
    quint64 messageId = 0;
    qint64 emoji = 0;
    quint64 userId = 0;
    bool burst = false;
};

//! Where a role change was learned from (member_role_history.source).
enum class RoleSource {
    Sync,     //!< a member list differed from the stored role set
    Push,     //!< Gavel applied the change itself
    AuditLog, //!< read from the guild's audit log
    Import,   //!< imported from another tool
};

//! One role added to or removed from a member.
struct RoleChange
{
    quint64 userId = 0;
    quint64 roleId = 0;
    bool added = true;
    std::optional<qint64> at; //!< when it happened, if known
};

//! Resumable progress of one part of a sync (e.g. scope "channel:<id>:backfill").
struct Checkpoint
{
    QString scope;
    QString cursor;
    QString state;
    qint64 updatedAt = 0;
};

//! How a sync run ended (sync_runs.status).
enum class SyncStatus {
    Running,
    Ok,
    Failed,
    Cancelled,
};

//! A row of listGuilds(): what the GUI's guild list shows.
struct GuildSummary
{
    quint64 id = 0;
    QString name;
    QString source;
    std::optional<qint64> lastSyncedAt;
    qint64 members = 0;   //!< current members
    qint64 channels = 0;  //!< channels and threads not deleted
    qint64 messages = 0;  //!< messages not deleted
    qint64 reactions = 0; //!< reactions not removed
};

//! A row of channelStatus(): what `gavel status` prints per channel.
struct ChannelStatus
{
    quint64 id = 0;
    std::optional<quint64> parentId;
    int type = 0;
    QString name;
    bool readable = true;
    bool deleted = false;
    qint64 messages = 0;                 //!< messages not deleted
    qint64 reactions = 0;                //!< reactions not removed
    std::optional<qint64> lastMessageAt; //!< creation time of the newest stored message
    std::optional<qint64> lastSyncedAt;  //!< newest checkpoint of a "channel:<id>:" scope
};

} // namespace gavel::store
