// SourceCred import (docs/imports.md): fixtures written here in SourceCred's formats — the
// Discord plugin's weighted graph JSON (plain and gzip) and its SQLite mirror (the later schema
// with members' names and roles, and the first one with a separate users table) — import into a
// fresh store marked source 'sourcecred' with the pair matrix the fixture implies, what the
// source lacks is reported and recorded for dataSource(), re-imports change nothing, and
// malformed or hostile files are refused with the store left byte-for-byte as it was.

#include "analysis/PairMatrix.h"
#include "emulator/Gzip.h"
#include "history/History.h"
#include "imports/DataSource.h"
#include "imports/SourceCredImport.h"
#include "store/CanonicalDump.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

const QString guild = u"910000000000000001"_s;
const QString general = u"910000000000000201"_s;
const QString random = u"910000000000000202"_s;
const QString alice = u"910000000000000101"_s;
const QString bob = u"910000000000000102"_s;
const QString carol = u"910000000000000103"_s;
const QString helper = u"910000000000000104"_s; // a bot
const QString erin = u"910000000000000105"_s;   // left before SourceCred's graph was built
const QString dojo = u"dojo:910000000000000500"_s;

//! Snowflake of a message at `minute` minutes after 2023-01-01.
QString messageId(int minute)
{
    const quint64 ms = 1672531200000ULL + quint64(minute) * 60000ULL - 1420070400000ULL;
    return QString::number(ms << 22);
}
const QString m1 = messageId(1); // alice in #general
const QString m2 = messageId(2); // bob in #general
const QString m3 = messageId(3); // alice in #random
const QString m4 = messageId(4); // erin in #random: the graph has no author for it

using Matrix = QMap<std::pair<quint64, quint64>, quint32>;

Matrix matrixOf(store::Database &db)
{
    Matrix out;
    auto h = history::History::load(db, guild.toULongLong());
    if (!h)
        return out;
    const auto matrix = analysis::PairMatrix::build(*h);
    for (const analysis::Pair &p : matrix.pairs())
        if (p.count > 0)
            out[{h->users[p.reactor].id, h->users[p.author].id}] = p.count;
    return out;
}

std::pair<quint64, quint64> pair(const QString &reactor, const QString &author)
{
    return {reactor.toULongLong(), author.toULongLong()};
}

// --- The graph, as SourceCred's createGraph and Graph.toJSON write it ---------------------

struct GraphBuilder
{
    QList<QStringList> nodes;
    QMap<QString, std::pair<QString, QJsonValue>> node; // joined address → description, time
    QJsonArray edges;

    void addNode(const QStringList &address, const QString &description, QJsonValue time)
    {
        node[address.join(u'\x1f')] = {description, time};
    }
    void addEdge(const QStringList &address, const QStringList &src, const QStringList &dst,
                 qint64 time)
    {
        QJsonObject e{{u"address"_s, QJsonArray::fromStringList(address)},
                      {u"timestampMs"_s, time}};
        e[u"src"_s] = src.join(u'\x1f'); // resolved to indexes in json()
        e[u"dst"_s] = dst.join(u'\x1f');
        edges.append(e);
    }
    QStringList member(const QString &id, bool bot = false) const
    {
        return {u"sourcecred"_s, u"discord"_s, u"MEMBER"_s, bot ? u"bot"_s : u"user"_s, id};
    }
    QStringList message(const QString &channel, const QString &id) const
    {
        return {u"sourcecred"_s, u"discord"_s, u"MESSAGE"_s, channel, id};
    }
    void addMember(const QString &id, const QString &description, bool bot = false)
    {
        addNode(member(id, bot), description, QJsonValue());
    }
    void addMessage(const QString &channel, const QString &channelName, const QString &id,
                    const std::optional<QString> &author, const QString &excerpt)
    {
        const qint64 t = qint64((id.toULongLong() >> 22) + 1420070400000ULL);
        addNode(message(channel, id),
                u"#%1 message [\"%2...\"](https://discordapp.com/channels/%3/%4/%5)"_s.arg(
                    channelName, excerpt, guild, channel, id),
                t);
        if (author)
            addEdge({u"sourcecred"_s, u"discord"_s, u"AUTHORS"_s, u"MESSAGE"_s, u"user"_s, *author,
                     channel, id},
                    member(*author), message(channel, id), t);
    }
    //! A reaction as the plugin writes it: a REACTION node, ADDS_REACTION and REACTS_TO edges.
    void addReaction(const QString &channel, const QString &id, const QString &emoji,
                     const QString &reactor, bool bot = false, bool nodeAndAdds = true)
    {
        const QStringList reaction{
            u"sourcecred"_s, u"discord"_s, u"REACTION"_s, channel, emoji, reactor, id};
        if (nodeAndAdds) {
            addNode(reaction, u"Reacted `%1` to message"_s.arg(emoji), 0);
            addEdge({u"sourcecred"_s, u"discord"_s, u"ADDS_REACTION"_s, bot ? u"bot"_s : u"user"_s,
                     reactor, emoji, channel, id},
                    member(reactor, bot), reaction, 0);
        }
        addEdge({u"sourcecred"_s, u"discord"_s, u"REACTS_TO"_s, emoji, reactor, channel, id},
                reaction, message(channel, id), 0);
    }

    QByteArray json(const QString &type = u"sourcecred/weightedGraph"_s) const
    {
        // sortedNodeAddresses holds the nodes and every edge end (dangling ones too), sorted.
        QMap<QString, int> index;
        for (auto it = node.begin(); it != node.end(); ++it)
            index[it.key()] = 0;
        for (const QJsonValue &e : edges) {
            index[e[u"src"_s].toString()] = 0;
            index[e[u"dst"_s].toString()] = 0;
        }
        QJsonArray sorted, nodeList, edgeList;
        int i = 0;
        for (auto it = index.begin(); it != index.end(); ++it, ++i) {
            it.value() = i;
            sorted.append(QJsonArray::fromStringList(it.key().split(u'\x1f')));
            if (const auto n = node.find(it.key()); n != node.end())
                nodeList.append(QJsonObject{
                    {u"index"_s, i}, {u"description"_s, n->first}, {u"timestampMs"_s, n->second}});
        }
        for (const QJsonValue &v : edges) {
            QJsonObject e = v.toObject();
            e[u"srcIndex"_s] = index[e.take(u"src"_s).toString()];
            e[u"dstIndex"_s] = index[e.take(u"dst"_s).toString()];
            edgeList.append(e);
        }
        const QJsonArray graph{
            QJsonObject{{u"type"_s, u"sourcecred/graph"_s}, {u"version"_s, u"0.8.0"_s}},
            QJsonObject{{u"sortedNodeAddresses"_s, sorted},
                        {u"nodes"_s, nodeList},
                        {u"edges"_s, edgeList}}};
        if (type == u"sourcecred/graph")
            return QJsonDocument(graph).toJson(QJsonDocument::Compact);
        const QJsonArray weighted{
            QJsonObject{{u"type"_s, type}, {u"version"_s, u"0.1.0"_s}},
            QJsonObject{{u"graphJSON"_s, graph},
                        {u"weightsJSON"_s, QJsonArray{QJsonObject{}, QJsonObject{}}}}};
        return QJsonDocument(weighted).toJson(QJsonDocument::Compact);
    }
};

//! The fixture's graph: reactions the instance weighted, by members present when it ran.
GraphBuilder fixtureGraph()
{
    GraphBuilder g;
    g.addMember(alice, u"alice#0001"_s);
    g.addMember(bob, u"discord/b&amp;ob &#x3C;3#0002"_s); // escaped by SourceCred: "b&ob <3"
    g.addMember(carol, u"carol#0003"_s);
    g.addMember(helper, u"helper#0004"_s, true);
    g.addMessage(general, u"general"_s, m1, alice, u"Made &#x3C;@!910000000000000102&#x3E; an"_s);
    g.addMessage(general, u"general"_s, m2, bob, u"hi"_s);
    g.addMessage(random, u"random"_s, m3, alice, u"self"_s);
    g.addMessage(random, u"random"_s, m4, std::nullopt, u"gone"_s);
    g.addReaction(general, m1, u"👍"_s, bob);
    g.addReaction(general, m1, u"👍"_s, carol);
    g.addReaction(general, m1, dojo, bob);
    g.addReaction(general, m1, u"👍"_s, helper, true);
    g.addReaction(general, m2, u"🔥"_s, alice);
    g.addReaction(general, m2, u"❤️"_s, carol, false, false); // only the REACTS_TO edge
    g.addReaction(random, m3, u"🔥"_s, alice);                     // a self-reaction
    g.addReaction(random, m4, u"👍"_s, bob);                       // on the authorless message
    g.addEdge({u"sourcecred"_s, u"discord"_s, u"MENTIONS"_s, general, alice, m1, u"user"_s, bob},
              g.message(general, m1), g.member(bob), 0);
    // Other plugins' nodes are ignored.
    g.addNode({u"sourcecred"_s, u"github"_s, u"USERLIKE"_s, u"USER"_s, u"someone"_s}, u"someone"_s,
              QJsonValue());
    return g;
}

//! Counted reactions (reactor → author) the graph implies: no bot, no self-reaction, none on
//! the message whose author the graph does not name.
Matrix graphMatrix()
{
    return {{pair(bob, alice), 2},
            {pair(carol, alice), 1},
            {pair(alice, bob), 1},
            {pair(carol, bob), 1}};
}

// --- The mirror, with the tables of SourceCred's mirrorRepository.js / sqliteMirror.js -------

bool exec(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning() << sql << q.lastError().text();
        return false;
    }
    return true;
}

enum class MirrorSchema {
    Later, //!< members hold the user's name; member_roles; message_mentions
    First, //!< users and members(user_id, nick) tables, no roles
};

bool writeMirror(const QString &path, MirrorSchema schema, const QString &guildId = guild)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture-mirror"_s);
        db.setDatabaseName(path);
        ok = db.open();
        auto run = [&](const QString &sql, const QVariantList &values = {}) {
            ok = ok && exec(db, sql, values);
        };
        run(u"CREATE TABLE meta (zero INTEGER PRIMARY KEY, config TEXT NOT NULL)"_s);
        run(u"INSERT INTO meta (zero, config) VALUES (0, ?)"_s,
            {u"{\"guild\":\"%1\",\"version\":\"discord_mirror_v1\"}"_s.arg(guildId)});
        run(u"CREATE TABLE channels (id TEXT PRIMARY KEY, type TEXT NOT NULL, "
            u"name TEXT NOT NULL)"_s);
        run(u"INSERT INTO channels VALUES (?, 'GUILD_TEXT', 'general'), "
            u"(?, 'GUILD_TEXT', 'random')"_s,
            {general, random});
        struct Person
        {
            QString id, name, disc;
            bool bot;
            QString nick;
        };
        const QList<Person> members{{alice, u"alice"_s, u"0001"_s, false, u"Alice"_s},
                                    {bob, u"b&ob <3"_s, u"0002"_s, false, QString()},
                                    {carol, u"carol"_s, u"0003"_s, false, QString()},
                                    {helper, u"helper"_s, u"0004"_s, true, QString()}};
        if (schema == MirrorSchema::Later) {
            run(u"CREATE TABLE members (user_id TEXT PRIMARY KEY, username TEXT NOT NULL, "
                u"discriminator TEXT NOT NULL, bot INTEGER NOT NULL, nick TEXT)"_s);
            for (const Person &p : members)
                run(u"INSERT INTO members VALUES (?, ?, ?, ?, ?)"_s,
                    {p.id, p.name, p.disc, int(p.bot),
                     p.nick.isEmpty() ? QVariant() : QVariant(p.nick)});
            run(u"CREATE TABLE member_roles (user_id TEXT, role TEXT NOT NULL, "
                u"CONSTRAINT user_role PRIMARY KEY (user_id, role))"_s);
            run(u"INSERT INTO member_roles VALUES (?, '910000000000000301'), "
                u"(?, '910000000000000301'), (?, '910000000000000302')"_s,
                {alice, bob, bob});
        } else {
            run(u"CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL, username TEXT NOT NULL, "
                u"discriminator TEXT NOT NULL, bot INTEGER NOT NULL)"_s);
            run(u"CREATE TABLE members (user_id TEXT PRIMARY KEY NOT NULL, nick TEXT)"_s);
            for (const Person &p : members) {
                run(u"INSERT INTO users VALUES (?, ?, ?, ?)"_s, {p.id, p.name, p.disc, int(p.bot)});
                run(u"INSERT INTO members VALUES (?, ?)"_s,
                    {p.id, p.nick.isEmpty() ? QVariant() : QVariant(p.nick)});
            }
            // erin left, but the first schema kept her user row.
            run(u"INSERT INTO users VALUES (?, 'erin', '0005', 0)"_s, {erin});
        }
        run(u"CREATE TABLE messages (id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, "
            u"author_id TEXT NOT NULL, non_user_author INTEGER NOT NULL, "
            u"timestamp_ms INTEGER NOT NULL, content TEXT NOT NULL)"_s);
        const QList<QStringList> messages{{m1, general, alice,
                                           u"Made <@!910000000000000102> an "
                                           u"admin, the full text"_s},
                                          {m2, general, bob, u"hi"_s},
                                          {m3, random, alice, u"self"_s},
                                          {m4, random, erin, u"gone but kept"_s}};
        for (const QStringList &m : messages)
            run(u"INSERT INTO messages VALUES (?, ?, ?, 0, ?, ?)"_s,
                {m[0], m[1], m[2], qint64((m[0].toULongLong() >> 22) + 1420070400000ULL), m[3]});
        run(u"CREATE TABLE message_reactions (channel_id TEXT NOT NULL, message_id TEXT NOT NULL, "
            u"author_id TEXT NOT NULL, emoji TEXT NOT NULL, CONSTRAINT value_object PRIMARY KEY "
            u"(channel_id, message_id, author_id, emoji))"_s);
        const QList<QStringList> reactions{
            {general, m1, bob, u"👍"_s},
            {general, m1, carol, u"👍"_s},
            {general, m1, bob, dojo},
            {general, m1, helper, u"👍"_s},
            {general, m2, alice, u"🔥"_s},
            {general, m2, carol, u"❤️"_s},
            {random, m3, alice, u"🔥"_s},
            {random, m4, bob, u"👍"_s},
            // Only the mirror has these: an emoji the instance did not weight, and erin.
            {general, m2, carol, u"🙃"_s},
            {general, m1, erin, u"👍"_s}};
        for (const QStringList &r : reactions)
            run(u"INSERT INTO message_reactions VALUES (?, ?, ?, ?)"_s, {r[0], r[1], r[2], r[3]});
        run(u"CREATE TABLE message_mentions (channel_id TEXT NOT NULL, message_id TEXT NOT NULL, "
            u"user_id TEXT NOT NULL, CONSTRAINT value_object PRIMARY KEY "
            u"(channel_id, message_id, user_id))"_s);
        run(u"INSERT INTO message_mentions VALUES (?, ?, ?)"_s, {general, m1, bob});
        db.close();
    }
    QSqlDatabase::removeDatabase(u"fixture-mirror"_s);
    return ok;
}

//! The mirror has every reaction: the graph's, plus carol's 🙃, erin's 👍 and bob's on erin's.
Matrix mirrorMatrix()
{
    return {{pair(bob, alice), 2}, {pair(carol, alice), 1}, {pair(alice, bob), 1},
            {pair(carol, bob), 2}, {pair(erin, alice), 1},  {pair(bob, erin), 1}};
}

QString write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

std::unique_ptr<store::Database> openStore(const QTemporaryDir &dir, const QString &name)
{
    auto db = store::Database::open(store::Location::sqliteFile(dir.filePath(name)));
    return db ? std::move(*db) : nullptr;
}

} // namespace

class TestImportSourceCred : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void graph_data();
    void graph();
    void mirror_data();
    void mirror();
    void graphAndMirror();
    void refusesMalformed_data();
    void refusesMalformed();
    void gunzipLimits();
};

void TestImportSourceCred::graph_data()
{
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<QString>("envelope");
    QTest::newRow("weighted graph, plain") << false << u"sourcecred/weightedGraph"_s;
    QTest::newRow("weighted graph, gzip") << true << u"sourcecred/weightedGraph"_s;
    QTest::newRow("bare graph, gzip") << true << u"sourcecred/graph"_s;
}

void TestImportSourceCred::graph()
{
    QFETCH(bool, gzip);
    QFETCH(QString, envelope);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray bytes = fixtureGraph().json(envelope);
    if (gzip)
        bytes = emulator::gzipCompress(bytes, 6);
    const QString file = write(dir.filePath(gzip ? u"graph.json.gz"_s : u"graph.json"_s), bytes);
    auto db = openStore(dir, u"g.db"_s);
    QVERIFY(db);

    auto summary = imports::importSourceCred(*db, {file}, 1700000000000);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().text()));
    QCOMPARE(summary->guildId, guild.toULongLong()); // from the message links
    QCOMPARE(summary->messages, 3);                  // m4 has no author in the graph
    QCOMPARE(summary->reactions, 7);
    QCOMPARE(db->scalar(u"SELECT source FROM guilds"_s).value().toString(), u"sourcecred"_s);
    const QString text = summary->text();
    QVERIFY2(text.contains(u"reactions the instance did not weight"_s), qPrintable(text));
    QVERIFY2(text.contains(u"1 reactions on 1 messages whose author"_s), qPrintable(text));
    QVERIFY2(text.contains(u"reaction times and removals"_s), qPrintable(text));

    QCOMPARE(matrixOf(*db), graphMatrix());
    auto h = history::History::load(*db, guild.toULongLong());
    QVERIFY(h.ok());
    QCOMPARE(h->users[h->userIndex(bob.toULongLong())].username, u"b&ob <3"_s);
    QVERIFY(h->users[h->userIndex(helper.toULongLong())].bot);
    bool named = false, custom = false;
    for (const history::Channel &c : h->channels)
        named = named || (c.id == general.toULongLong() && c.name == u"general"_s);
    for (const history::Emoji &e : h->emojis)
        custom = custom || e.key == dojo;
    QVERIFY(named);
    QVERIFY(custom);
    QCOMPARE(db->scalar(u"SELECT content FROM messages WHERE id = ?"_s, {m1.toLongLong()})
                 .value()
                 .toString(),
             u"Made <@!910000000000000102> an"_s);

    // What is missing stays known after the import.
    auto source = imports::dataSource(*db, guild.toULongLong());
    QVERIFY(source.ok());
    QVERIFY(source->imported);
    QCOMPARE(source->source, u"sourcecred"_s);
    QCOMPARE(source->importedAt, std::optional<qint64>(1700000000000));
    QCOMPARE(source->files, QStringList{file});
    QCOMPARE(source->missing, summary->missing);
    QVERIFY(source->text().contains(u"imported from SourceCred"_s));

    // Importing again changes nothing but the recorded time.
    auto before = store::canonicalDump(*db, guild.toULongLong());
    QVERIFY(imports::importSourceCred(*db, {file}, 1700000000000).ok());
    QCOMPARE(store::canonicalDump(*db, guild.toULongLong()).value(), before.value());
}

void TestImportSourceCred::mirror_data()
{
    QTest::addColumn<int>("schema");
    QTest::newRow("later schema") << int(MirrorSchema::Later);
    QTest::newRow("first schema") << int(MirrorSchema::First);
}

void TestImportSourceCred::mirror()
{
    QFETCH(int, schema);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"discordMirror-%1.db"_s.arg(guild));
    QVERIFY(writeMirror(file, MirrorSchema(schema)));
    auto db = openStore(dir, u"g.db"_s);
    QVERIFY(db);
    auto summary = imports::importSourceCred(*db, {file}, 1700000000000);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().text()));
    QCOMPARE(summary->messages, 4);
    QCOMPARE(summary->reactions, 10);
    QCOMPARE(matrixOf(*db), mirrorMatrix());
    const QString text = summary->text();
    QVERIFY2(!text.contains(u"did not weight"_s), qPrintable(text));

    auto h = history::History::load(*db, guild.toULongLong());
    QVERIFY(h.ok());
    QCOMPARE(h->users[h->userIndex(alice.toULongLong())].displayName(), u"Alice"_s);
    QCOMPARE(db->scalar(u"SELECT content FROM messages WHERE id = ?"_s, {m1.toLongLong()})
                 .value()
                 .toString(),
             u"Made <@!910000000000000102> an admin, the full text"_s);
    QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM message_mentions"_s).value().toInt(), 1);
    const int roles = db->scalar(u"SELECT COUNT(*) FROM member_roles"_s).value().toInt();
    if (MirrorSchema(schema) == MirrorSchema::Later) {
        QCOMPARE(roles, 3);
        // erin is not in the later schema's members: her name is missing, and said so.
        QVERIFY2(text.contains(u"the names of 1 users"_s), qPrintable(text));
    } else {
        QCOMPARE(roles, 0);
        QVERIFY2(text.contains(u"roles: this mirror version did not keep them"_s),
                 qPrintable(text));
        QCOMPARE(h->users[h->userIndex(erin.toULongLong())].username, u"erin"_s);
    }
}

void TestImportSourceCred::graphAndMirror()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mirror = dir.filePath(u"discordMirror-%1.db"_s.arg(guild));
    QVERIFY(writeMirror(mirror, MirrorSchema::Later));
    const QString graph = write(dir.filePath(u"graph.json"_s), fixtureGraph().json());
    auto db = openStore(dir, u"g.db"_s);
    QVERIFY(db);
    auto summary = imports::importSourceCred(*db, {graph, mirror}, 1700000000000);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().text()));
    // The mirror names m4's author and holds every reaction: the union is the mirror's.
    QCOMPARE(matrixOf(*db), mirrorMatrix());
    QVERIFY(!summary->text().contains(u"whose author"_s));
    // The mirror's full text wins over the graph's excerpt, whatever the order.
    QCOMPARE(db->scalar(u"SELECT content FROM messages WHERE id = ?"_s, {m1.toLongLong()})
                 .value()
                 .toString(),
             u"Made <@!910000000000000102> an admin, the full text"_s);
}

void TestImportSourceCred::refusesMalformed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("afterGood");
    const QByteArray good = fixtureGraph().json();
    auto replaced = [&](const char *from, const char *to) {
        QByteArray b = good;
        return b.replace(from, to);
    };
    QTest::newRow("not JSON") << u"graph.json"_s << QByteArray("[{\"type\":") << u"invalid JSON"_s
                              << true;
    QTest::newRow("other JSON") << u"graph.json"_s << QByteArray("{\"nodes\":[]}") << u"envelope"_s
                                << true;
    QTest::newRow("other type") << u"graph.json"_s
                                << replaced("sourcecred/weightedGraph", "sourcecred/ledger")
                                << u"unknown type"_s << true;
    QTest::newRow("index out of range")
        << u"graph.json"_s << replaced("\"index\":0,", "\"index\":99999,") << u"out of range"_s
        << true;
    QTest::newRow("address not strings")
        << u"graph.json"_s
        << replaced("[\"sourcecred\",\"discord\",\"MEMBER\",\"user\",",
                    "[\"sourcecred\",\"discord\",\"MEMBER\",\"user\",7,")
        << u"not an array of strings"_s << true;
    QTest::newRow("bad id") << u"graph.json"_s
                            << replaced(qPrintable(u"\"MESSAGE\",\"%1\""_s.arg(general)),
                                        "\"MESSAGE\",\"general\"")
                            << u"malformed address"_s << true;
    QTest::newRow("truncated gzip")
        << u"graph.json.gz"_s << emulator::gzipCompress(good, 6).left(200)
        << u"gzip data is truncated"_s << true;
    QTest::newRow("damaged gzip") << u"graph.json.gz"_s
                                  << QByteArray("\x1f\x8b\x08\x00garbage-garbage-garbage", 27)
                                  << u"gzip data is damaged"_s << true;
    QTest::newRow("no guild anywhere")
        << u"graph.json"_s << replaced("discordapp.com/channels/", "example.invalid/c/")
        << u"do not say which guild"_s << false;
    QTest::newRow("not a mirror") << u"discordMirror-1.db"_s
                                  << QByteArray("SQLite format 3\0garbage", 23)
                                  << u"not a SourceCred Discord mirror"_s << true;
}

void TestImportSourceCred::refusesMalformed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QFETCH(bool, afterGood);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir, u"g.db"_s);
    QVERIFY(db);
    // A good import first: a refused one must leave it exactly as it was.
    const QString good = write(dir.filePath(u"good.json"_s), fixtureGraph().json());
    QVERIFY(imports::importSourceCred(*db, {good}, 1700000000000).ok());
    const QByteArray before = store::canonicalDump(*db, guild.toULongLong()).value();
    const QByteArray checkpoints =
        db->scalar(u"SELECT state FROM sync_checkpoints"_s).value().toByteArray();

    const QString bad = write(dir.filePath(name), bytes);
    // The bad file comes after a good one: what the good one held is not written either.
    auto r = imports::importSourceCred(*db, afterGood ? QStringList{good, bad} : QStringList{bad},
                                       1700000009000);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text().contains(expected), qPrintable(r.error().text()));
    QVERIFY2(r.error().text().contains(name), qPrintable(r.error().text()));
    QCOMPARE(store::canonicalDump(*db, guild.toULongLong()).value(), before);
    QCOMPARE(db->scalar(u"SELECT state FROM sync_checkpoints"_s).value().toByteArray(),
             checkpoints);
}

void TestImportSourceCred::gunzipLimits()
{
    const QByteArray big(1 << 20, 'x');
    const QByteArray packed = emulator::gzipCompress(big, 9);
    QCOMPARE(imports::gunzip(packed, 1 << 20).value(), big);
    auto bomb = imports::gunzip(packed, 1000);
    QVERIFY(!bomb.ok());
    QVERIFY(bomb.error().text().contains(u"more than 1000 bytes"_s));

    // Two guilds in one run are refused, naming both.
    QTemporaryDir dir;
    const QString mirror = dir.filePath(u"discordMirror-other.db"_s);
    QVERIFY(writeMirror(mirror, MirrorSchema::Later, u"910000000000000999"_s));
    const QString graph = write(dir.filePath(u"graph.json"_s), fixtureGraph().json());
    auto db = openStore(dir, u"g.db"_s);
    QVERIFY(db);
    auto r = imports::importSourceCred(*db, {graph, mirror}, 1);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text().contains(u"910000000000000999"_s) && r.error().text().contains(guild),
             qPrintable(r.error().text()));
    QCOMPARE(db->scalar(u"SELECT COUNT(*) FROM guilds"_s).value().toInt(), 0);
    // --guild decides when the files do not say.
    QByteArray anonymous = fixtureGraph().json();
    anonymous.replace("discordapp.com/channels/", "example.invalid/c/");
    const QString unnamed = write(dir.filePath(u"anon.json"_s), anonymous);
    auto chosen = imports::importSourceCred(*db, {unnamed}, 1, guild.toULongLong());
    QVERIFY2(chosen.ok(), qPrintable(chosen.ok() ? QString() : chosen.error().text()));
    QCOMPARE(matrixOf(*db), graphMatrix());
}

QTEST_GUILESS_MAIN(TestImportSourceCred)
#include "tst_import_sourcecred.moc"
