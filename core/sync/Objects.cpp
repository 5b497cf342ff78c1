#include "sync/Objects.h"

#include "common/Snowflake.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace gavel::sync {

bool hasMessages(int type)
{
    switch (type) {
    case 0:  // text
    case 2:  // voice (text chat)
    case 5:  // announcement
    case 10: // announcement thread
    case 11: // public thread
    case 12: // private thread
    case 13: // stage (text chat)
        return true;
    default:
        return false;
    }
}

bool hasThreads(int type)
{
    return type == 0 || type == 5 || type == 15 || type == 16;
}

bool isThread(int type)
{
    return type == 10 || type == 11 || type == 12;
}

namespace {

template<typename Char>
std::optional<qint64> parseTimestampImpl(const Char *s, qsizetype n)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    auto digits = [&](qsizetype at, int count) -> int {
        if (at + count > n)
            return -1;
        int v = 0;
        for (int i = 0; i < count; ++i) {
            const auto c = s[at + i];
            if (c < '0' || c > '9')
                return -1;
            v = v * 10 + int(c - '0');
        }
        return v;
    };
    if (n < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return std::nullopt;
    const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;
    qsizetype at = 19;
    int millis = 0;
    if (at < n && s[at] == '.') {
        ++at;
        int scale = 100;
        const qsizetype start = at;
        while (at < n && s[at] >= '0' && s[at] <= '9') {
            millis += int(s[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == start)
            return std::nullopt;
    }
    qint64 offsetMs = 0;
    if (at < n && (s[at] == 'Z' || s[at] == 'z')) {
        ++at;
    } else if (at < n && (s[at] == '+' || s[at] == '-')) {
        const int sign = s[at] == '-' ? -1 : 1;
        const int oh = digits(at + 1, 2), om = digits(at + 4, 2);
        if (oh < 0 || om < 0 || at + 3 >= n || s[at + 3] != ':')
            return std::nullopt;
        offsetMs = sign * (qint64(oh) * 3600 + om * 60) * 1000;
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != n)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return ((days * 24 + hour) * 60 + minute) * 60000 + qint64(second) * 1000 + millis - offsetMs;
}

QString text(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

std::optional<qint64> timestamp(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return parseTimestamp(QStringView(value.toString()));
}

qint64 integer(const QJsonValue &value, qint64 fallback = 0)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().toLongLong(&ok);
        return ok ? v : fallback;
    }
    return fallback;
}

//! The low 64 bits of a decimal permission bitfield (Discord's fields may grow past 64 bits;
//! every bit the sync evaluates is among the low ones).
quint64 permissionBits(const QJsonValue &value)
{
    const QString s = value.isString() ? value.toString() : QString::number(integer(value));
    // Unsigned arithmetic wraps modulo 2^64: exactly the low 64 bits of the decimal number.
    quint64 v = 0;
    for (const QChar c : s) {
        if (c < u'0' || c > u'9')
            return 0;
        v = v * 10 + unsigned(c.unicode() - u'0');
    }
    return v;
}

QString compact(const QJsonObject &object)
{
    // QJsonDocument writes keys sorted, so the same object always gives the same text.
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

std::optional<qint64> parseTimestamp(QStringView text)
{
    return parseTimestampImpl(text.utf16(), text.size());
}

std::optional<qint64> parseTimestamp(QByteArrayView text)
{
    return parseTimestampImpl(text.data(), text.size());
}

std::optional<quint64> idOf(const QJsonValue &value)
{
    if (value.isString())
        return snowflake::parse(QStringView(value.toString()));
    if (value.isDouble() && value.toDouble() >= 0)
        return quint64(value.toDouble());
    return std::nullopt;
}

Result<QJsonObject> parseObject(QByteArrayView json, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{u"Discord sent %1 that is not a JSON object (%2 at byte %3)"_s.arg(
                         what, error.errorString(), QString::number(error.offset)),
                     u"Run the sync again; if it repeats, report it"_s};
    return doc.object();
}

QString guildRawJson(const QJsonObject &guild)
{
    QJsonObject o = guild;
    o.remove("roles"_L1);
    o.remove("emojis"_L1);
    o.remove("approximate_member_count"_L1);
    o.remove("approximate_presence_count"_L1);
    return compact(o);
}

QString channelRawJson(const QJsonObject &channel)
{
    return compact(channel);
}

store::GuildRecord guildRecord(const QJsonObject &guild)
{
    store::GuildRecord g;
    g.id = idOf(guild.value("id"_L1)).value_or(0);
    g.name = text(guild.value("name"_L1));
    g.icon = text(guild.value("icon"_L1));
    g.ownerId = idOf(guild.value("owner_id"_L1));
    g.rawJson = guildRawJson(guild);
    return g;
}

store::UserRecord userRecord(const QJsonObject &user)
{
    store::UserRecord u;
    u.id = idOf(user.value("id"_L1)).value_or(0);
    u.username = text(user.value("username"_L1));
    u.globalName = text(user.value("global_name"_L1));
    u.discriminator = text(user.value("discriminator"_L1));
    u.avatar = text(user.value("avatar"_L1));
    u.bot = user.value("bot"_L1).toBool();
    u.system = user.value("system"_L1).toBool();
    return u;
}

store::MemberRecord memberRecord(const QJsonObject &member)
{
    store::MemberRecord m;
    m.userId = idOf(member.value("user"_L1).toObject().value("id"_L1)).value_or(0);
    m.nick = text(member.value("nick"_L1));
    m.joinedAt = timestamp(member.value("joined_at"_L1));
    m.premiumSince = timestamp(member.value("premium_since"_L1));
    m.flags = integer(member.value("flags"_L1));
    m.pending = member.value("pending"_L1).toBool();
    for (const QJsonValue &r : member.value("roles"_L1).toArray()) {
        if (const auto id = idOf(r))
            m.roleIds.append(*id);
    }
    return m;
}

store::RoleRecord roleRecord(const QJsonObject &role)
{
    store::RoleRecord r;
    r.id = idOf(role.value("id"_L1)).value_or(0);
    r.name = text(role.value("name"_L1));
    r.color = integer(role.value("color"_L1));
    r.position = int(integer(role.value("position"_L1)));
    const QJsonValue perms = role.value("permissions"_L1);
    r.permissions = perms.isString() ? perms.toString() : QString::number(integer(perms));
    r.managed = role.value("managed"_L1).toBool();
    r.hoist = role.value("hoist"_L1).toBool();
    r.mentionable = role.value("mentionable"_L1).toBool();
    return r;
}

store::EmojiRecord emojiRecord(const QJsonObject &emoji)
{
    store::EmojiRecord e;
    e.id = idOf(emoji.value("id"_L1)).value_or(0);
    e.name = text(emoji.value("name"_L1));
    e.animated = emoji.value("animated"_L1).toBool();
    e.available = emoji.value("available"_L1).toBool(true);
    return e;
}

store::ChannelRecord channelRecord(const QJsonObject &channel)
{
    store::ChannelRecord c;
    c.id = idOf(channel.value("id"_L1)).value_or(0);
    c.parentId = idOf(channel.value("parent_id"_L1));
    c.type = int(integer(channel.value("type"_L1)));
    c.name = text(channel.value("name"_L1));
    if (channel.value("position"_L1).isDouble())
        c.position = int(integer(channel.value("position"_L1)));
    c.topic = text(channel.value("topic"_L1));
    c.lastMessageId = idOf(channel.value("last_message_id"_L1));
    if (isThread(c.type)) {
        c.ownerId = idOf(channel.value("owner_id"_L1));
        const QJsonObject meta = channel.value("thread_metadata"_L1).toObject();
        c.archived = meta.value("archived"_L1).toBool();
        c.archiveTimestamp = timestamp(meta.value("archive_timestamp"_L1));
        c.locked = meta.value("locked"_L1).toBool();
        if (channel.contains("message_count"_L1))
            c.messageCount = integer(channel.value("message_count"_L1));
    }
    c.rawJson = channelRawJson(channel);
    return c;
}

QList<Overwrite> overwritesOf(const QJsonObject &channel)
{
    QList<Overwrite> list;
    for (const QJsonValue &v : channel.value("permission_overwrites"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        Overwrite ow;
        ow.id = idOf(o.value("id"_L1)).value_or(0);
        ow.type = int(integer(o.value("type"_L1)));
        ow.allow = permissionBits(o.value("allow"_L1));
        ow.deny = permissionBits(o.value("deny"_L1));
        list.append(ow);
    }
    return list;
}

Permissions::Permissions(quint64 guildId, quint64 ownerId, quint64 userId,
                         QList<quint64> memberRoles, const QList<store::RoleRecord> &roles)
    : m_guildId(guildId)
    , m_userId(userId)
    , m_roles(std::move(memberRoles))
{
    for (const store::RoleRecord &r : roles) {
        if (r.id == guildId || m_roles.contains(r.id))
            m_base |= permissionBits(QJsonValue(r.permissions));
    }
    m_all = userId == ownerId || (m_base & permission::Administrator);
}

quint64 Permissions::inChannel(const QList<Overwrite> &overwrites) const
{
    if (m_all)
        return ~quint64(0);
    quint64 perms = m_base;
    for (const Overwrite &ow : overwrites) {
        if (ow.type == 0 && ow.id == m_guildId)
            perms = (perms & ~ow.deny) | ow.allow;
    }
    quint64 allow = 0, deny = 0;
    for (const Overwrite &ow : overwrites) {
        if (ow.type == 0 && ow.id != m_guildId && m_roles.contains(ow.id)) {
            allow |= ow.allow;
            deny |= ow.deny;
        }
    }
    perms = (perms & ~deny) | allow;
    for (const Overwrite &ow : overwrites) {
        if (ow.type == 1 && ow.id == m_userId)
            perms = (perms & ~ow.deny) | ow.allow;
    }
    return perms;
}

bool Permissions::canRead(const QList<Overwrite> &overwrites) const
{
    const quint64 p = inChannel(overwrites);
    return (p & permission::ViewChannel) && (p & permission::ReadMessageHistory);
}

} // namespace gavel::sync
