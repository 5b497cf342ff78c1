#pragma once

#include "common/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <limits>
#include <vector>

namespace gavel::store {
class Database;
}

//! A guild's history as compact in-memory arrays, loaded once from the store and shared (read
//! only) by the policy and analysis code. Every entity has a dense index (quint32) so that
//! algorithms work on plain vectors instead of hash maps of snowflakes; the snowflake of an
//! index is in the entity's `id` field. Times are UTC ms.
namespace gavel::history {

using Index = quint32;
inline constexpr Index NoIndex = std::numeric_limits<Index>::max();
inline constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

//! A user who is or was a member, authored a message or reacted.
struct User
{
    quint64 id = 0;
    QString username;
    QString globalName;
    QString nick;                //!< guild nickname, if a member
    qint64 createdAt = 0;        //!< from the snowflake
    qint64 joinedAt = NoTime;    //!< current membership's joined_at, if known
    qint64 leftAt = NoTime;      //!< when Gavel noticed the member had left
    bool bot = false;            //!< bots and system users never count (R1)
    bool member = false;         //!< currently a member
    QString avatar;
    //! The name a moderator recognises: nick, else global name, else username.
    QString displayName() const;
};

//! A channel, category, forum or thread.
struct Channel
{
    quint64 id = 0;
    Index parent = NoIndex; //!< category of a channel, channel of a thread
    int type = 0;
    QString name;
};

//! A reaction emoji as interned by the store (reaction_emojis).
struct Emoji
{
    qint64 storeId = 0; //!< reaction_emojis.id
    QString key;        //!< unicode text or "name:id"
    QString name;       //!< unicode text or the custom emoji's name
};

//! A guild role.
struct Role
{
    quint64 id = 0;
    QString name;
    int position = 0;
    bool deleted = false;
};

//! A message. Messages are sorted by id (= creation time).
struct Message
{
    quint64 id = 0;
    qint64 createdAt = 0;
    Index author = NoIndex;
    Index channel = NoIndex;
    Index replyToAuthor = NoIndex; //!< author of the message this one replies to, if known
    bool webhook = false;          //!< sent by a webhook (never counts, R1)
    qint64 deletedAt = NoTime;     //!< when Gavel noticed the deletion
    quint32 firstMention = 0;      //!< range [firstMention, firstMention + mentionCount) in
    quint32 mentionCount = 0;      //!< History::mentions
};

//! One (reactor, emoji, message[, burst]) reaction. Sorted by (message time, message, emoji,
//! reactor). The REST API gives no reaction time: `at` is the message's time; `firstSeenAt`
//! is when Gavel first saw the reaction.
struct Reaction
{
    Index reactor = NoIndex;
    Index message = NoIndex;
    Index author = NoIndex;  //!< the message's author
    Index channel = NoIndex; //!< the message's channel
    Index emoji = NoIndex;
    bool burst = false;
    qint64 at = 0;
    qint64 firstSeenAt = 0;
    qint64 removedAt = NoTime; //!< when Gavel noticed the removal
};

//! A period during which a user held a role. `from` is NoTime when the role was already held
//! when Gavel first saw the member (treated as held since the member joined, or forever);
//! `until` is NoTime while the role is still held.
struct RoleSpan
{
    Index user = NoIndex;
    Index role = NoIndex;
    qint64 from = NoTime;
    qint64 until = NoTime;
};

//! What to load.
struct LoadOptions
{
    bool content = false;         //!< message text (karma R3, conversation R5, audits)
    bool removedReactions = true; //!< reactions Gavel saw removed (audits show them)
    bool deletedMessages = true;  //!< messages Gavel saw deleted (R5 needs them)
};

//! A guild's history in memory. Cheap to move, immutable after load.
class History
{
public:
    //! Loads a guild from the store. Fails with a user-facing error when the guild is not in
    //! the database.
    static Result<History> load(store::Database &db, quint64 guildId,
                                const LoadOptions &options = {});

    quint64 guildId = 0;
    QString guildName;

    std::vector<User> users;
    std::vector<Channel> channels;
    std::vector<Emoji> emojis;
    std::vector<Role> roles;
    std::vector<Message> messages;
    std::vector<Reaction> reactions;
    std::vector<Index> mentions;    //!< user indexes, see Message::firstMention
    std::vector<QString> content;   //!< per message, when LoadOptions::content
    std::vector<RoleSpan> roleSpans; //!< sorted by (user, role, from)

    Index userIndex(quint64 id) const { return m_userIndex.value(id, NoIndex); }
    Index channelIndex(quint64 id) const { return m_channelIndex.value(id, NoIndex); }
    Index roleIndex(quint64 id) const { return m_roleIndex.value(id, NoIndex); }
    Index messageIndex(quint64 id) const { return m_messageIndex.value(id, NoIndex); }

    //! Whether `user` held `role` at time `at` (see RoleSpan for unknown start times).
    bool heldRole(Index user, Index role, qint64 at) const;
    //! The roles `user` held at time `at`.
    QList<Index> rolesAt(Index user, qint64 at) const;

    //! `https://discord.com/channels/<guild>/<channel>/<message>`
    QString messageLink(Index message) const;

    //! Rebuilds the id -> index maps after the vectors were filled by hand (tests).
    void reindex();

private:
    QHash<quint64, Index> m_userIndex;
    QHash<quint64, Index> m_channelIndex;
    QHash<quint64, Index> m_roleIndex;
    QHash<quint64, Index> m_messageIndex;
    std::vector<quint32> m_firstSpanOfUser; //!< CSR over roleSpans, size users + 1
};

} // namespace gavel::history
