#pragma once

#include "common/Result.h"
#include "discord/RateLimitHeaders.h"
#include "discord/Route.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

#include <functional>

class QDebug;

namespace gavel::discord {

//! What went wrong with a request, in the terms a caller acts on.
enum class ErrorKind : quint8 {
    None,
    Unauthorized, //!< 401: the token is wrong or revoked; the client stops
    Forbidden,    //!< 403: missing access (50001) or permission (50013); discordCode says which
    NotFound,     //!< 404: unknown channel, message, member, ...; discordCode says which
    BadRequest,   //!< another 4xx: the request itself is wrong (a bug, or a rejected value)
    RateLimited,  //!< still 429 after the retries, or asked to wait longer than allowed
    Network,      //!< no complete response: refused, reset, timed out (after the retries)
    Server,       //!< 5xx after the retries, or an unexpected status
    Malformed,    //!< truncated body or non-JSON where JSON was expected (after the retries)
    Cancelled,    //!< cancel() or cancelAll()
    Stopped,      //!< the client stopped (bad token, too many invalid requests, bad setup)
};

//! "unauthorized", "forbidden", ...: stable names for logs and tests.
QLatin1StringView errorKindName(ErrorKind kind);

//! The outcome of one request: the response (status, headers, body) and a classified error.
struct Reply
{
    Route route;
    RawHeaders headers;
    QByteArray body;
    QString errorMessage; //!< what failed and why (empty on success)
    QString errorHint;    //!< what to do about it
    quint64 id = 0;       //!< the id execute() returned
    int status = 0;       //!< HTTP status of the last attempt; 0 when none arrived
    int discordCode = 0;  //!< "code" of Discord's error body, 0 when absent
    int attempts = 0;     //!< times the request was sent
    ErrorKind error = ErrorKind::None;

    bool ok() const { return error == ErrorKind::None; }
    //! A response header, case-insensitively; null when absent.
    QByteArrayView header(QByteArrayView name) const { return findHeader(headers, name); }
    //! The error in the form shown to users.
    gavel::Error toError() const { return gavel::Error{errorMessage, errorHint}; }
};

//! Called once per request with its outcome (also for Cancelled and Stopped).
using ReplyCallback = std::function<void(Reply &&)>;

//! Request id, route, status, error kind and message; never headers or body.
QDebug operator<<(QDebug debug, const Reply &reply);

} // namespace gavel::discord
