#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gavel::emulator {

//! Discord permission bits the emulator evaluates.
namespace permission {
inline constexpr quint64 Administrator = quint64(1) << 3;
inline constexpr quint64 ViewAuditLog = quint64(1) << 7;
inline constexpr quint64 ViewChannel = quint64(1) << 10;
inline constexpr quint64 ReadMessageHistory = quint64(1) << 16;
inline constexpr quint64 ManageRoles = quint64(1) << 28;
inline constexpr quint64 ManageThreads = quint64(1) << 34;
//! Every permission Discord defines today (bits 0..50): what owners and administrators get.
inline constexpr quint64 All = (quint64(1) << 51) - 1;
} // namespace permission

//! A guild role: the fields the emulator checks, plus the object as served.
struct Role
{
    quint64 id = 0;
    qint64 position = 0;
    quint64 permissions = 0;
    bool managed = false;
    QByteArray name; //!< UTF-8
    QByteArray json; //!< minified role object
};

//! A guild member; `json` holds the whole member object (with "user" and "roles").
struct Member
{
    quint64 userId = 0;
    bool bot = false;
    std::vector<quint64> roles;
    QByteArray json;
};

//! One entry of a channel's permission_overwrites (type 0 = role, 1 = member).
struct Overwrite
{
    quint64 id = 0;
    int type = 0;
    quint64 allow = 0;
    quint64 deny = 0;
};

//! The users of one emoji on one message, sorted by id: normal and super ("burst") reactions.
struct Reaction
{
    quint32 key = 0; //!< index into Snapshot::emojiKey()
    std::vector<quint64> normal;
    std::vector<quint64> burst;
};

//! A message as served (minified JSON, with its "reactions" summary) and its reaction lists.
struct Message
{
    quint64 id = 0;
    QByteArray json;
    std::vector<Reaction> reactions;
};

//! A channel or thread, with its messages sorted by id.
struct Channel
{
    quint64 id = 0;
    int type = 0;
    quint64 parentId = 0;
    quint64 lastMessageId = 0;
    QByteArray json;
    std::vector<Overwrite> overwrites;
    bool archived = false;   //!< threads: thread_metadata.archived
    qint64 archiveMsecs = 0; //!< threads: thread_metadata.archive_timestamp (UTC ms)
    std::vector<Message> messages;

    bool isThread() const { return type == 10 || type == 11 || type == 12; }
};

//! A guild custom emoji (for building reaction summaries of new reactions).
struct Emoji
{
    quint64 id = 0;
    QByteArray name;
    bool animated = false;
};

//! An audit log entry the emulator recorded (MEMBER_ROLE_UPDATE for now).
struct AuditEntry
{
    quint64 id = 0;
    int actionType = 0;
    quint64 userId = 0;
    quint64 targetId = 0;
    QByteArray json;
};

/*!
 * A guild held in memory the way the emulator serves it (guild-snapshot/1, see
 * docs/emulator.md): each object as minified raw JSON plus the fields it is indexed by,
 * so unknown fields survive and pages are built by concatenation.
 */
class Snapshot
{
public:
    Snapshot();
    Snapshot(Snapshot &&) noexcept;
    Snapshot &operator=(Snapshot &&) noexcept;
    Snapshot(const Snapshot &) = delete;
    Snapshot &operator=(const Snapshot &) = delete;
    ~Snapshot();

    //! Loads a `.json` or gzip-compressed snapshot file (detected by content, not name).
    static Result<Snapshot> load(const QString &path);
    //! Parses a snapshot held in memory (plain or gzip); `source` names it in error messages.
    static Result<Snapshot> fromJson(const QByteArray &data,
                                     const QString &source = QStringLiteral("snapshot"));

    //! The current state as a guild-snapshot/1 document.
    QByteArray toJson() const;

    quint64 guildId() const { return m_guildId; }
    quint64 ownerId() const { return m_ownerId; }
    const QByteArray &guildJson() const { return m_guildJson; }

    const std::vector<Role> &roles() const { return m_roles; }
    const Role *role(quint64 id) const;
    const std::vector<Member> &members() const { return m_members; }
    const Member *member(quint64 userId) const;
    //! The user object of a member or former member; nullptr when unknown.
    const QByteArray *user(quint64 userId) const;
    const std::vector<Channel> &channels() const { return m_channels; }
    const Channel *channel(quint64 id) const;
    static const Message *message(const Channel &channel, quint64 messageId);
    const std::vector<Emoji> &emojis() const { return m_emojis; }
    const QByteArray &emojisJson() const { return m_emojisJson; }
    const QByteArray &emojiKey(quint32 index) const { return m_emojiKeys[index]; }
    //! Index of an emoji key ("👍" or "name:id") used by some reaction; nullopt if never used.
    std::optional<quint32> findEmojiKey(std::string_view key) const;
    const std::vector<AuditEntry> &auditLog() const { return m_audit; }

    qint64 messageCount() const;
    qint64 reactionUserCount() const;

    /*!
     * The bot the emulator answers as: the member with user.bot whose highest role has
     * Manage Roles or Administrator, lowest id on ties; `override` forces a member.
     */
    Result<quint64> findBotUser(std::optional<quint64> override = std::nullopt) const;
    //! Used for the "me" flags when reaction summaries are recomputed.
    void setBotUserId(quint64 userId) { m_botUserId = userId; }
    quint64 botUserId() const { return m_botUserId; }

    //! Discord's permission algorithm: guild-wide (roles, owner, Administrator)...
    quint64 basePermissions(quint64 userId) const;
    //! ...then in a channel (@everyone, role and member overwrites; threads use their parent).
    quint64 channelPermissions(quint64 userId, const Channel &channel) const;
    //! Position of the member's highest role; the @everyone role counts as position 0.
    qint64 highestRolePosition(quint64 userId) const;

    //! A new snowflake for "now", larger than every id seen so far.
    quint64 freshId();

    // Changes, as the admin API and the role endpoints make them. Each either applies
    // completely or returns an Error and leaves the state untouched.
    Result<QByteArray> addMessage(quint64 channelId, std::string_view json);
    Result<QByteArray> editMessage(quint64 channelId, quint64 messageId, std::string_view json);
    Result<void> deleteMessage(quint64 channelId, quint64 messageId);
    //! Adds (`present`) or removes a user's reaction; true when something changed.
    Result<bool> setReaction(quint64 channelId, quint64 messageId, std::string_view emojiKey,
                             quint64 userId, bool burst, bool present);
    Result<QByteArray> addMember(std::string_view json);
    Result<void> removeMember(quint64 userId);
    Result<QByteArray> setMemberRoles(quint64 userId, std::vector<quint64> roles);
    //! Records a MEMBER_ROLE_UPDATE entry; returns its id.
    quint64 addRoleAuditEntry(quint64 actorId, quint64 targetId, const std::vector<quint64> &added,
                              const std::vector<quint64> &removed, const QString &reason);
    Result<QByteArray> createThread(quint64 parentId, std::string_view json);
    Result<QByteArray> setThreadArchived(quint64 threadId, bool archived,
                                         std::optional<qint64> archiveMsecs = std::nullopt,
                                         std::optional<bool> locked = std::nullopt);

    //! Discord's ISO 8601 form of a UTC time ("2024-05-01T12:00:00.000000+00:00").
    static QByteArray isoTimestamp(qint64 msecs);
    //! Parses an ISO 8601 timestamp to UTC ms; nullopt when it is not one.
    static std::optional<qint64> parseTimestamp(std::string_view text);

private:
    friend class SnapshotLoader;

    Channel *channelMutable(quint64 id);
    Member *memberMutable(quint64 userId);
    quint32 internEmojiKey(std::string_view key);
    void refreshReactionSummary(Message &message) const;
    QByteArray emojiObjectForKey(std::string_view key) const;
    void rebuildChannelIndex();
    void noteId(quint64 id)
    {
        if (id > m_maxId)
            m_maxId = id;
    }

    quint64 m_guildId = 0;
    quint64 m_ownerId = 0;
    quint64 m_botUserId = 0;
    quint64 m_maxId = 0;
    QByteArray m_guildJson;
    QByteArray m_emojisJson;
    std::vector<Emoji> m_emojis;
    std::vector<Role> m_roles;
    std::vector<Member> m_members; // sorted by userId
    std::unordered_map<quint64, QByteArray> m_users;
    std::vector<Channel> m_channels;
    QHash<quint64, qsizetype> m_channelIndex;
    std::vector<QByteArray> m_emojiKeys;
    QHash<QByteArray, quint32> m_emojiKeyIndex;
    std::vector<AuditEntry> m_audit;                              // sorted by id
    std::vector<std::pair<QByteArray, QByteArray>> m_extraFields; // unknown top-level fields
};

} // namespace gavel::emulator
