#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace gavel::test {

/*!
 * A bare HTTP/1.1 client on one blocking TCP socket, for tests that must see exactly what
 * went over the wire: pipelining, garbage, resets and truncated bodies.
 */
class EmulatorSocket
{
public:
    //! How reading one response ended.
    enum class Outcome {
        Complete,
        Reset,  //!< ECONNRESET before a complete response
        Closed, //!< orderly close (FIN) before a complete response
        TimedOut,
    };

    struct Response
    {
        Outcome outcome = Outcome::TimedOut;
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;           //!< as much as arrived
        qint64 contentLength = -1; //!< as declared
        qint64 milliseconds = 0;   //!< from read() to the end of the response

        QByteArray header(QByteArrayView name) const;
    };

    EmulatorSocket() = default;
    ~EmulatorSocket();
    EmulatorSocket(const EmulatorSocket &) = delete;
    EmulatorSocket &operator=(const EmulatorSocket &) = delete;

    bool connectTo(quint16 port);
    void close();
    bool send(const QByteArray &bytes);
    //! Reads one response (headers and Content-Length body).
    Response read(int timeoutMs = 10000);
    //! True when the server closed the connection (FIN or RST) within the time.
    bool waitClosed(int timeoutMs = 5000);

    //! A request with the usual headers ("Authorization: Bot <token>" when token is set).
    static QByteArray request(const QByteArray &method, const QByteArray &target,
                              const QByteArray &token = {}, const QByteArray &body = {},
                              const QByteArray &extraHeaders = {});

private:
    int m_fd = -1;
    QByteArray m_buffer;
};

} // namespace gavel::test
