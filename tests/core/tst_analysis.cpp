// core/analysis on hand-built histories: R1 counting, the pair matrix and its lists, ring and
// alt-family detection on planted groups, audits, and the command-line inputs.

#include "analysis/Audit.h"
#include "analysis/Clusters.h"
#include "analysis/Counting.h"
#include "analysis/Inputs.h"
#include "analysis/JsonWriter.h"
#include "analysis/PairMatrix.h"
#include "common/Snowflake.h"
#include "history/History.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;
using namespace gavel;
using analysis::Index;
using history::History;
using history::NoIndex;
using history::NoTime;

namespace {

constexpr qint64 day = 86400000;
constexpr qint64 start = 1735689600000; // 2025-01-01

// Builds histories by hand: users, messages and reactions appended in any order, then sorted
// into History's order by finish().
class Builder
{
public:
    Builder()
    {
        h.guildId = 1000;
        history::Channel category;
        category.id = 10;
        category.type = 4;
        h.channels.push_back(category);
        for (quint64 id : {11, 12}) {
            history::Channel c;
            c.id = id;
            c.parent = 0;
            h.channels.push_back(c);
        }
        history::Channel thread;
        thread.id = 13;
        thread.parent = 1;
        thread.type = 11;
        h.channels.push_back(thread);
        for (const QString &key : {u"👍"_s, u"dojo:99"_s}) {
            history::Emoji e;
            e.storeId = qint64(h.emojis.size()) + 1;
            e.key = key;
            h.emojis.push_back(e);
        }
    }

    Index user(const QString &name, qint64 createdAt = start - 400 * day,
               qint64 joinedAt = start - 300 * day, bool bot = false)
    {
        history::User u;
        u.id = snowflake::fromMsecs(createdAt) + h.users.size();
        u.username = name;
        u.createdAt = snowflake::toMsecs(u.id);
        u.joinedAt = joinedAt;
        u.member = true;
        u.bot = bot;
        h.users.push_back(u);
        return Index(h.users.size() - 1);
    }

    Index message(Index author, qint64 at, Index channel = 1, bool webhook = false)
    {
        history::Message m;
        m.id = snowflake::fromMsecs(at) + (m_sequence++ % 4096);
        m.createdAt = snowflake::toMsecs(m.id);
        m.author = author;
        m.channel = channel;
        m.webhook = webhook;
        h.messages.push_back(m);
        return Index(h.messages.size() - 1);
    }

    void react(Index reactor, Index message, Index emoji = 0, bool burst = false,
               qint64 removedAt = NoTime)
    {
        history::Reaction r;
        r.reactor = reactor;
        r.message = message;
        r.emoji = emoji;
        r.burst = burst;
        r.removedAt = removedAt;
        h.reactions.push_back(r);
    }

    //! Sorts messages by id and reactions by (message, emoji, reactor, burst); fills the
    //! reactions' copies of message fields.
    History finish()
    {
        std::vector<Index> order(h.messages.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](Index a, Index b) { return h.messages[a].id < h.messages[b].id; });
        std::vector<Index> newIndex(order.size());
        std::vector<history::Message> messages;
        for (Index i = 0; i < order.size(); ++i) {
            newIndex[order[i]] = i;
            messages.push_back(h.messages[order[i]]);
        }
        h.messages = messages;
        for (history::Reaction &r : h.reactions) {
            r.message = newIndex[r.message];
            const history::Message &m = h.messages[r.message];
            r.author = m.author;
            r.channel = m.channel;
            r.at = m.createdAt;
            r.firstSeenAt = m.createdAt;
        }
        std::sort(h.reactions.begin(), h.reactions.end(), [](const auto &a, const auto &b) {
            return std::tuple(a.message, a.emoji, a.reactor, a.burst) <
                   std::tuple(b.message, b.emoji, b.reactor, b.burst);
        });
        h.reindex();
        return h;
    }

    History h;

private:
    quint64 m_sequence = 0;
};

std::vector<Index> sorted(std::vector<Index> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

// A guild with a planted ring, a popular friend group and a crowd: the ring's members react to
// each other's messages almost always and get little from outside; the friends react to each
// other often but receive most of their support from the crowd and support it back.
struct PlantedGuild
{
    History history;
    std::vector<Index> ring, friends, crowd;
};

PlantedGuild plantedGuild(quint32 seed)
{
    Builder b;
    QRandomGenerator random(seed);
    PlantedGuild g;
    for (int i = 0; i < 60; ++i)
        g.crowd.push_back(b.user(u"crowd%1"_s.arg(i)));
    for (int i = 0; i < 4; ++i)
        g.ring.push_back(b.user(u"ring%1"_s.arg(i)));
    for (int i = 0; i < 5; ++i)
        g.friends.push_back(b.user(u"friend%1"_s.arg(i)));
    auto chance = [&](double p) { return random.generateDouble() < p; };
    for (int d = 0; d < 200; ++d) {
        const qint64 t = start + d * day;
        for (Index author : g.crowd) {
            if (!chance(0.3))
                continue;
            const Index m = b.message(author, t + random.bounded(day / 2));
            for (Index r : g.crowd)
                if (r != author && chance(0.03))
                    b.react(r, m);
            for (Index f : g.friends)
                if (chance(0.08))
                    b.react(f, m);
            for (Index r : g.ring)
                if (chance(0.01))
                    b.react(r, m);
        }
        for (Index author : g.friends) {
            const Index m = b.message(author, t + random.bounded(day / 2));
            for (Index f : g.friends)
                if (f != author && chance(0.4))
                    b.react(f, m, 1);
            for (Index r : g.crowd)
                if (chance(0.12))
                    b.react(r, m, 1);
        }
        for (Index author : g.ring) {
            if (!chance(0.7))
                continue;
            const Index m = b.message(author, t + random.bounded(day / 2));
            for (Index r : g.ring)
                if (r != author && chance(0.85))
                    b.react(r, m, 1);
            for (Index r : g.crowd)
                if (chance(0.005))
                    b.react(r, m);
        }
    }
    g.history = b.finish();
    return g;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countingFollowsR1();
    void windowChannelsAndWeights();
    void pairMatrix();
    void ringsAreFoundAndFriendsAreNot_data();
    void ringsAreFoundAndFriendsAreNot();
    void ringFiguresOfGroups();
    void altFamilies();
    void nameSimilarity_data();
    void nameSimilarity();
    void audit();
    void jsonWriterStrings_data();
    void jsonWriterStrings();
    void jsonWriterIsoTime();
    void parseTime_data();
    void parseTime();
};

void TestAnalysis::countingFollowsR1()
{
    Builder b;
    const Index alice = b.user(u"alice"_s), bob = b.user(u"bob"_s);
    const Index bot = b.user(u"bot"_s, start - day, start - day, true);
    const Index m1 = b.message(alice, start);
    const Index m2 = b.message(bob, start + 1000);
    const Index hook = b.message(alice, start + 2000, 1, true);
    const Index botPost = b.message(bot, start + 3000);
    b.react(bob, m1);                         // counts
    b.react(bob, m1, 0, true);                // super reaction, same emoji: the same reaction
    b.react(bob, m1, 1);                      // another emoji: counts
    b.react(alice, m1);                       // self-reaction
    b.react(bot, m1);                         // bot reactor
    b.react(alice, m2, 0, false, start + 10); // removed
    b.react(alice, m2, 1, true);              // a super reaction alone counts
    b.react(bob, hook);                       // webhook message
    b.react(alice, botPost);                  // bot author
    const History h = b.finish();

    const auto counted = analysis::countedReactions(h, {});
    QCOMPARE(counted.size(), size_t(3));
    for (Index r : counted)
        QVERIFY(h.reactions[r].reactor != h.reactions[r].author);
    analysis::CountOptions withRemoved;
    withRemoved.includeRemoved = true;
    QCOMPARE(analysis::countedReactions(h, withRemoved).size(), size_t(4));
    analysis::CountOptions excluded;
    excluded.excludedUsers = {false, true};
    QCOMPARE(analysis::countedReactions(h, excluded).size(), size_t(0));
}

void TestAnalysis::windowChannelsAndWeights()
{
    Builder b;
    const Index alice = b.user(u"alice"_s), bob = b.user(u"bob"_s);
    const Index inGeneral = b.message(alice, start, 1);
    const Index inOther = b.message(alice, start + day, 2);
    const Index inThread = b.message(alice, start + 2 * day, 3);
    b.react(bob, inGeneral);
    b.react(bob, inOther);
    b.react(bob, inThread);
    const History h = b.finish();

    analysis::CountOptions window;
    window.since = start + day;
    window.until = start + 2 * day;
    auto m = analysis::PairMatrix::build(h, window);
    QCOMPARE(m.totalCounted(), qint64(1));

    analysis::CountOptions general;
    general.channels = {1}; // the thread's parent: the thread is included
    m = analysis::PairMatrix::build(h, general);
    QCOMPARE(m.totalCounted(), qint64(2));
    analysis::CountOptions category;
    category.channels = {0};
    QCOMPARE(analysis::PairMatrix::build(h, category).totalCounted(), qint64(3));

    analysis::CountOptions weighted;
    weighted.weights.assign(h.reactions.size(), 0.5);
    weighted.weights[0] = 2.0;
    m = analysis::PairMatrix::build(h, weighted);
    const analysis::Pair *p = m.find(bob, alice);
    QVERIFY(p);
    QCOMPARE(p->count, 3u);
    QCOMPARE(p->weighted, 3.0);
    QCOMPARE(m.receivedWeighted(alice), 3.0);
    QCOMPARE(m.givenWeighted(bob), 3.0);
}

void TestAnalysis::pairMatrix()
{
    Builder b;
    const Index a = b.user(u"a"_s), c = b.user(u"c"_s), d = b.user(u"d"_s), e = b.user(u"e"_s);
    // a->c 4, c->a 2, d->c 1, e->c 3, a->d 1
    std::vector<Index> cPosts, aPosts;
    for (int i = 0; i < 4; ++i)
        cPosts.push_back(b.message(c, start + i * 1000));
    for (int i = 0; i < 2; ++i)
        aPosts.push_back(b.message(a, start + 10000 + i * 1000));
    const Index dPost = b.message(d, start + 20000);
    for (Index m : cPosts)
        b.react(a, m);
    for (Index m : aPosts)
        b.react(c, m);
    b.react(d, cPosts[0]);
    for (int i = 0; i < 3; ++i)
        b.react(e, cPosts[size_t(i)]);
    b.react(a, dPost);
    const History h = b.finish();
    const auto m = analysis::PairMatrix::build(h);

    QCOMPARE(m.pairs().size(), size_t(5));
    for (size_t i = 1; i < m.pairs().size(); ++i)
        QVERIFY(std::pair(m.pairs()[i - 1].reactor, m.pairs()[i - 1].author) <
                std::pair(m.pairs()[i].reactor, m.pairs()[i].author));
    const analysis::Pair *ac = m.find(a, c);
    QVERIFY(ac);
    QCOMPARE(ac->count, 4u);
    QCOMPARE(ac->reverseCount, 2u);
    QCOMPARE(ac->reciprocity(), 0.5);
    QCOMPARE(m.find(c, a)->reciprocity(), 0.5);
    QCOMPARE(m.find(d, c)->reciprocity(), 0.0);
    QVERIFY(!m.find(c, d));
    QCOMPARE(m.received(c), 8u);
    QCOMPARE(m.given(a), 5u);
    QCOMPARE(m.shareOfReceiver(*ac), 0.5);
    QCOMPARE(m.shareOfReactor(*ac), 0.8);
    QCOMPARE(m.concentration(c, 1), 0.5);
    QCOMPARE(m.concentration(c, 2), 7.0 / 8.0);
    QCOMPARE(m.concentration(c, 10), 1.0);

    const auto by = m.mostReactedToBy(c, 2);
    QCOMPARE(by.size(), size_t(2));
    QCOMPARE(m.pairs()[by[0]].reactor, a);
    QCOMPARE(m.pairs()[by[1]].reactor, e);
    const auto to = m.mostReactedTo(a, -1);
    QCOMPARE(to.size(), size_t(2));
    QCOMPARE(m.pairs()[to[0]].author, c);
    QCOMPARE(m.pairs()[to[1]].author, d);
    QCOMPARE(m.incoming(c).size(), size_t(3));
    QCOMPARE(m.outgoing(c).size(), size_t(1));

    // The baseline flags both sides of a reciprocal pair, and nothing one-way.
    QCOMPARE(analysis::reciprocityBaseline(m, 0.5, 2), sorted({a, c}));
    QCOMPARE(analysis::reciprocityBaseline(m, 0.6, 2), std::vector<Index>{});
}

void TestAnalysis::ringsAreFoundAndFriendsAreNot_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::newRow("seed 1") << 1u;
    QTest::newRow("seed 2") << 2u;
    QTest::newRow("seed 3") << 3u;
}

void TestAnalysis::ringsAreFoundAndFriendsAreNot()
{
    QFETCH(quint32, seed);
    const PlantedGuild g = plantedGuild(seed);
    const auto m = analysis::PairMatrix::build(g.history);
    const auto clusters = analysis::detectClusters(g.history, m);
    QCOMPARE(clusters.size(), size_t(1));
    const analysis::Cluster &c = clusters.front();
    QCOMPARE(c.kind, analysis::ClusterKind::Ring);
    QCOMPARE(c.id, 1);
    QCOMPARE(c.members, sorted(g.ring));
    QVERIFY(c.score > 0.5 && c.score <= 1.0);
    QVERIFY(c.evidence.contains(u"4 members"_s));
    QCOMPARE(c.memberEvidence.size(), 4);
    QVERIFY(c.ring.firstInternalAt >= start && c.ring.lastInternalAt > c.ring.firstInternalAt);
    // Same input, same output (igraph's RNG is seeded).
    const auto again = analysis::detectClusters(g.history, m);
    QCOMPARE(again.front().members, c.members);
    QCOMPARE(again.front().score, c.score);
}

void TestAnalysis::ringFiguresOfGroups()
{
    const PlantedGuild g = plantedGuild(4);
    const auto m = analysis::PairMatrix::build(g.history);
    const auto ring = analysis::ringFigures(g.history, m, g.ring);
    const auto friends = analysis::ringFigures(g.history, m, g.friends);
    QVERIFY2(ring.internalShare > 0.8, qPrintable(QString::number(ring.internalShare)));
    QVERIFY2(friends.internalShare < 0.3, qPrintable(QString::number(friends.internalShare)));
    QVERIFY(ring.medianDominance > friends.medianDominance * 3);
    QCOMPARE(ring.density, 1.0);
    QCOMPARE(ring.members.size(), size_t(4));
    quint32 inside = 0;
    for (const auto &member : ring.members)
        inside += member.receivedInside;
    QCOMPARE(ring.internalReactions, inside);
}

void TestAnalysis::altFamilies()
{
    Builder b;
    QRandomGenerator random(7);
    std::vector<Index> crowd;
    for (int i = 0; i < 30; ++i)
        crowd.push_back(b.user(u"crowd%1"_s.arg(i)));
    const Index master = b.user(u"frostyfox558"_s);
    const qint64 joined = start + 50 * day;
    const Index alt1 = b.user(u"frostyfox5588"_s, joined - 2 * day, joined);
    const Index alt2 = b.user(u"fr0styf0x558"_s, joined - day, joined + 3 * 3600000);
    const Index alt3 = b.user(u"frostyfox558_alt"_s, joined - 3 * 3600000, joined + day);
    // A newcomer who likes one popular member a little: not an alt.
    const Index fan = b.user(u"newbie"_s, joined - day, joined + 2 * 3600000);
    for (int d = 0; d < 120; ++d) {
        const qint64 t = start + d * day;
        const Index post = b.message(master, t + 1000);
        for (Index c : crowd)
            if (random.bounded(10) == 0)
                b.react(c, post);
        if (t >= joined) {
            for (Index alt : {alt1, alt2, alt3})
                if (random.bounded(10) < 8)
                    b.react(alt, post, 1);
            if (d % 20 == 0)
                b.react(fan, post);
        }
        for (Index c : crowd)
            if (random.bounded(4) == 0) {
                const Index m = b.message(c, t + 5000);
                b.react(master, m);
                b.react(crowd[random.bounded(int(crowd.size()))], m);
            }
    }
    b.message(alt1, joined + day); // "gm"
    const History h = b.finish();
    const auto m = analysis::PairMatrix::build(h);
    const auto families = analysis::detectAltFamilies(h, m);
    QCOMPARE(families.size(), size_t(1));
    const analysis::Cluster &f = families.front();
    QCOMPARE(f.kind, analysis::ClusterKind::AltFamily);
    QCOMPARE(f.master, master);
    QCOMPARE(f.members, sorted({master, alt1, alt2, alt3}));
    QCOMPARE(f.memberEvidence.size(), 4);
    QVERIFY(f.evidence.contains(u"frostyfox558"_s));
    QVERIFY(f.score > 0.6);

    // Joins further apart than the window split the family: no two alts left together.
    analysis::AltOptions narrow;
    narrow.joinWindow = 3600000;
    QCOMPARE(analysis::detectAltFamilies(h, m, narrow).size(), size_t(0));
    // Old accounts are not alts.
    analysis::AltOptions strictAge;
    strictAge.maxAccountAgeAtJoin = 3600000;
    QCOMPARE(analysis::detectAltFamilies(h, m, strictAge).size(), size_t(0));
}

void TestAnalysis::nameSimilarity_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::newRow("same") << u"frostyfox558"_s << u"frostyfox558"_s << 1.0 << 1.0;
    QTest::newRow("leet") << u"fr0styf0x558"_s << u"frostyfox558"_s << 1.0 << 1.0;
    QTest::newRow("suffix") << u"frostyfox558_alt"_s << u"frostyfox558"_s << 0.7 << 0.8;
    QTest::newRow("case and dots") << u"Lena.Jensen"_s << u"lenajensen"_s << 1.0 << 1.0;
    QTest::newRow("different") << u"olivia85"_s << u"node1998"_s << 0.0 << 0.3;
    QTest::newRow("empty") << QString() << QString() << 0.0 << 0.0;
}

void TestAnalysis::nameSimilarity()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, min);
    QFETCH(double, max);
    const double s = analysis::nameSimilarity(a, b);
    QVERIFY2(s >= min - 1e-9 && s <= max + 1e-9, qPrintable(QString::number(s)));
}

void TestAnalysis::audit()
{
    const PlantedGuild g = plantedGuild(5);
    const History &h = g.history;
    const auto m = analysis::PairMatrix::build(h);
    const auto clusters = analysis::detectClusters(h, m);
    const Index member = g.ring.front();
    analysis::AuditOptions options;
    options.topPairs = 3;
    options.scorer = [](const History &, Index user) {
        analysis::AuditScoreLine line;
        line.policy = u"test 1"_s;
        line.level = u"L1"_s;
        line.score = double(user);
        return std::vector<analysis::AuditScoreLine>{line};
    };
    const analysis::Audit a = analysis::buildAudit(h, m, clusters, member, options);
    QCOMPARE(a.countedGiven, m.given(member));
    QCOMPARE(a.countedReceived, m.received(member));
    for (const auto &r : a.given)
        QCOMPARE(h.reactions[r.reaction].reactor, member);
    for (const auto &r : a.received)
        QCOMPARE(h.reactions[r.reaction].author, member);
    QCOMPARE(a.mostReactedToBy.size(), size_t(3));
    // The most reacted-to-by list of a ring member is led by ring mates.
    QVERIFY(std::count(g.ring.begin(), g.ring.end(), m.pairs()[a.mostReactedToBy[0]].reactor));
    QCOMPARE(a.flags.size(), size_t(1));
    QCOMPARE(a.scores.size(), size_t(1));

    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(analysis::auditJson(h, m, a), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(json.value(u"member"_s).toObject().value(u"user_id"_s).toString(),
             QString::number(h.users[member].id));
    const QJsonArray given = json.value(u"reactions_given"_s).toArray();
    QCOMPARE(given.size(), qsizetype(a.given.size()));
    QVERIFY(given.first().toObject().value(u"link"_s).toString().startsWith(
        u"https://discord.com/channels/1000/"_s));
    // Every listed reaction as the history has it: ids, times, link, whether it counts.
    for (qsizetype i = 0; i < given.size(); ++i) {
        const QJsonObject o = given[i].toObject();
        const history::Reaction &r = h.reactions[a.given[size_t(i)].reaction];
        QCOMPARE(o[u"author_id"_s].toString(), QString::number(h.users[r.author].id));
        QCOMPARE(o[u"author"_s].toString(), h.users[r.author].displayName());
        QCOMPARE(o[u"message_id"_s].toString(), QString::number(h.messages[r.message].id));
        QCOMPARE(o[u"message_at"_s].toString(), analysis::isoTime(h.messages[r.message].createdAt));
        QCOMPARE(o[u"first_seen_at"_s].toString(), analysis::isoTime(r.firstSeenAt));
        QCOMPARE(o[u"link"_s].toString(), h.messageLink(r.message));
        QCOMPARE(o[u"counted"_s].toBool(), a.given[size_t(i)].counted);
    }
    QCOMPARE(json.value(u"reactions_received"_s).toArray().size(), qsizetype(a.received.size()));
    const QJsonObject pairs = json.value(u"pairs"_s).toObject();
    QCOMPARE(pairs[u"counted_received"_s].toInteger(), qint64(a.countedReceived));
    QCOMPARE(pairs[u"most_reacted_to_by"_s].toArray().size(), qsizetype(3));
    const QJsonObject score = json.value(u"scores"_s).toArray().first().toObject();
    QCOMPARE(score[u"policy"_s].toString(), u"test 1"_s);
    QCOMPARE(score[u"score"_s].toDouble(), double(member));
    QCOMPARE(json.value(u"flags"_s).toArray().first().toObject().value(u"kind"_s).toString(),
             u"ring"_s);
    const QStringList rows = analysis::auditCsvRows(h, a);
    QCOMPARE(rows.size(), qsizetype(a.given.size() + a.received.size()));
    QCOMPARE(rows.first().count(u','), analysis::auditCsvHeader().count(u','));
    // Emoji names are the guild's own text: a formula in one reaches a spreadsheet neutralised.
    History hostile = h;
    for (history::Emoji &e : hostile.emojis)
        e.key = u"=HYPERLINK(\"x\")"_s;
    const QString hostileRow = analysis::auditCsvRows(hostile, a).first();
    QVERIFY2(hostileRow.contains(u",\"'=HYPERLINK(\"\"x\"\")\","_s), qPrintable(hostileRow));

    // Filters: one direction, one counterpart, counted only.
    analysis::AuditOptions filtered;
    filtered.listReceived = false;
    filtered.counterpart = g.ring.back();
    filtered.countedOnly = true;
    const analysis::Audit f = analysis::buildAudit(h, m, clusters, member, filtered);
    QVERIFY(f.received.empty());
    QCOMPARE(f.countedReceived, a.countedReceived); // totals are never filtered
    QCOMPARE(f.given.size(), size_t(m.find(member, g.ring.back())->count));
    for (const auto &r : f.given) {
        QCOMPARE(h.reactions[r.reaction].author, g.ring.back());
        QVERIFY(r.counted);
    }

    // Reasons for reactions that do not count.
    Builder b;
    const Index x = b.user(u"x"_s), y = b.user(u"y"_s);
    const Index post = b.message(x, start);
    b.react(x, post);
    b.react(y, post, 0, false, start + 1);
    const History small = b.finish();
    const auto sm = analysis::PairMatrix::build(small);
    const auto sa = analysis::buildAudit(small, sm, {}, x, {});
    QCOMPARE(sa.received.size(), size_t(2));
    QStringList reasons;
    for (const auto &r : sa.received)
        reasons.append(r.reason);
    reasons.sort();
    QCOMPARE(reasons, (QStringList{u"removed"_s, u"self-reaction"_s}));
}

void TestAnalysis::jsonWriterStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // what a JSON parser reads back
    QTest::newRow("plain") << u"alice"_s << u"alice"_s;
    QTest::newRow("quotes and backslash") << u"say \"hi\" \\o/"_s << u"say \"hi\" \\o/"_s;
    QTest::newRow("controls") << u"a\nb\tc\rd\u0001e\u001f"_s << u"a\nb\tc\rd\u0001e\u001f"_s;
    QTest::newRow("accents and CJK") << u"Björk 日本語 שרה"_s << u"Björk 日本語 שרה"_s;
    QTest::newRow("emoji (surrogate pair)") << u"🐢 ✨"_s << u"🐢 ✨"_s;
    QTest::newRow("lone surrogate")
        << QString(QChar(0xD800)) + u"x"_s << QString(QChar(0xFFFD)) + u"x"_s;
    QTest::newRow("empty") << QString() << QString();
}

// The streaming writer's strings read back as written, through Qt's JSON parser.
void TestAnalysis::jsonWriterStrings()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QByteArray out;
    analysis::JsonWriter w(out);
    w.beginObject().key("s").string(text).key("n").number(0.1).key("i").number(qint64(-7));
    w.key("a").beginArray().boolean(true).null().number(1e300).endArray();
    w.key("e").beginObject().endObject().endObject();
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, out.constData());
    QCOMPARE(o[u"s"_s].toString(), expected);
    QCOMPARE(o[u"n"_s].toDouble(), 0.1);
    QCOMPARE(o[u"i"_s].toInteger(), qint64(-7));
    QCOMPARE(o[u"a"_s].toArray(), (QJsonArray{true, QJsonValue::Null, 1e300}));
    QVERIFY(o[u"e"_s].toObject().isEmpty());
    // Indented as QJsonDocument::Indented.
    QVERIFY(out.startsWith("{\n    \"s\": "));
    QVERIFY(out.endsWith("\n}\n"));
}

// The writer's own ISO formatter equals QDateTime's, across leap days, the epoch and before.
void TestAnalysis::jsonWriterIsoTime()
{
    QList<qint64> times{0,
                        -1,
                        -86400000,
                        951782400000,  // 2000-02-29
                        4107542399999, // 2100-02-28T23:59:59.999
                        1769860800250,
                        253402300799999,  // 9999-12-31T23:59:59.999
                        -62135596800000}; // 0001-01-01
    QRandomGenerator rng(7);
    for (int i = 0; i < 20000; ++i)
        times.append(rng.bounded(qint64(-30000000000000), qint64(10000000000000)));
    for (const qint64 t : times) {
        QByteArray out;
        analysis::JsonWriter::appendIsoTime(out, t);
        QCOMPARE(QString::fromLatin1(out),
                 QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs));
    }
}

void TestAnalysis::parseTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("date") << u"2026-01-31"_s << qint64(1769817600000);
    QTest::newRow("utc") << u"2026-01-31T12:00:00Z"_s << qint64(1769860800000);
    QTest::newRow("no zone is utc") << u"2026-01-31T12:00:00"_s << qint64(1769860800000);
    QTest::newRow("offset") << u"2026-01-31T14:00:00+02:00"_s << qint64(1769860800000);
    QTest::newRow("ms") << u"2026-01-31T12:00:00.250Z"_s << qint64(1769860800250);
    QTest::newRow("bad") << u"yesterday"_s << qint64(-1);
}

void TestAnalysis::parseTime()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto t = analysis::parseTime(text);
    if (expected < 0) {
        QVERIFY(!t);
        QVERIFY(t.error().message.contains(text));
        return;
    }
    QVERIFY2(t, qPrintable(t ? QString() : t.error().text()));
    QCOMPARE(*t, expected);
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
