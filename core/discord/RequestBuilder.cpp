#include "discord/RequestBuilder.h"

#include "discord/Client.h"
#include "discord/PendingRequest.h"

#include <QDebug>
#include <QUrl>

namespace gavel::discord {

namespace {
// Discord's limit on X-Audit-Log-Reason, in characters of the decoded reason.
constexpr int maxReasonCharacters = 512;
} // namespace

RequestBuilder::RequestBuilder(Client *client, Route route)
    : m_client(client)
    , m_request(std::make_unique<PendingRequest>())
{
    m_request->route = std::move(route);
}

RequestBuilder::RequestBuilder(RequestBuilder &&other) noexcept = default;

RequestBuilder &RequestBuilder::operator=(RequestBuilder &&other) noexcept
{
    if (this != &other) {
        if (m_request && !m_request->executed)
            qWarning("gavel::discord: a request to %s was built but never executed",
                     qPrintable(m_request->route.describe()));
        m_client = other.m_client;
        m_request = std::move(other.m_request);
    }
    return *this;
}

RequestBuilder::~RequestBuilder()
{
    if (m_request && !m_request->executed)
        qWarning("gavel::discord: a request to %s was built but never executed",
                 qPrintable(m_request->route.describe()));
}

RequestBuilder RequestBuilder::queryEncoded(QByteArrayView name, QByteArrayView encodedValue) &&
{
    if (!m_request->query.isEmpty())
        m_request->query.append('&');
    m_request->query.append(QUrl::toPercentEncoding(QString::fromLatin1(name)))
        .append('=')
        .append(encodedValue);
    return std::move(*this);
}

RequestBuilder RequestBuilder::query(QByteArrayView name, QStringView value) &&
{
    return std::move(*this).queryEncoded(name, QUrl::toPercentEncoding(value.toString()));
}

RequestBuilder RequestBuilder::query(QByteArrayView name, QLatin1StringView value) &&
{
    return std::move(*this).query(name, QString(value));
}

RequestBuilder RequestBuilder::query(QByteArrayView name, bool value) &&
{
    return std::move(*this).queryEncoded(name, value ? "true" : "false");
}

RequestBuilder RequestBuilder::json(QByteArray body) &&
{
    m_request->body = std::move(body);
    m_request->hasBody = true;
    return std::move(*this);
}

RequestBuilder RequestBuilder::reason(QStringView reason) &&
{
    // Cut at a character boundary, never inside a surrogate pair.
    qsizetype units = 0;
    int characters = 0;
    while (units < reason.size() && characters < maxReasonCharacters) {
        units += (reason[units].isHighSurrogate() && units + 1 < reason.size() &&
                  reason[units + 1].isLowSurrogate())
                     ? 2
                     : 1;
        ++characters;
    }
    m_request->reason = QUrl::toPercentEncoding(reason.first(units).toString());
    return std::move(*this);
}

RequestBuilder RequestBuilder::expectJson(bool expect) &&
{
    m_request->expectJson = expect;
    return std::move(*this);
}

RequestBuilder RequestBuilder::validate(std::function<bool(QByteArrayView)> validator) &&
{
    m_request->validator = std::move(validator);
    return std::move(*this);
}

RequestBuilder RequestBuilder::idempotent(bool idempotent) &&
{
    m_request->idempotent = idempotent;
    return std::move(*this);
}

RequestBuilder RequestBuilder::timeout(qint64 ms) &&
{
    m_request->timeoutMs = qMax<qint64>(1, ms);
    return std::move(*this);
}

quint64 RequestBuilder::execute(const QObject *context, ReplyCallback callback) &&
{
    m_request->executed = true;
    m_request->callback = std::move(callback);
    m_request->context = context;
    m_request->hasContext = context != nullptr;
    return m_client->enqueue(std::move(m_request));
}

} // namespace gavel::discord
