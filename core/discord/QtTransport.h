#pragma once

#include "discord/Transport.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace gavel::discord {

/*!
 * Transport over QNetworkAccessManager with keep-alive connections. Qt 6.4 opens at most six
 * HTTP/1.1 connections per host and manager, so several managers share the requests to reach
 * the number of connections asked for. A response body larger than maxBodyBytes() is aborted
 * and reported as a failed exchange, so a hostile or broken server cannot fill the memory.
 */
class QtTransport final
    : public QObject
    , public Transport
{
    Q_OBJECT

public:
    explicit QtTransport(int connections = 6, QObject *parent = nullptr);
    ~QtTransport() override;

    //! 64 MiB: Discord's largest pages (100 messages with embeds) are a few MB.
    static constexpr qint64 DefaultMaxBodyBytes = qint64(64) << 20;

    //! The largest response body accepted, announced (Content-Length) or received; at least 1.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = qMax<qint64>(1, bytes); }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

    quint64 send(TransportRequest &&request, Done done) override;
    void abort(quint64 id) override;
    int connections() const override { return m_connections; }

private:
    struct Exchange
    {
        QNetworkReply *reply = nullptr;
        Done done;
        size_t manager = 0;
        qint64 oversize = -1; //!< the size that passed the limit, when the reply was aborted
    };

    void finish(quint64 id);
    void checkSize(quint64 id, qint64 bytes);

    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<int> m_load;
    QHash<quint64, Exchange> m_exchanges;
    quint64 m_nextId = 1;
    int m_connections;
    qint64 m_maxBodyBytes = DefaultMaxBodyBytes;
};

} // namespace gavel::discord
