#include "Snapshot.h"

#include "Json.h"
#include "common/Snowflake.h"

#include <QDateTime>

#include <algorithm>
#include <cstdio>
#include <simdjson.h>

namespace gavel::emulator {

namespace {

using json::idArray;
using json::rawId;

std::optional<quint64> parseId(std::string_view text)
{
    return snowflake::parse(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())));
}

//! The elements of a raw JSON array of objects; nullopt when it is not one.
std::optional<std::vector<json::Object>> objectArray(std::string_view raw)
{
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(raw.data(), raw.size(), true).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    simdjson::dom::array array;
    if (root.get_array().get(array) != simdjson::SUCCESS)
        return std::nullopt;
    std::vector<std::string> texts;
    for (simdjson::dom::element e : array)
        texts.push_back(simdjson::to_string(e));
    std::vector<json::Object> result;
    for (const std::string &text : texts) {
        auto object = json::Object::parse(text);
        if (!object)
            return std::nullopt;
        result.push_back(std::move(*object));
    }
    return result;
}

QByteArray idList(const std::vector<quint64> &ids)
{
    QByteArray out("[");
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i)
            out.append(',');
        out.append(json::id(ids[i]));
    }
    out.append(']');
    return out;
}

Error invalid(const QString &message)
{
    return Error{message, {}};
}

// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

} // namespace

Snapshot::Snapshot() = default;
Snapshot::Snapshot(Snapshot &&) noexcept = default;
Snapshot &Snapshot::operator=(Snapshot &&) noexcept = default;
Snapshot::~Snapshot() = default;

QByteArray Snapshot::isoTimestamp(qint64 msecs)
{
    const qint64 days = (msecs >= 0 ? msecs : msecs - 86399999) / 86400000;
    const qint64 rest = msecs - days * 86400000;
    qint64 y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civilFromDays(days, y, m, d);
    char buffer[48];
    const int n = std::snprintf(
        buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld000+00:00",
        static_cast<long long>(y), m, d, static_cast<long long>(rest / 3600000),
        static_cast<long long>(rest / 60000 % 60), static_cast<long long>(rest / 1000 % 60),
        static_cast<long long>(rest % 1000));
    return {buffer, n};
}

std::optional<qint64> Snapshot::parseTimestamp(std::string_view t)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    auto num = [&](size_t pos, size_t len) -> std::optional<int> {
        if (pos + len > t.size())
            return std::nullopt;
        int v = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return std::nullopt;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
        t[13] != ':' || t[16] != ':')
        return std::nullopt;
    const auto year = num(0, 4), month = num(5, 2), day = num(8, 2), hour = num(11, 2),
               minute = num(14, 2), second = num(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 ||
        *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    size_t pos = 19;
    qint64 millis = 0;
    if (pos < t.size() && t[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
            if (digits < 3)
                millis = millis * 10 + (t[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }
    qint64 offsetMinutes = 0;
    if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
        ++pos;
    } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
        const auto oh = num(pos + 1, 2);
        const auto om = num(pos + 4, 2);
        if (!oh || !om || pos + 3 >= t.size() || t[pos + 3] != ':')
            return std::nullopt;
        offsetMinutes = (*oh * 60 + *om) * (t[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != t.size())
        return std::nullopt;
    const qint64 days =
        daysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    return ((days * 24 + *hour) * 60 + *minute - offsetMinutes) * 60000 + *second * 1000 + millis;
}

const Role *Snapshot::role(quint64 id) const
{
    for (const Role &r : m_roles) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const Member *Snapshot::member(quint64 userId) const
{
    auto it = std::lower_bound(m_members.begin(), m_members.end(), userId,
                               [](const Member &m, quint64 id) { return m.userId < id; });
    return it != m_members.end() && it->userId == userId ? &*it : nullptr;
}

Member *Snapshot::memberMutable(quint64 userId)
{
    return const_cast<Member *>(member(userId));
}

const QByteArray *Snapshot::user(quint64 userId) const
{
    auto it = m_users.find(userId);
    return it == m_users.end() ? nullptr : &it->second;
}

const Channel *Snapshot::channel(quint64 id) const
{
    auto it = m_channelIndex.constFind(id);
    return it == m_channelIndex.cend() ? nullptr : &m_channels[static_cast<size_t>(*it)];
}

Channel *Snapshot::channelMutable(quint64 id)
{
    return const_cast<Channel *>(channel(id));
}

void Snapshot::rebuildChannelIndex()
{
    m_channelIndex.clear();
    for (size_t i = 0; i < m_channels.size(); ++i)
        m_channelIndex.insert(m_channels[i].id, static_cast<qsizetype>(i));
}

const Message *Snapshot::message(const Channel &channel, quint64 messageId)
{
    auto it = std::lower_bound(channel.messages.begin(), channel.messages.end(), messageId,
                               [](const Message &m, quint64 id) { return m.id < id; });
    return it != channel.messages.end() && it->id == messageId ? &*it : nullptr;
}

std::optional<quint32> Snapshot::findEmojiKey(std::string_view key) const
{
    auto it = m_emojiKeyIndex.constFind(json::bytes(key));
    if (it == m_emojiKeyIndex.cend())
        return std::nullopt;
    return *it;
}

quint32 Snapshot::internEmojiKey(std::string_view key)
{
    const QByteArray bytes = json::bytes(key);
    auto it = m_emojiKeyIndex.constFind(bytes);
    if (it != m_emojiKeyIndex.cend())
        return *it;
    const auto index = static_cast<quint32>(m_emojiKeys.size());
    m_emojiKeys.push_back(bytes);
    m_emojiKeyIndex.insert(bytes, index);
    return index;
}

qint64 Snapshot::messageCount() const
{
    qint64 n = 0;
    for (const Channel &c : m_channels)
        n += static_cast<qint64>(c.messages.size());
    return n;
}

qint64 Snapshot::reactionUserCount() const
{
    qint64 n = 0;
    for (const Channel &c : m_channels) {
        for (const Message &m : c.messages) {
            for (const Reaction &r : m.reactions)
                n += static_cast<qint64>(r.normal.size() + r.burst.size());
        }
    }
    return n;
}

Result<quint64> Snapshot::findBotUser(std::optional<quint64> override) const
{
    if (override) {
        if (!member(*override)) {
            return Error{
                QStringLiteral("the bot user %1 is not a member of the guild").arg(*override),
                QStringLiteral("give --bot-user the id of a member of the snapshot")};
        }
        return *override;
    }
    const Role *everyone = role(m_guildId);
    for (const Member &m : m_members) {
        if (!m.bot)
            continue;
        const Role *highest = everyone;
        for (quint64 id : m.roles) {
            const Role *r = role(id);
            if (r && (!highest || r->position > highest->position))
                highest = r;
        }
        if (highest &&
            (highest->permissions & (permission::ManageRoles | permission::Administrator)))
            return m.userId;
    }
    return Error{QStringLiteral("the snapshot has no bot member whose highest role has Manage "
                                "Roles or Administrator"),
                 QStringLiteral("add such a bot member to the snapshot, or name the bot with "
                                "--bot-user ID")};
}

quint64 Snapshot::basePermissions(quint64 userId) const
{
    if (userId == m_ownerId)
        return permission::All;
    const Member *m = member(userId);
    if (!m)
        return 0;
    quint64 perms = 0;
    if (const Role *everyone = role(m_guildId))
        perms = everyone->permissions;
    for (quint64 id : m->roles) {
        if (const Role *r = role(id))
            perms |= r->permissions;
    }
    return (perms & permission::Administrator) ? permission::All : perms;
}

quint64 Snapshot::channelPermissions(quint64 userId, const Channel &channel) const
{
    quint64 perms = basePermissions(userId);
    if (perms & permission::Administrator)
        return permission::All;
    const Channel *target = &channel;
    if (channel.isThread()) {
        target = this->channel(channel.parentId);
        if (!target)
            return 0;
    }
    const Member *m = member(userId);
    if (!m)
        return 0;
    for (const Overwrite &ow : target->overwrites) {
        if (ow.type == 0 && ow.id == m_guildId)
            perms = (perms & ~ow.deny) | ow.allow;
    }
    quint64 allow = 0;
    quint64 deny = 0;
    for (const Overwrite &ow : target->overwrites) {
        if (ow.type == 0 && ow.id != m_guildId &&
            std::find(m->roles.begin(), m->roles.end(), ow.id) != m->roles.end()) {
            allow |= ow.allow;
            deny |= ow.deny;
        }
    }
    perms = (perms & ~deny) | allow;
    for (const Overwrite &ow : target->overwrites) {
        if (ow.type == 1 && ow.id == userId)
            perms = (perms & ~ow.deny) | ow.allow;
    }
    return perms;
}

qint64 Snapshot::highestRolePosition(quint64 userId) const
{
    qint64 highest = 0;
    if (const Member *m = member(userId)) {
        for (quint64 id : m->roles) {
            if (const Role *r = role(id))
                highest = std::max(highest, r->position);
        }
    }
    return highest;
}

quint64 Snapshot::freshId()
{
    const quint64 now = snowflake::fromMsecs(QDateTime::currentMSecsSinceEpoch());
    m_maxId = std::max(now, m_maxId + 1);
    return m_maxId;
}

QByteArray Snapshot::emojiObjectForKey(std::string_view key) const
{
    const size_t colon = key.rfind(':');
    if (colon != std::string_view::npos) {
        if (const auto id = parseId(key.substr(colon + 1))) {
            bool animated = false;
            for (const Emoji &e : m_emojis) {
                if (e.id == *id)
                    animated = e.animated;
            }
            QByteArray out("{\"id\":");
            out.append(json::id(*id)).append(",\"name\":");
            json::appendString(out, key.substr(0, colon));
            out.append(",\"animated\":").append(animated ? "true" : "false").append('}');
            return out;
        }
    }
    QByteArray out("{\"id\":null,\"name\":");
    json::appendString(out, key);
    out.append('}');
    return out;
}

void Snapshot::refreshReactionSummary(Message &message) const
{
    auto object = json::Object::parse(json::view(message.json));
    if (!object)
        return;
    // Keep what the old summary said about each emoji (burst_colors, unknown fields).
    std::vector<std::pair<QByteArray, json::Object>> old;
    if (object->contains("reactions")) {
        if (auto entries = objectArray(object->value("reactions"))) {
            for (json::Object &entry : *entries) {
                auto emoji = json::Object::parse(entry.value("emoji"));
                if (!emoji)
                    continue;
                QByteArray key;
                const std::string_view name = emoji->value("name");
                if (name.size() >= 2 && name.front() == '"') {
                    // Names are re-quoted JSON strings; unescape through the parser.
                    thread_local simdjson::dom::parser parser;
                    std::string_view text;
                    if (parser.parse(name.data(), name.size(), true).get_string().get(text) ==
                        simdjson::SUCCESS)
                        key = json::bytes(text);
                }
                if (const auto id = rawId(emoji->value("id")))
                    key += ':' + QByteArray::number(*id);
                old.emplace_back(key, std::move(entry));
            }
        }
    }
    message.reactions.erase(
        std::remove_if(message.reactions.begin(), message.reactions.end(),
                       [](const Reaction &r) { return r.normal.empty() && r.burst.empty(); }),
        message.reactions.end());
    if (message.reactions.empty()) {
        object->remove("reactions");
        message.json = object->toJson();
        return;
    }
    QByteArray array("[");
    for (size_t i = 0; i < message.reactions.size(); ++i) {
        const Reaction &r = message.reactions[i];
        const QByteArray &key = m_emojiKeys[r.key];
        json::Object entry;
        for (auto &[oldKey, oldEntry] : old) {
            if (oldKey == key)
                entry = oldEntry;
        }
        entry.setIfMissing("emoji", emojiObjectForKey(json::view(key)));
        entry.set("count", QByteArray::number(qulonglong(r.normal.size() + r.burst.size())));
        entry.set("count_details",
                  "{\"burst\":" + QByteArray::number(qulonglong(r.burst.size())) +
                      ",\"normal\":" + QByteArray::number(qulonglong(r.normal.size())) + '}');
        entry.setIfMissing("burst_colors", QByteArrayLiteral("[]"));
        const bool me = std::binary_search(r.normal.begin(), r.normal.end(), m_botUserId);
        const bool meBurst = std::binary_search(r.burst.begin(), r.burst.end(), m_botUserId);
        entry.set("me_burst", meBurst ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
        entry.set("me", me ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
        if (i)
            array.append(',');
        array.append(entry.toJson());
    }
    array.append(']');
    object->set("reactions", array);
    message.json = object->toJson();
}

Result<QByteArray> Snapshot::addMessage(quint64 channelId, std::string_view text)
{
    Channel *channel = channelMutable(channelId);
    if (!channel)
        return invalid(QStringLiteral("unknown channel %1").arg(channelId));
    auto object = json::Object::parse(text);
    if (!object)
        return invalid(QStringLiteral("the message must be a JSON object"));
    if (object->contains("reactions"))
        return invalid(QStringLiteral("add reactions with PUT /_emulator/channels/{c}/messages/"
                                      "{m}/reactions/{emoji}/{user}, not in the message"));
    quint64 id = 0;
    if (object->contains("id")) {
        const auto given = rawId(object->value("id"));
        if (!given || *given == 0)
            return invalid(QStringLiteral("\"id\" must be a snowflake string"));
        id = *given;
        if (message(*channel, id))
            return invalid(QStringLiteral("message %1 already exists").arg(id));
    } else {
        id = freshId();
    }
    if (!object->contains("author")) {
        const auto authorId = rawId(object->value("author_id"));
        const QByteArray *author = authorId ? user(*authorId) : nullptr;
        if (!author)
            return invalid(QStringLiteral("give \"author\" (a user object) or \"author_id\" (the "
                                          "id of a known user)"));
        object->set("author", *author);
    }
    object->remove("author_id");
    object->set("id", json::id(id));
    object->set("channel_id", json::id(channelId));
    object->setIfMissing("type", "0");
    object->setIfMissing("content", "\"\"");
    object->setIfMissing("mentions", "[]");
    object->setIfMissing("mention_roles", "[]");
    object->setIfMissing("attachments", "[]");
    object->setIfMissing("embeds", "[]");
    object->setIfMissing("timestamp",
                         json::string(json::view(isoTimestamp(snowflake::toMsecs(id)))));
    object->setIfMissing("edited_timestamp", "null");
    object->setIfMissing("flags", "0");
    object->setIfMissing("components", "[]");
    object->setIfMissing("pinned", "false");
    object->setIfMissing("mention_everyone", "false");
    object->setIfMissing("tts", "false");

    Message message;
    message.id = id;
    message.json = object->toJson();
    noteId(id);
    auto it = std::lower_bound(channel->messages.begin(), channel->messages.end(), id,
                               [](const Message &m, quint64 v) { return m.id < v; });
    const QByteArray stored = message.json;
    channel->messages.insert(it, std::move(message));

    if (id > channel->lastMessageId) {
        channel->lastMessageId = id;
        if (auto ch = json::Object::parse(json::view(channel->json))) {
            ch->set("last_message_id", json::id(id));
            if (channel->isThread()) {
                auto bump = [&](std::string_view key) {
                    bool ok = false;
                    const qint64 n = json::bytes(ch->value(key)).toLongLong(&ok);
                    ch->set(key, QByteArray::number(ok ? n + 1 : 1));
                };
                bump("message_count");
                bump("total_message_sent");
            }
            channel->json = ch->toJson();
        }
    }
    return stored;
}

Result<QByteArray> Snapshot::editMessage(quint64 channelId, quint64 messageId,
                                         std::string_view text)
{
    Channel *channel = channelMutable(channelId);
    if (!channel)
        return invalid(QStringLiteral("unknown channel %1").arg(channelId));
    auto *m = const_cast<Message *>(message(*channel, messageId));
    if (!m)
        return invalid(
            QStringLiteral("unknown message %1 in channel %2").arg(messageId).arg(channelId));
    auto patch = json::Object::parse(text);
    if (!patch)
        return invalid(QStringLiteral("the edit must be a JSON object of fields to set"));
    for (const char *fixed : {"id", "channel_id", "reactions"}) {
        if (patch->contains(fixed))
            return invalid(QStringLiteral("\"%1\" cannot be edited").arg(QLatin1StringView(fixed)));
    }
    auto object = json::Object::parse(json::view(m->json));
    for (const auto &[key, value] : patch->fields())
        object->set(json::view(key), value);
    if (!patch->contains("edited_timestamp")) {
        object->set("edited_timestamp",
                    json::string(json::view(isoTimestamp(QDateTime::currentMSecsSinceEpoch()))));
    }
    m->json = object->toJson();
    return m->json;
}

Result<void> Snapshot::deleteMessage(quint64 channelId, quint64 messageId)
{
    Channel *channel = channelMutable(channelId);
    if (!channel)
        return invalid(QStringLiteral("unknown channel %1").arg(channelId));
    auto it = std::lower_bound(channel->messages.begin(), channel->messages.end(), messageId,
                               [](const Message &m, quint64 v) { return m.id < v; });
    if (it == channel->messages.end() || it->id != messageId)
        return invalid(
            QStringLiteral("unknown message %1 in channel %2").arg(messageId).arg(channelId));
    channel->messages.erase(it);
    return {};
}

Result<bool> Snapshot::setReaction(quint64 channelId, quint64 messageId, std::string_view emojiKey,
                                   quint64 userId, bool burst, bool present)
{
    Channel *channel = channelMutable(channelId);
    if (!channel)
        return invalid(QStringLiteral("unknown channel %1").arg(channelId));
    auto *m = const_cast<Message *>(message(*channel, messageId));
    if (!m)
        return invalid(
            QStringLiteral("unknown message %1 in channel %2").arg(messageId).arg(channelId));
    if (emojiKey.empty())
        return invalid(QStringLiteral("the emoji key is empty"));
    if (present && !user(userId))
        return invalid(QStringLiteral("unknown user %1: add them as a member first").arg(userId));
    const quint32 key = internEmojiKey(emojiKey);
    auto reaction = std::find_if(m->reactions.begin(), m->reactions.end(),
                                 [&](const Reaction &r) { return r.key == key; });
    if (reaction == m->reactions.end()) {
        if (!present)
            return false;
        m->reactions.push_back(Reaction{key, {}, {}});
        reaction = m->reactions.end() - 1;
    }
    std::vector<quint64> &users = burst ? reaction->burst : reaction->normal;
    auto at = std::lower_bound(users.begin(), users.end(), userId);
    const bool there = at != users.end() && *at == userId;
    if (there == present) {
        if (reaction->normal.empty() && reaction->burst.empty())
            m->reactions.erase(reaction);
        return false;
    }
    if (present)
        users.insert(at, userId);
    else
        users.erase(at);
    refreshReactionSummary(*m);
    return true;
}

Result<QByteArray> Snapshot::addMember(std::string_view text)
{
    auto object = json::Object::parse(text);
    if (!object)
        return invalid(QStringLiteral("the member must be a JSON object"));
    auto userObject = json::Object::parse(object->value("user"));
    const auto userId = userObject ? rawId(userObject->value("id")) : std::nullopt;
    if (!userId || *userId == 0)
        return invalid(QStringLiteral("the member needs a \"user\" object with an \"id\" string"));
    if (member(*userId))
        return invalid(QStringLiteral("user %1 is already a member").arg(*userId));
    std::vector<quint64> roles;
    if (object->contains("roles")) {
        const auto ids = idArray(object->value("roles"));
        if (!ids)
            return invalid(QStringLiteral("\"roles\" must be an array of role id strings"));
        for (quint64 id : *ids) {
            if (!role(id))
                return invalid(QStringLiteral("unknown role %1").arg(id));
        }
        roles = *ids;
    }
    userObject->setIfMissing("username", json::string(QStringLiteral("user%1").arg(*userId)));
    userObject->setIfMissing("avatar", "null");
    userObject->setIfMissing("discriminator", "\"0\"");
    userObject->setIfMissing("public_flags", "0");
    userObject->setIfMissing("flags", "0");
    userObject->setIfMissing("global_name", "null");
    userObject->setIfMissing("primary_guild", "null");
    const QByteArray userJson = userObject->toJson();
    object->set("user", userJson);
    object->set("roles", idList(roles));
    object->setIfMissing("avatar", "null");
    object->setIfMissing("banner", "null");
    object->setIfMissing("communication_disabled_until", "null");
    object->setIfMissing("flags", "0");
    object->setIfMissing(
        "joined_at", json::string(json::view(isoTimestamp(QDateTime::currentMSecsSinceEpoch()))));
    object->setIfMissing("nick", "null");
    object->setIfMissing("pending", "false");
    object->setIfMissing("premium_since", "null");
    object->setIfMissing("mute", "false");
    object->setIfMissing("deaf", "false");

    Member m;
    m.userId = *userId;
    m.bot = userObject->value("bot") == "true";
    m.roles = std::move(roles);
    m.json = object->toJson();
    m_users.insert_or_assign(*userId, userJson);
    noteId(*userId);
    auto it = std::lower_bound(m_members.begin(), m_members.end(), *userId,
                               [](const Member &a, quint64 id) { return a.userId < id; });
    const QByteArray stored = m.json;
    m_members.insert(it, std::move(m));
    return stored;
}

Result<void> Snapshot::removeMember(quint64 userId)
{
    auto it = std::lower_bound(m_members.begin(), m_members.end(), userId,
                               [](const Member &a, quint64 id) { return a.userId < id; });
    if (it == m_members.end() || it->userId != userId)
        return invalid(QStringLiteral("user %1 is not a member").arg(userId));
    m_members.erase(it); // the user object stays in m_users: their reactions still resolve
    return {};
}

Result<QByteArray> Snapshot::setMemberRoles(quint64 userId, std::vector<quint64> roles)
{
    Member *m = memberMutable(userId);
    if (!m)
        return invalid(QStringLiteral("user %1 is not a member").arg(userId));
    auto object = json::Object::parse(json::view(m->json));
    object->set("roles", idList(roles));
    m->roles = std::move(roles);
    m->json = object->toJson();
    return m->json;
}

quint64 Snapshot::addRoleAuditEntry(quint64 actorId, quint64 targetId,
                                    const std::vector<quint64> &added,
                                    const std::vector<quint64> &removed, const QString &reason)
{
    auto changeList = [&](const char *key, const std::vector<quint64> &ids) {
        QByteArray out("{\"key\":\"");
        out.append(key).append("\",\"new_value\":[");
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i)
                out.append(',');
            const Role *r = role(ids[i]);
            out.append("{\"id\":").append(json::id(ids[i])).append(",\"name\":");
            json::appendString(out, r ? json::view(r->name) : std::string_view());
            out.append('}');
        }
        out.append("]}");
        return out;
    };
    AuditEntry entry;
    entry.id = freshId();
    entry.actionType = 25;
    entry.userId = actorId;
    entry.targetId = targetId;
    QByteArray out("{\"id\":");
    out.append(json::id(entry.id)).append(",\"action_type\":25,\"user_id\":");
    out.append(json::id(actorId)).append(",\"target_id\":").append(json::id(targetId));
    out.append(",\"changes\":[");
    bool first = true;
    if (!added.empty()) {
        out.append(changeList("$add", added));
        first = false;
    }
    if (!removed.empty()) {
        if (!first)
            out.append(',');
        out.append(changeList("$remove", removed));
    }
    out.append(']');
    if (!reason.isEmpty())
        out.append(",\"reason\":").append(json::string(reason));
    out.append('}');
    entry.json = out;
    m_audit.push_back(std::move(entry));
    return m_audit.back().id;
}

Result<QByteArray> Snapshot::createThread(quint64 parentId, std::string_view text)
{
    const Channel *parent = channel(parentId);
    if (!parent)
        return invalid(QStringLiteral("unknown channel %1").arg(parentId));
    if (parent->type != 0 && parent->type != 5 && parent->type != 15) {
        return invalid(QStringLiteral("channel %1 (type %2) cannot hold threads")
                           .arg(parentId)
                           .arg(parent->type));
    }
    auto object = json::Object::parse(text.empty() ? std::string_view("{}") : text);
    if (!object)
        return invalid(QStringLiteral("the thread must be a JSON object"));
    quint64 id = 0;
    if (object->contains("message_id")) {
        // A thread started from a message has that message's id.
        const auto messageId = rawId(object->value("message_id"));
        if (!messageId || !message(*parent, *messageId))
            return invalid(
                QStringLiteral("\"message_id\" must name a message of channel %1").arg(parentId));
        id = *messageId;
        object->remove("message_id");
    } else if (object->contains("id")) {
        const auto given = rawId(object->value("id"));
        if (!given)
            return invalid(QStringLiteral("\"id\" must be a snowflake string"));
        id = *given;
    } else {
        id = freshId();
    }
    if (channel(id))
        return invalid(QStringLiteral("channel %1 already exists").arg(id));

    bool ok = false;
    const int type = json::bytes(object->value("type")).toInt(&ok);
    const int threadType = ok ? type : (parent->type == 5 ? 10 : 11);
    if (threadType != 10 && threadType != 11 && threadType != 12)
        return invalid(QStringLiteral("a thread's \"type\" is 10, 11 or 12"));
    const bool archived = object->value("archived") == "true";
    object->remove("archived");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto meta =
        json::Object::parse(object->contains("thread_metadata") ? object->value("thread_metadata")
                                                                : std::string_view("{}"));
    if (!meta)
        return invalid(QStringLiteral("\"thread_metadata\" must be an object"));
    if (archived)
        meta->set("archived", "true");
    meta->setIfMissing("archived", "false");
    meta->setIfMissing("archive_timestamp", json::string(json::view(isoTimestamp(now))));
    meta->setIfMissing("auto_archive_duration", "1440");
    meta->setIfMissing("locked", "false");
    meta->setIfMissing("create_timestamp", json::string(json::view(isoTimestamp(now))));

    std::string_view stampRaw = meta->value("archive_timestamp");
    std::optional<qint64> stamp;
    if (stampRaw.size() >= 2)
        stamp = parseTimestamp(stampRaw.substr(1, stampRaw.size() - 2));
    if (!stamp)
        return invalid(QStringLiteral("thread_metadata.archive_timestamp must be ISO 8601"));

    object->set("id", json::id(id));
    object->set("type", QByteArray::number(threadType));
    object->set("guild_id", json::id(m_guildId));
    object->set("parent_id", json::id(parentId));
    object->setIfMissing("name", json::string(QStringLiteral("thread %1").arg(id)));
    object->setIfMissing("owner_id", json::id(m_botUserId));
    object->setIfMissing("flags", "0");
    object->setIfMissing("last_message_id", "null");
    object->setIfMissing("rate_limit_per_user", "0");
    object->setIfMissing("message_count", "0");
    object->setIfMissing("member_count", "0");
    object->setIfMissing("total_message_sent", "0");
    object->set("thread_metadata", meta->toJson());

    Channel thread;
    thread.id = id;
    thread.type = threadType;
    thread.parentId = parentId;
    thread.archived = meta->value("archived") == "true";
    thread.archiveMsecs = *stamp;
    thread.json = object->toJson();
    noteId(id);
    m_channels.push_back(std::move(thread));
    m_channelIndex.insert(id, static_cast<qsizetype>(m_channels.size() - 1));
    return m_channels.back().json;
}

Result<QByteArray> Snapshot::setThreadArchived(quint64 threadId, bool archived,
                                               std::optional<qint64> archiveMsecs,
                                               std::optional<bool> locked)
{
    Channel *thread = channelMutable(threadId);
    if (!thread || !thread->isThread())
        return invalid(QStringLiteral("%1 is not a thread").arg(threadId));
    auto object = json::Object::parse(json::view(thread->json));
    auto meta =
        json::Object::parse(object->contains("thread_metadata") ? object->value("thread_metadata")
                                                                : std::string_view("{}"));
    const qint64 stamp = archiveMsecs.value_or(QDateTime::currentMSecsSinceEpoch());
    meta->set("archived", archived ? "true" : "false");
    meta->set("archive_timestamp", json::string(json::view(isoTimestamp(stamp))));
    if (locked)
        meta->set("locked", *locked ? "true" : "false");
    meta->setIfMissing("auto_archive_duration", "1440");
    meta->setIfMissing("locked", "false");
    object->set("thread_metadata", meta->toJson());
    thread->archived = archived;
    thread->archiveMsecs = stamp;
    thread->json = object->toJson();
    return thread->json;
}

QByteArray Snapshot::toJson() const
{
    qsizetype estimate = m_guildJson.size() + 4096;
    for (const Channel &c : m_channels) {
        estimate += c.json.size() + 64;
        for (const Message &m : c.messages) {
            estimate += m.json.size() + 2;
            for (const Reaction &r : m.reactions)
                estimate += 64 + 22 * static_cast<qsizetype>(r.normal.size() + r.burst.size());
        }
    }
    for (const Member &m : m_members)
        estimate += m.json.size() + 2;
    QByteArray out;
    out.reserve(estimate);
    out.append("{\"format\":\"guild-snapshot/1\",\"guild\":").append(m_guildJson);
    out.append(",\"roles\":[");
    for (size_t i = 0; i < m_roles.size(); ++i)
        out.append(i ? "," : "").append(m_roles[i].json);
    out.append("],\"members\":[");
    for (size_t i = 0; i < m_members.size(); ++i)
        out.append(i ? "," : "").append(m_members[i].json);
    out.append("],\"users\":{");
    std::vector<quint64> former;
    for (const auto &[id, json] : m_users) {
        if (!member(id))
            former.push_back(id);
    }
    std::sort(former.begin(), former.end());
    for (size_t i = 0; i < former.size(); ++i) {
        out.append(i ? ",\"" : "\"").append(QByteArray::number(former[i])).append("\":");
        out.append(m_users.at(former[i]));
    }
    out.append("},\"channels\":[");
    for (size_t i = 0; i < m_channels.size(); ++i)
        out.append(i ? "," : "").append(m_channels[i].json);
    out.append("],\"messages\":{");
    bool first = true;
    for (const Channel &c : m_channels) {
        if (c.messages.empty())
            continue;
        out.append(first ? "\"" : ",\"").append(QByteArray::number(c.id)).append("\":[");
        first = false;
        for (size_t i = 0; i < c.messages.size(); ++i)
            out.append(i ? "," : "").append(c.messages[i].json);
        out.append(']');
    }
    out.append('}');
    for (const bool burst : {false, true}) {
        out.append(burst ? ",\"burst_reactions\":{" : ",\"reactions\":{");
        first = true;
        for (const Channel &c : m_channels) {
            for (const Message &m : c.messages) {
                for (const Reaction &r : m.reactions) {
                    const std::vector<quint64> &users = burst ? r.burst : r.normal;
                    if (users.empty())
                        continue;
                    if (!first)
                        out.append(',');
                    first = false;
                    const QByteArray key = QByteArray::number(c.id) + '/' +
                                           QByteArray::number(m.id) + '/' + m_emojiKeys[r.key];
                    json::appendString(out, json::view(key));
                    out.append(":[");
                    for (size_t i = 0; i < users.size(); ++i) {
                        out.append(i ? ",\"" : "\"").append(QByteArray::number(users[i]));
                        out.append('"');
                    }
                    out.append(']');
                }
            }
        }
        out.append('}');
    }
    for (const auto &[key, value] : m_extraFields) {
        out.append(',');
        json::appendString(out, json::view(key));
        out.append(':').append(value);
    }
    if (!m_audit.empty()) {
        out.append(",\"audit_log_entries\":[");
        for (size_t i = 0; i < m_audit.size(); ++i)
            out.append(i ? "," : "").append(m_audit[i].json);
        out.append(']');
    }
    out.append('}');
    return out;
}

} // namespace gavel::emulator
