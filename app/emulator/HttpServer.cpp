#include "HttpServer.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>
#include <unordered_set>

namespace gavel::emulator {

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QByteArray trimmed(QByteArrayView v)
{
    qsizetype b = 0;
    qsizetype e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t'))
        ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
        --e;
    return v.sliced(b, e - b).toByteArray();
}

bool headerHasToken(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &part : value.toByteArray().split(',')) {
        if (trimmed(part).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray head(const HttpResponse &r, bool close)
{
    QByteArray out;
    out.reserve(256 + 48 * static_cast<qsizetype>(r.headers.size()));
    out.append("HTTP/1.1 ").append(QByteArray::number(r.status)).append(' ');
    out.append(reasonPhrase(r.status)).append("\r\n");
    if (r.status != 204 && r.status != 304) {
        if (!r.contentType.isEmpty())
            out.append("Content-Type: ").append(r.contentType).append("\r\n");
        out.append("Content-Length: ").append(QByteArray::number(r.body.size())).append("\r\n");
    }
    for (const auto &[name, value] : r.headers)
        out.append(name).append(": ").append(value).append("\r\n");
    if (close)
        out.append("Connection: close\r\n");
    out.append("\r\n");
    return out;
}

} // namespace

//! One client connection: parses requests in order and writes the answers in the same order.
class HttpServer::Connection : public QObject
{
public:
    Connection(HttpServer *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        m_server->m_connections.insert(this);
        connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(socket, &QTcpSocket::disconnected, this, [this] { finish(); });
    }

    ~Connection() override { m_server->m_connections.erase(this); }

    void abort()
    {
        m_closing = true;
        m_socket->abort();
        deleteLater();
    }

private:
    void finish()
    {
        m_closing = true;
        deleteLater();
    }

    void onReadyRead()
    {
        if (m_closing) {
            m_socket->readAll(); // lingering close: drain what the client still sends
            return;
        }
        m_buffer.append(m_socket->readAll());
        process();
    }

    //! Answers with an error and closes: after garbage the stream cannot be trusted.
    void reject(int status, QByteArrayView message)
    {
        HttpResponse r;
        r.status = status;
        r.contentType = "application/json";
        r.body = QByteArray("{\"message\":\"") + message.toByteArray() + "\",\"code\":0}";
        r.close = true;
        m_socket->write(head(r, true) + r.body);
        closeGracefully();
    }

    /*!
     * Closes after the answer is out: half-close, then drain until the client closes. A plain
     * close() with unread request bytes would make the kernel send a reset, and the client
     * could lose the answer.
     */
    void closeGracefully()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_socket->flush();
        if (m_socket->bytesToWrite() == 0) {
            halfClose();
            return;
        }
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0 && !m_halfClosed)
                halfClose();
        });
    }

    void halfClose()
    {
        m_halfClosed = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        QTimer::singleShot(2000, this, [this] {
            m_socket->abort();
            deleteLater();
        });
    }

    void process()
    {
        while (!m_busy && !m_closing) {
            if (!m_haveHead && !parseHead())
                break;
            if (!m_haveHead)
                break;
            const qsizetype available = m_buffer.size() - m_pos;
            if (available < m_bodyLength) {
                if (m_expectContinue && !m_sentContinue) {
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                    m_sentContinue = true;
                }
                break;
            }
            m_request.body = m_buffer.mid(m_pos, m_bodyLength);
            m_pos += m_bodyLength;
            m_haveHead = false;
            dispatch();
        }
        if (m_pos > 0 && (m_pos == m_buffer.size() || m_pos > 64 * 1024)) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
    }

    //! Parses a request head when it is complete; false when more bytes are needed or on error.
    bool parseHead()
    {
        // Ignore empty lines before a request (RFC 9112 §2.2).
        while (m_buffer.size() - m_pos >= 2 && m_buffer[m_pos] == '\r' &&
               m_buffer[m_pos + 1] == '\n')
            m_pos += 2;
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", m_pos);
        if (lineEnd < 0) {
            if (m_buffer.size() - m_pos > m_server->m_limits.maxHeaderBytes)
                reject(414, "request line too long");
            else if (m_buffer.size() - m_pos > 0 && !plausibleStart())
                reject(400, "not an HTTP request");
            return false;
        }
        const QByteArrayView line(m_buffer.constData() + m_pos, lineEnd - m_pos);
        const qsizetype sp1 = line.indexOf(' ');
        const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0) {
            reject(400, "malformed request line");
            return false;
        }
        const QByteArrayView method = line.first(sp1);
        const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
        const QByteArrayView version = line.sliced(sp2 + 1);
        for (char c : method) {
            if (c < 'A' || c > 'Z') {
                reject(400, "malformed method");
                return false;
            }
        }
        if (target.isEmpty() || target[0] != '/') {
            reject(400, "the request target must be an absolute path");
            return false;
        }
        for (char c : target) {
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
                reject(400, "malformed request target");
                return false;
            }
        }
        if (version != "HTTP/1.1" && version != "HTTP/1.0") {
            reject(version.startsWith("HTTP/") ? 505 : 400, "unsupported HTTP version");
            return false;
        }

        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n", lineEnd);
        if (headEnd < 0) {
            if (m_buffer.size() - m_pos > m_server->m_limits.maxHeaderBytes)
                reject(431, "request headers too large");
            return false;
        }
        if (headEnd + 4 - m_pos > m_server->m_limits.maxHeaderBytes) {
            reject(431, "request headers too large");
            return false;
        }

        HttpRequest request;
        request.method = method.toByteArray();
        request.target = target.toByteArray();
        const qsizetype q = request.target.indexOf('?');
        request.path = q < 0 ? request.target : request.target.left(q);
        request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
        qsizetype contentLength = 0;
        bool haveLength = false;
        qsizetype pos = lineEnd + 2;
        while (pos < headEnd + 2) {
            const qsizetype end = m_buffer.indexOf("\r\n", pos);
            const QByteArrayView h(m_buffer.constData() + pos, end - pos);
            pos = end + 2;
            const qsizetype colon = h.indexOf(':');
            if (colon <= 0) {
                reject(400, "malformed header line");
                return false;
            }
            for (char c : h.first(colon)) {
                if (!isTokenChar(c)) {
                    reject(400, "malformed header name");
                    return false;
                }
            }
            QByteArray name = h.first(colon).toByteArray().toLower();
            QByteArray value = trimmed(h.sliced(colon + 1));
            if (name == "content-length") {
                bool ok = false;
                const qsizetype n = value.toLongLong(&ok);
                if (!ok || n < 0 || value.isEmpty() || value[0] == '+' ||
                    (haveLength && n != contentLength)) {
                    reject(400, "malformed Content-Length");
                    return false;
                }
                contentLength = n;
                haveLength = true;
            } else if (name == "transfer-encoding") {
                reject(501, "request bodies must be sent with Content-Length");
                return false;
            }
            request.headers.emplace_back(std::move(name), std::move(value));
        }
        if (contentLength > m_server->m_limits.maxBodyBytes) {
            reject(413, "request body too large");
            return false;
        }
        const QByteArray connection = request.header("connection");
        m_keepAlive = version == "HTTP/1.1" ? !headerHasToken(connection, "close")
                                            : headerHasToken(connection, "keep-alive");
        m_expectContinue =
            request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
        m_sentContinue = false;
        m_bodyLength = contentLength;
        m_request = std::move(request);
        m_pos = headEnd + 4;
        m_haveHead = true;
        return true;
    }

    //! Whether the first bytes could still become a request line (fail fast on binary junk).
    bool plausibleStart() const
    {
        for (qsizetype i = m_pos; i < m_buffer.size() && i < m_pos + 16; ++i) {
            const char c = m_buffer[i];
            if (c == ' ')
                return i > m_pos;
            if (c < 'A' || c > 'Z')
                return false;
        }
        return true;
    }

    void dispatch()
    {
        QElapsedTimer timer;
        timer.start();
        HttpResponse response;
        if (m_server->m_handler) {
            response = m_server->m_handler(m_request);
        } else {
            response.status = 404;
            response.body = "{}";
        }
        const bool close = response.close || !m_keepAlive;
        QByteArray bytes = head(response, close);
        const qsizetype headSize = bytes.size();
        bytes.append(response.body);
        if (m_server->m_observer)
            m_server->m_observer(response.statsKey, timer.nsecsElapsed());

        if (response.delayMs > 0) {
            // Later pipelined requests wait behind this one: answers stay in request order.
            m_busy = true;
            QPointer<Connection> self(this);
            QTimer::singleShot(response.delayMs, this, [self, response, bytes, headSize, close] {
                if (!self || self->m_closing)
                    return;
                self->m_busy = false;
                self->deliver(response, bytes, headSize, close);
                self->process();
            });
            return;
        }
        deliver(response, bytes, headSize, close);
    }

    void deliver(const HttpResponse &response, const QByteArray &bytes, qsizetype headSize,
                 bool close)
    {
        switch (response.delivery) {
        case HttpResponse::Delivery::Reset: {
            // SO_LINGER 0 turns close() into a TCP RST: the client sees "connection reset".
            const struct linger hard
            {
                1, 0
            };
            ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                         &hard, sizeof hard);
            abort();
            return;
        }
        case HttpResponse::Delivery::Truncate:
            m_socket->write(bytes.left(headSize + response.body.size() / 2));
            closeGracefully();
            return;
        case HttpResponse::Delivery::Normal:
            m_socket->write(bytes);
            if (close)
                closeGracefully();
            return;
        }
    }

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_busy = false;
    bool m_closing = false;
    bool m_halfClosed = false;
    bool m_haveHead = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    bool m_sentContinue = false;
    qsizetype m_bodyLength = 0;
    HttpRequest m_request;
};

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

quint16 HttpServer::port() const
{
    return m_server->serverPort();
}

bool HttpServer::isListening() const
{
    return m_server->isListening();
}

void HttpServer::close()
{
    m_server->close();
    const auto connections = m_connections;
    for (Connection *c : connections)
        delete c;
}

int HttpServer::connectionCount() const
{
    return static_cast<int>(m_connections.size());
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new Connection(this, socket);
    }
}

} // namespace gavel::emulator
