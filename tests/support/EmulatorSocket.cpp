#include "EmulatorSocket.h"

#include <QElapsedTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gavel::test {

QByteArray EmulatorSocket::Response::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

EmulatorSocket::~EmulatorSocket()
{
    close();
}

bool EmulatorSocket::connectTo(quint16 port)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close();
        return false;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return true;
}

void EmulatorSocket::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool EmulatorSocket::send(const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.constData() + sent,
                                 static_cast<size_t>(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

EmulatorSocket::Response EmulatorSocket::read(int timeoutMs)
{
    Response r;
    QElapsedTimer timer;
    timer.start();
    qsizetype headEnd = -1;
    while (true) {
        if (headEnd < 0) {
            headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
                const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
                r.status = statusLine.value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
                }
                const QByteArray length = r.header("content-length");
                r.contentLength = length.isEmpty() ? 0 : length.toLongLong();
            }
        }
        if (headEnd >= 0 && m_buffer.size() - (headEnd + 4) >= r.contentLength) {
            r.body = m_buffer.mid(headEnd + 4, r.contentLength);
            m_buffer.remove(0, headEnd + 4 + r.contentLength);
            r.outcome = Outcome::Complete;
            break;
        }
        const qint64 left = timeoutMs - timer.elapsed();
        pollfd p{m_fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) {
            r.outcome = Outcome::TimedOut;
            break;
        }
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            m_buffer.append(chunk, n);
            continue;
        }
        r.outcome = (n < 0 && errno == ECONNRESET) ? Outcome::Reset : Outcome::Closed;
        if (headEnd >= 0)
            r.body = m_buffer.mid(headEnd + 4);
        break;
    }
    r.milliseconds = timer.elapsed();
    return r;
}

bool EmulatorSocket::waitClosed(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeoutMs - timer.elapsed())) <= 0)
            return false;
        char chunk[4096];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return true;
        m_buffer.append(chunk, n);
    }
    return false;
}

QByteArray EmulatorSocket::request(const QByteArray &method, const QByteArray &target,
                                   const QByteArray &token, const QByteArray &body,
                                   const QByteArray &extraHeaders)
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bot " + token + "\r\n";
    if (!body.isEmpty() || method == "PUT" || method == "POST" || method == "PATCH")
        r +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    r += extraHeaders;
    r += "\r\n";
    r += body;
    return r;
}

} // namespace gavel::test
