#include "discord/QtTransport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>
#include <climits>

namespace gavel::discord {

using namespace Qt::StringLiterals;

namespace {

// Qt 6.4 hard-codes six HTTP/1.1 connections per host and QNetworkAccessManager.
constexpr int connectionsPerManager = 6;
constexpr qsizetype bodyPadding = 64;

TransportError classify(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        return TransportError::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return TransportError::ConnectionReset;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports
        return TransportError::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        return TransportError::Protocol;
    default:
        return TransportError::Other;
    }
}

// Errors Qt raises for a complete HTTP response with an error status: the response is the
// outcome, not a transport failure.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code >= 201 && code <= 299) || (code >= 401 && code <= 499);
}

} // namespace

QtTransport::QtTransport(int connections, QObject *parent)
    : QObject(parent)
    , m_connections(qMax(1, connections))
{
    const int managers = (m_connections + connectionsPerManager - 1) / connectionsPerManager;
    for (int i = 0; i < managers; ++i) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        // Never follow a redirect: it would carry the Authorization header to another place.
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_managers.push_back(std::move(manager));
        m_load.push_back(0);
    }
}

QtTransport::~QtTransport()
{
    const auto exchanges = std::move(m_exchanges);
    for (const Exchange &exchange : exchanges) {
        exchange.reply->disconnect(this);
        delete exchange.reply;
    }
}

quint64 QtTransport::send(TransportRequest &&request, Done done)
{
    size_t pick = 0;
    for (size_t i = 1; i < m_load.size(); ++i) {
        if (m_load[i] < m_load[pick])
            pick = i;
    }
    QNetworkRequest networkRequest(QUrl::fromEncoded(request.url, QUrl::StrictMode));
    for (const auto &[name, value] : std::as_const(request.headers))
        networkRequest.setRawHeader(name, value);
    networkRequest.setTransferTimeout(int(std::clamp<qint64>(request.timeoutMs, 1, INT_MAX)));
    QNetworkAccessManager &manager = *m_managers[pick];
    QNetworkReply *reply = nullptr;
    switch (request.method) {
    case Method::Get:
        reply = manager.get(networkRequest);
        break;
    case Method::Delete:
        reply = request.body.isEmpty()
                    ? manager.deleteResource(networkRequest)
                    : manager.sendCustomRequest(networkRequest, "DELETE", request.body);
        break;
    case Method::Post:
        reply = manager.post(networkRequest, request.body);
        break;
    case Method::Put:
        reply = manager.put(networkRequest, request.body);
        break;
    case Method::Patch:
        reply = manager.sendCustomRequest(networkRequest, "PATCH", request.body);
        break;
    }
    const quint64 id = m_nextId++;
    ++m_load[pick];
    m_exchanges.insert(id, Exchange{reply, std::move(done), pick});
    connect(reply, &QNetworkReply::finished, this, [this, id] { finish(id); });
    // Checked as the headers arrive (an announced size) and as the body grows (the decoded
    // bytes waiting in the reply's buffer, so a small gzip body that inflates is caught too).
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply] {
        bool ok = false;
        const qint64 announced =
            reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok)
            checkSize(id, announced);
    });
    connect(reply, &QNetworkReply::readyRead, this,
            [this, id, reply] { checkSize(id, reply->bytesAvailable()); });
    return id;
}

void QtTransport::checkSize(quint64 id, qint64 bytes)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end() || it->oversize >= 0 || bytes <= m_maxBodyBytes)
        return;
    it->oversize = bytes;
    // Emits finished(), which reports the exchange as failed (finish()).
    it->reply->abort();
}

void QtTransport::abort(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    Exchange exchange = std::move(*it);
    m_exchanges.erase(it);
    --m_load[exchange.manager];
    exchange.reply->disconnect(this);
    // Aborting a reply whose finished() is still queued makes Qt complain; it is done anyway.
    exchange.reply->deleteLater();
}

void QtTransport::finish(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    Exchange exchange = std::move(*it);
    m_exchanges.erase(it);
    --m_load[exchange.manager];
    QNetworkReply *reply = exchange.reply;
    reply->deleteLater();

    TransportResponse response;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    response.status = status.isValid() ? status.toInt() : 0;
    response.headers = reply->rawHeaderPairs();
    if (exchange.oversize >= 0) {
        response.error = TransportError::Other;
        response.errorText =
            u"the response body was too large: %1 bytes passed the limit of %2 bytes, and the "
            u"transfer was stopped (a Discord response is never this large: the server, or a "
            u"proxy in between, is misbehaving)"_s.arg(exchange.oversize)
                .arg(m_maxBodyBytes);
        exchange.done(std::move(response));
        return;
    }
    if (reply->isOpen()) {
        // Spare capacity lets the client validate the JSON in place (simdjson reads up to 64
        // bytes past the end) instead of copying every page.
        const qint64 available = reply->bytesAvailable();
        response.body.reserve(available + bodyPadding);
        response.body.resize(available);
        response.body.resize(reply->read(response.body.data(), available));
        if (reply->bytesAvailable() > 0)
            response.body += reply->readAll();
    }
    const QNetworkReply::NetworkError error = reply->error();
    if (error != QNetworkReply::NoError && !(response.status > 0 && isHttpStatusError(error))) {
        response.error = classify(error);
        // errorString() names the URL, never the request headers.
        response.errorText = reply->errorString();
        // A connection closed after the headers, short of Content-Length: a truncated body.
        if (response.error == TransportError::ConnectionReset && response.status > 0) {
            bool ok = false;
            const qint64 expected = findHeader(response.headers, "Content-Length")
                                        .toByteArray()
                                        .trimmed()
                                        .toLongLong(&ok);
            if (ok && expected > response.body.size()) {
                response.error = TransportError::Truncated;
                response.errorText =
                    u"the connection closed after %1 of %2 body bytes"_s.arg(response.body.size())
                        .arg(expected);
            }
        }
    } else if (response.status == 0) {
        response.error = TransportError::Protocol;
        response.errorText = u"no HTTP status in the response"_s;
    } else if (findHeader(response.headers, "Content-Encoding").isEmpty()) {
        // Qt hands over what arrived when a connection closes early; Content-Length tells.
        const QByteArrayView length = findHeader(response.headers, "Content-Length");
        bool ok = false;
        const qint64 expected =
            length.isNull() ? -1 : length.toByteArray().trimmed().toLongLong(&ok);
        if (ok && expected != response.body.size()) {
            response.error = TransportError::Truncated;
            response.errorText =
                u"the body has %1 bytes but Content-Length said %2"_s.arg(response.body.size())
                    .arg(expected);
        }
    }
    exchange.done(std::move(response));
}

} // namespace gavel::discord
