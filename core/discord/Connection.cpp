#include "discord/Connection.h"

#include "common/Snowflake.h"
#include "discord/Client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace gavel::discord {

using namespace Qt::StringLiterals;

namespace {

quint64 idOf(const QJsonValue &value)
{
    return snowflake::parse(value.toString()).value_or(0);
}

QString portalFix(quint64 applicationId, const QString &intent)
{
    return u"Open the Discord Developer Portal (%1) → Bot → Privileged Gateway Intents, switch on "
           "“%2” and press Save Changes; no new invite is needed."_s.arg(
               developerPortalBotUrl(applicationId).toString(), intent);
}

} // namespace

QList<NeededPermission> neededPermissions()
{
    return {
        {permissions::ViewChannel, u"View Channels"_s,
         u"lists the channels and reads their messages"_s, true},
        {permissions::ReadMessageHistory, u"Read Message History"_s,
         u"reads messages older than the bot's arrival; without it channels look empty"_s, true},
        {permissions::ManageRoles, u"Manage Roles"_s,
         u"applies approved role changes (gavel push); not needed to audit"_s, false},
        {permissions::ViewAuditLog, u"View Audit Log"_s,
         u"confirms applied role changes in the guild's audit log (gavel push)"_s, false},
    };
}

quint64 neededPermissionBits()
{
    quint64 bits = 0;
    for (const NeededPermission &p : neededPermissions())
        bits |= p.bit;
    return bits;
}

QString describePermissionBits(quint64 bits)
{
    QStringList parts;
    for (const NeededPermission &p : neededPermissions()) {
        if (bits & p.bit)
            parts << u"%1 (%2)"_s.arg(p.name).arg(p.bit);
    }
    return parts.join(u" + "_s);
}

quint64 guildPermissions(quint64 guildId, quint64 ownerId, quint64 userId,
                         const QList<RolePermissions> &roles, const QList<quint64> &memberRoles)
{
    if (userId != 0 && userId == ownerId)
        return permissions::All;
    quint64 bits = 0;
    for (const RolePermissions &role : roles) {
        if (role.id == guildId || memberRoles.contains(role.id))
            bits |= role.permissions;
    }
    if (bits & permissions::Administrator)
        return permissions::All;
    return bits;
}

QUrl inviteUrl(quint64 applicationId, quint64 permissionBits)
{
    QUrl url(u"https://discord.com/oauth2/authorize"_s);
    QUrlQuery query;
    query.addQueryItem(u"client_id"_s, QString::number(applicationId));
    query.addQueryItem(u"scope"_s, u"bot"_s);
    query.addQueryItem(u"permissions"_s, QString::number(permissionBits));
    url.setQuery(query);
    return url;
}

QUrl developerPortalBotUrl(quint64 applicationId)
{
    return QUrl(u"https://discord.com/developers/applications/%1/bot"_s.arg(applicationId));
}

Intents intentsFromFlags(quint64 flags)
{
    using namespace applicationflags;
    Intents intents;
    intents.members.enabled = flags & (GatewayGuildMembers | GatewayGuildMembersLimited);
    intents.members.limited =
        !(flags & GatewayGuildMembers) && (flags & GatewayGuildMembersLimited);
    intents.messageContent.enabled = flags & (GatewayMessageContent | GatewayMessageContentLimited);
    intents.messageContent.limited =
        !(flags & GatewayMessageContent) && (flags & GatewayMessageContentLimited);
    return intents;
}

bool ConnectionReport::canSync() const
{
    for (const CheckItem &item : items) {
        if (item.state == CheckItem::State::Missing)
            return false;
    }
    return true;
}

ConnectionReport evaluateConnection(const BotIdentity &bot, const GuildChoice &guild,
                                    quint64 ownerId, quint64 permissionBits)
{
    ConnectionReport report;
    report.bot = bot;
    report.guildId = guild.id;
    report.guildName = guild.name;
    report.ownerId = ownerId;
    report.permissions = permissionBits;
    const QString invite = inviteUrl(bot.applicationId).toString();
    for (const NeededPermission &p : neededPermissions()) {
        CheckItem item;
        item.key = u"permission:%1"_s.arg(p.bit);
        item.title = p.name;
        if (permissionBits & p.bit) {
            item.state = CheckItem::State::Ok;
            item.detail = u"Granted: %1."_s.arg(p.use);
        } else {
            report.missingPermissions |= p.bit;
            item.state = p.neededForSync ? CheckItem::State::Missing : CheckItem::State::Warning;
            item.detail = u"Missing: Gavel %1."_s.arg(p.use);
            item.fix =
                u"Open the invite URL %1 and authorise the bot for this guild again: "
                "Discord adds the missing permission to the bot's role. Or in Discord: "
                "Server Settings → Roles → the bot's role → switch on “%2”."_s.arg(invite, p.name);
        }
        report.items.append(item);
    }

    const auto intentItem = [&](const QString &key, const QString &title, const IntentState &state,
                                const QString &use, CheckItem::State whenOff) {
        CheckItem item;
        item.key = key;
        item.title = title;
        if (state.enabled) {
            item.state = CheckItem::State::Ok;
            item.detail = state.limited
                              ? u"On (limited: the application is in fewer than 100 guilds)."_s
                              : u"On."_s;
        } else {
            item.state = whenOff;
            item.detail = u"Off: %1."_s.arg(use);
            item.fix = portalFix(bot.applicationId, title);
        }
        report.items.append(item);
    };
    intentItem(u"intent:members"_s, u"Server Members Intent"_s, bot.intents.members,
               u"Discord refuses the member list (50001 Missing Access), so a sync stops"_s,
               CheckItem::State::Missing);
    intentItem(u"intent:message_content"_s, u"Message Content Intent"_s, bot.intents.messageContent,
               u"messages arrive without their text; reactions are still counted, but evidence "
               "shows no message text"_s,
               CheckItem::State::Warning);
    return report;
}

Error noGuildsError(const BotIdentity &bot)
{
    return Error{u"The bot %1 is not in any guild yet."_s.arg(bot.name),
                 u"Invite it with %1 (choose your guild there), then check again."_s.arg(
                     inviteUrl(bot.applicationId).toString())};
}

ConnectionCheck::ConnectionCheck(QUrl apiBase, Token token, QObject *parent)
    : QObject(parent)
    , m_apiBase(std::move(apiBase))
    , m_token(std::move(token))
{
    qRegisterMetaType<gavel::Result<gavel::discord::BotIdentity>>();
    qRegisterMetaType<gavel::Result<gavel::discord::ConnectionReport>>();
}

ConnectionCheck::~ConnectionCheck() = default;

Error ConnectionCheck::badTokenError()
{
    return Error{u"Discord refused the bot token (401 Unauthorized): it is wrong, was reset, or "
                 "is not a bot token."_s,
                 u"Copy it again from the Discord Developer Portal: your application → Bot → "
                 "Reset Token, and paste all of it."_s};
}

Error ConnectionCheck::replyError(const QString &what, int status, int discordCode,
                                  const QString &message, const QString &hint) const
{
    if (status == 401)
        return badTokenError();
    QString text = u"%1 failed: %2"_s.arg(what, message);
    if (discordCode != 0)
        text += u" (Discord code %1)"_s.arg(discordCode);
    return Error{text, hint.isEmpty()
                           ? u"Check the API address (%1) and the network, then check again."_s.arg(
                                 m_apiBase.toDisplayString())
                           : hint};
}

void ConnectionCheck::identify()
{
    ClientOptions options;
    options.apiBase = m_apiBase;
    // A person is waiting: fail in seconds rather than retry for minutes.
    options.maxAttempts = 2;
    options.requestTimeoutMs = 15'000;
    if (const Result<void> valid = Client::validate(options, m_token); !valid) {
        Q_EMIT identified(valid.error());
        return;
    }
    m_client = std::make_unique<Client>(options, m_token);
    m_identified = false;
    m_bot = {};
    Q_EMIT step(u"Checking the token (GET /users/@me)…"_s);
    m_client->get("/users/@me").execute(this, [this](Reply &&me) {
        if (!me.ok()) {
            Q_EMIT identified(replyError(u"GET /users/@me"_s, me.status, me.discordCode,
                                         me.errorMessage, me.errorHint));
            return;
        }
        const QJsonObject user = QJsonDocument::fromJson(me.body).object();
        m_bot.userId = idOf(user.value(u"id"));
        m_bot.name = user.value(u"username").toString();
        if (!user.value(u"bot").toBool(false)) {
            Q_EMIT identified(Error{
                u"The token belongs to the user %1, not to a bot."_s.arg(m_bot.name),
                u"Gavel needs a bot token: Discord Developer Portal → your application → Bot → "
                "Reset Token."_s});
            return;
        }
        Q_EMIT step(u"Reading the application's intents (GET /applications/@me)…"_s);
        m_client->get("/applications/@me").execute(this, [this](Reply &&app) {
            if (!app.ok()) {
                Q_EMIT identified(replyError(u"GET /applications/@me"_s, app.status,
                                             app.discordCode, app.errorMessage, app.errorHint));
                return;
            }
            const QJsonObject object = QJsonDocument::fromJson(app.body).object();
            m_bot.applicationId = idOf(object.value(u"id"));
            if (m_bot.applicationId == 0)
                m_bot.applicationId = m_bot.userId;
            m_bot.applicationFlags = quint64(object.value(u"flags").toInteger(0));
            m_bot.intents = intentsFromFlags(m_bot.applicationFlags);
            Q_EMIT step(u"Listing the bot's guilds (GET /users/@me/guilds)…"_s);
            m_client->get("/users/@me/guilds").execute(this, [this](Reply &&guilds) {
                if (!guilds.ok()) {
                    Q_EMIT identified(replyError(u"GET /users/@me/guilds"_s, guilds.status,
                                                 guilds.discordCode, guilds.errorMessage,
                                                 guilds.errorHint));
                    return;
                }
                const QJsonArray list = QJsonDocument::fromJson(guilds.body).array();
                for (const QJsonValue &value : list) {
                    const QJsonObject guild = value.toObject();
                    m_bot.guilds.append(
                        {idOf(guild.value(u"id")), guild.value(u"name").toString()});
                }
                m_identified = true;
                Q_EMIT identified(m_bot);
            });
        });
    });
}

void ConnectionCheck::checkGuild(quint64 guildId)
{
    if (!m_identified || !m_client) {
        Q_EMIT guildChecked(Error{u"The token has not been checked yet."_s,
                                  u"This is a Gavel bug: identify() comes first."_s});
        return;
    }
    GuildChoice choice{guildId, {}};
    for (const GuildChoice &g : std::as_const(m_bot.guilds)) {
        if (g.id == guildId)
            choice = g;
    }
    Q_EMIT step(u"Reading the guild's roles (GET /guilds/%1)…"_s.arg(guildId));
    m_client->get("/guilds/{}", {guildId}).execute(this, [this, choice](Reply &&guildReply) {
        if (!guildReply.ok()) {
            Q_EMIT guildChecked(replyError(u"GET /guilds/%1"_s.arg(choice.id), guildReply.status,
                                           guildReply.discordCode, guildReply.errorMessage,
                                           guildReply.errorHint));
            return;
        }
        const QJsonObject guild = QJsonDocument::fromJson(guildReply.body).object();
        const quint64 ownerId = idOf(guild.value(u"owner_id"));
        QList<RolePermissions> roles;
        for (const QJsonValue &value : guild.value(u"roles").toArray()) {
            const QJsonObject role = value.toObject();
            roles.append(
                {idOf(role.value(u"id")), role.value(u"permissions").toString().toULongLong()});
        }
        GuildChoice named = choice;
        if (named.name.isEmpty())
            named.name = guild.value(u"name").toString();
        Q_EMIT step(u"Reading the bot's roles (GET /guilds/%1/members/%2)…"_s.arg(choice.id).arg(
            m_bot.userId));
        m_client->get("/guilds/{}/members/{}", {choice.id, m_bot.userId})
            .execute(this, [this, named, ownerId, roles](Reply &&memberReply) {
                if (!memberReply.ok()) {
                    Q_EMIT guildChecked(
                        replyError(u"GET /guilds/%1/members/%2"_s.arg(named.id).arg(m_bot.userId),
                                   memberReply.status, memberReply.discordCode,
                                   memberReply.errorMessage, memberReply.errorHint));
                    return;
                }
                QList<quint64> memberRoles;
                const QJsonObject member = QJsonDocument::fromJson(memberReply.body).object();
                for (const QJsonValue &value : member.value(u"roles").toArray())
                    memberRoles.append(idOf(value));
                const quint64 bits =
                    guildPermissions(named.id, ownerId, m_bot.userId, roles, memberRoles);
                Q_EMIT guildChecked(evaluateConnection(m_bot, named, ownerId, bits));
            });
    });
}

} // namespace gavel::discord
