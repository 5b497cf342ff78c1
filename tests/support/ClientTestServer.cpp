#include "ClientTestServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace gavel::test {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

ClientTestServer::ClientTestServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &ClientTestServer::onConnection);
}

bool ClientTestServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QByteArray ClientTestServer::apiBase() const
{
    return "http://127.0.0.1:" + QByteArray::number(port()) + "/api/v10";
}

QByteArray ClientTestServer::response(int status, const discord::RawHeaders &headers,
                                      const QByteArray &body, bool withLength)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    for (const auto &[name, value] : headers)
        raw += name + ": " + value + "\r\n";
    if (withLength)
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    raw += "\r\n";
    raw += body;
    return raw;
}

void ClientTestServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        const int connection = ++m_connections;
        m_maxOpen = qMax(m_maxOpen, ++m_open);
        socket->setProperty("buffer", QByteArray());
        connect(socket, &QTcpSocket::readyRead, this,
                [this, socket, connection] { onReadyRead(socket, connection); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
    }
}

void ClientTestServer::onReadyRead(QTcpSocket *socket, int connection)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Request request;
        request.connection = connection;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            break;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        const Action action = m_handler(request);
        QPointer<QTcpSocket> guard(socket);
        auto act = [guard, action] {
            if (!guard)
                return;
            if (action.reset) {
                guard->abort();
                return;
            }
            guard->write(action.raw);
            guard->flush();
            if (action.close)
                guard->disconnectFromHost();
        };
        if (action.delayMs > 0)
            QTimer::singleShot(action.delayMs, socket, act);
        else
            act();
        if (!guard || action.reset)
            return;
    }
    socket->setProperty("buffer", buffer);
}

} // namespace gavel::test
