// Figures for docs/discord-client.md: what the client costs per request, and how many
// requests and messages per second it moves over loopback with the limits off.

#include "EmulatorFixture.h"
#include "discord/Client.h"
#include "discord/QtTransport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>

using namespace gavel;
using namespace gavel::discord;
using namespace gavel::test;
using namespace Qt::StringLiterals;

namespace {

//! Runs the event loop until done() holds (without qWaitFor's sleeps between checks).
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

//! A page of 100 messages shaped like Discord's (about 600 bytes each).
QByteArray messagePage()
{
    QByteArray page = "[";
    for (int i = 0; i < 100; ++i) {
        if (i > 0)
            page += ',';
        const QByteArray id = QByteArray::number(1200000000000000000ULL + quint64(i) * 4194304ULL);
        page +=
            R"({"type":0,"content":"message number )" + QByteArray::number(i) +
            R"( with a little text in it","mentions":[],"mention_roles":[],"attachments":[],)"
            R"("embeds":[],"timestamp":"2024-01-01T00:00:00.000000+00:00","edited_timestamp":null,)"
            R"("flags":0,"components":[],"id":")" +
            id +
            R"(","channel_id":"1190000000000000000","author":{"id":"1180000000000000000",)"
            R"("username":"dee","avatar":null,"discriminator":"0","public_flags":0,"flags":0,)"
            R"("banner":null,"accent_color":null,"global_name":"Dee","avatar_decoration_data":null,)"
            R"("banner_color":null},"pinned":false,"mention_everyone":false,"tts":false,)"
            R"("reactions":[{"emoji":{"id":null,"name":"👍"},"count":3,"count_details":)"
            R"({"burst":0,"normal":3},"burst_colors":[],"me_burst":false,"burst_me":false,)"
            R"("me":false,"burst_count":0}]})";
    }
    page += ']';
    // As QtTransport hands bodies over: with room for the JSON validator's padding.
    page.reserve(page.size() + 64);
    return page;
}

//! Answers every exchange from the event loop with the same body, at once.
class InstantTransport final : public Transport
{
public:
    InstantTransport(QByteArray body, int connections)
        : m_body(std::move(body))
        , m_connections(connections)
    {
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { drain(); });
    }
    quint64 send(TransportRequest &&, Done done) override
    {
        m_pending.push_back(std::move(done));
        if (!m_timer.isActive())
            m_timer.start();
        return ++m_id;
    }
    void abort(quint64) override {}
    int connections() const override { return m_connections; }

private:
    void drain()
    {
        std::vector<Done> batch;
        batch.swap(m_pending);
        for (const Done &done : batch) {
            TransportResponse response;
            response.status = 200;
            response.headers = {{"Content-Type", "application/json"}};
            response.body = m_body;
            done(std::move(response));
        }
        if (m_pending.empty())
            m_timer.stop();
    }

    QByteArray m_body;
    std::vector<Done> m_pending;
    QTimer m_timer;
    quint64 m_id = 0;
    int m_connections;
};

} // namespace

class TestDiscordThroughput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overheadPerRequest();
    void loopbackThroughput_data();
    void loopbackThroughput();
};

// The client's own cost: requests through the whole client (builder, queue, bucket,
// global limiter, JSON validation of a 100-message page, callback) over a transport that
// answers at once, against the same transport driven directly.
void TestDiscordThroughput::overheadPerRequest()
{
    const QByteArray page = messagePage();
    const int total = 20000;
    const int window = 64;

    // The bare transport, kept `window` deep.
    double bareUs = 0;
    {
        InstantTransport transport(page, window);
        int done = 0;
        int sent = 0;
        std::function<void()> sendOne = [&] {
            ++sent;
            transport.send(TransportRequest{}, [&](TransportResponse &&response) {
                QCOMPARE(response.status, 200);
                ++done;
                if (sent < total)
                    sendOne();
            });
        };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < window; ++i)
            sendOne();
        QVERIFY(runUntil([&] { return done == total; }, 60000));
        bareUs = double(timer.nsecsElapsed()) / 1000.0 / total;
    }

    // Through the client, with and without checking that each page is JSON.
    auto throughClient = [&](bool validate) -> double {
        ClientOptions options;
        options.apiBase = QUrl(u"http://127.0.0.1:9/api/v10"_s);
        options.connections = window;
        options.globalPerSecond = 0;
        Client client(options, Token("bench-token"),
                      std::make_unique<InstantTransport>(page, window), nullptr);
        int done = 0;
        int sent = 0;
        std::function<void()> sendOne = [&] {
            const quint64 channel = 1000 + quint64(sent % 50);
            ++sent;
            client.get("/channels/{}/messages", {channel})
                .query("limit", 100)
                .query("before", quint64(1300000000000000000ULL) - quint64(sent))
                .expectJson(validate)
                .execute(nullptr, [&](Reply &&reply) {
                    QVERIFY(reply.ok());
                    ++done;
                    if (sent < total)
                        sendOne();
                });
        };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < window; ++i)
            sendOne();
        if (!runUntil([&] { return done == total; }, 60000))
            return 1e9;
        return double(timer.nsecsElapsed()) / 1000.0 / total;
    };
    const double plainUs = throughClient(false);
    const double clientUs = throughClient(true);
    qInfo("per request: bare transport %.2f us, through the client %.2f us without and %.2f us "
          "with JSON validation of a %lld-byte page: client overhead %.2f us",
          bareUs, plainUs, clientUs, qlonglong(page.size()), clientUs - bareUs);
    // Microseconds, not milliseconds: 50,000 messages/s is 500 pages/s, 2 ms each.
    QVERIFY2(clientUs - bareUs < 200.0, qPrintable(QString::number(clientUs - bareUs)));
}

void TestDiscordThroughput::loopbackThroughput_data()
{
    QTest::addColumn<int>("connections");
    QTest::newRow("6 connections") << 6;
    QTest::newRow("12 connections") << 12;
}

// Pages of 100 messages from the emulator with every limit off, many in flight over
// keep-alive connections: the client against QtTransport alone.
void TestDiscordThroughput::loopbackThroughput()
{
    QFETCH(int, connections);
    SnapshotBuilder b = SnapshotBuilder::typical();
    const quint64 author = b.addMember(u"Dee"_s);
    QList<quint64> channels;
    for (int c = 0; c < 4; ++c) {
        channels << b.addChannel(u"busy-%1"_s.arg(c));
        for (int m = 0; m < 100; ++m)
            b.addMessage(channels.constLast(), author,
                         u"message %1 with a little text in it, as people write"_s.arg(m));
    }
    EmulatorFixture emulator;
    emulator::ServerOptions serverOptions = EmulatorFixture::testOptions();
    serverOptions.rateLimits = false;
    QVERIFY2(emulator.start(b, serverOptions), qPrintable(emulator.errorString()));

    const int total = 3000;
    auto path = [&](int n) -> QByteArray {
        return "/api/v10/channels/" + QByteArray::number(channels[n % channels.size()]) +
               "/messages?limit=100";
    };

    // QtTransport alone.
    double bareRate = 0;
    {
        QtTransport transport(connections);
        int done = 0;
        int sent = 0;
        std::function<void()> sendOne = [&] {
            TransportRequest request;
            request.url = emulator.origin().toUtf8() + path(sent++);
            request.headers = {{"Authorization", "Bot " + emulator.token().toUtf8()}};
            transport.send(std::move(request), [&](TransportResponse &&response) {
                QCOMPARE(response.status, 200);
                ++done;
                if (sent < total)
                    sendOne();
            });
        };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < connections; ++i)
            sendOne();
        QVERIFY(runUntil([&] { return done == total; }, 120000));
        bareRate = total * 1000.0 / double(timer.elapsed());
    }

    ClientOptions options;
    options.apiBase = QUrl(emulator.server().apiBase());
    options.connections = connections;
    options.globalPerSecond = 0;
    Client client(options, Token(emulator.token().toUtf8()));
    int done = 0;
    qint64 bytes = 0;
    int messages = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < total; ++i) {
        client.get("/channels/{}/messages", {channels[i % channels.size()]})
            .query("limit", 100)
            .execute(nullptr, [&](Reply &&reply) {
                QVERIFY2(reply.ok(), qPrintable(reply.errorMessage));
                bytes += reply.body.size();
                if (done == 0)
                    messages = int(QJsonDocument::fromJson(reply.body).array().size());
                ++done;
            });
    }
    QVERIFY(runUntil([&] { return done == total; }, 120000));
    const double seconds = double(timer.elapsed()) / 1000.0;
    const double rate = total / seconds;
    QCOMPARE(messages, 100);
    qInfo("%d connections: QtTransport %.0f req/s; client %.0f req/s = %.0f messages/s, "
          "%.1f MB/s",
          connections, bareRate, rate, rate * messages, double(bytes) / seconds / 1e6);
    // Loose: the machine is shared (the emulator runs in this process), and figures swing by
    // half between runs; a real regression costs far more than that.
    QVERIFY2(rate >= 0.5 * bareRate, "the client must not slow the transport down");
    // The sync above it must reach 50,000 messages/s end to end.
    QVERIFY2(rate * messages >= 50000, qPrintable(QString::number(rate * messages)));
}

QTEST_GUILESS_MAIN(TestDiscordThroughput)
#include "bench_discordclient.moc"
