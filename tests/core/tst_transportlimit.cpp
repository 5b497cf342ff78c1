// QtTransport's response body limit over real loopback HTTP: a body announced or received
// beyond the limit is aborted and reported as a failed exchange, and the Client gives up after
// its bounded attempts instead of downloading it again and again (docs/security.md).

#include "ClientTestServer.h"
#include "discord/Client.h"
#include "discord/QtTransport.h"

#include <QTest>

#include <optional>

using namespace gavel;
using namespace gavel::discord;
using namespace gavel::test;
using namespace Qt::StringLiterals;

namespace {

std::optional<TransportResponse> exchange(QtTransport &transport, const ClientTestServer &server)
{
    TransportRequest request;
    request.url = server.apiBase() + "/channels/1/messages";
    request.headers = {{"Authorization", "Bot limit-token"}};
    request.timeoutMs = 3000;
    std::optional<TransportResponse> result;
    transport.send(std::move(request),
                   [&](TransportResponse &&response) { result = std::move(response); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

//! A zlib stream (HTTP "Content-Encoding: deflate") of `data`.
QByteArray deflate(const QByteArray &data)
{
    return qCompress(data, 9).mid(4); // qCompress prefixes the length
}

} // namespace

class TestTransportLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLimit();
    void limit_data();
    void limit();
    void clientGivesUpOnAnOversizedBody();
};

void TestTransportLimit::defaultLimit()
{
    QtTransport transport(1);
    QCOMPARE(transport.maxBodyBytes(), qint64(64) * 1024 * 1024);
    transport.setMaxBodyBytes(0);
    QCOMPARE(transport.maxBodyBytes(), qint64(1));
}

void TestTransportLimit::limit_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("close");
    QTest::addColumn<bool>("tooLarge");
    const qint64 limit = 1000;
    const QByteArray atLimit(limit, 'a');
    const QByteArray over(limit * 5, 'b');
    QTest::newRow("at the limit") << ClientTestServer::response(
                                         200, {{"Content-Type", "text/plain"}}, atLimit)
                                  << false << false;
    QTest::newRow("Content-Length over the limit")
        << ClientTestServer::response(200, {{"Content-Type", "text/plain"}}, over) << false << true;
    // Announced far beyond the limit and never sent: stopped at the headers.
    QTest::newRow("announced 100 MiB")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                      "104857600\r\n\r\n[")
        << false << true;
    QTest::newRow("no Content-Length, body over the limit")
        << ClientTestServer::response(200, {{"Content-Type", "text/plain"}}, over, false) << true
        << true;
    // 200 compressed bytes that inflate to 100 kB: the decoded size counts.
    QTest::newRow("deflate bomb") << ClientTestServer::response(200,
                                                                {{"Content-Encoding", "deflate"}},
                                                                deflate(QByteArray(100000, 'c')))
                                  << false << true;
}

void TestTransportLimit::limit()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, close);
    QFETCH(bool, tooLarge);
    ClientTestServer server([&](const ClientTestServer::Request &) {
        ClientTestServer::Action action;
        action.raw = raw;
        action.close = close;
        return action;
    });
    QVERIFY(server.listen());
    QtTransport transport(1);
    transport.setMaxBodyBytes(1000);
    const auto response = exchange(transport, server);
    QVERIFY(response);
    if (!tooLarge) {
        QCOMPARE(response->error, TransportError::None);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body.size(), 1000);
        return;
    }
    QCOMPARE(response->error, TransportError::Other);
    QVERIFY2(response->errorText.contains(u"too large"_s) &&
                 response->errorText.contains(u"limit of 1000 bytes"_s),
             qPrintable(response->errorText));
    QVERIFY(response->body.isEmpty());
}

void TestTransportLimit::clientGivesUpOnAnOversizedBody()
{
    // Beyond the default 64 MiB, announced and never sent: every attempt is stopped at the
    // headers, and the request fails after maxAttempts with the reason.
    ClientTestServer server([](const ClientTestServer::Request &) {
        return ClientTestServer::Action{
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 134217728"
            "\r\n\r\n[{\"id\":\"1\"}"};
    });
    QVERIFY(server.listen());
    ClientOptions options;
    options.apiBase = QUrl(QString::fromLatin1(server.apiBase()));
    options.connections = 1;
    options.maxAttempts = 3;
    options.backoff = {5, 20, 2.0, 0.5, 3};
    Client client(options, Token("limit-token"));
    std::optional<Reply> reply;
    client.get("/channels/{}/messages", {quint64(7)}).execute(nullptr, [&](Reply &&r) {
        reply = std::move(r);
    });
    QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 15000);
    QVERIFY(!reply->ok());
    QVERIFY2(reply->errorMessage.contains(u"too large"_s), qPrintable(reply->errorMessage));
    QCOMPARE(reply->attempts, 3);
    QTest::qWait(200);
    QCOMPARE(server.requests().size(), 3);
}

QTEST_GUILESS_MAIN(TestTransportLimit)
#include "tst_transportlimit.moc"
