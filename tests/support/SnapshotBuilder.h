#pragma once

#include "common/Result.h"
#include "emulator/Snapshot.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace gavel::test {

/*!
 * Builds small guild-snapshot/1 documents in code for tests: a guild with roles, members,
 * channels (text, categories, forums), threads, messages and reactions, every object with
 * the fields Discord's OpenAPI spec requires. Ids are real-looking snowflakes that grow
 * with creation order; message ids follow the times given.
 */
class SnapshotBuilder
{
public:
    struct Overwrite
    {
        quint64 id = 0;
        int type = 0; //!< 0 = role, 1 = member
        quint64 allow = 0;
        quint64 deny = 0;
    };

    //! `baseMsecs` is the time of the first id (default 2024-01-01T00:00:00Z).
    explicit SnapshotBuilder(qint64 baseMsecs = 1704067200000);

    quint64 guildId() const { return m_guildId; }
    //! The @everyone role has the guild's id.
    quint64 everyoneRoleId() const { return m_guildId; }
    quint64 ownerId() const { return m_ownerId; }
    quint64 botId() const { return m_botId; }

    SnapshotBuilder &setGuildName(const QString &name);
    //! Permissions of @everyone (default: View Channel | Read Message History).
    SnapshotBuilder &setEveryonePermissions(quint64 permissions);
    SnapshotBuilder &setOwner(quint64 userId);
    //! Sets a field of the guild object (unknown fields are kept by the emulator).
    SnapshotBuilder &setGuildField(const QString &key, const QJsonValue &value);

    quint64 addRole(const QString &name, qint64 position, quint64 permissions = 0,
                    bool managed = false);
    //! A user who is not (or no longer) a member.
    quint64 addUser(const QString &name, bool bot = false);
    quint64 addMember(const QString &name, const QList<quint64> &roles = {}, bool bot = false);
    //! A bot member with a role at `rolePosition` granting `permissions`; becomes botId().
    quint64 addBot(const QString &name = QStringLiteral("Gavel"), qint64 rolePosition = 10,
                   quint64 permissions = emulator::permission::ManageRoles |
                                         emulator::permission::ViewAuditLog);
    quint64 addEmoji(const QString &name, bool animated = false);
    //! "name:id", the emoji key of a custom emoji.
    QString emojiKey(quint64 emojiId) const;

    quint64 addChannel(const QString &name, int type = 0, quint64 parentId = 0,
                       const QList<Overwrite> &overwrites = {});
    quint64 addThread(quint64 parentId, const QString &name, bool archived = false,
                      bool privateThread = false, std::optional<qint64> archiveMsecs = {});
    //! A message at `msecs` (default: 1 s after the previous one); returns its id.
    quint64 addMessage(quint64 channelId, quint64 authorId, const QString &content = {},
                       std::optional<qint64> msecs = {});
    //! `emoji` is a unicode emoji or emojiKey(); `burst` for a super reaction.
    void addReaction(quint64 channelId, quint64 messageId, const QString &emoji, quint64 userId,
                     bool burst = false);
    //! Adds `count` members named prefix0, prefix1, ...; returns their ids.
    QList<quint64> addMembers(const QString &prefix, int count, const QList<quint64> &roles = {});

    //! The document (compact JSON).
    QByteArray json() const;
    //! The document parsed by the emulator.
    Result<emulator::Snapshot> build() const;
    //! Writes json() (gzip-compressed when `gzip`) to `path`.
    bool writeTo(const QString &path, bool gzip = false) const;

    //! A typical guild: owner, bot (Manage Roles, position 10), roles Member (1),
    //! Trusted (5), Admin (20, above the bot), a managed role (3), a category, two text
    //! channels, some members, a few messages with reactions.
    static SnapshotBuilder typical();

private:
    quint64 nextId(std::optional<qint64> msecs = {});
    QJsonObject userObject(quint64 id) const;
    QJsonObject reactionSummary(const QString &emoji, int normal, int burst, bool me,
                                bool meBurst) const;

    qint64 m_baseMsecs;
    qint64 m_clockMsecs;
    quint64 m_counter = 0;
    quint64 m_guildId = 0;
    quint64 m_ownerId = 0;
    quint64 m_botId = 0;
    QJsonObject m_guild;
    QJsonArray m_roles;
    QList<quint64> m_memberIds;
    std::map<quint64, QJsonObject> m_users;
    std::map<quint64, QJsonObject> m_members;
    QJsonArray m_emojis;
    std::vector<QJsonObject> m_channels;
    std::map<quint64, std::vector<QJsonObject>> m_messages; // channel -> messages
    // (channel, message, emoji) -> users; kept in insertion order of keys per message
    std::map<std::tuple<quint64, quint64, QString>, std::pair<QList<quint64>, QList<quint64>>>
        m_reactions;
    std::map<std::pair<quint64, quint64>, QStringList> m_reactionOrder;
};

} // namespace gavel::test
