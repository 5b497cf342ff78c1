#pragma once

#include "common/Result.h"
#include "discord/Token.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace gavel::discord {

class Client;

//! Bits of Discord's permission integer that Gavel asks for (discord-api.md, Discord's docs).
namespace permissions {
inline constexpr quint64 Administrator = quint64(1) << 3;
inline constexpr quint64 ViewAuditLog = quint64(1) << 7;
inline constexpr quint64 ViewChannel = quint64(1) << 10;
inline constexpr quint64 ReadMessageHistory = quint64(1) << 16;
inline constexpr quint64 ManageRoles = quint64(1) << 28;
//! Every permission Discord defines today (bits 0..50): what owners and administrators hold.
inline constexpr quint64 All = (quint64(1) << 51) - 1;
} // namespace permissions

//! Bits of an application's `flags` (GET /applications/@me) for the privileged intents. The
//! "limited" bit is what an application in fewer than 100 guilds gets when the intent is
//! switched on in the Developer Portal; the other one after verification. Either means on.
namespace applicationflags {
inline constexpr quint64 GatewayPresence = quint64(1) << 12;
inline constexpr quint64 GatewayPresenceLimited = quint64(1) << 13;
inline constexpr quint64 GatewayGuildMembers = quint64(1) << 14;
inline constexpr quint64 GatewayGuildMembersLimited = quint64(1) << 15;
inline constexpr quint64 GatewayMessageContent = quint64(1) << 18;
inline constexpr quint64 GatewayMessageContentLimited = quint64(1) << 19;
} // namespace applicationflags

//! One permission Gavel needs, with what it is for.
struct NeededPermission
{
    quint64 bit = 0;
    QString name;         //!< as Discord's role settings name it ("View Channels")
    QString use;          //!< what Gavel does with it
    bool neededForSync{}; //!< without it a sync reads nothing useful; else only push needs it
};

//! The permissions Gavel asks for, in the order they are shown.
QList<NeededPermission> neededPermissions();
//! Their sum: the `permissions` integer of the invite URL.
quint64 neededPermissionBits();
//! "View Channels (1024) + Read Message History (65536) + …" for the needed bits in `bits`.
QString describePermissionBits(quint64 bits);

//! A guild role as the permission computation needs it.
struct RolePermissions
{
    quint64 id = 0;
    quint64 permissions = 0;
};

/*!
 * Discord's guild-wide permission computation for one member (no channel overwrites): the
 * @everyone role (whose id is the guild's) ORed with each of the member's roles; the owner and
 * anyone holding Administrator get every permission.
 */
quint64 guildPermissions(quint64 guildId, quint64 ownerId, quint64 userId,
                         const QList<RolePermissions> &roles, const QList<quint64> &memberRoles);

//! https://discord.com/oauth2/authorize?client_id=<app>&scope=bot&permissions=<bits>
QUrl inviteUrl(quint64 applicationId, quint64 permissionBits = neededPermissionBits());
//! The Developer Portal page with the bot's token and its privileged intents.
QUrl developerPortalBotUrl(quint64 applicationId);

//! Whether the application has a privileged intent switched on.
struct IntentState
{
    bool enabled = false;
    bool limited = false; //!< on through the "limited" flag (an application in < 100 guilds)
};

struct Intents
{
    IntentState members;        //!< Server Members Intent (GUILD_MEMBERS)
    IntentState messageContent; //!< Message Content Intent (MESSAGE_CONTENT)
};

Intents intentsFromFlags(quint64 applicationFlags);

//! A guild the bot is in (GET /users/@me/guilds).
struct GuildChoice
{
    quint64 id = 0;
    QString name;
};

//! Who the token belongs to and where its bot is.
struct BotIdentity
{
    quint64 userId = 0;
    QString name;
    quint64 applicationId = 0;
    quint64 applicationFlags = 0;
    Intents intents;
    QList<GuildChoice> guilds;
};

//! One line of a connection check: a permission or an intent, fine or with its fix.
struct CheckItem
{
    enum class State { Ok, Missing, Warning };
    QString key; //!< stable: "permission:1024", "intent:members", "intent:message_content"
    QString title;
    State state = State::Ok;
    QString detail; //!< what it is for, or what was found
    QString fix;    //!< the exact fix; empty when state is Ok
};

//! The outcome of checking a bot in one guild.
struct ConnectionReport
{
    BotIdentity bot;
    quint64 guildId = 0;
    QString guildName;
    quint64 ownerId = 0;
    quint64 permissions = 0;        //!< the bot's guild-wide permissions
    quint64 missingPermissions = 0; //!< needed bits it lacks
    QList<CheckItem> items;

    //! True when nothing a sync needs is missing (warnings allowed).
    bool canSync() const;
    //! The invite URL with every needed permission (re-inviting adds what is missing).
    QUrl invite() const { return inviteUrl(bot.applicationId); }
};

//! Turns what was read into check items with their fixes (pure; unit-tested).
ConnectionReport evaluateConnection(const BotIdentity &bot, const GuildChoice &guild,
                                    quint64 ownerId, quint64 permissionBits);

//! The error for a guild list without guilds: the bot has not been invited anywhere yet.
Error noGuildsError(const BotIdentity &bot);

/*!
 * Checks a bot token against the REST API, for the connection wizard (and anything else that
 * wants to know before a sync): identify() reads GET /users/@me, /applications/@me and
 * /users/@me/guilds; checkGuild() reads GET /guilds/{g} and the bot's member object and
 * evaluates permissions and intents. Asynchronous, on the thread the object lives in; each
 * call ends with exactly one signal.
 */
class ConnectionCheck : public QObject
{
    Q_OBJECT

public:
    ConnectionCheck(QUrl apiBase, Token token, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    void identify();
    //! Needs a successful identify() first.
    void checkGuild(quint64 guildId);

    //! The message for a token Discord refuses (401).
    static Error badTokenError();

Q_SIGNALS:
    void step(const QString &text);
    void identified(const gavel::Result<gavel::discord::BotIdentity> &result);
    void guildChecked(const gavel::Result<gavel::discord::ConnectionReport> &result);

private:
    Error replyError(const QString &what, int status, int discordCode, const QString &message,
                     const QString &hint) const;

    QUrl m_apiBase;
    Token m_token;
    std::unique_ptr<Client> m_client;
    BotIdentity m_bot;
    bool m_identified = false;
};

} // namespace gavel::discord

Q_DECLARE_METATYPE(gavel::discord::BotIdentity)
Q_DECLARE_METATYPE(gavel::discord::ConnectionReport)
Q_DECLARE_METATYPE(gavel::Result<gavel::discord::BotIdentity>)
Q_DECLARE_METATYPE(gavel::Result<gavel::discord::ConnectionReport>)
