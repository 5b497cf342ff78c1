#include "DiscordApi.h"

#include "Json.h"
#include "common/Snowflake.h"

#include <algorithm>

namespace gavel::emulator {

namespace {

std::optional<quint64> pathId(const QByteArray &param)
{
    return snowflake::parse(QByteArrayView(param));
}

HttpResponse notSnowflake(const QByteArray &field, const QByteArray &value)
{
    FormErrors errors;
    errors.add(field, "Value \"" + value + "\" is not snowflake.");
    return reply::invalidForm(errors);
}

HttpResponse missingAccess()
{
    return reply::error(403, 50001, "Missing Access");
}

HttpResponse missingPermissions()
{
    return reply::error(403, 50013, "Missing Permissions");
}

QByteArray joined(const std::vector<const QByteArray *> &parts)
{
    qsizetype size = 2;
    for (const QByteArray *p : parts)
        size += p->size() + 1;
    QByteArray out;
    out.reserve(size);
    out.append('[');
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out.append(',');
        out.append(*parts[i]);
    }
    out.append(']');
    return out;
}

//! Half-open index range [lo, hi) of an ascending id list, for Discord's before/after/around.
struct Range
{
    size_t lo = 0;
    size_t hi = 0;
};

template<typename T, typename IdOf>
Range page(const std::vector<T> &items, IdOf idOf, std::optional<quint64> around,
           std::optional<quint64> before, std::optional<quint64> after, size_t limit)
{
    auto lowerBound = [&](quint64 id) {
        return static_cast<size_t>(
            std::lower_bound(items.begin(), items.end(), id,
                             [&](const T &item, quint64 v) { return idOf(item) < v; }) -
            items.begin());
    };
    const size_t n = items.size();
    Range r;
    if (around) {
        // Centred and inclusive: limit/2 newer messages, the rest (with the message) older.
        const size_t at = lowerBound(*around);
        const size_t olderEnd = (at < n && idOf(items[at]) == *around) ? at + 1 : at;
        const size_t newer = limit / 2;
        const size_t older = limit - newer;
        r.lo = olderEnd >= older ? olderEnd - older : 0;
        r.hi = std::min(n, olderEnd + newer);
    } else if (before) {
        r.hi = lowerBound(*before);
        r.lo = r.hi >= limit ? r.hi - limit : 0;
    } else if (after) {
        r.lo = lowerBound(*after + 1);
        r.hi = std::min(n, r.lo + limit);
    } else {
        r.hi = n;
        r.lo = n >= limit ? n - limit : 0;
    }
    return r;
}

} // namespace

DiscordApi::DiscordApi(ServerState &state)
    : m_state(state)
{
    using A = DiscordApi;
    m_routes = {
        {"GET", {"users", "@me"}, "users_me", &A::getMe},
        {"GET", {"users", "@me", "guilds"}, "users_me_guilds", &A::getMyGuilds},
        {"GET", {"applications", "@me"}, "application", &A::getMyApplication},
        {"GET", {"guilds", "*"}, "guild", &A::getGuild},
        {"GET", {"guilds", "*", "channels"}, "guild_channels", &A::getChannels},
        {"GET", {"guilds", "*", "roles"}, "guild_roles", &A::getRoles},
        {"GET", {"guilds", "*", "emojis"}, "guild_emojis", &A::getEmojis},
        {"GET", {"guilds", "*", "members"}, "guild_members", &A::getMembers},
        {"GET", {"guilds", "*", "members", "*"}, "guild_member", &A::getMember},
        {"PATCH", {"guilds", "*", "members", "*"}, "guild_member_update", &A::patchMember},
        {"PUT", {"guilds", "*", "members", "*", "roles", "*"}, "member_roles", &A::putMemberRole},
        {"DELETE",
         {"guilds", "*", "members", "*", "roles", "*"},
         "member_roles",
         &A::deleteMemberRole},
        {"GET", {"guilds", "*", "threads", "active"}, "guild_active_threads", &A::getActiveThreads},
        {"GET", {"guilds", "*", "audit-logs"}, "audit_log", &A::getAuditLog},
        {"GET", {"channels", "*"}, "channel", &A::getChannel},
        {"GET", {"channels", "*", "messages"}, "messages", &A::getMessages},
        {"GET", {"channels", "*", "messages", "*"}, "message", &A::getMessage},
        {"GET",
         {"channels", "*", "messages", "*", "reactions", "*"},
         "reactions",
         &A::getReactions},
        {"GET",
         {"channels", "*", "threads", "archived", "public"},
         "archived_threads",
         &A::getPublicArchivedThreads},
        {"GET",
         {"channels", "*", "threads", "archived", "private"},
         "archived_threads",
         &A::getPrivateArchivedThreads},
    };
}

QStringList DiscordApi::groups()
{
    return {QStringLiteral("users_me"),       QStringLiteral("users_me_guilds"),
            QStringLiteral("application"),    QStringLiteral("guild"),
            QStringLiteral("guild_channels"), QStringLiteral("guild_roles"),
            QStringLiteral("guild_emojis"),   QStringLiteral("guild_members"),
            QStringLiteral("guild_member"),   QStringLiteral("guild_member_update"),
            QStringLiteral("member_roles"),   QStringLiteral("guild_active_threads"),
            QStringLiteral("audit_log"),      QStringLiteral("channel"),
            QStringLiteral("messages"),       QStringLiteral("message"),
            QStringLiteral("reactions"),      QStringLiteral("archived_threads"),
            QStringLiteral("unknown")};
}

DiscordApi::Match DiscordApi::match(QByteArrayView method, QByteArrayView path) const
{
    Match m;
    const QList<QByteArray> segments = path.toByteArray().split('/');
    for (const Route &route : m_routes) {
        if (route.pattern.size() != static_cast<size_t>(segments.size()))
            continue;
        std::vector<QByteArray> params;
        bool ok = true;
        for (size_t i = 0; i < route.pattern.size() && ok; ++i) {
            if (route.pattern[i] == "*") {
                ok = !segments[static_cast<qsizetype>(i)].isEmpty();
                params.push_back(segments[static_cast<qsizetype>(i)]);
            } else {
                ok = route.pattern[i] == segments[static_cast<qsizetype>(i)];
            }
        }
        if (!ok)
            continue;
        m.group = route.group;
        m.major = route.pattern[0] == "users" || params.empty() ? 0 : pathId(params[0]).value_or(0);
        if (route.method == method) {
            m.route = &route;
            m.wrongMethod = false;
            m.params = std::move(params);
            return m;
        }
        m.wrongMethod = true;
        m.allow += (m.allow.isEmpty() ? "" : ", ") + route.method;
    }
    // Every reaction route of a channel shares one bucket, also the ones not emulated.
    if (!m.wrongMethod && segments.size() >= 5 && segments[0] == "channels" &&
        segments[2] == "messages" && segments[4] == "reactions") {
        m.group = "reactions";
        m.major = pathId(segments[1]).value_or(0);
    }
    return m;
}

HttpResponse DiscordApi::call(const Match &match, const HttpRequest &request)
{
    if (match.wrongMethod) {
        HttpResponse r = reply::error(405, 0, "405: Method Not Allowed");
        r.addHeader("Allow", match.allow);
        return r;
    }
    if (!match.route)
        return reply::error(404, 0, "404: Not Found");
    const Call c{request, match.params, Query(request.query)};
    return (this->*match.route->handler)(c);
}

// ---- checks -------------------------------------------------------------------------------

std::optional<HttpResponse> DiscordApi::checkGuild(const QByteArray &param) const
{
    const auto id = pathId(param);
    if (!id)
        return notSnowflake("guild_id", param);
    if (*id != m_state.snapshot.guildId())
        return reply::error(404, 10004, "Unknown Guild");
    return std::nullopt;
}

std::optional<HttpResponse> DiscordApi::readChannel(const QByteArray &param,
                                                    const Channel *&channel,
                                                    quint64 &permissions) const
{
    const auto id = pathId(param);
    if (!id)
        return notSnowflake("channel_id", param);
    channel = m_state.snapshot.channel(*id);
    if (!channel)
        return reply::error(404, 10003, "Unknown Channel");
    permissions = m_state.snapshot.channelPermissions(m_state.botUserId, *channel);
    const quint64 visibleVia = channel->isThread() ? channel->parentId : channel->id;
    if (m_state.revokedChannels.contains(channel->id) ||
        m_state.revokedChannels.contains(visibleVia))
        permissions &= ~permission::ViewChannel;
    if (!(permissions & permission::ViewChannel))
        return missingAccess();
    return std::nullopt;
}

std::optional<HttpResponse> DiscordApi::checkRoleEditable(const Role &role) const
{
    const Snapshot &s = m_state.snapshot;
    if (m_state.botUserId == s.ownerId())
        return std::nullopt;
    if (role.managed || role.position >= s.highestRolePosition(m_state.botUserId))
        return missingPermissions();
    return std::nullopt;
}

QByteArray DiscordApi::messageJson(const Message &message) const
{
    if (m_state.options.messageContentIntent)
        return message.json;
    // Without the message-content intent Discord blanks these, except on the bot's own messages.
    auto object = json::Object::parse(json::view(message.json));
    if (!object)
        return message.json;
    if (auto author = json::Object::parse(object->value("author"))) {
        if (json::rawId(author->value("id")) == m_state.botUserId)
            return message.json;
    }
    object->set("content", "\"\"");
    object->set("embeds", "[]");
    object->set("attachments", "[]");
    object->set("components", "[]");
    object->remove("poll");
    return object->toJson();
}

QByteArray DiscordApi::threadsJson(const std::vector<const Channel *> &threads, bool hasMore) const
{
    std::vector<const QByteArray *> parts;
    parts.reserve(threads.size());
    for (const Channel *t : threads)
        parts.push_back(&t->json);
    return "{\"threads\":" + joined(parts) +
           ",\"members\":[],\"has_more\":" + (hasMore ? "true" : "false") + '}';
}

// ---- users --------------------------------------------------------------------------------

HttpResponse DiscordApi::getMe(const Call &)
{
    const QByteArray *user = m_state.snapshot.user(m_state.botUserId);
    auto object = user ? json::Object::parse(json::view(*user)) : std::nullopt;
    if (!object)
        return reply::error(404, 10013, "Unknown User");
    // The fields of a user object that only /users/@me has (UserPIIResponse).
    object->setIfMissing("avatar", "null");
    object->setIfMissing("discriminator", "\"0\"");
    object->setIfMissing("public_flags", "0");
    object->setIfMissing("flags", "0");
    object->setIfMissing("global_name", "null");
    object->setIfMissing("bot", "true");
    object->setIfMissing("mfa_enabled", "false");
    object->setIfMissing("locale", "\"en-US\"");
    object->setIfMissing("verified", "true");
    object->setIfMissing("email", "null");
    return reply::json(200, object->toJson());
}

HttpResponse DiscordApi::getMyGuilds(const Call &c)
{
    FormErrors errors;
    const auto before = errors.snowflake(c.query, "before");
    const auto after = errors.snowflake(c.query, "after");
    errors.integer(c.query, "limit", 200, 1, 200);
    const QByteArray withCounts = c.query.value("with_counts").value_or(QByteArray());
    if (!errors.empty())
        return reply::invalidForm(errors);
    const Snapshot &s = m_state.snapshot;
    if ((before && s.guildId() >= *before) || (after && s.guildId() <= *after))
        return reply::json(200, "[]");
    auto guild = json::Object::parse(json::view(s.guildJson()));
    json::Object out;
    out.set("id", json::id(s.guildId()));
    for (const char *key : {"name", "icon", "banner"}) {
        const std::string_view v = guild ? guild->value(key) : std::string_view();
        out.set(key, v.empty() ? QByteArrayLiteral("null") : json::bytes(v));
    }
    out.set("owner", s.ownerId() == m_state.botUserId ? "true" : "false");
    out.set("permissions",
            json::string(json::view(QByteArray::number(s.basePermissions(m_state.botUserId)))));
    const std::string_view features = guild ? guild->value("features") : std::string_view();
    out.set("features", features.empty() ? QByteArrayLiteral("[]") : json::bytes(features));
    if (withCounts == "true" || withCounts == "1") {
        out.set("approximate_member_count", QByteArray::number(qsizetype(s.members().size())));
        const std::string_view presence =
            guild ? guild->value("approximate_presence_count") : std::string_view();
        out.set("approximate_presence_count", presence.empty() || presence == "null"
                                                  ? QByteArrayLiteral("0")
                                                  : json::bytes(presence));
    }
    return reply::json(200, '[' + out.toJson() + ']');
}

HttpResponse DiscordApi::getMyApplication(const Call &)
{
    // The bot's application (PrivateApplicationResponse). Its id is the bot user's, as for
    // every application created since 2020; `flags` carries the privileged intents the
    // emulator grants, with the "limited" bits an application in fewer than 100 guilds gets.
    constexpr quint64 membersLimited = quint64(1) << 15;
    constexpr quint64 messageContentLimited = quint64(1) << 19;
    const Snapshot &s = m_state.snapshot;
    const auto userJson = [&s](quint64 id) -> QByteArray {
        const QByteArray *user = s.user(id);
        auto object = user ? json::Object::parse(json::view(*user)) : std::nullopt;
        if (!object)
            return {};
        for (const auto &[key, value] : {std::pair{"avatar", "null"},
                                         {"discriminator", "\"0\""},
                                         {"public_flags", "0"},
                                         {"flags", "0"},
                                         {"global_name", "null"},
                                         {"primary_guild", "null"}})
            object->setIfMissing(key, value);
        return object->toJson();
    };
    const QByteArray bot = userJson(m_state.botUserId);
    if (bot.isEmpty())
        return reply::error(404, 10002, "Unknown Application");
    QByteArray owner = userJson(s.ownerId());
    if (owner.isEmpty())
        owner = bot;
    auto botObject = json::Object::parse(json::view(bot));
    const std::string_view name = botObject ? botObject->value("username") : std::string_view();
    quint64 flags = 0;
    if (m_state.options.membersIntent)
        flags |= membersLimited;
    if (m_state.options.messageContentIntent)
        flags |= messageContentLimited;
    json::Object out;
    out.set("id", json::id(m_state.botUserId));
    out.set("name", name.empty() ? QByteArrayLiteral("\"Gavel emulator\"") : json::bytes(name));
    out.set("icon", "null");
    out.set("description", "\"\"");
    out.set("type", "null");
    out.set("bot", bot);
    out.set("bot_public", "false");
    out.set("bot_require_code_grant", "false");
    out.set("verify_key", QByteArray('"' + QByteArray(64, '0') + '"'));
    out.set("flags", QByteArray::number(flags));
    out.set("flags_new", json::string(json::view(QByteArray::number(flags))));
    out.set("redirect_uris", "[]");
    out.set("interactions_endpoint_url", "null");
    out.set("role_connections_verification_url", "null");
    out.set("owner", owner);
    out.set("approximate_guild_count", "1");
    out.set("approximate_user_install_count", "0");
    out.set("approximate_user_authorization_count", "0");
    out.set("explicit_content_filter", "0");
    out.set("team", "null");
    out.set("eligible_oauth2_scopes", "[\"bot\"]");
    return reply::json(200, out.toJson());
}

// ---- guild --------------------------------------------------------------------------------

HttpResponse DiscordApi::getGuild(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    const QByteArray withCounts = c.query.value("with_counts").value_or(QByteArray());
    if (!withCounts.isEmpty() && withCounts != "true" && withCounts != "false" &&
        withCounts != "1" && withCounts != "0") {
        FormErrors errors;
        errors.add("with_counts", "Value \"" + withCounts + "\" is not a valid boolean.");
        return reply::invalidForm(errors);
    }
    const Snapshot &s = m_state.snapshot;
    auto guild = json::Object::parse(json::view(s.guildJson()));
    std::vector<const QByteArray *> roles;
    for (const Role &r : s.roles())
        roles.push_back(&r.json);
    guild->set("roles", joined(roles));
    guild->setIfMissing("emojis", s.emojisJson());
    if (withCounts == "true" || withCounts == "1") {
        guild->set("approximate_member_count", QByteArray::number(qsizetype(s.members().size())));
        const std::string_view presence = guild->value("approximate_presence_count");
        if (presence.empty() || presence == "null")
            guild->set("approximate_presence_count", "0");
    } else {
        guild->remove("approximate_member_count");
        guild->remove("approximate_presence_count");
    }
    return reply::json(200, guild->toJson());
}

HttpResponse DiscordApi::getChannels(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    // Discord lists every channel, also the ones the bot cannot see; threads are not channels here.
    std::vector<const QByteArray *> parts;
    for (const Channel &ch : m_state.snapshot.channels()) {
        if (!ch.isThread())
            parts.push_back(&ch.json);
    }
    return reply::json(200, joined(parts));
}

HttpResponse DiscordApi::getRoles(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    std::vector<const QByteArray *> parts;
    for (const Role &r : m_state.snapshot.roles())
        parts.push_back(&r.json);
    return reply::json(200, joined(parts));
}

HttpResponse DiscordApi::getEmojis(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    return reply::json(200, m_state.snapshot.emojisJson());
}

HttpResponse DiscordApi::getMembers(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    FormErrors errors;
    const int limit = errors.integer(c.query, "limit", 1, 1, 1000);
    const auto after = errors.snowflake(c.query, "after");
    if (!errors.empty())
        return reply::invalidForm(errors);
    if (!m_state.options.membersIntent)
        return missingAccess();
    const auto &members = m_state.snapshot.members();
    auto it = std::upper_bound(members.begin(), members.end(), after.value_or(0),
                               [](quint64 v, const Member &m) { return v < m.userId; });
    std::vector<const QByteArray *> parts;
    for (; it != members.end() && static_cast<int>(parts.size()) < limit; ++it)
        parts.push_back(&it->json);
    return reply::json(200, joined(parts));
}

HttpResponse DiscordApi::getMember(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    const auto userId = pathId(c.params[1]);
    if (!userId)
        return notSnowflake("user_id", c.params[1]);
    const Member *member = m_state.snapshot.member(*userId);
    if (!member)
        return reply::error(404, 10007, "Unknown Member");
    return reply::json(200, member->json);
}

HttpResponse DiscordApi::patchMember(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    const auto userId = pathId(c.params[1]);
    if (!userId)
        return notSnowflake("user_id", c.params[1]);
    const auto body = json::Object::parse(json::view(c.request.body));
    if (!body)
        return reply::error(400, 50109, "The request body contains invalid JSON.");
    Snapshot &s = m_state.snapshot;
    const Member *member = s.member(*userId);
    if (!member)
        return reply::error(404, 10007, "Unknown Member");
    if (!body->contains("roles"))
        return reply::json(200, member->json);

    auto wanted = json::idArray(body->value("roles"));
    if (!wanted) {
        FormErrors errors;
        errors.add("roles", "Only iterables may be used in a ListType.");
        return reply::invalidForm(errors);
    }
    std::vector<quint64> roles;
    for (quint64 id : *wanted) {
        if (id == s.guildId() || std::find(roles.begin(), roles.end(), id) != roles.end())
            continue;
        if (!s.role(id)) {
            FormErrors errors;
            errors.add("roles", "Role " + QByteArray::number(id) + " is not a role of this guild.");
            return reply::invalidForm(errors);
        }
        roles.push_back(id);
    }
    std::vector<quint64> added;
    std::vector<quint64> removed;
    for (quint64 id : roles) {
        if (std::find(member->roles.begin(), member->roles.end(), id) == member->roles.end())
            added.push_back(id);
    }
    for (quint64 id : member->roles) {
        if (std::find(roles.begin(), roles.end(), id) == roles.end())
            removed.push_back(id);
    }
    if (added.empty() && removed.empty())
        return reply::json(200, member->json);
    if (!(s.basePermissions(m_state.botUserId) & permission::ManageRoles))
        return missingPermissions();
    for (const auto *list : {&added, &removed}) {
        for (quint64 id : *list) {
            if (auto e = checkRoleEditable(*s.role(id)))
                return *e;
        }
    }
    const QByteArray reasonHeader = c.request.header("x-audit-log-reason");
    const QString reason = QString::fromUtf8(percentDecode(reasonHeader, false));
    if (reason.size() > 512) {
        FormErrors errors;
        errors.add("reason", "Must be 512 or fewer in length.");
        return reply::invalidForm(errors);
    }
    auto updated = s.setMemberRoles(*userId, roles);
    s.addRoleAuditEntry(m_state.botUserId, *userId, added, removed, reason);
    return reply::json(200, *updated);
}

HttpResponse DiscordApi::memberRoleChange(const Call &c, bool add)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    const auto userId = pathId(c.params[1]);
    if (!userId)
        return notSnowflake("user_id", c.params[1]);
    const auto roleId = pathId(c.params[2]);
    if (!roleId)
        return notSnowflake("role_id", c.params[2]);
    const QString reason =
        QString::fromUtf8(percentDecode(c.request.header("x-audit-log-reason"), false));
    if (reason.size() > 512) {
        FormErrors errors;
        errors.add("reason", "Must be 512 or fewer in length.");
        return reply::invalidForm(errors);
    }
    Snapshot &s = m_state.snapshot;
    const Member *member = s.member(*userId);
    if (!member)
        return reply::error(404, 10007, "Unknown Member");
    const Role *role = s.role(*roleId);
    if (!role || *roleId == s.guildId())
        return reply::error(404, 10011, "Unknown Role");
    if (!(s.basePermissions(m_state.botUserId) & permission::ManageRoles))
        return missingPermissions();
    if (auto e = checkRoleEditable(*role))
        return *e;
    std::vector<quint64> roles = member->roles;
    const auto at = std::find(roles.begin(), roles.end(), *roleId);
    const bool has = at != roles.end();
    if (has == add)
        return reply::noContent(); // Discord answers 204 and logs nothing
    if (add)
        roles.push_back(*roleId);
    else
        roles.erase(at);
    s.setMemberRoles(*userId, std::move(roles));
    s.addRoleAuditEntry(m_state.botUserId, *userId,
                        add ? std::vector<quint64>{*roleId} : std::vector<quint64>{},
                        add ? std::vector<quint64>{} : std::vector<quint64>{*roleId}, reason);
    return reply::noContent();
}

HttpResponse DiscordApi::putMemberRole(const Call &c)
{
    return memberRoleChange(c, true);
}

HttpResponse DiscordApi::deleteMemberRole(const Call &c)
{
    return memberRoleChange(c, false);
}

HttpResponse DiscordApi::getActiveThreads(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    const Snapshot &s = m_state.snapshot;
    std::vector<const Channel *> threads;
    for (const Channel &ch : s.channels()) {
        if (!ch.isThread() || ch.archived)
            continue;
        const Channel *parent = s.channel(ch.parentId);
        if (!parent || m_state.revokedChannels.contains(parent->id) ||
            m_state.revokedChannels.contains(ch.id))
            continue;
        if (!(s.channelPermissions(m_state.botUserId, *parent) & permission::ViewChannel))
            continue;
        threads.push_back(&ch);
    }
    return reply::json(200, threadsJson(threads, false));
}

HttpResponse DiscordApi::getAuditLog(const Call &c)
{
    if (auto e = checkGuild(c.params[0]))
        return *e;
    FormErrors errors;
    const auto userId = errors.snowflake(c.query, "user_id");
    const auto targetId = errors.snowflake(c.query, "target_id");
    const auto before = errors.snowflake(c.query, "before");
    const auto after = errors.snowflake(c.query, "after");
    const int actionType = errors.integer(c.query, "action_type", 0, 0, 1000);
    const int limit = errors.integer(c.query, "limit", 50, 1, 100);
    if (!errors.empty())
        return reply::invalidForm(errors);
    const Snapshot &s = m_state.snapshot;
    if (!(s.basePermissions(m_state.botUserId) & permission::ViewAuditLog))
        return missingPermissions();
    std::vector<const AuditEntry *> matching;
    for (const AuditEntry &entry : s.auditLog()) {
        if ((userId && entry.userId != *userId) || (targetId && entry.targetId != *targetId) ||
            (actionType != 0 && entry.actionType != actionType))
            continue;
        matching.push_back(&entry);
    }
    const Range r = page(
        matching, [](const AuditEntry *e) { return e->id; }, std::nullopt, before, after,
        static_cast<size_t>(limit));
    QByteArray out("{\"audit_log_entries\":[");
    std::vector<quint64> users;
    for (size_t i = r.hi; i > r.lo; --i) {
        const AuditEntry *entry = matching[i - 1];
        if (i != r.hi)
            out.append(',');
        out.append(entry->json);
        for (quint64 id : {entry->userId, entry->targetId}) {
            if (id && std::find(users.begin(), users.end(), id) == users.end())
                users.push_back(id);
        }
    }
    out.append("],\"users\":[");
    bool first = true;
    for (quint64 id : users) {
        if (const QByteArray *u = s.user(id)) {
            out.append(first ? "" : ",").append(*u);
            first = false;
        }
    }
    out.append("],\"integrations\":[],\"webhooks\":[],\"guild_scheduled_events\":[],"
               "\"threads\":[],\"application_commands\":[],\"auto_moderation_rules\":[]}");
    return reply::json(200, out);
}

// ---- channels -----------------------------------------------------------------------------

HttpResponse DiscordApi::getChannel(const Call &c)
{
    const Channel *channel = nullptr;
    quint64 perms = 0;
    if (auto e = readChannel(c.params[0], channel, perms))
        return *e;
    return reply::json(200, channel->json);
}

HttpResponse DiscordApi::getMessages(const Call &c)
{
    const Channel *channel = nullptr;
    quint64 perms = 0;
    if (auto e = readChannel(c.params[0], channel, perms))
        return *e;
    FormErrors errors;
    const int limit = errors.integer(c.query, "limit", 50, 1, 100);
    const auto around = errors.snowflake(c.query, "around");
    const auto before = errors.snowflake(c.query, "before");
    const auto after = errors.snowflake(c.query, "after");
    if (!errors.empty())
        return reply::invalidForm(errors);
    if (!(perms & permission::ReadMessageHistory))
        return reply::json(200, "[]");
    const auto &messages = channel->messages;
    // One anchor applies, in Discord's precedence: around, then before, then after.
    const Range r = page(
        messages, [](const Message &m) { return m.id; }, around, around ? std::nullopt : before,
        around || before ? std::nullopt : after, static_cast<size_t>(limit));
    if (m_state.options.messageContentIntent) {
        qsizetype size = 2;
        for (size_t i = r.lo; i < r.hi; ++i)
            size += messages[i].json.size() + 1;
        QByteArray out;
        out.reserve(size);
        out.append('[');
        for (size_t i = r.hi; i > r.lo; --i) {
            if (i != r.hi)
                out.append(',');
            out.append(messages[i - 1].json);
        }
        out.append(']');
        return reply::json(200, out);
    }
    QByteArray out("[");
    for (size_t i = r.hi; i > r.lo; --i) {
        if (i != r.hi)
            out.append(',');
        out.append(messageJson(messages[i - 1]));
    }
    out.append(']');
    return reply::json(200, out);
}

HttpResponse DiscordApi::getMessage(const Call &c)
{
    const Channel *channel = nullptr;
    quint64 perms = 0;
    if (auto e = readChannel(c.params[0], channel, perms))
        return *e;
    const auto messageId = pathId(c.params[1]);
    if (!messageId)
        return notSnowflake("message_id", c.params[1]);
    if (!(perms & permission::ReadMessageHistory))
        return missingAccess();
    const Message *message = Snapshot::message(*channel, *messageId);
    if (!message)
        return reply::error(404, 10008, "Unknown Message");
    return reply::json(200, messageJson(*message));
}

HttpResponse DiscordApi::getReactions(const Call &c)
{
    const Channel *channel = nullptr;
    quint64 perms = 0;
    if (auto e = readChannel(c.params[0], channel, perms))
        return *e;
    const auto messageId = pathId(c.params[1]);
    if (!messageId)
        return notSnowflake("message_id", c.params[1]);
    FormErrors errors;
    const int limit = errors.integer(c.query, "limit", 25, 1, 100);
    const auto after = errors.snowflake(c.query, "after");
    const int type = errors.integer(c.query, "type", 0, 0, 1);
    if (!errors.empty())
        return reply::invalidForm(errors);
    if (!(perms & permission::ReadMessageHistory))
        return missingAccess();
    const Snapshot &s = m_state.snapshot;
    const Message *message = Snapshot::message(*channel, *messageId);
    if (!message)
        return reply::error(404, 10008, "Unknown Message");
    const QByteArray key = percentDecode(c.params[2], false);
    const auto keyIndex = s.findEmojiKey(json::view(key));
    const Reaction *reaction = nullptr;
    if (keyIndex) {
        for (const Reaction &r : message->reactions) {
            if (r.key == *keyIndex)
                reaction = &r;
        }
    }
    if (!reaction)
        return reply::error(404, 10014, "Unknown Emoji");
    const std::vector<quint64> &users = type == 1 ? reaction->burst : reaction->normal;
    auto it = after ? std::upper_bound(users.begin(), users.end(), *after) : users.begin();
    std::vector<const QByteArray *> parts;
    for (; it != users.end() && static_cast<int>(parts.size()) < limit; ++it) {
        if (const QByteArray *u = s.user(*it))
            parts.push_back(u);
    }
    return reply::json(200, joined(parts));
}

HttpResponse DiscordApi::archivedThreads(const Call &c, bool priv)
{
    const Channel *channel = nullptr;
    quint64 perms = 0;
    if (auto e = readChannel(c.params[0], channel, perms))
        return *e;
    FormErrors errors;
    const int limit = errors.integer(c.query, "limit", 50, 2, 100);
    std::optional<qint64> before;
    if (const auto text = c.query.value("before")) {
        before = Snapshot::parseTimestamp(json::view(*text));
        if (!before) {
            errors.add("before", "Could not parse " + *text + ". Should be ISO8601.");
        }
    }
    if (!errors.empty())
        return reply::invalidForm(errors);
    if (!(perms & permission::ReadMessageHistory) || (priv && !(perms & permission::ManageThreads)))
        return missingPermissions();
    std::vector<const Channel *> threads;
    for (const Channel &ch : m_state.snapshot.channels()) {
        if (!ch.isThread() || !ch.archived || ch.parentId != channel->id)
            continue;
        if ((ch.type == 12) != priv)
            continue;
        if (before && ch.archiveMsecs >= *before)
            continue;
        threads.push_back(&ch);
    }
    std::sort(threads.begin(), threads.end(), [](const Channel *a, const Channel *b) {
        return a->archiveMsecs != b->archiveMsecs ? a->archiveMsecs > b->archiveMsecs
                                                  : a->id > b->id;
    });
    const bool hasMore = threads.size() > static_cast<size_t>(limit);
    if (hasMore)
        threads.resize(static_cast<size_t>(limit));
    return reply::json(200, threadsJson(threads, hasMore));
}

HttpResponse DiscordApi::getPublicArchivedThreads(const Call &c)
{
    return archivedThreads(c, false);
}

HttpResponse DiscordApi::getPrivateArchivedThreads(const Call &c)
{
    return archivedThreads(c, true);
}

} // namespace gavel::emulator
