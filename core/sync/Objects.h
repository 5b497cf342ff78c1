#pragma once

#include "common/Result.h"
#include "store/Records.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

//! Discord's structure objects (guild, role, emoji, channel, member, user) as store records.
//! Shared by the sync engine and the test loader of snapshots: these objects are few, so they
//! go through QJsonObject; message and reaction pages, which are many, are parsed by the
//! engine's own page parser (PageParser.h).
namespace gavel::sync {

//! Discord permission bits the sync evaluates.
namespace permission {
inline constexpr quint64 Administrator = quint64(1) << 3;
inline constexpr quint64 ViewChannel = quint64(1) << 10;
inline constexpr quint64 ReadMessageHistory = quint64(1) << 16;
inline constexpr quint64 ManageThreads = quint64(1) << 34;
} // namespace permission

//! Channel types whose history is a list of messages (text, voice chat, announcement, threads,
//! stage chat).
bool hasMessages(int channelType);
//! Channel types that hold threads (text, announcement, forum, media).
bool hasThreads(int channelType);
bool isThread(int channelType);

//! An ISO 8601 timestamp ("2024-05-01T12:00:00.000000+00:00", "...Z") as UTC ms.
std::optional<qint64> parseTimestamp(QStringView text);
std::optional<qint64> parseTimestamp(QByteArrayView text);

//! A snowflake from a JSON value that is a decimal string (or a number); nullopt otherwise.
std::optional<quint64> idOf(const QJsonValue &value);

//! Parses one JSON object; an Error names `what` when the text is not an object.
Result<QJsonObject> parseObject(QByteArrayView json, const QString &what);

//! The guild object as stored in guilds.raw_json: without "roles", "emojis" and the
//! approximate counts (they have tables of their own or change without meaning), keys sorted.
QString guildRawJson(const QJsonObject &guild);
//! A channel object as stored in channels.raw_json: compact, keys sorted.
QString channelRawJson(const QJsonObject &channel);

store::GuildRecord guildRecord(const QJsonObject &guild);
store::UserRecord userRecord(const QJsonObject &user);
store::MemberRecord memberRecord(const QJsonObject &member);
store::RoleRecord roleRecord(const QJsonObject &role);
store::EmojiRecord emojiRecord(const QJsonObject &emoji);
//! `readable` is left true; the caller decides it from permissions and answers.
store::ChannelRecord channelRecord(const QJsonObject &channel);

//! One permission overwrite of a channel (type 0 = role, 1 = member).
struct Overwrite
{
    quint64 id = 0;
    int type = 0;
    quint64 allow = 0;
    quint64 deny = 0;
};
QList<Overwrite> overwritesOf(const QJsonObject &channel);

//! Discord's permission algorithm for one member: base permissions from @everyone (the role
//! with the guild's id) and the member's roles (owner and Administrator get everything), then
//! the channel's overwrites (@everyone, the member's roles together, the member).
class Permissions
{
public:
    Permissions() = default;
    Permissions(quint64 guildId, quint64 ownerId, quint64 userId, QList<quint64> memberRoles,
                const QList<store::RoleRecord> &roles);

    quint64 base() const { return m_base; }
    quint64 inChannel(const QList<Overwrite> &overwrites) const;
    bool canRead(const QList<Overwrite> &overwrites) const;

private:
    quint64 m_guildId = 0;
    quint64 m_userId = 0;
    QList<quint64> m_roles;
    quint64 m_base = 0;
    bool m_all = false;
};

} // namespace gavel::sync
