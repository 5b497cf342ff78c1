// The demo-guild generator as a whole: determinism, the snapshot's structure, the planted
// behaviour against its ground truth, gzip output, option errors and cancellation.

#include "demoguild/DemoGuild.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>
#include <zlib.h>

using namespace Qt::StringLiterals;
using gavel::demoguild::Options;

namespace {

constexpr qint64 discordEpochMs = Q_INT64_C(1420070400000);
constexpr quint64 viewChannel = 1ULL << 10;
constexpr quint64 readMessageHistory = 1ULL << 16;
constexpr quint64 manageRoles = 1ULL << 28;

qint64 idTime(const QString &id)
{
    return static_cast<qint64>(id.toULongLong() >> 22) + discordEpochMs;
}

qint64 parseTime(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

bool isSnowflake(const QString &id)
{
    if (id.size() < 17 || id.size() > 19)
        return false;
    for (QChar c : id) {
        if (!c.isDigit() || c.unicode() > 127)
            return false;
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray gunzip(const QByteArray &compressed)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buffer[1 << 16];
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    z.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, static_cast<qsizetype>(sizeof buffer - z.avail_out));
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : QByteArray();
}

//! A generated snapshot with the indexes the checks need.
struct Guild
{
    QJsonObject root;
    QJsonObject truth;
    QHash<QString, QJsonObject> messages; // id -> message
    QHash<QString, QString> channelOf;    // message id -> channel id
    QHash<QString, QString> authorOf;     // message id -> author id
    QHash<QString, QJsonObject> channels; // id -> channel
    QHash<QString, QJsonObject> members;  // user id -> member
    QHash<QString, QJsonObject> users;    // user id -> user (members and left)
    QHash<QString, QJsonObject> rolesById;
    QHash<QString, QString> roleIdByName;
    struct Edge
    {
        QString channel, message, emoji, user;
        bool burst;
    };
    QList<Edge> edges;

    bool load(const QByteArray &snapshot, const QByteArray &truthJson)
    {
        QJsonParseError error{};
        root = QJsonDocument::fromJson(snapshot, &error).object();
        if (error.error != QJsonParseError::NoError)
            return false;
        truth = QJsonDocument::fromJson(truthJson, &error).object();
        if (error.error != QJsonParseError::NoError)
            return false;
        const QJsonObject messageMap = root.value(u"messages").toObject();
        for (auto it = messageMap.begin(); it != messageMap.end(); ++it) {
            for (const QJsonValue &v : it.value().toArray()) {
                const QJsonObject m = v.toObject();
                const QString id = m.value(u"id").toString();
                messages.insert(id, m);
                channelOf.insert(id, it.key());
                authorOf.insert(id, m.value(u"author").toObject().value(u"id").toString());
            }
        }
        for (const QJsonValue &v : root.value(u"channels").toArray())
            channels.insert(v.toObject().value(u"id").toString(), v.toObject());
        for (const QJsonValue &v : root.value(u"members").toArray()) {
            const QJsonObject user = v.toObject().value(u"user").toObject();
            members.insert(user.value(u"id").toString(), v.toObject());
            users.insert(user.value(u"id").toString(), user);
        }
        const QJsonObject left = root.value(u"users").toObject();
        for (auto it = left.begin(); it != left.end(); ++it)
            users.insert(it.key(), it.value().toObject());
        for (const QJsonValue &v : root.value(u"roles").toArray()) {
            const QJsonObject role = v.toObject();
            rolesById.insert(role.value(u"id").toString(), role);
            roleIdByName.insert(role.value(u"name").toString(), role.value(u"id").toString());
        }
        for (const bool burst : {false, true}) {
            const QJsonObject map =
                root.value(burst ? u"burst_reactions"_s : u"reactions"_s).toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                const QStringList parts = it.key().split(u'/');
                if (parts.size() != 3)
                    return false;
                for (const QJsonValue &u : it.value().toArray())
                    edges.append({parts[0], parts[1], parts[2], u.toString(), burst});
            }
        }
        return true;
    }

    QString emojiKey(const QJsonObject &emoji) const
    {
        return emoji.value(u"id").isNull()
                   ? emoji.value(u"name").toString()
                   : emoji.value(u"name").toString() + u':' + emoji.value(u"id").toString();
    }

    bool hasRole(const QString &user, const QString &roleName) const
    {
        const QString role = roleIdByName.value(roleName);
        return members.value(user).value(u"roles").toArray().contains(QJsonValue(role));
    }

    QStringList ids(const QJsonArray &array) const
    {
        QStringList out;
        for (const QJsonValue &v : array)
            out << v.toString();
        return out;
    }
};

Options small(quint64 seed, int members, int messages)
{
    Options o;
    o.seed = seed;
    o.members = members;
    o.messages = messages;
    return o;
}

} // namespace

Q_DECLARE_METATYPE(gavel::demoguild::Options)

class TestDemoGuild : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void determinism();
    void differentSeedsDiffer();
    void structure_data();
    void structure();
    void plantedBehaviour_data();
    void plantedBehaviour();
    void defaultDemoStory();
    void gzipOutput();
    void invalidOptions_data();
    void invalidOptions();
    void cancellation();
    void unwritablePath();

private:
    bool generate(const Options &options, const QString &path, Guild &guild);
    void checkStructure(const Guild &g, const Options &options);
    void checkPlanted(const Guild &g);

    QTemporaryDir m_dir;
};

void TestDemoGuild::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

bool TestDemoGuild::generate(const Options &options, const QString &path, Guild &guild)
{
    const auto result = gavel::demoguild::generate(options, path);
    if (!result) {
        qWarning("generate failed: %s", qPrintable(result.error().text()));
        return false;
    }
    QByteArray snapshot = readFile(path);
    if (path.endsWith(u".gz"))
        snapshot = gunzip(snapshot);
    return guild.load(snapshot, readFile(result->truthPath));
}

void TestDemoGuild::determinism()
{
    const Options options = small(42, 300, 3000);
    const QString a = m_dir.filePath(u"det-a.json"_s);
    const QString b = m_dir.filePath(u"det-b.json"_s);
    QVERIFY(gavel::demoguild::generate(options, a).ok());
    QVERIFY(gavel::demoguild::generate(options, b).ok());
    const QByteArray snapshotA = readFile(a);
    QVERIFY(snapshotA.size() > 100000);
    QCOMPARE(QCryptographicHash::hash(snapshotA, QCryptographicHash::Sha256),
             QCryptographicHash::hash(readFile(b), QCryptographicHash::Sha256));
    QCOMPARE(readFile(a + u".truth.json"_s), readFile(b + u".truth.json"_s));
}

void TestDemoGuild::differentSeedsDiffer()
{
    const QString a = m_dir.filePath(u"seed-1.json"_s);
    const QString b = m_dir.filePath(u"seed-2.json"_s);
    QVERIFY(gavel::demoguild::generate(small(1, 300, 3000), a).ok());
    QVERIFY(gavel::demoguild::generate(small(2, 300, 3000), b).ok());
    QVERIFY(readFile(a) != readFile(b));
    QVERIFY(readFile(a + u".truth.json"_s) != readFile(b + u".truth.json"_s));
}

void TestDemoGuild::structure_data()
{
    QTest::addColumn<Options>("options");
    QTest::newRow("300 members") << small(1, 300, 3000);
    QTest::newRow("smallest") << small(7, 100, 1000);
    Options many = small(3, 400, 4000);
    many.rings = 4;
    many.alts = 2;
    many.friendGroups = 2;
    many.stealthyRingFraction = 0.75;
    QTest::newRow("more planted groups") << many;
    QTest::newRow("1000 members") << small(11, 1000, 12000);
}

void TestDemoGuild::structure()
{
    QFETCH(Options, options);
    Guild g;
    QVERIFY(generate(options,
                     m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".json"_s), g));
    checkStructure(g, options);
}

void TestDemoGuild::checkStructure(const Guild &g, const Options &options)
{
    const QJsonObject &root = g.root;
    const QJsonObject guild = root.value(u"guild").toObject();
    const QString guildId = guild.value(u"id").toString();
    QCOMPARE(root.value(u"format").toString(), u"guild-snapshot/1"_s);
    QVERIFY(isSnowflake(guildId));
    QVERIFY(guild.value(u"roles").toArray() == root.value(u"roles").toArray());

    // Ids: 17-19 digits, unique across kinds; a thread shares its id only with its starter.
    QSet<QString> seen;
    const auto unique = [&](const QString &id) {
        if (!isSnowflake(id) || seen.contains(id))
            return false;
        seen.insert(id);
        return true;
    };
    QVERIFY(unique(guildId));
    for (const QJsonObject &role : g.rolesById) {
        const QString id = role.value(u"id").toString();
        if (id != guildId)
            QVERIFY2(unique(id), qPrintable(id));
    }
    QStringList customEmoji;
    for (const QJsonValue &v : guild.value(u"emojis").toArray()) {
        QVERIFY(unique(v.toObject().value(u"id").toString()));
        customEmoji << v.toObject().value(u"name").toString() + u':' +
                           v.toObject().value(u"id").toString();
    }
    QVERIFY(customEmoji.contains(g.truth.value(u"reputation_emoji").toString()));
    QVERIFY(std::any_of(customEmoji.begin(), customEmoji.end(),
                        [](const QString &k) { return k.startsWith(u"sourcecred:"); }));
    for (const QString &id : g.users.keys())
        QVERIFY2(unique(id), qPrintable(id));
    for (const QString &id : g.messages.keys())
        QVERIFY2(unique(id), qPrintable(id));
    for (const QJsonObject &c : g.channels) {
        const QString id = c.value(u"id").toString();
        const int type = c.value(u"type").toInt();
        if (type == 11 || type == 12) {
            QVERIFY(isSnowflake(id));
            if (seen.contains(id))
                QVERIFY2(g.messages.contains(id), "a thread id may only equal its starter's id");
            else
                seen.insert(id);
        } else {
            QVERIFY2(unique(id), qPrintable(id));
        }
    }

    // Users and members.
    const QJsonObject left = root.value(u"users").toObject();
    for (auto it = left.begin(); it != left.end(); ++it) {
        QCOMPARE(it.value().toObject().value(u"id").toString(), it.key());
        QVERIFY(!g.members.contains(it.key()));
    }
    int bots = 0;
    for (auto it = g.members.begin(); it != g.members.end(); ++it) {
        const QJsonObject &member = it.value();
        const qint64 joined = parseTime(member.value(u"joined_at").toString());
        QVERIFY2(joined > idTime(it.key()), "an account joins after it was created");
        for (const QJsonValue &role : member.value(u"roles").toArray())
            QVERIFY(g.rolesById.contains(role.toString()));
        bots += member.value(u"user").toObject().value(u"bot").toBool() ? 1 : 0;
    }
    QCOMPARE(int(g.members.size()), options.members);
    QVERIFY(bots >= 2);

    // Roles: distinct positions, the Gavel bot's role between the reputation and staff roles.
    QSet<int> positions;
    for (const QJsonObject &role : g.rolesById)
        positions.insert(role.value(u"position").toInt());
    QCOMPARE(positions.size(), g.rolesById.size());
    QCOMPARE(g.rolesById.value(guildId).value(u"position").toInt(), 0);
    const QString gavelBot = g.truth.value(u"gavel_bot_id").toString();
    const QJsonObject botMember = g.members.value(gavelBot);
    QVERIFY(botMember.value(u"user").toObject().value(u"bot").toBool());
    int botTop = -1;
    QString botRole;
    for (const QJsonValue &r : botMember.value(u"roles").toArray()) {
        const QJsonObject role = g.rolesById.value(r.toString());
        if (role.value(u"position").toInt() > botTop) {
            botTop = role.value(u"position").toInt();
            botRole = r.toString();
        }
    }
    const QJsonObject gavelRole = g.rolesById.value(botRole);
    QCOMPARE(gavelRole.value(u"name").toString(), u"Gavel"_s);
    QVERIFY(gavelRole.value(u"permissions").toString().toULongLong() & manageRoles);
    QCOMPARE(gavelRole.value(u"tags").toObject().value(u"bot_id").toString(), gavelBot);
    const auto position = [&](const QString &name) {
        return g.rolesById.value(g.roleIdByName.value(name)).value(u"position").toInt();
    };
    for (const QString &below : {u"Kohai"_s, u"Senpai"_s, u"Sensei"_s, u"Deactivated"_s})
        QVERIFY2(position(below) < botTop, qPrintable(below));
    for (const QString &above : {u"Admin"_s, u"Moderator"_s, u"Felt"_s})
        QVERIFY2(position(above) > botTop, qPrintable(above));

    // Channels, threads and forum posts.
    const auto messagesIn = [&](const QString &channel) {
        return root.value(u"messages").toObject().value(channel).toArray();
    };
    int forumPosts = 0;
    int archived = 0;
    int privateThreads = 0;
    for (const QJsonObject &c : g.channels) {
        const QString id = c.value(u"id").toString();
        const int type = c.value(u"type").toInt();
        QCOMPARE(c.value(u"guild_id").toString(), guildId);
        const QString parentId = c.value(u"parent_id").toString();
        const QJsonArray msgs = messagesIn(id);
        if (type == 11 || type == 12) {
            const QJsonObject parent = g.channels.value(parentId);
            QVERIFY2(!parent.isEmpty(), "threads have a parent");
            const int parentType = parent.value(u"type").toInt();
            QVERIFY(parentType == 0 || parentType == 5 || parentType == 15);
            const QJsonObject meta = c.value(u"thread_metadata").toObject();
            QVERIFY(g.users.contains(c.value(u"owner_id").toString()));
            QVERIFY(parseTime(meta.value(u"create_timestamp").toString()) >= idTime(id));
            archived += meta.value(u"archived").toBool() ? 1 : 0;
            privateThreads += type == 12 ? 1 : 0;
            if (parentType == 15) {
                ++forumPosts;
                QVERIFY2(g.messages.contains(id) && g.channelOf.value(id) == id,
                         "a forum post's first message has the thread's id");
                QCOMPARE(g.authorOf.value(id), c.value(u"owner_id").toString());
                QCOMPARE(c.value(u"message_count").toInt(), int(msgs.size()) - 1);
            } else if (type == 11) {
                QVERIFY2(g.channelOf.value(id) == parentId,
                         "a thread started from a message has that message's id");
                const QJsonObject starter = g.messages.value(id);
                QVERIFY(starter.value(u"flags").toInt() & 32);
                QCOMPARE(starter.value(u"thread").toObject().value(u"id").toString(), id);
                QCOMPARE(c.value(u"message_count").toInt(), int(msgs.size()));
            }
        } else if (!parentId.isEmpty()) {
            QCOMPARE(g.channels.value(parentId).value(u"type").toInt(), 4);
        }
        if (type == 0 || type == 5 || type == 11 || type == 12) {
            QString last;
            for (const QJsonValue &m : msgs) {
                const QString mid = m.toObject().value(u"id").toString();
                if (last.isEmpty() || mid.toULongLong() > last.toULongLong())
                    last = mid;
            }
            QCOMPARE(c.value(u"last_message_id").toString(), last);
        }
    }
    QVERIFY(forumPosts > 0);
    QVERIFY(archived > 0);
    QCOMPARE(privateThreads, 1);

    // Special channels from the truth file.
    const QJsonObject special = g.truth.value(u"special").toObject();
    QCOMPARE(int(messagesIn(special.value(u"exactly_100_channel").toString()).size()), 100);
    QVERIFY(special.value(u"empty_channels").toArray().size() >= 2);
    for (const QJsonValue &v : special.value(u"empty_channels").toArray())
        QVERIFY(messagesIn(v.toString()).isEmpty());
    const QJsonArray unreadable = special.value(u"unreadable_channels").toArray();
    QCOMPARE(int(unreadable.size()), 2);
    const QString gavelRoleId = g.roleIdByName.value(u"Gavel"_s);
    int hidden = 0;
    int noHistory = 0;
    for (const QJsonValue &v : unreadable) {
        const QJsonObject channel = g.channels.value(v.toObject().value(u"channel_id").toString());
        QVERIFY(!messagesIn(channel.value(u"id").toString()).isEmpty());
        bool everyoneDenied = false;
        quint64 gavelAllow = 0, gavelDeny = 0;
        for (const QJsonValue &o : channel.value(u"permission_overwrites").toArray()) {
            const QJsonObject overwrite = o.toObject();
            const quint64 allow = overwrite.value(u"allow").toString().toULongLong();
            const quint64 deny = overwrite.value(u"deny").toString().toULongLong();
            if (overwrite.value(u"id").toString() == guildId)
                everyoneDenied = deny & viewChannel;
            if (overwrite.value(u"id").toString() == gavelRoleId) {
                gavelAllow = allow;
                gavelDeny = deny;
            }
        }
        QVERIFY(everyoneDenied);
        if (!(gavelAllow & viewChannel))
            ++hidden;
        else if (gavelDeny & readMessageHistory)
            ++noHistory;
    }
    QCOMPARE(hidden, 1);
    QCOMPARE(noHistory, 1);

    // Messages: times match ids, replies point back, mentions are written in the text.
    int replies = 0, mentionsInText = 0, edited = 0, thanks = 0;
    for (auto it = g.messages.begin(); it != g.messages.end(); ++it) {
        const QJsonObject &m = it.value();
        const QString id = it.key();
        QCOMPARE(m.value(u"channel_id").toString(), g.channelOf.value(id));
        QCOMPARE(parseTime(m.value(u"timestamp").toString()), idTime(id));
        QVERIFY2(g.users.contains(g.authorOf.value(id)), "authors are members or left users");
        if (g.members.contains(g.authorOf.value(id))) {
            const qint64 joined =
                parseTime(g.members.value(g.authorOf.value(id)).value(u"joined_at").toString());
            QVERIFY2(joined <= idTime(id), "members post only after joining");
        }
        if (!m.value(u"edited_timestamp").isNull()) {
            ++edited;
            QVERIFY(parseTime(m.value(u"edited_timestamp").toString()) > idTime(id));
        }
        const QString content = m.value(u"content").toString();
        QString replyAuthor;
        if (m.contains(u"message_reference")) {
            ++replies;
            QCOMPARE(m.value(u"type").toInt(), 19);
            const QJsonObject ref = m.value(u"message_reference").toObject();
            const QString target = ref.value(u"message_id").toString();
            QVERIFY2(g.messages.contains(target), "replies reference existing messages");
            QCOMPARE(g.channelOf.value(target), ref.value(u"channel_id").toString());
            QVERIFY(target.toULongLong() < id.toULongLong());
            QCOMPARE(m.value(u"referenced_message").toObject().value(u"id").toString(), target);
            replyAuthor = g.authorOf.value(target);
        } else {
            QCOMPARE(m.value(u"type").toInt(), 0);
        }
        for (const QJsonValue &u : m.value(u"mentions").toArray()) {
            const QString user = u.toObject().value(u"id").toString();
            QVERIFY(g.users.contains(user));
            const bool inText = content.contains(u"<@"_s + user + u'>');
            QVERIFY2(inText || user == replyAuthor, "a mention is in the text or is a reply ping");
            mentionsInText += inText ? 1 : 0;
        }
        const QString lower = content.toLower();
        if (lower.contains(u"thank") || lower.startsWith(u"ty") || lower.contains(u"thx"))
            ++thanks;
    }
    QVERIFY(replies > 0 && mentionsInText > 0 && edited > 0 && thanks > 0);

    // Reactions: every key names a message in that channel; summaries agree with the lists.
    QHash<QString, QHash<QString, QPair<int, int>>> counted; // message -> emoji -> normal, burst
    QSet<QString> edgeKeys;
    const QStringList botList = g.ids(g.truth.value(u"bot_ids").toArray());
    QVERIFY(botList.contains(gavelBot));
    for (const Guild::Edge &e : g.edges) {
        QVERIFY2(!botList.contains(e.user), "bots never react");
        QVERIFY2(g.channelOf.value(e.message) == e.channel, "reaction key's message exists");
        QVERIFY(g.users.contains(e.user));
        const QString key = e.message + u'/' + e.emoji + u'/' + e.user;
        QVERIFY2(!edgeKeys.contains(key), "a user reacts once per emoji (normal or super)");
        edgeKeys.insert(key);
        auto &pair = counted[e.message][e.emoji];
        (e.burst ? pair.second : pair.first) += 1;
    }
    int reacted = 0;
    for (auto it = g.messages.begin(); it != g.messages.end(); ++it) {
        const QJsonArray summary = it.value().value(u"reactions").toArray();
        reacted += summary.isEmpty() ? 0 : 1;
        QHash<QString, QPair<int, int>> fromSummary;
        for (const QJsonValue &v : summary) {
            const QJsonObject r = v.toObject();
            const QJsonObject details = r.value(u"count_details").toObject();
            const int normal = details.value(u"normal").toInt();
            const int burst = details.value(u"burst").toInt();
            QCOMPARE(r.value(u"count").toInt(), normal + burst);
            QCOMPARE(r.value(u"burst_colors").toArray().isEmpty(), burst == 0);
            QVERIFY(!r.value(u"me").toBool());
            fromSummary.insert(g.emojiKey(r.value(u"emoji").toObject()), {normal, burst});
        }
        QVERIFY2(fromSummary == counted.value(it.key()), "summary agrees with the lists");
    }
    QVERIFY(reacted > 0);

    // Self-reactions are only the planted ones.
    QSet<QString> planted;
    for (const QJsonValue &v : special.value(u"self_reactions").toArray()) {
        const QJsonObject s = v.toObject();
        planted.insert(s.value(u"message_id").toString() + u'/' + s.value(u"emoji").toString());
        QCOMPARE(g.authorOf.value(s.value(u"message_id").toString()),
                 s.value(u"user_id").toString());
    }
    QVERIFY(!planted.isEmpty());
    int selfReactions = 0;
    for (const Guild::Edge &e : g.edges) {
        if (e.user == g.authorOf.value(e.message)) {
            ++selfReactions;
            QVERIFY2(planted.contains(e.message + u'/' + e.emoji), "only planted self-reactions");
        }
    }
    QCOMPARE(selfReactions, int(planted.size()));

    // The truth's totals agree with the snapshot, per channel and overall.
    const QJsonObject totals = g.truth.value(u"totals").toObject();
    QCOMPARE(totals.value(u"messages").toInt(), options.messages);
    QCOMPARE(int(g.messages.size()), options.messages);
    QHash<QString, int> normalPer, burstPer;
    for (const Guild::Edge &e : g.edges)
        (e.burst ? burstPer : normalPer)[e.channel] += 1;
    const QJsonObject perChannel = totals.value(u"per_channel").toObject();
    int sumMessages = 0;
    for (auto it = perChannel.begin(); it != perChannel.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        QCOMPARE(t.value(u"messages").toInt(), int(messagesIn(it.key()).size()));
        QCOMPARE(t.value(u"reaction_users").toInt(), normalPer.value(it.key()));
        QCOMPARE(t.value(u"burst_reaction_users").toInt(), burstPer.value(it.key()));
        sumMessages += t.value(u"messages").toInt();
    }
    QCOMPARE(sumMessages, options.messages);
    QCOMPARE(totals.value(u"reacted_messages").toInt(), reacted);
}

void TestDemoGuild::plantedBehaviour_data()
{
    structure_data();
}

void TestDemoGuild::plantedBehaviour()
{
    QFETCH(Options, options);
    Guild g;
    QVERIFY(generate(
        options,
        m_dir.filePath(u"planted-"_s + QString::fromLatin1(QTest::currentDataTag()) + u".json"_s),
        g));
    checkPlanted(g);
}

void TestDemoGuild::checkPlanted(const Guild &g)
{
    const QString dojo = g.truth.value(u"reputation_emoji").toString();
    const Options resolved = [&] {
        Options o;
        const QJsonObject opts = g.truth.value(u"options").toObject();
        o.rings = opts.value(u"rings").toInt();
        o.alts = opts.value(u"alts").toInt();
        o.friendGroups = opts.value(u"friend_groups").toInt();
        return o;
    }();
    QCOMPARE(int(g.truth.value(u"rings").toArray().size()), resolved.rings);
    QCOMPARE(int(g.truth.value(u"alt_families").toArray().size()), resolved.alts);
    QCOMPARE(int(g.truth.value(u"friend_groups").toArray().size()), resolved.friendGroups);

    // Rings: their :dojo: goes to each other; stealthy rings also react to outsiders, but
    // what they give each other is far beyond what anyone outside gives them.
    for (const QJsonValue &v : g.truth.value(u"rings").toArray()) {
        const QJsonObject ring = v.toObject();
        const QStringList list = g.ids(ring.value(u"members").toArray());
        const QSet<QString> members(list.begin(), list.end());
        QVERIFY(members.size() >= 3 && members.size() <= 8);
        int dojoIn = 0, dojoOut = 0, givenIn = 0, givenOut = 0, receivedIn = 0, receivedOut = 0;
        QHash<QString, int> outsiderPairs;
        for (const Guild::Edge &e : g.edges) {
            const QString author = g.authorOf.value(e.message);
            if (author == e.user)
                continue;
            const bool fromMember = members.contains(e.user);
            const bool toMember = members.contains(author);
            if (fromMember) {
                (toMember ? givenIn : givenOut) += 1;
                if (e.emoji == dojo)
                    (toMember ? dojoIn : dojoOut) += 1;
            }
            if (toMember) {
                (fromMember ? receivedIn : receivedOut) += 1;
                if (!fromMember)
                    outsiderPairs[e.user + u'>' + author] += 1;
            }
        }
        const QByteArray id = ring.value(u"id").toString().toUtf8();
        const char *what = id.constData();
        QVERIFY2(dojoIn > 0, what);
        const double pairs = members.size() * (members.size() - 1.0);
        double outsiderMean = 0;
        for (int c : outsiderPairs)
            outsiderMean += c;
        outsiderMean = outsiderPairs.isEmpty() ? 0 : outsiderMean / outsiderPairs.size();
        QVERIFY2(receivedIn / pairs > 3 * outsiderMean, what);
        if (ring.value(u"stealthy").toBool()) {
            QVERIFY2(givenOut >= 0.2 * (givenIn + givenOut), what);
        } else {
            QVERIFY2(dojoIn >= 0.8 * (dojoIn + dojoOut), what);
            QVERIFY2(receivedIn >= 0.6 * (receivedIn + receivedOut), what);
        }
    }

    // Alt families: young accounts that joined together and react mostly to their master.
    for (const QJsonValue &v : g.truth.value(u"alt_families").toArray()) {
        const QJsonObject family = v.toObject();
        const QString master = family.value(u"master").toString();
        const QStringList alts = g.ids(family.value(u"alts").toArray());
        QVERIFY(alts.size() >= 2 && alts.size() <= 5);
        qint64 firstJoin = std::numeric_limits<qint64>::max(), lastJoin = 0;
        for (const QString &alt : alts) {
            const qint64 joined = parseTime(g.members.value(alt).value(u"joined_at").toString());
            QVERIFY2(joined - idTime(alt) <= 7 * 86400000LL, "alts are young at joining");
            QVERIFY2(parseTime(g.members.value(master).value(u"joined_at").toString()) < joined,
                     "the master was there first");
            firstJoin = std::min(firstJoin, joined);
            lastJoin = std::max(lastJoin, joined);
            int total = 0, toMaster = 0, posts = 0;
            for (const Guild::Edge &e : g.edges) {
                if (e.user != alt)
                    continue;
                ++total;
                toMaster += g.authorOf.value(e.message) == master ? 1 : 0;
            }
            for (const QString &author : g.authorOf)
                posts += author == alt ? 1 : 0;
            QVERIFY2(total > 0 && toMaster >= 0.7 * total, qPrintable(alt));
            QVERIFY2(posts <= 5, "alts rarely post");
        }
        QVERIFY2(lastJoin - firstJoin <= 3 * 86400000LL, "alts join within days of each other");
    }

    // Friend groups: they react to each other, yet most of what they get comes from outside.
    for (const QJsonValue &v : g.truth.value(u"friend_groups").toArray()) {
        const QJsonObject group = v.toObject();
        const QStringList list = g.ids(group.value(u"members").toArray());
        const QSet<QString> members(list.begin(), list.end());
        QVERIFY(members.size() >= 4 && members.size() <= 6);
        int receivedIn = 0, receivedOut = 0, givenOut = 0;
        QSet<QString> outsidersHelped;
        for (const Guild::Edge &e : g.edges) {
            const QString author = g.authorOf.value(e.message);
            if (author == e.user)
                continue;
            if (members.contains(author))
                (members.contains(e.user) ? receivedIn : receivedOut) += 1;
            if (members.contains(e.user) && !members.contains(author)) {
                outsidersHelped.insert(author);
                ++givenOut;
            }
        }
        QVERIFY2(receivedIn > 0, "friends react to each other");
        QVERIFY2(receivedOut >= 0.6 * (receivedIn + receivedOut),
                 qPrintable(u"%1 in, %2 out"_s.arg(receivedIn).arg(receivedOut)));
        // They react to others as much as to each other (receivedIn is what they gave inside).
        QVERIFY2(
            givenOut >= 0.25 * (givenOut + receivedIn) && outsidersHelped.size() >= 5,
            qPrintable(u"%1 given out to %2 people"_s.arg(givenOut).arg(outsidersHelped.size())));
        if (group.value(u"core_team").toBool()) {
            for (const QString &m : list) {
                QVERIFY(g.hasRole(m, u"Felt"_s));
                QVERIFY(g.hasRole(m, u"Sensei"_s));
            }
        }
    }

    // The decaying Sensei (R2): holds Sensei, yet fewer than 30 :dojo: from reactors who were
    // Sensei at the time in the last 360 days, after at least 30 such reactions earlier.
    // Who was Sensei when comes from the truth's role events (Felt holders always are).
    const QJsonObject special = g.truth.value(u"special").toObject();
    const QString decaying = special.value(u"decaying_sensei").toString();
    QVERIFY(!decaying.isEmpty());
    QVERIFY(g.hasRole(decaying, u"Sensei"_s));
    QVERIFY(!g.hasRole(decaying, u"Felt"_s));
    QVERIFY(g.ids(special.value(u"decay_candidates").toArray()).contains(decaying));
    const qint64 end = parseTime(g.truth.value(u"history").toObject().value(u"end").toString());
    const QStringList feltList = g.ids(g.truth.value(u"core_team_ids").toArray());
    const QSet<QString> felt(feltList.begin(), feltList.end());
    QHash<QString, qint64> senseiSince, deactivatedAt;
    for (const QJsonValue &v : g.truth.value(u"role_events").toArray()) {
        if (v.toObject().value(u"role").toString() == u"Sensei")
            senseiSince.insert(v.toObject().value(u"user_id").toString(),
                               parseTime(v.toObject().value(u"at").toString()));
    }
    for (const QJsonValue &v : g.truth.value(u"deactivated").toArray())
        deactivatedAt.insert(v.toObject().value(u"user_id").toString(),
                             parseTime(v.toObject().value(u"at").toString()));
    const auto senseiAt = [&](const QString &user, qint64 t) {
        if (felt.contains(user))
            return true;
        return senseiSince.contains(user) && senseiSince.value(user) <= t &&
               !(deactivatedAt.contains(user) && t >= deactivatedAt.value(user));
    };
    int recent = 0, earlier = 0;
    for (const Guild::Edge &e : g.edges) {
        if (e.emoji != dojo || g.authorOf.value(e.message) != decaying || e.user == decaying ||
            !senseiAt(e.user, idTime(e.message)))
            continue;
        (idTime(e.message) >= end - 360 * 86400000LL ? recent : earlier) += 1;
    }
    QVERIFY2(recent < 30, qPrintable(QString::number(recent)));
    QVERIFY2(earlier >= 30, qPrintable(QString::number(earlier)));

    // Role holders in the truth file are the members' roles; deactivated members lost theirs.
    const QJsonObject holders = g.truth.value(u"role_holders").toObject();
    for (auto it = holders.begin(); it != holders.end(); ++it) {
        int count = 0;
        for (auto m = g.members.begin(); m != g.members.end(); ++m)
            count += g.hasRole(m.key(), it.key()) ? 1 : 0;
        QCOMPARE(int(it.value().toArray().size()), count);
        for (const QJsonValue &id : it.value().toArray())
            QVERIFY(g.hasRole(id.toString(), it.key()));
    }
    for (const QJsonValue &v : g.truth.value(u"deactivated").toArray()) {
        const QString id = v.toObject().value(u"user_id").toString();
        QVERIFY(g.hasRole(id, u"Deactivated"_s));
        QVERIFY(!g.hasRole(id, u"Senpai"_s) && !g.hasRole(id, u"Sensei"_s));
    }

    // Members who left: not members any more, but their messages and reactions remain.
    const QStringList left = g.ids(g.truth.value(u"left_member_ids").toArray());
    QCOMPARE(left.size(), g.root.value(u"users").toObject().size());
    int leftPosts = 0, leftReactions = 0;
    const QSet<QString> leftSet(left.begin(), left.end());
    for (const QString &author : g.authorOf)
        leftPosts += leftSet.contains(author) ? 1 : 0;
    for (const Guild::Edge &e : g.edges)
        leftReactions += leftSet.contains(e.user) ? 1 : 0;
    QVERIFY(leftPosts > 0);
    QVERIFY(leftReactions > 0);

    // Self-thanks point at the author themselves.
    for (const QJsonValue &v : special.value(u"self_thanks").toArray()) {
        const QJsonObject s = v.toObject();
        const QJsonObject m = g.messages.value(s.value(u"message_id").toString());
        const QString author = s.value(u"user_id").toString();
        const QString target =
            m.value(u"message_reference").toObject().value(u"message_id").toString();
        QVERIFY(m.value(u"content").toString().contains(u"<@"_s + author + u'>') ||
                g.authorOf.value(target) == author);
    }
}

void TestDemoGuild::defaultDemoStory()
{
    // The README demo: the story docs/demo-guild.md tells must be in the data.
    const QString path = m_dir.filePath(u"demo.json"_s);
    const auto result = gavel::demoguild::generate(gavel::demoguild::defaultDemoOptions(), path);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().text()));
    QCOMPARE(result->members, 2000);
    QCOMPARE(result->messages, 100000);
    const QJsonObject truth = QJsonDocument::fromJson(readFile(result->truthPath)).object();
    QCOMPARE(truth.value(u"seed").toString(), u"1"_s);

    const QJsonArray rings = truth.value(u"rings").toArray();
    QCOMPARE(int(rings.size()), 2);
    const QJsonObject blatant = rings[0].toObject();
    QVERIFY(!blatant.value(u"stealthy").toBool());
    QCOMPARE(int(blatant.value(u"members").toArray().size()), 5);
    QCOMPARE(int(blatant.value(u"members_with_senpai_or_sensei").toArray().size()), 5);
    QVERIFY(rings[1].toObject().value(u"stealthy").toBool());
    QCOMPARE(int(rings[1].toObject().value(u"members").toArray().size()), 4);
    QCOMPARE(int(truth.value(u"alt_families").toArray().size()), 1);
    QCOMPARE(int(truth.value(u"alt_families")[0].toObject().value(u"alts").toArray().size()), 3);
    const QJsonObject friends = truth.value(u"friend_groups")[0].toObject();
    QVERIFY(friends.value(u"core_team").toBool());
    QCOMPARE(int(friends.value(u"members").toArray().size()), 5);
    QVERIFY(!truth.value(u"special").toObject().value(u"decaying_sensei").toString().isEmpty());

    // A lively ladder, about a third of the messages with reactions, two users each on average.
    const QJsonObject holders = truth.value(u"role_holders").toObject();
    QVERIFY(holders.value(u"Senpai").toArray().size() >= 10);
    QVERIFY(holders.value(u"Sensei").toArray().size() >= 8);
    const QJsonObject totals = truth.value(u"totals").toObject();
    const double reacted = totals.value(u"reacted_messages").toDouble() / 100000;
    const double perMessage = (totals.value(u"reaction_users").toDouble() +
                               totals.value(u"burst_reaction_users").toDouble()) /
                              100000;
    QVERIFY2(reacted > 0.25 && reacted < 0.45, qPrintable(QString::number(reacted)));
    QVERIFY2(perMessage > 1.5 && perMessage < 2.5, qPrintable(QString::number(perMessage)));
    QVERIFY(totals.value(u"burst_reaction_users").toInt() > 0);
    qInfo("default demo generated in %lld ms (%lld bytes)", result->elapsedMs,
          result->snapshotBytes);
}

void TestDemoGuild::gzipOutput()
{
    const Options options = small(5, 200, 2000);
    const QString plain = m_dir.filePath(u"gz-plain.json"_s);
    const QString gz = m_dir.filePath(u"gz-packed.json.gz"_s);
    QVERIFY(gavel::demoguild::generate(options, plain).ok());
    const auto result = gavel::demoguild::generate(options, gz);
    QVERIFY(result.ok());
    const QByteArray compressed = readFile(gz);
    QVERIFY(compressed.startsWith("\x1f\x8b"));
    QCOMPARE(result->snapshotBytes, qint64(compressed.size()));
    QVERIFY(compressed.size() < readFile(plain).size() / 4);
    QCOMPARE(gunzip(compressed), readFile(plain));
    // The truth file is plain JSON beside the .gz, and the same as for the plain snapshot.
    QCOMPARE(result->truthPath, gz + u".truth.json"_s);
    QCOMPARE(readFile(result->truthPath), readFile(plain + u".truth.json"_s));
}

void TestDemoGuild::invalidOptions_data()
{
    QTest::addColumn<Options>("options");
    QTest::addColumn<QString>("mentions");
    Options o;
    o.members = 20;
    QTest::newRow("too few members") << o << u"--members"_s;
    o = Options();
    o.messages = 10;
    QTest::newRow("too few messages") << o << u"--messages"_s;
    o = Options();
    o.rings = -2;
    QTest::newRow("negative rings") << o << u"--rings"_s;
    o = Options();
    o.ringDensity = 1.5;
    QTest::newRow("density above 1") << o << u"--ring-density"_s;
    o = Options();
    o.friendReciprocity = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("reciprocity NaN") << o << u"--friend-reciprocity"_s;
    o = Options();
    o.days = 5;
    QTest::newRow("too few days") << o << u"--days"_s;
    o = Options();
    o.members = 200;
    o.rings = 30;
    QTest::newRow("more rings than members") << o << u"30 rings"_s;
    o = Options();
    o.endMs = 0;
    QTest::newRow("end before Discord") << o << u"--end"_s;
}

void TestDemoGuild::invalidOptions()
{
    QFETCH(Options, options);
    QFETCH(QString, mentions);
    const auto valid = gavel::demoguild::validate(options);
    QVERIFY(!valid.ok());
    QVERIFY2(valid.error().message.contains(mentions), qPrintable(valid.error().message));
    const QString path = m_dir.filePath(u"invalid.json"_s);
    const auto result = gavel::demoguild::generate(options, path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, valid.error().message);
    QVERIFY(!QFile::exists(path));
}

void TestDemoGuild::cancellation()
{
    for (const int stopAt : {10, 60, 98}) {
        const QString path = m_dir.filePath(u"cancelled-%1.json"_s.arg(stopAt));
        int highest = -1;
        const auto result = gavel::demoguild::generate(small(3, 300, 3000), path, [&](int percent) {
            highest = std::max(highest, percent);
            return percent < stopAt;
        });
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(u"cancelled"));
        QVERIFY(highest >= stopAt);
        QVERIFY2(!QFile::exists(path), "nothing is left behind");
        QVERIFY(!QFile::exists(path + u".truth.json"_s));
        QVERIFY(QDir(m_dir.path()).entryList({u"cancelled-*"_s}).isEmpty());
    }
    // Progress runs from low to 100 when not cancelled.
    QList<int> seen;
    const auto result = gavel::demoguild::generate(
        small(3, 300, 3000), m_dir.filePath(u"progress.json"_s), [&](int percent) {
            seen << percent;
            return true;
        });
    QVERIFY(result.ok());
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.last(), 100);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
}

void TestDemoGuild::unwritablePath()
{
    const QString path = m_dir.filePath(u"no-such-dir/demo.json"_s);
    const auto result = gavel::demoguild::generate(small(1, 100, 1000), path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(u"does not exist"), qPrintable(result.error().text()));
    QVERIFY(!result.error().hint.isEmpty());
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestDemoGuild)
#include "tst_demoguild.moc"
