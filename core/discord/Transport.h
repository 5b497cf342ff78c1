#pragma once

#include "discord/RateLimitHeaders.h"
#include "discord/Route.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace gavel::discord {

//! One HTTP exchange as the client hands it to a Transport.
struct TransportRequest
{
    QByteArray url;     //!< full, percent-encoded URL
    RawHeaders headers; //!< request headers (include the Authorization header: never log them)
    QByteArray body;
    qint64 timeoutMs = 30000; //!< abort when no byte moves for this long
    Method method = Method::Get;
};

//! How an exchange failed below HTTP.
enum class TransportError : quint8 {
    None,              //!< an HTTP response arrived complete (any status)
    ConnectionRefused, //!< nothing listens, or the host cannot be resolved
    ConnectionReset,   //!< the connection closed or reset before the response was complete
    Timeout,           //!< no progress for timeoutMs
    Truncated,         //!< fewer body bytes than Content-Length said
    Protocol,          //!< not a valid HTTP response
    Tls,               //!< TLS handshake or certificate failure
    Other,
};

//! The outcome of one exchange.
struct TransportResponse
{
    RawHeaders headers;
    QByteArray body;
    QString errorText; //!< for TransportError other than None; never contains request headers
    int status = 0;    //!< 0 when no HTTP response arrived
    TransportError error = TransportError::None;
};

/*!
 * Moves requests to the server and back. The REST client does the queueing, rate limiting and
 * retrying; a transport only performs exchanges, at most connections() at a time.
 */
class Transport
{
public:
    using Done = std::function<void(TransportResponse &&)>;

    virtual ~Transport() = default;

    //! Starts an exchange and returns its id. done is called exactly once, later, from the
    //! event loop (never from within send), unless abort(id) comes first.
    virtual quint64 send(TransportRequest &&request, Done done) = 0;
    //! Stops an exchange; its done callback is not called.
    virtual void abort(quint64 id) = 0;
    //! How many exchanges may run at once (one per connection).
    virtual int connections() const = 0;
};

} // namespace gavel::discord
