#include "discord/Route.h"

#include <QTest>

using namespace gavel::discord;
using namespace Qt::StringLiterals;

class TestDiscordRoute : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data();
    void expand();
    void reactionRoutesShareOneKey();
    void majorParameterSeparates();
    void invalidArguments();
    void fromPath_data();
    void fromPath();
    void describeHidesWebhookToken();
};

void TestDiscordRoute::expand_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("tmpl");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("bucketRoute");
    QTest::addColumn<QByteArray>("major");

    QTest::newRow("messages") << int(Method::Get) << "/channels/{}/messages"_ba
                              << QStringList{u"123"_s} << "/channels/123/messages"_ba
                              << "GET /channels/{}/messages"_ba
                              << "123"_ba;
    QTest::newRow("guild") << int(Method::Get) << "/guilds/{}"_ba << QStringList{u"42"_s}
                           << "/guilds/42"_ba
                           << "GET /guilds/{}"_ba
                           << "42"_ba;
    QTest::newRow("member role") << int(Method::Put) << "/guilds/{}/members/{}/roles/{}"_ba
                                 << QStringList{u"1"_s, u"2"_s, u"3"_s}
                                 << "/guilds/1/members/2/roles/3"_ba
                                 << "PUT /guilds/{}/members/{}/roles/{}"_ba
                                 << "1"_ba;
    QTest::newRow("no major") << int(Method::Get) << "/users/@me"_ba << QStringList{}
                              << "/users/@me"_ba
                              << "GET /users/@me"_ba << QByteArray();
    QTest::newRow("user is not major")
        << int(Method::Get) << "/users/{}"_ba << QStringList{u"9"_s} << "/users/9"_ba
        << "GET /users/{}"_ba << QByteArray();
    QTest::newRow("unicode emoji is encoded")
        << int(Method::Get) << "/channels/{}/messages/{}/reactions/{}"_ba
        << QStringList{u"5"_s, u"6"_s, u"👍"_s} << "/channels/5/messages/6/reactions/%F0%9F%91%8D"_ba
        << "GET /channels/{}/messages/{}/reactions"_ba
        << "5"_ba;
    QTest::newRow("custom emoji name:id")
        << int(Method::Get) << "/channels/{}/messages/{}/reactions/{}"_ba
        << QStringList{u"5"_s, u"6"_s, u"gavel:77"_s}
        << "/channels/5/messages/6/reactions/gavel%3A77"_ba
        << "GET /channels/{}/messages/{}/reactions"_ba
        << "5"_ba;
    QTest::newRow("slash in text is encoded")
        << int(Method::Get) << "/channels/{}/threads/archived/{}"_ba
        << QStringList{u"5"_s, u"a/b"_s} << "/channels/5/threads/archived/a%2Fb"_ba
        << "GET /channels/{}/threads/archived/{}"_ba
        << "5"_ba;
}

void TestDiscordRoute::expand()
{
    QFETCH(int, method);
    QFETCH(QByteArray, tmpl);
    QFETCH(QStringList, args);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, bucketRoute);
    QFETCH(QByteArray, major);

    Route route;
    switch (args.size()) {
    case 0:
        route = Route(Method(method), tmpl);
        break;
    case 1:
        route = Route(Method(method), tmpl, {args[0]});
        break;
    case 2:
        route = Route(Method(method), tmpl, {args[0], args[1]});
        break;
    case 3:
        route = Route(Method(method), tmpl, {args[0], args[1], args[2]});
        break;
    default:
        QFAIL("too many arguments for this test");
    }
    QVERIFY(route.isValid());
    QCOMPARE(route.path(), path);
    QCOMPARE(route.bucketRoute(), bucketRoute);
    QCOMPARE(route.majorParameter(), major);
}

void TestDiscordRoute::reactionRoutesShareOneKey()
{
    const quint64 channel = 1000;
    const Route list(Method::Get, "/channels/{}/messages/{}/reactions/{}", {channel, 1, u"a"_s});
    const Route other(Method::Get, "/channels/{}/messages/{}/reactions/{}",
                      {channel, 2, u"gavel:5"_s});
    const Route own(Method::Put, "/channels/{}/messages/{}/reactions/{}/@me", {channel, 3, u"b"_s});
    const Route ownDelete(Method::Delete, "/channels/{}/messages/{}/reactions/{}/@me",
                          {channel, 3, u"b"_s});
    QCOMPARE(list.bucketRoute(), other.bucketRoute());
    QCOMPARE(own.bucketRoute(), "PUT /channels/{}/messages/{}/reactions"_ba);
    QCOMPARE(ownDelete.bucketRoute(), "DELETE /channels/{}/messages/{}/reactions"_ba);
    QCOMPARE(list.majorParameter(), other.majorParameter());
    // A message route is not a reaction route.
    const Route message(Method::Get, "/channels/{}/messages/{}", {channel, 1});
    QVERIFY(message.bucketRoute() != list.bucketRoute());
}

void TestDiscordRoute::majorParameterSeparates()
{
    const Route a(Method::Get, "/channels/{}/messages", {quint64(1)});
    const Route b(Method::Get, "/channels/{}/messages", {quint64(2)});
    QCOMPARE(a.bucketRoute(), b.bucketRoute());
    QVERIFY(a.majorParameter() != b.majorParameter());
}

void TestDiscordRoute::invalidArguments()
{
    QVERIFY(!Route(Method::Get, "/channels/{}/messages").isValid());
    QVERIFY(!Route(Method::Get, "/channels/{}", {quint64(1), quint64(2)}).isValid());
    QVERIFY(!Route(Method::Get, "channels/{}", {quint64(1)}).isValid());
    QVERIFY(!Route(Method::Get, "/channels/{}", {u""_s}).isValid());
    QVERIFY(!Route().isValid());
}

void TestDiscordRoute::fromPath_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("bucketRoute");
    QTest::addColumn<QByteArray>("major");
    QTest::newRow("messages") << "/channels/123/messages"_ba
                              << "GET /channels/{}/messages"_ba
                              << "123"_ba;
    QTest::newRow("reaction") << "/channels/1/messages/2/reactions/%F0%9F%91%8D"_ba
                              << "GET /channels/{}/messages/{}/reactions"_ba
                              << "1"_ba;
    QTest::newRow("members") << "/guilds/9/members"_ba
                             << "GET /guilds/{}/members"_ba
                             << "9"_ba;
    QTest::newRow("webhook token") << "/webhooks/5/abcdef"_ba
                                   << "GET /webhooks/{}/{}"_ba
                                   << "5"_ba;
    QTest::newRow("archived") << "/channels/7/threads/archived/public"_ba
                              << "GET /channels/{}/threads/archived/public"_ba
                              << "7"_ba;
}

void TestDiscordRoute::fromPath()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, bucketRoute);
    QFETCH(QByteArray, major);
    const Route route = Route::fromPath(Method::Get, path);
    QVERIFY(route.isValid());
    QCOMPARE(route.path(), path);
    QCOMPARE(route.bucketRoute(), bucketRoute);
    QCOMPARE(route.majorParameter(), major);
}

void TestDiscordRoute::describeHidesWebhookToken()
{
    const Route hook(Method::Post, "/webhooks/{}/{}", {quint64(5), u"s3cr3t-token"_s});
    QVERIFY(hook.isValid());
    QCOMPARE(hook.describe(), u"POST /webhooks/5/***"_s);
    const Route emoji(Method::Get, "/channels/{}/messages/{}/reactions/{}",
                      {quint64(1), quint64(2), u"👍"_s});
    QCOMPARE(emoji.describe(), u"GET /channels/1/messages/2/reactions/👍"_s);
}

QTEST_GUILESS_MAIN(TestDiscordRoute)
#include "tst_discordroute.moc"
