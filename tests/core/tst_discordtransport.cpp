// QtTransport and the Client over real loopback HTTP, against a scripted server that
// produces faults byte for byte.

#include "ClientTestServer.h"
#include "discord/Client.h"
#include "discord/QtTransport.h"

#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace gavel;
using namespace gavel::discord;
using namespace gavel::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(gavel::discord::TransportError)

namespace {

//! Sends one exchange and waits for its outcome.
std::optional<TransportResponse> exchange(QtTransport &transport, TransportRequest request,
                                          int waitMs = 5000)
{
    std::optional<TransportResponse> result;
    transport.send(std::move(request),
                   [&](TransportResponse &&response) { result = std::move(response); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, waitMs))
        return std::nullopt;
    return result;
}

TransportRequest get(const ClientTestServer &server, const QByteArray &path)
{
    TransportRequest request;
    request.url = server.apiBase() + path;
    request.headers = {{"Authorization", "Bot transport-token"}};
    request.timeoutMs = 2000;
    return request;
}

} // namespace

class TestDiscordTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exchangesRequestAndResponse();
    void methodsAndBodies();
    void keepAliveReusesTheConnection();
    void faults_data();
    void faults();
    void refusedConnection();
    void abortSuppressesTheCallback();
    void opensAsManyConnectionsAsAsked();
    void clientRetriesFaultsOverHttp();
    void clientStopsOnUnauthorizedOverHttp();
};

void TestDiscordTransport::exchangesRequestAndResponse()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        return ClientTestServer::Action{ClientTestServer::response(
            200, {{"Content-Type", "application/json"}, {"X-RateLimit-Bucket", "abc"}},
            R"([{"id":"1"}])")};
    });
    QVERIFY(server.listen());
    QtTransport transport(2);
    const auto response = exchange(transport, get(server, "/channels/5/messages?limit=100"));
    QVERIFY(response);
    QCOMPARE(response->error, TransportError::None);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, R"([{"id":"1"}])"_ba);
    QCOMPARE(findHeader(response->headers, "x-ratelimit-bucket"), QByteArrayView("abc"));
    QCOMPARE(server.requests().size(), 1);
    const ClientTestServer::Request &seen = server.requests().constFirst();
    QCOMPARE(seen.method, "GET"_ba);
    QCOMPARE(seen.target, "/api/v10/channels/5/messages?limit=100"_ba);
    QCOMPARE(findHeader(seen.headers, "Authorization"), QByteArrayView("Bot transport-token"));
}

void TestDiscordTransport::methodsAndBodies()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        return ClientTestServer::Action{ClientTestServer::response(204)};
    });
    QVERIFY(server.listen());
    QtTransport transport(1);
    const QList<std::pair<Method, QByteArray>> cases = {{Method::Put, "PUT"},
                                                        {Method::Patch, "PATCH"},
                                                        {Method::Delete, "DELETE"},
                                                        {Method::Post, "POST"}};
    for (const auto &[method, name] : cases) {
        TransportRequest request = get(server, "/guilds/1/members/2");
        request.method = method;
        request.body = method == Method::Delete ? QByteArray() : R"({"roles":["3"]})"_ba;
        request.headers.emplaceBack("Content-Type", "application/json");
        const auto response = exchange(transport, request);
        QVERIFY(response);
        QCOMPARE(response->status, 204);
        QCOMPARE(server.requests().constLast().method, name);
        QCOMPARE(server.requests().constLast().body, request.body);
    }
}

void TestDiscordTransport::keepAliveReusesTheConnection()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        return ClientTestServer::Action{ClientTestServer::response(200, {}, "[]")};
    });
    QVERIFY(server.listen());
    QtTransport transport(6);
    for (int i = 0; i < 30; ++i)
        QVERIFY(exchange(transport, get(server, "/guilds/1")));
    QCOMPARE(server.requests().size(), 30);
    QCOMPARE(server.connections(), 1);
}

void TestDiscordTransport::faults_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<TransportError>("error");
    QTest::addColumn<int>("status");
    // 0: half the body under a full Content-Length, then close
    QTest::newRow("truncated body") << 0 << TransportError::Truncated << 0;
    // 1: connection reset before any answer
    QTest::newRow("reset") << 1 << TransportError::ConnectionReset << 0;
    // 2: HTML error page from a proxy: a response, for the client to classify
    QTest::newRow("html 502") << 2 << TransportError::None << 502;
    // 3: no answer within the timeout
    QTest::newRow("slow") << 3 << TransportError::Timeout << 0;
    // 4: garbage instead of HTTP
    QTest::newRow("not http") << 4 << TransportError::Protocol << 0;
}

void TestDiscordTransport::faults()
{
    QFETCH(int, fault);
    QFETCH(TransportError, error);
    QFETCH(int, status);
    ClientTestServer server([fault](const ClientTestServer::Request &) {
        ClientTestServer::Action action;
        const QByteArray body = R"([{"id":"1","content":"hello"},{"id":"2","content":"world"}])";
        switch (fault) {
        case 0: {
            QByteArray raw = ClientTestServer::response(200, {}, body);
            raw.chop(body.size() / 2);
            action.raw = raw;
            action.close = true;
            break;
        }
        case 1:
            action.reset = true;
            break;
        case 2:
            action.raw = ClientTestServer::response(
                502, {{"Content-Type", "text/html"}},
                "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>");
            break;
        case 3:
            action.raw = ClientTestServer::response(200, {}, body);
            action.delayMs = 3000;
            break;
        case 4:
            action.raw = "SMTP ready\r\n\r\n";
            action.close = true;
            break;
        }
        return action;
    });
    QVERIFY(server.listen());
    QtTransport transport(1);
    TransportRequest request = get(server, "/channels/1/messages");
    request.timeoutMs = 500;
    const auto response = exchange(transport, request);
    QVERIFY(response);
    if (fault == 4) {
        // Qt reports a peer that speaks no HTTP as a closed connection.
        QVERIFY2(response->error == TransportError::Protocol ||
                     response->error == TransportError::ConnectionReset,
                 qPrintable(response->errorText));
    } else {
        QCOMPARE(response->error, error);
    }
    if (fault == 0)
        QCOMPARE(response->errorText.contains(u"Content-Length"_s) ||
                     response->errorText.contains(u"body bytes"_s),
                 true);
    else
        QCOMPARE(response->status, status);
    if (error != TransportError::None)
        QVERIFY(!response->errorText.isEmpty());
}

void TestDiscordTransport::refusedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QtTransport transport(1);
    TransportRequest request;
    request.url = "http://127.0.0.1:" + QByteArray::number(port) + "/api/v10/guilds/1";
    const auto response = exchange(transport, request);
    QVERIFY(response);
    QCOMPARE(response->error, TransportError::ConnectionRefused);
}

void TestDiscordTransport::abortSuppressesTheCallback()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        ClientTestServer::Action action;
        action.raw = ClientTestServer::response(200, {}, "[]");
        action.delayMs = 300;
        return action;
    });
    QVERIFY(server.listen());
    QtTransport transport(1);
    int calls = 0;
    const quint64 id =
        transport.send(get(server, "/guilds/1"), [&](TransportResponse &&) { ++calls; });
    QTRY_COMPARE(server.requests().size(), 1);
    transport.abort(id);
    // The connection is closed at once, not left busy until the answer comes.
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 250);
    QTest::qWait(300);
    QCOMPARE(calls, 0);
    // The transport still works afterwards.
    QVERIFY(exchange(transport, get(server, "/guilds/2")));
}

void TestDiscordTransport::opensAsManyConnectionsAsAsked()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        ClientTestServer::Action action;
        action.raw = ClientTestServer::response(200, {}, "[]");
        action.delayMs = 150;
        return action;
    });
    QVERIFY(server.listen());
    QtTransport transport(12);
    int done = 0;
    for (int i = 0; i < 36; ++i)
        transport.send(get(server, "/channels/" + QByteArray::number(i) + "/messages"),
                       [&](TransportResponse &&response) {
                           QCOMPARE(response.status, 200);
                           ++done;
                       });
    QTRY_COMPARE_WITH_TIMEOUT(done, 36, 10000);
    // Two managers of six connections each.
    QCOMPARE(server.maxOpenConnections(), 12);
}

void TestDiscordTransport::clientRetriesFaultsOverHttp()
{
    QHash<QByteArray, int> served;
    ClientTestServer server([&](const ClientTestServer::Request &request) {
        ClientTestServer::Action action;
        const QByteArray body = "[{\"id\":\"" + request.target + "\"}]";
        // Each request meets every fault once, then succeeds.
        switch (served[request.target]++) {
        case 0: { // truncated
            QByteArray raw = ClientTestServer::response(200, {}, body);
            raw.chop(5);
            action.raw = raw;
            action.close = true;
            break;
        }
        case 1:
            action.reset = true;
            break;
        case 2:
            action.raw = ClientTestServer::response(502, {{"Content-Type", "text/html"}},
                                                    "<html>bad gateway</html>");
            break;
        default:
            action.raw =
                ClientTestServer::response(200, {{"Content-Type", "application/json"}}, body);
        }
        return action;
    });
    QVERIFY(server.listen());
    ClientOptions options;
    options.apiBase = QUrl(QString::fromLatin1(server.apiBase()));
    options.connections = 1;
    options.backoff = {5, 20, 2.0, 0.5, 3};
    Client client(options, Token("http-token"));
    QList<Reply> replies;
    for (int i = 0; i < 3; ++i) {
        client.get("/channels/{}/messages", {quint64(100 + i)})
            .execute(nullptr, [&](Reply &&reply) { replies.append(std::move(reply)); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 3, 10000);
    for (const Reply &reply : std::as_const(replies)) {
        QVERIFY2(reply.ok(), qPrintable(reply.errorMessage));
        QCOMPARE(reply.body, "[{\"id\":\"/api/v10" + reply.route.path() + "\"}]");
        // Qt itself sends a request again once when a kept-alive connection was reset.
        QVERIFY(reply.attempts >= 3 && reply.attempts <= 4);
        QCOMPARE(served.value("/api/v10" + reply.route.path()), 4);
    }
    QVERIFY(client.stats().retries >= 6);
}

void TestDiscordTransport::clientStopsOnUnauthorizedOverHttp()
{
    ClientTestServer server([](const ClientTestServer::Request &) {
        return ClientTestServer::Action{
            ClientTestServer::response(401, {{"Content-Type", "application/json"}},
                                       R"({"message": "401: Unauthorized", "code": 0})")};
    });
    QVERIFY(server.listen());
    ClientOptions options;
    options.apiBase = QUrl(QString::fromLatin1(server.apiBase()));
    Client client(options, Token("wrong-token"));
    std::optional<Reply> reply;
    client.get("/guilds/{}", {quint64(1)}).execute(nullptr, [&](Reply &&r) {
        reply = std::move(r);
    });
    QTRY_VERIFY(reply.has_value());
    QCOMPARE(reply->error, ErrorKind::Unauthorized);
    QVERIFY(client.isStopped());
    QTest::qWait(100);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(findHeader(server.requests()[0].headers, "User-Agent")
                .startsWith("DiscordBot (https://github.com/gavel-app/gavel, "));
}

QTEST_GUILESS_MAIN(TestDiscordTransport)
#include "tst_discordtransport.moc"
