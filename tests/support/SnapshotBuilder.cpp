#include "SnapshotBuilder.h"

#include "common/Snowflake.h"
#include "emulator/Gzip.h"

#include <QFile>
#include <QJsonDocument>

namespace gavel::test {

namespace {

QString idText(quint64 id)
{
    return QString::number(id);
}

QString iso(qint64 msecs)
{
    return QString::fromLatin1(emulator::Snapshot::isoTimestamp(msecs));
}

QJsonValue idOrNull(quint64 id)
{
    return id ? QJsonValue(idText(id)) : QJsonValue(QJsonValue::Null);
}

} // namespace

SnapshotBuilder::SnapshotBuilder(qint64 baseMsecs)
    : m_baseMsecs(baseMsecs)
    , m_clockMsecs(baseMsecs)
{
    m_guildId = nextId();
    m_guild = QJsonObject{
        {QStringLiteral("id"), idText(m_guildId)},
        {QStringLiteral("name"), QStringLiteral("Test Guild")},
        {QStringLiteral("icon"), QJsonValue::Null},
        {QStringLiteral("description"), QJsonValue::Null},
        {QStringLiteral("home_header"), QJsonValue::Null},
        {QStringLiteral("splash"), QJsonValue::Null},
        {QStringLiteral("discovery_splash"), QJsonValue::Null},
        {QStringLiteral("features"), QJsonArray{QStringLiteral("COMMUNITY")}},
        {QStringLiteral("banner"), QJsonValue::Null},
        {QStringLiteral("owner_id"), QJsonValue::Null},
        {QStringLiteral("application_id"), QJsonValue::Null},
        {QStringLiteral("region"), QStringLiteral("deprecated")},
        {QStringLiteral("afk_channel_id"), QJsonValue::Null},
        {QStringLiteral("afk_timeout"), 300},
        {QStringLiteral("system_channel_id"), QJsonValue::Null},
        {QStringLiteral("system_channel_flags"), 0},
        {QStringLiteral("widget_enabled"), false},
        {QStringLiteral("widget_channel_id"), QJsonValue::Null},
        {QStringLiteral("verification_level"), 1},
        {QStringLiteral("default_message_notifications"), 1},
        {QStringLiteral("mfa_level"), 0},
        {QStringLiteral("explicit_content_filter"), 2},
        {QStringLiteral("max_presences"), QJsonValue::Null},
        {QStringLiteral("max_members"), 500000},
        {QStringLiteral("max_stage_video_channel_users"), 50},
        {QStringLiteral("max_video_channel_users"), 25},
        {QStringLiteral("vanity_url_code"), QJsonValue::Null},
        {QStringLiteral("premium_tier"), 0},
        {QStringLiteral("premium_subscription_count"), 0},
        {QStringLiteral("preferred_locale"), QStringLiteral("en-US")},
        {QStringLiteral("rules_channel_id"), QJsonValue::Null},
        {QStringLiteral("safety_alerts_channel_id"), QJsonValue::Null},
        {QStringLiteral("public_updates_channel_id"), QJsonValue::Null},
        {QStringLiteral("premium_progress_bar_enabled"), false},
        {QStringLiteral("nsfw"), false},
        {QStringLiteral("nsfw_level"), 0},
        {QStringLiteral("stickers"), QJsonArray()},
        {QStringLiteral("incidents_data"), QJsonValue::Null},
    };
    // @everyone
    m_roles.append(QJsonObject{
        {QStringLiteral("id"), idText(m_guildId)},
        {QStringLiteral("name"), QStringLiteral("@everyone")},
        {QStringLiteral("permissions"), QString::number(emulator::permission::ViewChannel |
                                                        emulator::permission::ReadMessageHistory)},
        {QStringLiteral("position"), 0},
        {QStringLiteral("color"), 0},
        {QStringLiteral("colors"),
         QJsonObject{{QStringLiteral("primary_color"), 0},
                     {QStringLiteral("secondary_color"), QJsonValue::Null},
                     {QStringLiteral("tertiary_color"), QJsonValue::Null}}},
        {QStringLiteral("hoist"), false},
        {QStringLiteral("managed"), false},
        {QStringLiteral("mentionable"), false},
        {QStringLiteral("icon"), QJsonValue::Null},
        {QStringLiteral("unicode_emoji"), QJsonValue::Null},
        {QStringLiteral("flags"), 0},
    });
}

quint64 SnapshotBuilder::nextId(std::optional<qint64> msecs)
{
    const qint64 at = msecs ? *msecs : (m_clockMsecs += 1000);
    return snowflake::fromMsecs(at) | (++m_counter & 0x3FFFFF);
}

SnapshotBuilder &SnapshotBuilder::setGuildName(const QString &name)
{
    m_guild[QStringLiteral("name")] = name;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setEveryonePermissions(quint64 permissions)
{
    QJsonObject everyone = m_roles[0].toObject();
    everyone[QStringLiteral("permissions")] = QString::number(permissions);
    m_roles[0] = everyone;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setOwner(quint64 userId)
{
    m_ownerId = userId;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setGuildField(const QString &key, const QJsonValue &value)
{
    m_guild[key] = value;
    return *this;
}

quint64 SnapshotBuilder::addRole(const QString &name, qint64 position, quint64 permissions,
                                 bool managed)
{
    const quint64 id = nextId();
    QJsonObject role = m_roles[0].toObject();
    role[QStringLiteral("id")] = idText(id);
    role[QStringLiteral("name")] = name;
    role[QStringLiteral("permissions")] = QString::number(permissions);
    role[QStringLiteral("position")] = position;
    role[QStringLiteral("managed")] = managed;
    if (managed)
        role[QStringLiteral("tags")] = QJsonObject{{QStringLiteral("bot_id"), idText(id + 1)}};
    m_roles.append(role);
    return id;
}

quint64 SnapshotBuilder::addUser(const QString &name, bool bot)
{
    const quint64 id = nextId();
    QJsonObject user{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("username"), name.toLower()},
        {QStringLiteral("avatar"), QJsonValue::Null},
        {QStringLiteral("discriminator"), QStringLiteral("0")},
        {QStringLiteral("public_flags"), 0},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("global_name"), name},
        {QStringLiteral("primary_guild"), QJsonValue::Null},
    };
    if (bot)
        user[QStringLiteral("bot")] = true;
    m_users[id] = user;
    return id;
}

quint64 SnapshotBuilder::addMember(const QString &name, const QList<quint64> &roles, bool bot)
{
    const quint64 id = addUser(name, bot);
    QJsonArray roleIds;
    for (quint64 r : roles)
        roleIds.append(idText(r));
    m_members[id] = QJsonObject{
        {QStringLiteral("avatar"), QJsonValue::Null},
        {QStringLiteral("banner"), QJsonValue::Null},
        {QStringLiteral("communication_disabled_until"), QJsonValue::Null},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("joined_at"), iso(snowflake::toMsecs(id))},
        {QStringLiteral("nick"), QJsonValue::Null},
        {QStringLiteral("pending"), false},
        {QStringLiteral("premium_since"), QJsonValue::Null},
        {QStringLiteral("roles"), roleIds},
        {QStringLiteral("mute"), false},
        {QStringLiteral("deaf"), false},
    };
    m_memberIds.append(id);
    if (!m_ownerId)
        m_ownerId = id;
    return id;
}

QList<quint64> SnapshotBuilder::addMembers(const QString &prefix, int count,
                                           const QList<quint64> &roles)
{
    QList<quint64> ids;
    for (int i = 0; i < count; ++i)
        ids.append(addMember(prefix + QString::number(i), roles));
    return ids;
}

quint64 SnapshotBuilder::addBot(const QString &name, qint64 rolePosition, quint64 permissions)
{
    const quint64 role = addRole(name + QStringLiteral(" role"), rolePosition, permissions);
    m_botId = addMember(name, {role}, true);
    return m_botId;
}

quint64 SnapshotBuilder::addEmoji(const QString &name, bool animated)
{
    const quint64 id = nextId();
    m_emojis.append(QJsonObject{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("name"), name},
        {QStringLiteral("roles"), QJsonArray()},
        {QStringLiteral("require_colons"), true},
        {QStringLiteral("managed"), false},
        {QStringLiteral("animated"), animated},
        {QStringLiteral("available"), true},
    });
    return id;
}

QString SnapshotBuilder::emojiKey(quint64 emojiId) const
{
    for (const QJsonValue &e : m_emojis) {
        if (e[QStringLiteral("id")].toString() == idText(emojiId))
            return e[QStringLiteral("name")].toString() + u':' + idText(emojiId);
    }
    return {};
}

quint64 SnapshotBuilder::addChannel(const QString &name, int type, quint64 parentId,
                                    const QList<Overwrite> &overwrites)
{
    const quint64 id = nextId();
    QJsonArray ows;
    for (const Overwrite &o : overwrites) {
        ows.append(QJsonObject{{QStringLiteral("id"), idText(o.id)},
                               {QStringLiteral("type"), o.type},
                               {QStringLiteral("allow"), QString::number(o.allow)},
                               {QStringLiteral("deny"), QString::number(o.deny)}});
    }
    QJsonObject channel{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("type"), type},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("guild_id"), idText(m_guildId)},
        {QStringLiteral("name"), name},
        {QStringLiteral("position"), static_cast<int>(m_channels.size())},
        {QStringLiteral("parent_id"), idOrNull(parentId)},
        {QStringLiteral("permission_overwrites"), ows},
        {QStringLiteral("nsfw"), false},
    };
    if (type != 4) {
        channel[QStringLiteral("last_message_id")] = QJsonValue::Null;
        channel[QStringLiteral("rate_limit_per_user")] = 0;
        channel[QStringLiteral("topic")] = QJsonValue::Null;
    }
    if (type == 15)
        channel[QStringLiteral("available_tags")] = QJsonArray();
    m_channels.push_back(channel);
    return id;
}

quint64 SnapshotBuilder::addThread(quint64 parentId, const QString &name, bool archived,
                                   bool privateThread, std::optional<qint64> archiveMsecs)
{
    const quint64 id = nextId();
    const qint64 created = snowflake::toMsecs(id);
    m_channels.push_back(QJsonObject{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("type"), privateThread ? 12 : 11},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("guild_id"), idText(m_guildId)},
        {QStringLiteral("name"), name},
        {QStringLiteral("parent_id"), idText(parentId)},
        {QStringLiteral("owner_id"), idText(m_ownerId ? m_ownerId : m_guildId)},
        {QStringLiteral("last_message_id"), QJsonValue::Null},
        {QStringLiteral("rate_limit_per_user"), 0},
        {QStringLiteral("message_count"), 0},
        {QStringLiteral("member_count"), 1},
        {QStringLiteral("total_message_sent"), 0},
        {QStringLiteral("thread_metadata"),
         QJsonObject{{QStringLiteral("archived"), archived},
                     {QStringLiteral("archive_timestamp"), iso(archiveMsecs.value_or(created))},
                     {QStringLiteral("auto_archive_duration"), 1440},
                     {QStringLiteral("locked"), false},
                     {QStringLiteral("create_timestamp"), iso(created)}}},
    });
    return id;
}

quint64 SnapshotBuilder::addMessage(quint64 channelId, quint64 authorId, const QString &content,
                                    std::optional<qint64> msecs)
{
    const quint64 id = nextId(msecs);
    m_messages[channelId].push_back(QJsonObject{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("channel_id"), idText(channelId)},
        {QStringLiteral("type"), 0},
        {QStringLiteral("content"), content},
        {QStringLiteral("author"), userObject(authorId)},
        {QStringLiteral("mentions"), QJsonArray()},
        {QStringLiteral("mention_roles"), QJsonArray()},
        {QStringLiteral("attachments"), QJsonArray()},
        {QStringLiteral("embeds"), QJsonArray()},
        {QStringLiteral("timestamp"), iso(snowflake::toMsecs(id))},
        {QStringLiteral("edited_timestamp"), QJsonValue::Null},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("components"), QJsonArray()},
        {QStringLiteral("pinned"), false},
        {QStringLiteral("mention_everyone"), false},
        {QStringLiteral("tts"), false},
    });
    for (QJsonObject &channel : m_channels) {
        if (channel[QStringLiteral("id")].toString() == idText(channelId)) {
            const quint64 last =
                channel[QStringLiteral("last_message_id")].toString().toULongLong();
            if (id > last)
                channel[QStringLiteral("last_message_id")] = idText(id);
            if (channel.contains(QStringLiteral("message_count"))) {
                channel[QStringLiteral("message_count")] =
                    channel[QStringLiteral("message_count")].toInt() + 1;
                channel[QStringLiteral("total_message_sent")] =
                    channel[QStringLiteral("total_message_sent")].toInt() + 1;
            }
        }
    }
    return id;
}

void SnapshotBuilder::addReaction(quint64 channelId, quint64 messageId, const QString &emoji,
                                  quint64 userId, bool burst)
{
    auto &lists = m_reactions[{channelId, messageId, emoji}];
    QList<quint64> &users = burst ? lists.second : lists.first;
    if (!users.contains(userId))
        users.append(userId);
    QStringList &order = m_reactionOrder[{channelId, messageId}];
    if (!order.contains(emoji))
        order.append(emoji);
}

QJsonObject SnapshotBuilder::userObject(quint64 id) const
{
    auto it = m_users.find(id);
    return it == m_users.end() ? QJsonObject{} : it->second;
}

QJsonObject SnapshotBuilder::reactionSummary(const QString &emoji, int normal, int burst, bool me,
                                             bool meBurst) const
{
    QJsonObject emojiObject;
    const qsizetype colon = emoji.lastIndexOf(u':');
    if (colon > 0) {
        bool animated = false;
        for (const QJsonValue &e : m_emojis) {
            if (e[QStringLiteral("id")].toString() == emoji.mid(colon + 1))
                animated = e[QStringLiteral("animated")].toBool();
        }
        emojiObject = QJsonObject{{QStringLiteral("id"), emoji.mid(colon + 1)},
                                  {QStringLiteral("name"), emoji.left(colon)},
                                  {QStringLiteral("animated"), animated}};
    } else {
        emojiObject =
            QJsonObject{{QStringLiteral("id"), QJsonValue::Null}, {QStringLiteral("name"), emoji}};
    }
    return QJsonObject{
        {QStringLiteral("emoji"), emojiObject},
        {QStringLiteral("count"), normal + burst},
        {QStringLiteral("count_details"),
         QJsonObject{{QStringLiteral("burst"), burst}, {QStringLiteral("normal"), normal}}},
        {QStringLiteral("burst_colors"),
         burst > 0 ? QJsonArray{QStringLiteral("#ffcc4d")} : QJsonArray()},
        {QStringLiteral("me_burst"), meBurst},
        {QStringLiteral("me"), me},
    };
}

QByteArray SnapshotBuilder::json() const
{
    QJsonObject guild = m_guild;
    guild[QStringLiteral("owner_id")] = idText(m_ownerId);
    guild[QStringLiteral("emojis")] = m_emojis;

    QJsonArray members;
    QJsonObject formerUsers;
    for (const auto &[id, user] : m_users) {
        auto member = m_members.find(id);
        if (member == m_members.end()) {
            formerUsers[idText(id)] = user;
            continue;
        }
        QJsonObject m = member->second;
        m[QStringLiteral("user")] = user;
        members.append(m);
    }
    QJsonArray channels;
    for (const QJsonObject &c : m_channels)
        channels.append(c);

    QJsonObject messages;
    QJsonObject reactions;
    QJsonObject burstReactions;
    for (const auto &[channelId, list] : m_messages) {
        QJsonArray array;
        for (QJsonObject message : list) {
            const quint64 messageId = message[QStringLiteral("id")].toString().toULongLong();
            auto order = m_reactionOrder.find({channelId, messageId});
            if (order != m_reactionOrder.end()) {
                QJsonArray summary;
                for (const QString &emoji : order->second) {
                    const auto &[normal, burst] = m_reactions.at({channelId, messageId, emoji});
                    summary.append(reactionSummary(emoji, int(normal.size()), int(burst.size()),
                                                   normal.contains(m_botId),
                                                   burst.contains(m_botId)));
                    const QString key = idText(channelId) + u'/' + idText(messageId) + u'/' + emoji;
                    auto ids = [](const QList<quint64> &users) {
                        QJsonArray a;
                        for (quint64 u : users)
                            a.append(idText(u));
                        return a;
                    };
                    if (!normal.isEmpty())
                        reactions[key] = ids(normal);
                    if (!burst.isEmpty())
                        burstReactions[key] = ids(burst);
                }
                message[QStringLiteral("reactions")] = summary;
            }
            array.append(message);
        }
        messages[idText(channelId)] = array;
    }
    const QJsonObject document{
        {QStringLiteral("format"), QStringLiteral("guild-snapshot/1")},
        {QStringLiteral("guild"), guild},
        {QStringLiteral("roles"), m_roles},
        {QStringLiteral("members"), members},
        {QStringLiteral("users"), formerUsers},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("reactions"), reactions},
        {QStringLiteral("burst_reactions"), burstReactions},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

Result<emulator::Snapshot> SnapshotBuilder::build() const
{
    return emulator::Snapshot::fromJson(json(), QStringLiteral("SnapshotBuilder"));
}

bool SnapshotBuilder::writeTo(const QString &path, bool gzip) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray data = gzip ? emulator::gzipCompress(json()) : json();
    return file.write(data) == data.size();
}

SnapshotBuilder SnapshotBuilder::typical()
{
    using namespace emulator::permission;
    SnapshotBuilder b;
    const quint64 owner = b.addMember(QStringLiteral("Owner"));
    b.setOwner(owner);
    const quint64 member = b.addRole(QStringLiteral("Member"), 1);
    b.addRole(QStringLiteral("Booster"), 3, 0, true);
    const quint64 trusted = b.addRole(QStringLiteral("Trusted"), 5);
    b.addBot(QStringLiteral("Gavel"), 10, ManageRoles | ViewAuditLog);
    b.addRole(QStringLiteral("Admin"), 20, Administrator);
    const quint64 category = b.addChannel(QStringLiteral("Community"), 4);
    const quint64 general = b.addChannel(QStringLiteral("general"), 0, category);
    b.addChannel(QStringLiteral("showcase"), 0, category);
    const quint64 alice = b.addMember(QStringLiteral("Alice"), {member, trusted});
    const quint64 bob = b.addMember(QStringLiteral("Bob"), {member});
    const quint64 carol = b.addMember(QStringLiteral("Carol"), {member});
    const quint64 m1 = b.addMessage(general, alice, QStringLiteral("hello"));
    const quint64 m2 = b.addMessage(general, bob, QStringLiteral("hi alice"));
    b.addMessage(general, carol, QStringLiteral("welcome"));
    b.addReaction(general, m1, QStringLiteral("👍"), bob);
    b.addReaction(general, m1, QStringLiteral("👍"), carol);
    b.addReaction(general, m2, QStringLiteral("🔥"), alice, true);
    return b;
}

} // namespace gavel::test
