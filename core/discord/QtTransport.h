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
 * the number of connections asked for.
 */
class QtTransport final
    : public QObject
    , public Transport
{
    Q_OBJECT

public:
    explicit QtTransport(int connections = 6, QObject *parent = nullptr);
    ~QtTransport() override;

    quint64 send(TransportRequest &&request, Done done) override;
    void abort(quint64 id) override;
    int connections() const override { return m_connections; }

private:
    struct Exchange
    {
        QNetworkReply *reply = nullptr;
        Done done;
        size_t manager = 0;
    };

    void finish(quint64 id);

    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<int> m_load;
    QHash<quint64, Exchange> m_exchanges;
    quint64 m_nextId = 1;
    int m_connections;
};

} // namespace gavel::discord
