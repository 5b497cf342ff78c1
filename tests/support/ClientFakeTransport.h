#pragma once

#include "discord/Transport.h"

#include <QList>

#include <map>

namespace gavel::test {

//! A Transport that records each exchange and answers only when the test says so.
class ClientFakeTransport final : public discord::Transport
{
public:
    struct Exchange
    {
        discord::TransportRequest request;
        Done done;
        bool aborted = false;
        bool answered = false;
    };

    explicit ClientFakeTransport(int connections = 4)
        : m_connections(connections)
    {}

    quint64 send(discord::TransportRequest &&request, Done done) override;
    void abort(quint64 id) override;
    int connections() const override { return m_connections; }

    //! Ids of exchanges neither answered nor aborted, oldest first.
    QList<quint64> open() const;
    //! Every exchange ever sent, by id.
    const std::map<quint64, Exchange> &all() const { return m_exchanges; }
    const discord::TransportRequest &request(quint64 id) const;
    int sentCount() const { return int(m_exchanges.size()); }

    //! Answers an open exchange (calls the client back at once).
    void respond(quint64 id, int status, discord::RawHeaders headers = {},
                 QByteArray body = QByteArrayLiteral("{}"));
    void respond(quint64 id, discord::TransportResponse response);
    //! Ends an open exchange with a transport error.
    void fail(quint64 id, discord::TransportError error);

private:
    std::map<quint64, Exchange> m_exchanges;
    quint64 m_nextId = 1;
    int m_connections;
};

} // namespace gavel::test
