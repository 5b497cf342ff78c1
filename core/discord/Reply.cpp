#include "discord/Reply.h"

#include <QDebug>

namespace gavel::discord {

QLatin1StringView errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QLatin1StringView("none");
    case ErrorKind::Unauthorized:
        return QLatin1StringView("unauthorized");
    case ErrorKind::Forbidden:
        return QLatin1StringView("forbidden");
    case ErrorKind::NotFound:
        return QLatin1StringView("not-found");
    case ErrorKind::BadRequest:
        return QLatin1StringView("bad-request");
    case ErrorKind::RateLimited:
        return QLatin1StringView("rate-limited");
    case ErrorKind::Network:
        return QLatin1StringView("network");
    case ErrorKind::Server:
        return QLatin1StringView("server");
    case ErrorKind::Malformed:
        return QLatin1StringView("malformed");
    case ErrorKind::Cancelled:
        return QLatin1StringView("cancelled");
    case ErrorKind::Stopped:
        return QLatin1StringView("stopped");
    }
    return QLatin1StringView("unknown");
}

QDebug operator<<(QDebug debug, const Reply &reply)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Reply(" << reply.id << ", " << reply.route.describe() << ", status "
                    << reply.status << ", " << errorKindName(reply.error);
    if (reply.discordCode != 0)
        debug << ", code " << reply.discordCode;
    if (!reply.errorMessage.isEmpty())
        debug << ", " << reply.errorMessage;
    debug << ')';
    return debug;
}

} // namespace gavel::discord
