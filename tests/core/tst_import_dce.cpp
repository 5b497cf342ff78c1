// DiscordChatExporter JSON import (docs/imports.md): fixtures written here in DCE's channel-file
// format (guild, channel, messages with author, mentions, reference and reactions[].users)
// import into a fresh store marked source 'dce', the same analyses run on it, reactions that
// have only a count are reported as missing, and importing twice changes nothing.

#include "TestPaths.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"
#include "imports/DceImport.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

const QString guildId = u"900000000000000001"_s;

QJsonObject user(const QString &id, const QString &name, const QString &nick = {}, bool bot = false)
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"discriminator"_s, u"0000"_s},
            {u"nickname"_s, nick.isEmpty() ? name : nick},
            {u"color"_s, QJsonValue()},
            {u"isBot"_s, bot},
            {u"roles"_s, QJsonArray()},
            {u"avatarUrl"_s, u"https://cdn.discordapp.com/embed/avatars/0.png"_s}};
}

QJsonObject reaction(const QString &emoji, const QString &emojiId, const QJsonArray &users,
                     int count = -1)
{
    return {{u"emoji"_s, QJsonObject{{u"id"_s, emojiId},
                                     {u"name"_s, emoji},
                                     {u"code"_s, emoji},
                                     {u"isAnimated"_s, false},
                                     {u"imageUrl"_s, u"https://example.invalid/e.svg"_s}}},
            {u"count"_s, count < 0 ? users.size() : count},
            {u"users"_s, users}};
}

//! Snowflake of a message at `minute` minutes after 2023-01-01 (ids encode the time).
QString messageId(int minute, int n)
{
    const quint64 ms = 1672531200000ULL + quint64(minute) * 60000ULL - 1420070400000ULL;
    return QString::number((ms << 22) | quint64(n));
}

QString writeChannel(const QString &dir, const QString &channelId, const QString &name,
                     const QJsonArray &messages)
{
    const QJsonObject root{
        {u"guild"_s, QJsonObject{{u"id"_s, guildId},
                                 {u"name"_s, u"Fixture <Guild>"_s},
                                 {u"iconUrl"_s, u"https://example.invalid/i.png"_s}}},
        {u"channel"_s, QJsonObject{{u"id"_s, channelId},
                                   {u"type"_s, u"GuildTextChat"_s},
                                   {u"categoryId"_s, u"900000000000000010"_s},
                                   {u"category"_s, u"Text Channels"_s},
                                   {u"name"_s, name},
                                   {u"topic"_s, QJsonValue()}}},
        {u"dateRange"_s, QJsonObject{{u"after"_s, QJsonValue()}, {u"before"_s, QJsonValue()}}},
        {u"exportedAt"_s, u"2024-01-01T00:00:00.000+00:00"_s},
        {u"messages"_s, messages},
        {u"messageCount"_s, messages.size()}};
    const QString path = dir + u'/' + name + u".json"_s;
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(root).toJson());
    return path;
}

QJsonObject message(const QString &id, const QJsonObject &author, const QJsonArray &reactions,
                    const QJsonArray &mentions = {})
{
    return {{u"id"_s, id},
            {u"type"_s, u"Default"_s},
            {u"timestamp"_s, u"2023-01-01T00:00:00+00:00"_s},
            {u"timestampEdited"_s, QJsonValue()},
            {u"callEndedTimestamp"_s, QJsonValue()},
            {u"isPinned"_s, false},
            {u"content"_s, u"hello"_s},
            {u"author"_s, author},
            {u"attachments"_s, QJsonArray()},
            {u"embeds"_s, QJsonArray()},
            {u"stickers"_s, QJsonArray()},
            {u"reactions"_s, reactions},
            {u"mentions"_s, mentions}};
}

} // namespace

class TestImportDce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsFixture();
    void rejectsOtherFiles();
};

void TestImportDce::importsFixture()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonObject alice = user(u"900000000000000101"_s, u"alice"_s, u"Alice"_s);
    const QJsonObject bob = user(u"900000000000000102"_s, u"bob"_s);
    const QJsonObject carol = user(u"900000000000000103"_s, u"carol"_s);
    const QJsonObject bot = user(u"900000000000000104"_s, u"helper"_s, {}, true);
    QJsonArray general;
    // alice's message: bob and carol react with 👍, bob also with a custom emoji, the bot too.
    general.append(message(messageId(1, 1), alice,
                           {reaction(u"👍"_s, QString(), {bob, carol, bot}),
                            reaction(u"dojo"_s, u"900000000000000500"_s, {bob})},
                           {bob}));
    // bob's message: alice reacts, and alice reacts to herself (never counts).
    general.append(message(messageId(2, 1), bob, {reaction(u"🔥"_s, QString(), {alice})}));
    general.append(message(messageId(3, 1), alice, {reaction(u"🔥"_s, QString(), {alice})}));
    QJsonArray random;
    // An old export without users: 5 reactions nobody can be named for.
    QJsonObject old = message(messageId(4, 1), carol, {});
    QJsonObject counted = reaction(u"👍"_s, QString(), {}, 5);
    counted.remove(u"users"_s);
    old.insert(u"reactions"_s, QJsonArray{counted});
    random.append(old);
    const QStringList files{
        writeChannel(dir.path(), u"900000000000000201"_s, u"general"_s, general),
        writeChannel(dir.path(), u"900000000000000202"_s, u"random"_s, random)};

    auto db = store::Database::open(store::Location::sqliteFile(dir.filePath(u"g.db"_s)));
    QVERIFY(db.ok());
    auto summary = imports::importDce(**db, files, 1700000000000);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().text()));
    QCOMPARE(summary->files, 2);
    QCOMPARE(summary->messages, 4);
    QCOMPARE(summary->reactions, 6);
    QCOMPARE(summary->reactionsWithoutUsers, 5);
    QVERIFY(summary->text().contains(u"only a count"_s));
    QCOMPARE((*db)->scalar(u"SELECT source FROM guilds"_s).value().toString(), u"dce"_s);

    auto h = history::History::load(**db, guildId.toULongLong());
    QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().text()));
    QCOMPARE(h->guildName, u"Fixture <Guild>"_s);
    QCOMPARE(h->messages.size(), size_t(4));
    QCOMPARE(h->reactions.size(), size_t(6));
    const auto matrix = analysis::PairMatrix::build(*h);
    const auto a = h->userIndex(900000000000000101ULL);
    const auto b = h->userIndex(900000000000000102ULL);
    const auto c = h->userIndex(900000000000000103ULL);
    QVERIFY(h->users[h->userIndex(900000000000000104ULL)].bot);
    QCOMPARE(h->users[a].displayName(), u"Alice"_s);
    // bob → alice: 👍 and :dojo: on one message (two emojis count as two); carol → alice 1;
    // alice → bob 1; the bot and alice's self-reaction do not count.
    QVERIFY(matrix.find(b, a) && matrix.find(c, a) && matrix.find(a, b));
    QCOMPARE(matrix.find(b, a)->count, 2u);
    QCOMPARE(matrix.find(b, a)->reverseCount, 1u);
    QCOMPARE(matrix.find(c, a)->count, 1u);
    QCOMPARE(matrix.totalCounted(), 4);
    // Message times come from the ids, emoji keys are name:id for custom emoji.
    QCOMPARE(h->messages[0].createdAt, 1672531200000LL + 60000LL);
    bool custom = false;
    for (const history::Emoji &e : h->emojis)
        custom = custom || e.key == u"dojo:900000000000000500"_s;
    QVERIFY(custom);

    // Importing the same files again changes nothing.
    QVERIFY(imports::importDce(**db, files, 1700000001000).ok());
    auto again = history::History::load(**db, guildId.toULongLong());
    QVERIFY(again.ok());
    QCOMPARE(again->reactions.size(), size_t(6));
    QCOMPARE(again->messages.size(), size_t(4));

    // gavel status says where the data came from and what the exports could not hold.
    QProcess status;
    status.start(test::gavelBinary(),
                 {u"status"_s, u"--db"_s, dir.filePath(u"g.db"_s), u"--format"_s, u"text"_s});
    QVERIFY(status.waitForFinished(60000));
    QCOMPARE(status.exitCode(), 0);
    const QString text = QString::fromUtf8(status.readAllStandardOutput());
    QVERIFY2(text.contains(u"imported from DiscordChatExporter"_s), qPrintable(text));
    QVERIFY2(text.contains(u"missing: reaction times, removals"_s), qPrintable(text));
}

void TestImportDce::rejectsOtherFiles()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"x.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"messages\": []}");
    f.close();
    auto db = store::Database::open(store::Location::sqliteFile(dir.filePath(u"g.db"_s)));
    QVERIFY(db.ok());
    auto r = imports::importDce(**db, {f.fileName()}, 1);
    QVERIFY(!r.ok());
    QVERIFY(r.error().text().contains(u"not a DiscordChatExporter JSON export"_s));
    QVERIFY(!imports::importDce(**db, {dir.filePath(u"missing.json"_s)}, 1).ok());
}

QTEST_GUILESS_MAIN(TestImportDce)
#include "tst_import_dce.moc"
