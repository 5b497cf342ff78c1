#pragma once

#include "discord/RateLimitHeaders.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace gavel::test {

/*!
 * A scripted HTTP/1.1 server on loopback for transport tests: each request goes to a
 * handler that decides the exact bytes, a delay, a close or a connection reset, so faults
 * can be produced byte for byte (a short body under a full Content-Length, a reset mid-way).
 */
class ClientTestServer final : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; //!< path and query as sent
        discord::RawHeaders headers;
        QByteArray body;
        int connection = 0; //!< which connection (1, 2, ...) carried it
    };
    struct Action
    {
        QByteArray raw;     //!< bytes to write (a whole response, or part of one)
        int delayMs = 0;    //!< wait before writing
        bool close = false; //!< close the connection after writing
        bool reset = false; //!< abort the connection instead of writing
    };
    using Handler = std::function<Action(const Request &)>;

    explicit ClientTestServer(Handler handler, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    //! http://127.0.0.1:PORT/api/v10
    QByteArray apiBase() const;

    const QList<Request> &requests() const { return m_requests; }
    int connections() const { return m_connections; }
    int maxOpenConnections() const { return m_maxOpen; }
    int openConnections() const { return m_open; }

    //! A complete response with Content-Length (unless withLength is false).
    static QByteArray response(int status, const discord::RawHeaders &headers = {},
                               const QByteArray &body = {}, bool withLength = true);

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket, int connection);

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    int m_connections = 0;
    int m_open = 0;
    int m_maxOpen = 0;
};

} // namespace gavel::test
