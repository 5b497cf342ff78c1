// The Daimyo ladder replay that gives the demo guild's members their roles (product.md R2).

#include "demoguild/DaimyoLadder.h"
#include "demoguild/GuildModel.h"

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace gavel::demoguild;

namespace {

constexpr qint64 t0 = Q_INT64_C(1735689600000); // 2025-01-01

//! A hand-built guild: people, one message per reaction, :dojo: is emoji 0.
class Ladder
{
public:
    Ladder()
    {
        m.createdMs = t0;
        m.startMs = t0;
        m.endMs = t0 + 600 * dayMs;
        m.rolesAsOfMs = m.endMs - 10 * dayMs;
        m.dojo = 0;
        m.emojis.resize(2); // 0 :dojo:, 1 anything else
    }

    int person(bool core = false, qint64 seededAt = 0)
    {
        Person p;
        p.id = 1000 + m.people.size();
        p.joinedMs = t0;
        p.core = core;
        p.seedSenpaiMs = seededAt;
        m.people.push_back(p);
        return static_cast<int>(m.people.size()) - 1;
    }

    //! count reactions to author's messages, spread over [from, to), cycling through reactors.
    void react(int author, const std::vector<int> &reactors, int count, qint64 from, qint64 to,
               int emoji = 0)
    {
        for (int k = 0; k < count; ++k) {
            Message msg;
            msg.author = author;
            msg.ms = from + (to - from) * k / std::max(1, count);
            m.messages.push_back(msg);
            pending.push_back({static_cast<int>(m.messages.size()) - 1,
                               reactors[static_cast<std::size_t>(k) % reactors.size()],
                               static_cast<std::uint16_t>(emoji), 0});
        }
    }

    void run()
    {
        m.reactions = pending;
        std::sort(m.reactions.begin(), m.reactions.end(),
                  [](const Reaction &a, const Reaction &b) { return a.message < b.message; });
        for (Message &msg : m.messages)
            msg.reactionBegin = msg.reactionEnd = 0;
        for (quint32 r = 0; r < m.reactions.size(); ++r) {
            Message &msg = m.messages[m.reactions[r].message];
            if (msg.reactionEnd == 0)
                msg.reactionBegin = r;
            msg.reactionEnd = r + 1;
        }
        m.chronological.resize(m.messages.size());
        std::iota(m.chronological.begin(), m.chronological.end(), 0);
        std::stable_sort(m.chronological.begin(), m.chronological.end(),
                         [&](int a, int b) { return m.messages[a].ms < m.messages[b].ms; });
        DaimyoLadder::run(m);
    }

    int level(int person) const { return m.people[person].level; }
    bool decays(int person) const
    {
        return std::find(m.decayCandidates.begin(), m.decayCandidates.end(), person) !=
               m.decayCandidates.end();
    }

    GuildModel m;
    std::vector<Reaction> pending;
};

std::vector<int> seeds(Ladder &l, int count, qint64 at = t0 + dayMs)
{
    std::vector<int> out;
    for (int k = 0; k < count; ++k)
        out.push_back(l.person(false, at));
    return out;
}

} // namespace

class TestDaimyoLadder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requiredDistinct_data();
    void requiredDistinct();
    void senpaiThreshold_data();
    void senpaiThreshold();
    void senseiThreshold_data();
    void senseiThreshold();
    void distinctReactors_data();
    void distinctReactors();
    void reactorRoleAtReactionTime();
    void onlyCountedReactions();
    void decay_data();
    void decay();
    void rolesAsOfFreezes();
    void deactivatedNeverPromoted();
};

void TestDaimyoLadder::requiredDistinct_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("basisPoints");
    QTest::addColumn<int>("required");
    // product.md R2's worked examples.
    QTest::newRow("10 Senpai+Sensei") << 10 << 1000 << 1;
    QTest::newRow("30 Senpai+Sensei") << 30 << 1000 << 3;
    QTest::newRow("100 Senpai+Sensei") << 100 << 1000 << 10;
    QTest::newRow("5 Sensei") << 5 << 2000 << 1;
    QTest::newRow("20 Sensei") << 20 << 2000 << 4;
    QTest::newRow("11 rounds up") << 11 << 1000 << 2;
    QTest::newRow("none is still 1") << 0 << 1000 << 1;
}

void TestDaimyoLadder::requiredDistinct()
{
    QFETCH(int, count);
    QFETCH(int, basisPoints);
    QFETCH(int, required);
    QCOMPARE(DaimyoLadder::requiredDistinct(count, basisPoints), required);
}

void TestDaimyoLadder::senpaiThreshold_data()
{
    QTest::addColumn<int>("reactions");
    QTest::addColumn<int>("expected");
    QTest::newRow("49 stays Kohai") << 49 << 0;
    QTest::newRow("50 becomes Senpai") << 50 << 1;
    QTest::newRow("200 from Senpai only is not Sensei") << 200 << 1;
}

void TestDaimyoLadder::senpaiThreshold()
{
    QFETCH(int, reactions);
    QFETCH(int, expected);
    Ladder l;
    l.person(true); // one Felt: Sensei from the start
    const std::vector<int> senpai = seeds(l, 4);
    const int target = l.person();
    l.react(target, senpai, reactions, t0 + 20 * dayMs, t0 + 200 * dayMs);
    l.run();
    QCOMPARE(l.level(target), expected);
    for (int s : senpai)
        QCOMPARE(l.level(s), 1);
}

void TestDaimyoLadder::senseiThreshold_data()
{
    QTest::addColumn<int>("fromSensei");
    QTest::addColumn<int>("expected");
    QTest::newRow("29 Sensei reactions: Senpai") << 29 << 1;
    QTest::newRow("30 Sensei reactions: Sensei") << 30 << 2;
}

void TestDaimyoLadder::senseiThreshold()
{
    QFETCH(int, fromSensei);
    QFETCH(int, expected);
    Ladder l;
    const int felt = l.person(true);
    const std::vector<int> senpai = seeds(l, 2);
    const int target = l.person();
    l.react(target, senpai, 50, t0 + 20 * dayMs, t0 + 60 * dayMs);
    l.react(target, {felt}, fromSensei, t0 + 70 * dayMs, t0 + 120 * dayMs);
    l.run();
    QCOMPARE(l.level(target), expected);
}

void TestDaimyoLadder::distinctReactors_data()
{
    QTest::addColumn<int>("distinct");
    QTest::addColumn<int>("expected");
    // 25 seeded Senpai + 1 Felt = 26 Senpai+Sensei: ceil(2.6) = 3 distinct reactors needed.
    QTest::newRow("2 distinct") << 2 << 0;
    QTest::newRow("3 distinct") << 3 << 1;
}

void TestDaimyoLadder::distinctReactors()
{
    QFETCH(int, distinct);
    QFETCH(int, expected);
    Ladder l;
    l.person(true);
    const std::vector<int> senpai = seeds(l, 25);
    const int target = l.person();
    l.react(target, std::vector<int>(senpai.begin(), senpai.begin() + distinct), 90,
            t0 + 20 * dayMs, t0 + 200 * dayMs);
    l.run();
    QCOMPARE(l.level(target), expected);
}

void TestDaimyoLadder::reactorRoleAtReactionTime()
{
    // The reactor is made Senpai on day 100: reactions before that do not qualify, and a
    // later demotion would not void those after it.
    Ladder l;
    l.person(true);
    const int reactor = l.person(false, t0 + 100 * dayMs);
    const int early = l.person();
    const int late = l.person();
    l.react(early, {reactor}, 60, t0 + 10 * dayMs, t0 + 90 * dayMs);
    l.react(late, {reactor}, 60, t0 + 110 * dayMs, t0 + 190 * dayMs);
    l.run();
    QCOMPARE(l.level(early), 0);
    QCOMPARE(l.level(late), 1);
    const auto event = std::find_if(l.m.roleEvents.begin(), l.m.roleEvents.end(),
                                    [&](const RoleEvent &e) { return e.person == late; });
    QVERIFY(event != l.m.roleEvents.end());
    QCOMPARE(event->role, int(RoleSenpai));
    QVERIFY(event->ms > t0 + 110 * dayMs);
}

void TestDaimyoLadder::onlyCountedReactions()
{
    // 49 qualifying :dojo: plus reactions that never count: self, bot, another emoji.
    Ladder l;
    l.person(true);
    const std::vector<int> senpai = seeds(l, 3);
    const int bot = l.person(false, t0 + dayMs);
    l.m.people[bot].bot = true;
    const int target = l.person();
    l.react(target, senpai, 49, t0 + 20 * dayMs, t0 + 100 * dayMs);
    l.react(target, {target}, 10, t0 + 20 * dayMs, t0 + 100 * dayMs);
    l.react(target, {bot}, 10, t0 + 20 * dayMs, t0 + 100 * dayMs);
    l.react(target, senpai, 10, t0 + 20 * dayMs, t0 + 100 * dayMs, 1);
    l.run();
    QCOMPARE(l.level(target), 0);
}

void TestDaimyoLadder::decay_data()
{
    QTest::addColumn<int>("recent");
    QTest::addColumn<bool>("decays");
    // product.md R2: 29 Sensei reactions in 360 days is demoted, 30 kept.
    QTest::newRow("29 recent") << 29 << true;
    QTest::newRow("30 recent") << 30 << false;
}

void TestDaimyoLadder::decay()
{
    QFETCH(int, recent);
    QFETCH(bool, decays);
    Ladder l;
    const int felt = l.person(true);
    const int target = l.person();
    l.react(target, {felt}, 80, t0 + 5 * dayMs, t0 + 60 * dayMs);
    const qint64 windowStart = l.m.endMs - 360 * dayMs;
    l.react(target, {felt}, recent, windowStart + dayMs, l.m.endMs - dayMs);
    l.run();
    QCOMPARE(l.level(target), 2);
    QCOMPARE(l.decays(target), decays);
    QVERIFY2(!l.decays(felt), "Felt holders never decay");
}

void TestDaimyoLadder::rolesAsOfFreezes()
{
    // The previous bot last ran at rolesAsOfMs: later reactions promote nobody.
    Ladder l;
    l.person(true);
    const std::vector<int> senpai = seeds(l, 2);
    const int target = l.person();
    l.react(target, senpai, 60, l.m.rolesAsOfMs + hourMs, l.m.endMs - hourMs);
    l.run();
    QCOMPARE(l.level(target), 0);
}

void TestDaimyoLadder::deactivatedNeverPromoted()
{
    Ladder l;
    l.person(true);
    const std::vector<int> senpai = seeds(l, 2);
    const int target = l.person();
    l.m.people[target].deactivatedMs = t0 + 10 * dayMs;
    l.react(target, senpai, 80, t0 + 20 * dayMs, t0 + 100 * dayMs);
    const int demoted = senpai[0];
    l.m.people[demoted].deactivatedMs = t0 + 300 * dayMs;
    l.run();
    QCOMPARE(l.level(target), 0);
    QCOMPARE(l.level(demoted), 0);
    QCOMPARE(l.level(senpai[1]), 1);
}

QTEST_GUILESS_MAIN(TestDaimyoLadder)
#include "tst_demoguild_ladder.moc"
