#include "ClientFakeTransport.h"

#include <QtTest/QTest>

namespace gavel::test {

using namespace gavel::discord;

quint64 ClientFakeTransport::send(TransportRequest &&request, Done done)
{
    const quint64 id = m_nextId++;
    m_exchanges.emplace(id, Exchange{std::move(request), std::move(done), false, false});
    return id;
}

void ClientFakeTransport::abort(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it != m_exchanges.end())
        it->second.aborted = true;
}

QList<quint64> ClientFakeTransport::open() const
{
    QList<quint64> ids;
    for (const auto &[id, exchange] : m_exchanges) {
        if (!exchange.aborted && !exchange.answered)
            ids.append(id);
    }
    return ids;
}

const TransportRequest &ClientFakeTransport::request(quint64 id) const
{
    return m_exchanges.at(id).request;
}

void ClientFakeTransport::respond(quint64 id, TransportResponse response)
{
    auto it = m_exchanges.find(id);
    if (it == m_exchanges.end() || it->second.aborted || it->second.answered) {
        QTest::qFail("respond() to an exchange that is not open", __FILE__, __LINE__);
        return;
    }
    it->second.answered = true;
    const Done done = it->second.done;
    done(std::move(response));
}

void ClientFakeTransport::respond(quint64 id, int status, RawHeaders headers, QByteArray body)
{
    TransportResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    respond(id, std::move(response));
}

void ClientFakeTransport::fail(quint64 id, TransportError error)
{
    TransportResponse response;
    response.error = error;
    response.errorText = QStringLiteral("injected by the test");
    respond(id, std::move(response));
}

} // namespace gavel::test
