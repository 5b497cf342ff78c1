#include "EmulatorClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QTimer>

namespace gavel::test {

QByteArray EmulatorReply::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

EmulatorClient::EmulatorClient(const QString &origin, const QString &token)
    : m_origin(origin)
    , m_token(token)
{}

EmulatorReply EmulatorClient::get(const QString &path)
{
    return send("GET", path);
}

EmulatorReply EmulatorClient::send(const QByteArray &method, const QString &path,
                                   const QByteArray &body,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return run(method, QUrl(m_origin + QStringLiteral("/api/v10") + path), body, headers, true);
}

EmulatorReply EmulatorClient::admin(const QByteArray &method, const QString &path,
                                    const QByteArray &body)
{
    return run(method, QUrl(m_origin + QStringLiteral("/_emulator") + path), body, {}, false);
}

EmulatorReply EmulatorClient::run(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                  const QList<QPair<QByteArray, QByteArray>> &headers, bool auth)
{
    QNetworkRequest request(url);
    if (auth && !m_token.isNull())
        request.setRawHeader("Authorization", "Bot " + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    auto *buffer = new QBuffer;
    buffer->setData(body);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);

    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(30000);
    loop.exec();

    EmulatorReply result;
    if (!reply->isFinished()) {
        result.timedOut = true;
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

} // namespace gavel::test
