#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <unordered_set>
#include <utility>
#include <vector>

class QTcpServer;

namespace gavel::emulator {

//! One HTTP/1.1 request as the emulator's handlers see it.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;                                      //!< as sent: path and query
    QByteArray path;                                        //!< percent-encoded, before '?'
    QByteArray query;                                       //!< after '?', without it
    std::vector<std::pair<QByteArray, QByteArray>> headers; //!< names lower-cased
    QByteArray body;

    //! The first header of that (lower-case) name; empty when absent.
    QByteArray header(QByteArrayView lowerName) const;
};

//! The answer to a request and how to deliver it; the odd deliveries exist for fault injection.
struct HttpResponse
{
    enum class Delivery {
        Normal,
        Reset,    //!< abort the connection with a TCP reset, sending nothing
        Truncate, //!< send the headers (full Content-Length) and half the body, then close
    };

    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Delivery delivery = Delivery::Normal;
    int delayMs = 0;     //!< hold the response back this long (later requests wait behind it)
    bool close = false;  //!< close the connection after this response
    QByteArray statsKey; //!< handler-chosen label for the server-time statistics

    void addHeader(QByteArray name, QByteArray value)
    {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

/*!
 * A small HTTP/1.1 server on QTcpServer: keep-alive, Content-Length bodies, pipelined
 * requests answered in order, size limits, 400 on garbage. Written for the emulator
 * because Qt HttpServer 6.4 cannot reset a connection or send a truncated body.
 */
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    //! Called after each response was handed to the socket: stats key and nanoseconds spent.
    using Observer = std::function<void(const QByteArray &statsKey, qint64 nanoseconds)>;

    struct Limits
    {
        qsizetype maxHeaderBytes = 32 * 1024;
        qsizetype maxBodyBytes = 8 * 1024 * 1024;
    };

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setObserver(Observer observer) { m_observer = std::move(observer); }
    void setLimits(Limits limits) { m_limits = limits; }

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const;
    quint16 port() const;
    bool isListening() const;
    //! Stops listening and drops every open connection.
    void close();
    int connectionCount() const;

private:
    class Connection;
    friend class Connection;

    void onNewConnection();

    QTcpServer *m_server;
    Handler m_handler;
    Observer m_observer;
    Limits m_limits;
    std::unordered_set<Connection *> m_connections;
};

//! The standard reason phrase of an HTTP status code.
QByteArray reasonPhrase(int status);

} // namespace gavel::emulator
