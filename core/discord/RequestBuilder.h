#pragma once

#include "discord/Reply.h"
#include "discord/Route.h"

#include <QByteArray>
#include <QString>

#include <concepts>
#include <functional>
#include <memory>

class QObject;

namespace gavel::discord {

class Client;
struct PendingRequest;

/*!
 * Describes one request and hands it to the Client. Move-only and single-use: each setter
 * consumes the builder and returns it, execute() sends it; a builder destroyed without
 * execute() is a bug and is reported with a warning.
 *
 *     client.get("/channels/{}/messages", {channelId})
 *         .query("limit", 100)
 *         .query("before", oldestId)
 *         .execute(this, [this](Reply &&reply) { ... });
 */
class [[nodiscard]] RequestBuilder
{
public:
    RequestBuilder(Client *client, Route route);
    RequestBuilder(RequestBuilder &&other) noexcept;
    RequestBuilder &operator=(RequestBuilder &&other) noexcept;
    RequestBuilder(const RequestBuilder &) = delete;
    RequestBuilder &operator=(const RequestBuilder &) = delete;
    ~RequestBuilder();

    //! Appends name=value to the query string (value percent-encoded).
    RequestBuilder query(QByteArrayView name, QStringView value) &&;
    RequestBuilder query(QByteArrayView name, const QString &value) &&
    {
        return std::move(*this).query(name, QStringView(value));
    }
    RequestBuilder query(QByteArrayView name, QLatin1StringView value) &&;
    RequestBuilder query(QByteArrayView name, bool value) &&;
    template<std::integral T>
    requires(!std::same_as<T, bool>) RequestBuilder query(QByteArrayView name, T value) && {
        return std::move(*this).queryEncoded(name, QByteArray::number(value));
    }

    //! A JSON body (sent with Content-Type: application/json).
    RequestBuilder json(QByteArray body) &&;
    //! X-Audit-Log-Reason: the reason recorded in the guild's audit log; cut to 512
    //! characters, then percent-encoded as Discord requires.
    RequestBuilder reason(QStringView reason) &&;
    //! Whether a 2xx body must be JSON (default true); a non-JSON body is then retried as
    //! malformed.
    RequestBuilder expectJson(bool expect) &&;
    //! Replaces the JSON check of 2xx bodies: a body the validator rejects is treated as
    //! malformed and retried. Lets a caller that parses every page anyway (sync) parse it
    //! once, here, instead of the client validating it and the caller parsing it again.
    RequestBuilder validate(std::function<bool(QByteArrayView body)> validator) &&;
    //! Whether the request may be repeated after a failure whose effect is unknown (default:
    //! every method but POST).
    RequestBuilder idempotent(bool idempotent) &&;
    //! Transfer timeout of each attempt, instead of the client's default.
    RequestBuilder timeout(qint64 ms) &&;

    /*!
     * Queues the request; callback gets the outcome exactly once, on the client's thread.
     * When context is given and is destroyed first, the callback is not called. Returns the
     * id to pass to Client::cancel().
     */
    quint64 execute(const QObject *context, ReplyCallback callback) &&;

private:
    RequestBuilder queryEncoded(QByteArrayView name, QByteArrayView encodedValue) &&;

    Client *m_client = nullptr;
    std::unique_ptr<PendingRequest> m_request;
};

} // namespace gavel::discord
