#pragma once

// Internal to gavel_emulator: the /api/v10 routes and their handlers.

#include "ApiSupport.h"

#include <QStringList>

#include <vector>

namespace gavel::emulator {

//! Routes /api/v10 requests to handlers that answer from the ServerState as Discord would.
class DiscordApi
{
public:
    struct Call
    {
        const HttpRequest &request;
        const std::vector<QByteArray> &params; // raw (percent-encoded) path captures
        Query query;
    };
    using Handler = HttpResponse (DiscordApi::*)(const Call &);

    struct Route
    {
        QByteArray method;
        std::vector<QByteArray> pattern; // "*" captures one segment
        QByteArray group;                // rate-limit bucket group
        Handler handler;
    };

    struct Match
    {
        const Route *route = nullptr;
        bool wrongMethod = false;
        QByteArray allow;
        QByteArray group = QByteArrayLiteral("unknown");
        quint64 major = 0; // channel or guild id; 0 for routes without one
        std::vector<QByteArray> params;
    };

    explicit DiscordApi(ServerState &state);

    //! `path` is relative to /api/v10/ (e.g. "channels/1/messages").
    Match match(QByteArrayView method, QByteArrayView path) const;
    HttpResponse call(const Match &match, const HttpRequest &request);

    static QStringList groups();

private:
    // Handlers (one per route)
    HttpResponse getMe(const Call &c);
    HttpResponse getMyGuilds(const Call &c);
    HttpResponse getMyApplication(const Call &c);
    HttpResponse getGuild(const Call &c);
    HttpResponse getChannels(const Call &c);
    HttpResponse getRoles(const Call &c);
    HttpResponse getEmojis(const Call &c);
    HttpResponse getMembers(const Call &c);
    HttpResponse getMember(const Call &c);
    HttpResponse patchMember(const Call &c);
    HttpResponse putMemberRole(const Call &c);
    HttpResponse deleteMemberRole(const Call &c);
    HttpResponse getActiveThreads(const Call &c);
    HttpResponse getAuditLog(const Call &c);
    HttpResponse getChannel(const Call &c);
    HttpResponse getMessages(const Call &c);
    HttpResponse getMessage(const Call &c);
    HttpResponse getReactions(const Call &c);
    HttpResponse getPublicArchivedThreads(const Call &c);
    HttpResponse getPrivateArchivedThreads(const Call &c);

    // Shared checks: each returns an error response, or nullopt to go on.
    std::optional<HttpResponse> checkGuild(const QByteArray &param) const;
    std::optional<HttpResponse> readChannel(const QByteArray &param, const Channel *&channel,
                                            quint64 &permissions) const;
    HttpResponse memberRoleChange(const Call &c, bool add);
    std::optional<HttpResponse> checkRoleEditable(const Role &role) const;
    HttpResponse archivedThreads(const Call &c, bool priv);
    QByteArray messageJson(const Message &message) const;
    QByteArray threadsJson(const std::vector<const Channel *> &threads, bool hasMore) const;

    ServerState &m_state;
    std::vector<Route> m_routes;
};

} // namespace gavel::emulator
