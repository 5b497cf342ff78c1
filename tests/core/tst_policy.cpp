// Rules R1-R5 of product.md as data-driven tests: every worked example reproduced exactly on
// hand-built histories, and the properties every policy must have.

#include "StoreTestDatabase.h"
#include "TestPaths.h"
#include "moderation/Deactivations.h"
#include "policy/Compare.h"
#include "policy/Evaluator.h"
#include "policy/GuildLoader.h"
#include "policy/Plan.h"
#include "tst_policy_history.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <map>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::test;
using policy::Evaluator;
using policy::Policy;

namespace {

Policy shipped(const QString &name)
{
    auto p = Policy::load(sourceDir() + u"/resources/policies/"_s + name + u".json"_s);
    if (!p)
        qFatal("%s", qPrintable(p.error().text()));
    return *p;
}

//! A cred policy with unit weights (every reaction mints 1) and the given rules.
Policy credPolicy(const QByteArray &rules, const QByteArray &extra = {})
{
    QByteArray json = R"({"format":"gavel-policy/1","name":"t","version":"1","scoring":"cred",
        "roles":{"managed":[],"exempt":["Kohai"],"deactivated":null},
        "levels":[{"level":1,"min":0,"role":null},{"level":2,"min":10,"role":null}],)";
    json += extra;
    json += R"("cred":{)";
    if (!rules.contains("default_emoji_weight_bp"))
        json += R"("default_emoji_weight_bp":10000)";
    if (!rules.isEmpty())
        json += (rules.contains("default_emoji_weight_bp") ? "" : ",") + rules;
    json += "}}";
    return policyFrom(json);
}

Policy conversationPolicy(int perMessage)
{
    return policyFrom(QByteArray(R"({"format":"gavel-policy/1","name":"c","version":"1",
        "scoring":"conversation","roles":{"managed":[],"exempt":[],"deactivated":null},
        "levels":[{"level":1,"min":0,"role":null}],
        "conversation":{"per_message_deduction":)") +
                      QByteArray::number(perMessage) + "}}");
}

double scoreOf(const history::History &h, const Policy &p, Index user, qint64 at)
{
    Evaluator ev(h);
    auto e = ev.evaluate(p, at);
    if (!e)
        qFatal("%s", qPrintable(e.error().text()));
    return e->members[user].score;
}

} // namespace

class TestPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // R2
    void daimyoDistinctMinimum_data();
    void daimyoDistinctMinimum();
    void daimyoSenpai_data();
    void daimyoSenpai();
    void daimyoSensei_data();
    void daimyoSensei();
    void daimyoDecay_data();
    void daimyoDecay();
    void daimyoReactorRoleAtReactionTime();
    void daimyoNeverCounts();
    // R3
    void karmaCooldown_data();
    void karmaCooldown();
    void karmaThanks_data();
    void karmaThanks();
    void karmaLevels_data();
    void karmaLevels();
    // R4
    void credMultiReact();
    void credPairHardReset_data();
    void credPairHardReset();
    void credPairRecovery();
    void credBudget_data();
    void credBudget();
    void credWeights_data();
    void credWeights();
    void credTrustTiers();
    void credMeritSources();
    void credChannelAndPlatformBudgets();
    void credPairDiscount();
    // R5
    void conversation_data();
    void conversation();
    void conversationVisibleText();
    // plan and lab
    void planDaimyo();
    void planDeactivation();
    void recordedDeactivation_data();
    void recordedDeactivation();
    void recordedDeactivationPlan();
    void credCacheMatchesFresh_data();
    void credCacheMatchesFresh();
    void compareSpearman();
    void breakdownExplains();
    // properties
    void properties_data();
    void properties();
};

// --- R2 ---------------------------------------------------------------------------------

void TestPolicy::daimyoDistinctMinimum_data()
{
    QTest::addColumn<int>("holders");
    QTest::addColumn<int>("bp");
    QTest::addColumn<int>("required");
    // The Daimyo figures: 10% of 1/15/35/100 role holders, 20% of 5/20 Sensei.
    QTest::newRow("10% of 1") << 1 << 1000 << 1;
    QTest::newRow("10% of 10") << 10 << 1000 << 1;
    QTest::newRow("10% of 15") << 15 << 1000 << 2;
    QTest::newRow("10% of 30") << 30 << 1000 << 3;
    QTest::newRow("10% of 35") << 35 << 1000 << 4;
    QTest::newRow("10% of 100") << 100 << 1000 << 10;
    QTest::newRow("20% of 5") << 5 << 2000 << 1;
    QTest::newRow("20% of 20") << 20 << 2000 << 4;
    QTest::newRow("minimum 1 of 0") << 0 << 1000 << 1;
    // 0.07 * 100 is 7.000000000000001 in binary floating point: ceil would say 8.
    QTest::newRow("7% of 100 is 7") << 100 << 700 << 7;
    QTest::newRow("29% of 100 is 29") << 100 << 2900 << 29;
    QTest::newRow("10% of 101 is 11") << 101 << 1000 << 11;
}

void TestPolicy::daimyoDistinctMinimum()
{
    QFETCH(int, holders);
    QFETCH(int, bp);
    QFETCH(int, required);
    QCOMPARE(policy::requiredDistinct(holders, bp), required);
}

void TestPolicy::daimyoSenpai_data()
{
    QTest::addColumn<int>("holders");
    QTest::addColumn<int>("reactors");
    QTest::addColumn<int>("reactions");
    QTest::addColumn<QString>("level");
    QTest::newRow("1 holder, 1 reactor") << 1 << 1 << 50 << u"Senpai"_s;
    QTest::newRow("10 holders, 1 reactor") << 10 << 1 << 50 << u"Senpai"_s;
    QTest::newRow("10 holders, 49 reactions") << 10 << 5 << 49 << u"Kohai"_s;
    QTest::newRow("15 holders, 1 reactor") << 15 << 1 << 50 << u"Kohai"_s;
    QTest::newRow("15 holders, 2 reactors") << 15 << 2 << 50 << u"Senpai"_s;
    QTest::newRow("30 holders, 2 reactors") << 30 << 2 << 50 << u"Kohai"_s;
    QTest::newRow("30 holders, 3 reactors") << 30 << 3 << 50 << u"Senpai"_s;
    QTest::newRow("35 holders, 3 reactors") << 35 << 3 << 50 << u"Kohai"_s;
    QTest::newRow("35 holders, 4 reactors") << 35 << 4 << 50 << u"Senpai"_s;
    QTest::newRow("100 holders, 9 reactors") << 100 << 9 << 50 << u"Kohai"_s;
    QTest::newRow("100 holders, 10 reactors") << 100 << 10 << 50 << u"Senpai"_s;
}

void TestPolicy::daimyoSenpai()
{
    QFETCH(int, holders);
    QFETCH(int, reactors);
    QFETCH(int, reactions);
    QFETCH(QString, level);
    HistoryBuilder b;
    const Index target = b.user(u"target"_s);
    b.give(target, u"Kohai"_s);
    std::vector<Index> holder;
    for (int i = 0; i < holders; ++i) {
        holder.push_back(b.user());
        b.give(holder.back(), i % 3 == 2 ? u"Sensei"_s : u"Senpai"_s);
    }
    for (int i = 0; i < reactions; ++i) {
        const Index m = b.message(target, T0 + i * Hour, u"didathing"_s);
        b.react(holder[i % reactors], m);
    }
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), T0 + 30 * Day);
    QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().text()));
    QCOMPARE(e->senpaiHolders, holders);
    QCOMPARE(e->members[target].senpaiReactions, reactions);
    QCOMPARE(e->members[target].senpaiDistinct, reactors);
    QCOMPARE(e->levelName(target), level);
}

void TestPolicy::daimyoSensei_data()
{
    QTest::addColumn<int>("sensei");
    QTest::addColumn<int>("reactors");
    QTest::addColumn<int>("reactions");
    QTest::addColumn<QString>("level");
    QTest::newRow("5 Sensei, 1 reactor") << 5 << 1 << 30 << u"Sensei"_s;
    QTest::newRow("5 Sensei, 29 reactions") << 5 << 2 << 29 << u"Senpai"_s;
    QTest::newRow("20 Sensei, 3 reactors") << 20 << 3 << 30 << u"Senpai"_s;
    QTest::newRow("20 Sensei, 4 reactors") << 20 << 4 << 30 << u"Sensei"_s;
}

void TestPolicy::daimyoSensei()
{
    QFETCH(int, sensei);
    QFETCH(int, reactors);
    QFETCH(int, reactions);
    QFETCH(QString, level);
    HistoryBuilder b;
    const Index target = b.user(u"target"_s);
    b.give(target, u"Senpai"_s);
    std::vector<Index> holder;
    for (int i = 0; i < sensei; ++i) {
        holder.push_back(b.user());
        b.give(holder.back(), u"Sensei"_s);
    }
    for (int i = 0; i < reactions; ++i)
        b.react(holder[i % reactors], b.message(target, T0 + i * Hour));
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), T0 + 30 * Day);
    QVERIFY(e.ok());
    QCOMPARE(e->senseiHolders, sensei);
    QCOMPARE(e->levelName(target), level);
    const auto changes = policy::plan(ev.index(), *e);
    const bool promoted = std::any_of(changes.begin(), changes.end(), [&](const auto &c) {
        return c.user == target && c.action == u"promote"_s && c.add &&
               h.roles[c.role].name == u"Sensei"_s;
    });
    QCOMPARE(promoted, level == u"Sensei"_s);
}

void TestPolicy::daimyoDecay_data()
{
    QTest::addColumn<int>("recent");
    QTest::addColumn<int>("old");
    QTest::addColumn<bool>("felt");
    QTest::addColumn<QString>("level");
    QTest::newRow("29 in 360 days: demoted") << 29 << 40 << false << u"Senpai"_s;
    QTest::newRow("30 in 360 days: kept") << 30 << 0 << false << u"Sensei"_s;
    QTest::newRow("0 in 360 days, Felt: kept") << 0 << 40 << true << u"Sensei"_s;
}

void TestPolicy::daimyoDecay()
{
    QFETCH(int, recent);
    QFETCH(int, old);
    QFETCH(bool, felt);
    QFETCH(QString, level);
    HistoryBuilder b;
    const Index target = b.user(u"target"_s);
    b.give(target, u"Sensei"_s);
    if (felt)
        b.give(target, u"Felt"_s);
    std::vector<Index> sensei;
    for (int i = 0; i < 5; ++i) {
        sensei.push_back(b.user());
        b.give(sensei.back(), u"Sensei"_s);
    }
    const qint64 at = T0 + 10 * Day;
    for (int i = 0; i < recent; ++i)
        b.react(sensei[i % 5], b.message(target, at - 100 * Day + i * Hour));
    for (int i = 0; i < old; ++i)
        b.react(sensei[i % 5], b.message(target, at - 380 * Day + i * Hour));
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), at);
    QVERIFY(e.ok());
    QCOMPARE(e->members[target].senseiRecent, felt ? 0 : recent);
    QCOMPARE(e->levelName(target), level);
    const auto changes = policy::plan(ev.index(), *e);
    const bool demoted = std::any_of(changes.begin(), changes.end(), [&](const auto &c) {
        return c.user == target && c.action == u"demote"_s && !c.add &&
               h.roles[c.role].name == u"Sensei"_s;
    });
    QCOMPARE(demoted, level == u"Senpai"_s);
    if (demoted)
        QVERIFY2(e->reason(target).contains(u"decay"_s), qPrintable(e->reason(target)));
}

void TestPolicy::daimyoReactorRoleAtReactionTime()
{
    // A was Senpai while reacting and was demoted later: its reactions still count. B became
    // Senpai only after reacting: its reactions never count for promotion.
    HistoryBuilder b;
    const Index t1 = b.user(u"t1"_s), t2 = b.user(u"t2"_s);
    const Index a = b.user(u"a"_s), bb = b.user(u"b"_s);
    b.give(a, u"Senpai"_s, T0, T0 + 60 * Day);
    b.give(bb, u"Senpai"_s, T0 + 60 * Day);
    for (int i = 0; i < 50; ++i) {
        b.react(a, b.message(t1, T0 + Day + i * Hour));
        b.react(bb, b.message(t2, T0 + Day + i * Hour));
    }
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), T0 + 90 * Day);
    QVERIFY(e.ok());
    QCOMPARE(e->levelName(t1), u"Senpai"_s);
    QCOMPARE(e->members[t2].senpaiReactions, 0);
    QCOMPARE(e->members[t2].kohaiReactions, 50);
    QCOMPARE(e->levelName(t2), u"Kohai"_s);
}

void TestPolicy::daimyoNeverCounts()
{
    // Self-reactions, bots, other emoji, a second :dojo: (super) on the same message.
    HistoryBuilder b;
    const Index t = b.user(u"t"_s), s = b.user(u"s"_s), bot = b.user(u"bot"_s, true);
    b.give(t, u"Senpai"_s);
    b.give(s, u"Senpai"_s);
    b.give(bot, u"Senpai"_s);
    const Index m = b.message(t, T0);
    b.react(t, m);
    b.react(bot, m);
    b.react(s, m, u"👍"_s);
    b.react(s, m);
    b.react(s, m, u"dojo"_s, true);
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), T0 + Day);
    QVERIFY(e.ok());
    QCOMPARE(e->members[t].senpaiReactions, 1);
    QCOMPARE(e->members[t].received, 1);
}

// --- R3 ---------------------------------------------------------------------------------

void TestPolicy::karmaCooldown_data()
{
    QTest::addColumn<qint64>("gap");
    QTest::addColumn<bool>("symmetric");
    QTest::addColumn<bool>("reverse");
    QTest::addColumn<int>("karma");
    QTest::newRow("11:59 later: still in cooldown")
        << 11 * Hour + 59 * Minute << false << false << 1;
    QTest::newRow("12:00 later: counts again") << 12 * Hour << false << false << 2;
    QTest::newRow("1 minute later") << Minute << false << false << 1;
    QTest::newRow("a day later") << Day << false << false << 2;
    // B thanks A back: a different pair unless the cooldown is symmetric.
    QTest::newRow("reverse, per direction") << Hour << false << true << 2;
    QTest::newRow("reverse, symmetric") << Hour << true << true << 1;
}

void TestPolicy::karmaCooldown()
{
    QFETCH(qint64, gap);
    QFETCH(bool, symmetric);
    QFETCH(bool, reverse);
    QFETCH(int, karma);
    HistoryBuilder b;
    const Index a = b.user(u"asker"_s), helper = b.user(u"helper"_s);
    b.message(a, T0, u"general"_s, u"thanks <@%1>!"_s.arg(b.h.users[helper].id), {helper});
    if (reverse)
        b.message(helper, T0 + gap, u"general"_s, u"ty <@%1>"_s.arg(b.h.users[a].id), {a});
    else
        b.message(a, T0 + gap, u"general"_s, u"Thank you <@%1>"_s.arg(b.h.users[helper].id),
                  {helper});
    const auto h = b.build();
    Policy p = shipped(u"karma"_s);
    p.karma.cooldownSymmetric = symmetric;
    Evaluator ev(h);
    auto e = ev.evaluate(p, T0 + 2 * Day);
    QVERIFY(e.ok());
    QCOMPARE(int(e->members[helper].score + e->members[a].score), karma);
}

void TestPolicy::karmaThanks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("mentions"); // how many helpers the message mentions
    QTest::addColumn<bool>("reply");   // a reply to helper 0
    QTest::addColumn<bool>("selfMention");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<int>("total");
    QTest::newRow("thanks @a") << u"thanks %1"_s << 1 << false << false << u"general"_s << 1;
    QTest::newRow("thanks @a @b: both")
        << u"thanks %1"_s << 2 << false << false << u"general"_s << 2;
    QTest::newRow("THX in a reply") << u"THX a lot"_s << 0 << true << false << u"general"_s << 1;
    QTest::newRow("reply and mention of the same helper")
        << u"ty %1"_s << 1 << true << false << u"general"_s << 1;
    QTest::newRow("no trigger word")
        << u"great answer %1"_s << 1 << false << false << u"general"_s << 0;
    QTest::newRow("trigger inside a word")
        << u"pretty %1"_s << 1 << false << false << u"general"_s << 0;
    QTest::newRow("self-thanks") << u"thanks %1"_s << 0 << false << true << u"general"_s << 0;
    QTest::newRow("excluded channel")
        << u"thanks %1"_s << 1 << false << false << u"off-topic"_s << 0;
    QTest::newRow("thread of an excluded channel")
        << u"thanks %1"_s << 1 << false << false << u"off-topic thread"_s << 0;
}

void TestPolicy::karmaThanks()
{
    QFETCH(QString, text);
    QFETCH(int, mentions);
    QFETCH(bool, reply);
    QFETCH(bool, selfMention);
    QFETCH(QString, channel);
    QFETCH(int, total);
    HistoryBuilder b;
    b.channel(u"off-topic thread"_s, b.channelNamed(u"off-topic"_s), 11);
    const Index asker = b.user(u"asker"_s);
    const Index h0 = b.user(u"h0"_s), h1 = b.user(u"h1"_s);
    QList<Index> m;
    QString tags;
    for (int i = 0; i < mentions; ++i) {
        m.append(i == 0 ? h0 : h1);
        tags += u"<@%1> "_s.arg(b.h.users[m.back()].id);
    }
    if (selfMention) {
        m.append(asker);
        tags += u"<@%1>"_s.arg(b.h.users[asker].id);
    }
    b.message(asker, T0, channel, text.contains(u"%1"_s) ? text.arg(tags) : text, m,
              reply ? h0 : NoIndex);
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"karma"_s), T0 + Day);
    QVERIFY(e.ok());
    QCOMPARE(int(e->members[h0].score + e->members[h1].score + e->members[asker].score), total);
}

void TestPolicy::karmaLevels_data()
{
    QTest::addColumn<int>("karma");
    QTest::addColumn<int>("level");
    for (const auto &[k, l] : std::vector<std::pair<int, int>>{
             {0, 1}, {9, 1}, {10, 2}, {29, 2}, {30, 3}, {49, 3}, {50, 4}, {99, 4}, {100, 5}})
        QTest::newRow(qPrintable(u"%1 karma"_s.arg(k))) << k << l;
}

void TestPolicy::karmaLevels()
{
    QFETCH(int, karma);
    QFETCH(int, level);
    // Reactions with a karma emoji, 12 hours apart from one giver, plus a self-reaction and
    // a reaction in off-topic that never count.
    HistoryBuilder b;
    const Index giver = b.user(), helper = b.user();
    for (int i = 0; i < karma; ++i)
        b.react(giver, b.message(helper, T0 + i * 12 * Hour), u"🙏"_s);
    b.react(helper, b.message(helper, T0 - Hour), u"🙏"_s);
    b.react(giver, b.message(helper, T0 - 2 * Day, u"off-topic"_s), u"🙏"_s);
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"karma"_s), T0 + 100 * Day);
    QVERIFY(e.ok());
    QCOMPARE(int(e->members[helper].score), karma);
    QCOMPARE(e->policy->levelNumbers[e->members[helper].level], level);
}

// --- R4 ---------------------------------------------------------------------------------

void TestPolicy::credMultiReact()
{
    // Three reactions of weight 2 by one reactor on one message: 2 + 1 + 0.5 = 3.5.
    HistoryBuilder b;
    const Index r = b.user(), a = b.user();
    const Index m = b.message(a, T0);
    for (const QString &e : {u"dojo"_s, u"sourcecred"_s, u"hive"_s})
        b.react(r, m, e);
    const auto h = b.build();
    Policy on = credPolicy(R"("multi_react_dropoff":{"enabled":true,"factor_bp":5000})");
    on.cred.defaultEmojiWeightBp = 20000;
    Policy off = credPolicy({});
    off.cred.defaultEmojiWeightBp = 20000;
    off.onePerMessage = false;
    QCOMPARE(scoreOf(h, on, a, T0 + Day), 3.5);
    QCOMPARE(scoreOf(h, off, a, T0 + Day), 6.0);
}

void TestPolicy::credPairHardReset_data()
{
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::addColumn<double>("total");
    QTest::newRow("three in a window") << QList<qint64>{0, Hour, 2 * Hour} << 1.75;
    QTest::newRow("window resets after 24 h") << QList<qint64>{0, Hour, 2 * Hour, Day} << 2.75;
    QTest::newRow("just before the reset") << QList<qint64>{0, Day - 1} << 1.5;
    QTest::newRow("one a day") << QList<qint64>{0, Day, 2 * Day} << 3.0;
}

void TestPolicy::credPairHardReset()
{
    QFETCH(QList<qint64>, offsets);
    QFETCH(double, total);
    HistoryBuilder b;
    const Index r = b.user(), a = b.user(), other = b.user();
    for (const qint64 o : offsets) {
        b.react(r, b.message(a, T0 + o));
        b.react(r, b.message(other, T0 + o)); // another pair is independent
    }
    const auto h = b.build();
    const Policy p = credPolicy(R"("pair_dropoff":{"mode":"hard_reset"})");
    QCOMPARE(scoreOf(h, p, a, T0 + 10 * Day), total);
    QCOMPARE(scoreOf(h, p, other, T0 + 10 * Day), total);
}

void TestPolicy::credPairRecovery()
{
    // Seed 001: after a first reaction at T=0 the allowance is 0.5x; a second at T=5 h takes
    // 0.74x and the allowance restarts from 0.25x (a third at once takes 0.25x).
    QCOMPARE(policy::recoveryRemaining(0, 12 * Hour, 5000), 1.0);
    QCOMPARE(policy::recoveryRemaining(12 * Hour, 12 * Hour, 5000), 0.0);
    HistoryBuilder b;
    const Index r = b.user(), a = b.user();
    b.react(r, b.message(a, T0));
    b.react(r, b.message(a, T0 + 5 * Hour));
    b.react(r, b.message(a, T0 + 5 * Hour));
    b.react(r, b.message(a, T0 + 5 * Hour + 12 * Hour)); // fully recovered: 1x
    const auto h = b.build();
    const Policy p = credPolicy(R"("pair_dropoff":{"mode":"recovery"})");
    Evaluator ev(h);
    auto c = policy::compile(p, h);
    QVERIFY(c.ok());
    const auto bd = ev.explain(std::make_shared<const policy::CompiledPolicy>(*c), a, T0 + Day);
    QCOMPARE(bd.items.size(), std::size_t(4));
    QCOMPARE(bd.items[0].weight, 1.0);
    QCOMPARE(std::round(bd.items[1].weight * 100) / 100, 0.74);
    QVERIFY(std::abs(bd.items[2].weight - 0.25) < 1e-12);
    QCOMPARE(bd.items[3].weight, 1.0);
}

void TestPolicy::credBudget_data()
{
    QTest::addColumn<int>("reactions");
    QTest::addColumn<int>("channelWeight");
    QTest::addColumn<double>("total");
    QTest::newRow("below the budget: in full") << 6 << 10000 << 6.0;
    QTest::newRow("at the budget") << 10 << 10000 << 10.0;
    QTest::newRow("past it: shared") << 25 << 10000 << 10.0;
    QTest::newRow("a 2x channel counts against it") << 6 << 20000 << 10.0;
}

void TestPolicy::credBudget()
{
    QFETCH(int, reactions);
    QFETCH(int, channelWeight);
    QFETCH(double, total);
    HistoryBuilder b;
    const Index r = b.user();
    std::vector<Index> authors;
    for (int i = 0; i < 5; ++i)
        authors.push_back(b.user());
    for (int i = 0; i < reactions; ++i)
        b.react(r, b.message(authors[i % 5], T0 + i * Hour, u"didathing"_s));
    // The next week has a budget of its own.
    b.react(r, b.message(authors[0], T0 + 8 * Day, u"didathing"_s));
    const auto h = b.build();
    Policy p = credPolicy(R"("reactor_budget":{"enabled":true,"per_week":10})");
    p.cred.defaultChannelWeightBp = channelWeight;
    Evaluator ev(h);
    auto e = ev.evaluate(p, T0 + 6 * Day);
    QVERIFY(e.ok());
    QVERIFY(std::abs(e->totalScore - total) < 1e-9);
    auto e2 = ev.evaluate(p, T0 + 9 * Day);
    QVERIFY(std::abs(e2->totalScore - total - channelWeight / 10000.0) < 1e-9);
}

void TestPolicy::credWeights_data()
{
    QTest::addColumn<QString>("emoji");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("role");
    QTest::addColumn<double>("weight");
    QTest::newRow(":sourcecred: in #general")
        << u"sourcecred"_s << u"general"_s << QString() << 1.0;
    QTest::newRow(":+1: in #general") << u"👍"_s << u"general"_s << QString() << 0.2;
    QTest::newRow(":sourcecred: in #didathing")
        << u"sourcecred"_s << u"didathing"_s << QString() << 2.0;
    QTest::newRow(":sourcecred: in #memes") << u"sourcecred"_s << u"memes"_s << QString() << 0.0;
    QTest::newRow("thread of #didathing")
        << u"sourcecred"_s << u"didathing thread"_s << QString() << 2.0;
    QTest::newRow("category fallback") << u"sourcecred"_s << u"props"_s << QString() << 3.0;
    QTest::newRow("Sensei reactor") << u"👍"_s << u"didathing"_s << u"Sensei"_s << 0.6;
    QTest::newRow("max over roles") << u"sourcecred"_s << u"general"_s << u"Senpai+Sensei"_s << 1.5;
    QTest::newRow("unweighted emoji") << u"hive"_s << u"general"_s << QString() << 0.0;
}

void TestPolicy::credWeights()
{
    QFETCH(QString, emoji);
    QFETCH(QString, channel);
    QFETCH(QString, role);
    QFETCH(double, weight);
    HistoryBuilder b;
    b.channel(u"didathing thread"_s, b.channelNamed(u"didathing"_s), 11);
    const Index shout = b.channel(u"Shoutouts"_s, NoIndex, 4);
    b.channel(u"props"_s, shout);
    const Index r = b.user(), a = b.user();
    for (const QString &part : role.split(u'+', Qt::SkipEmptyParts))
        b.give(r, part);
    b.react(r, b.message(a, T0, channel), emoji);
    const auto h = b.build();
    const Policy p = credPolicy(
        R"("emoji_weights_bp":{"sourcecred":10000,"👍":2000},"default_emoji_weight_bp":0,
           "channel_weights_bp":{"didathing":20000,"memes":0,"Shoutouts":30000},
           "role_weights_bp":{"Sensei":15000,"Senpai":12500})");
    QVERIFY(std::abs(scoreOf(h, p, a, T0 + Day) - weight) < 1e-12);
    // The same weight for weighted pair matrices (gavel pairs --policy).
    Evaluator ev(h);
    auto c = policy::compile(p, h);
    QVERIFY(c.ok());
    const std::vector<double> w = policy::reactionWeights(*c, ev.index());
    QCOMPARE(w.size(), std::size_t(1));
    QVERIFY(std::abs(w[0] - weight) < 1e-12);
}

void TestPolicy::credTrustTiers()
{
    // A reactor scoring 0 mints nothing; once it has received 30 (by the week before) it
    // mints at 0.5x.
    HistoryBuilder b;
    const Index fresh = b.user(), a = b.user();
    const Index seed = b.user();
    b.give(seed, u"Felt"_s);
    b.react(fresh, b.message(a, T0)); // week 0: fresh has 0
    for (int i = 0; i < 30; ++i)
        b.react(seed, b.message(fresh, T0 + i * Hour));
    b.react(fresh, b.message(a, T0 + 7 * Day)); // week 1: fresh has 30
    const auto h = b.build();
    const Policy p = credPolicy(
        R"("trust_tiers":{"enabled":true,"tiers":[{"min":0,"weight_bp":0},
           {"min":30,"weight_bp":5000},{"min":100,"weight_bp":10000}]},
           "merit_sources":{"enabled":true,"roles":["Felt"],"reactions":1})");
    QCOMPARE(scoreOf(h, p, fresh, T0 + 14 * Day), 30.0);
    QCOMPARE(scoreOf(h, p, a, T0 + 6 * Day), 0.0);
    QCOMPARE(scoreOf(h, p, a, T0 + 14 * Day), 0.5);
}

void TestPolicy::credMeritSources()
{
    // Unverified reactors mint nothing; after 2 reactions from a merit source, week 1 is
    // capped at 40 (here 3), week 2 at 80 (here 5), then uncapped.
    HistoryBuilder b;
    const Index n = b.user(), seed = b.user();
    std::vector<Index> authors;
    for (int i = 0; i < 20; ++i)
        authors.push_back(b.user());
    b.give(seed, u"Sensei"_s);
    b.react(n, b.message(authors[0], T0)); // before verification
    b.react(seed, b.message(n, T0 + Hour));
    b.react(seed, b.message(n, T0 + 2 * Hour)); // verified now
    for (int w = 0; w < 3; ++w) {
        for (int i = 0; i < 10; ++i)
            b.react(n, b.message(authors[1 + i], T0 + w * 7 * Day + 3 * Hour + i * Minute));
    }
    const auto h = b.build();
    const Policy p = credPolicy(R"("merit_sources":{"enabled":true,"roles":["Sensei"],
        "reactions":2,"ramp":[{"week":1,"cap":3},{"week":2,"cap":5}]})");
    Evaluator ev(h);
    auto e = ev.evaluate(p, T0 + 30 * Day);
    QVERIFY(e.ok());
    double minted = 0;
    for (std::size_t i = 0; i < authors.size(); ++i)
        minted += e->members[authors[i]].score;
    QVERIFY2(std::abs(minted - (3 + 5 + 10)) < 1e-9, qPrintable(QString::number(minted)));
    QCOMPARE(e->members[authors[0]].score, 0.0);
}

void TestPolicy::credChannelAndPlatformBudgets()
{
    HistoryBuilder b;
    std::vector<Index> r;
    for (int i = 0; i < 8; ++i)
        r.push_back(b.user());
    const Index a = b.user();
    for (int i = 0; i < 8; ++i) {
        b.react(r[i], b.message(a, T0 + i * Hour, u"general"_s));
        b.react(r[i], b.message(a, T0 + i * Hour, u"didathing"_s));
    }
    const auto h = b.build();
    // #general: 8 minted, budget 4 -> scaled by 0.5; didathing untouched: 4 + 8 = 12.
    const Policy channel = credPolicy(R"("channel_budgets":{"general":4})");
    QCOMPARE(scoreOf(h, channel, a, T0 + Day), 12.0);
    // Platform: 16 minted, budget 6 -> everything scaled to 6 in total.
    const Policy platform = credPolicy(R"("platform_budget":{"enabled":true,"per_week":6})");
    QVERIFY(std::abs(scoreOf(h, platform, a, T0 + Day) - 6.0) < 1e-9);
}

void TestPolicy::credPairDiscount()
{
    // A and B react to each other 10 times each: M = 10, k = 10 -> factor 0.5.
    HistoryBuilder b;
    const Index a = b.user(), bb = b.user(), c = b.user();
    for (int i = 0; i < 10; ++i) {
        b.react(a, b.message(bb, T0 + i * Hour));
        b.react(bb, b.message(a, T0 + i * Hour));
        b.react(c, b.message(a, T0 + i * Hour + Minute)); // one-way: no discount
    }
    const auto h = b.build();
    const Policy p = credPolicy(R"("pair_discount":{"enabled":true,"k":10})");
    QVERIFY(std::abs(scoreOf(h, p, bb, T0 + Day) - 5.0) < 1e-9);
    QVERIFY(std::abs(scoreOf(h, p, a, T0 + Day) - 15.0) < 1e-9);
}

// --- R5 ---------------------------------------------------------------------------------

void TestPolicy::conversation_data()
{
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::addColumn<QList<int>>("lengths");
    QTest::addColumn<QList<bool>>("deleted");
    QTest::addColumn<int>("perMessage");
    QTest::addColumn<int>("score");
    const QList<int> three{100, 100, 100};
    const QList<bool> oneDeleted{false, true, false};
    // Seed 002: 300 - 110 = 190; within one minute the cap makes it 200 - 110 = 90 (before
    // the flat per-message deduction, which is listed separately).
    QTest::newRow("190") << QList<qint64>{0, 2 * Minute, 4 * Minute} << three << oneDeleted << 0
                         << 190;
    QTest::newRow("90 within one minute")
        << QList<qint64>{0, 20000, 40000} << three << oneDeleted << 0 << 90;
    QTest::newRow("190 minus 3x10")
        << QList<qint64>{0, 2 * Minute, 4 * Minute} << three << oneDeleted << 10 << 160;
    QTest::newRow("90 minus 3x10")
        << QList<qint64>{0, 20000, 40000} << three << oneDeleted << 10 << 60;
    QTest::newRow("one message does not count")
        << QList<qint64>{0} << QList<int>{300} << QList<bool>{false} << 0 << 0;
    QTest::newRow("49 characters do not count")
        << QList<qint64>{0, Minute} << QList<int>{24, 25} << QList<bool>{false, false} << 0 << 0;
    QTest::newRow("50 characters count")
        << QList<qint64>{0, Minute} << QList<int>{25, 25} << QList<bool>{false, false} << 10 << 30;
    QTest::newRow("10 minutes of silence end a session")
        << QList<qint64>{0, 10 * Minute} << QList<int>{100, 100} << QList<bool>{false, false} << 0
        << 0;
    QTest::newRow("two sessions") << QList<qint64>{0, Minute, 30 * Minute, 31 * Minute}
                                  << QList<int>{30, 30, 40, 40}
                                  << QList<bool>{false, false, false, false} << 0 << 140;
}

void TestPolicy::conversation()
{
    QFETCH(QList<qint64>, offsets);
    QFETCH(QList<int>, lengths);
    QFETCH(QList<bool>, deleted);
    QFETCH(int, perMessage);
    QFETCH(int, score);
    HistoryBuilder b;
    const Index u = b.user();
    for (int i = 0; i < offsets.size(); ++i) {
        const Index m = b.message(u, T0 + offsets[i], u"general"_s, QString(lengths[i], u'x'));
        if (deleted[i])
            b.h.messages[m].deletedAt = T0 + Day;
    }
    const auto h = b.build();
    QCOMPARE(scoreOf(h, conversationPolicy(perMessage), u, T0 + 2 * Day), double(score));
}

void TestPolicy::conversationVisibleText()
{
    // <@id> counts as @name, <:dojo:id> as :dojo: (R5: ids are not typed by the user).
    HistoryBuilder b;
    const Index u = b.user(u"speaker"_s), v = b.user(u"bob"_s);
    const QString text = u"hi <@%1> <:dojo:123456789012345678>"_s.arg(b.h.users[v].id);
    b.message(u, T0, u"general"_s, text);
    const auto h = b.build();
    Evaluator ev(h);
    QCOMPARE(ev.index().visibleChars[0], qint32(QStringLiteral("hi @bob :dojo:").size()));
}

// --- plan, compare, breakdown -----------------------------------------------------------

void TestPolicy::planDaimyo()
{
    // Promotion Kohai -> Senpai adds Senpai and keeps Kohai; exempt and unmanaged roles stay.
    HistoryBuilder b;
    const Index t = b.user(u"t"_s), s = b.user(u"s"_s);
    b.give(t, u"Kohai"_s);
    b.give(t, u"Artist"_s);
    b.give(t, u"Moderator"_s);
    b.give(s, u"Senpai"_s);
    for (int i = 0; i < 50; ++i)
        b.react(s, b.message(t, T0 + i * Hour));
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(shipped(u"daimyo"_s), T0 + 10 * Day);
    QVERIFY(e.ok());
    const auto changes = policy::plan(ev.index(), *e);
    std::vector<policy::PlanChange> forT;
    for (const auto &c : changes) {
        if (c.user == t)
            forT.push_back(c);
    }
    QCOMPARE(forT.size(), std::size_t(1));
    QCOMPARE(forT[0].action, u"promote"_s);
    QVERIFY(forT[0].add);
    QCOMPARE(h.roles[forT[0].role].name, u"Senpai"_s);
    QVERIFY2(forT[0].reason.contains(u"50 reactions"_s), qPrintable(forT[0].reason));
    // s lacks Kohai: automatic.
    const bool kohai = std::any_of(changes.begin(), changes.end(), [&](const auto &c) {
        return c.user == s && c.add && h.roles[c.role].name == u"Kohai"_s;
    });
    QVERIFY(kohai);
}

void TestPolicy::planDeactivation()
{
    HistoryBuilder b;
    const Index x = b.user(u"x"_s), y = b.user(u"y"_s), z = b.user(u"z"_s);
    b.give(x, u"Kohai"_s);
    b.give(x, u"Senpai"_s);
    b.give(y, u"Kohai"_s);
    b.give(y, u"Deactivated"_s);
    b.give(z, u"Kohai"_s);
    b.give(z, u"Deactivated"_s);
    const auto h = b.build();
    Policy p = shipped(u"daimyo"_s);
    p.deactivations.push_back({h.users[x].id, T0, u"ring"_s});
    p.reactivations.append(h.users[z].id);
    auto c = policy::compile(p, h);
    QVERIFY(c.ok());
    Evaluator ev(h);
    const auto e = ev.evaluate(std::make_shared<const policy::CompiledPolicy>(*c), T0 + Day);
    const auto changes = policy::plan(ev.index(), e);
    QStringList got;
    for (const auto &ch : changes)
        got.append(u"%1 %2 %3%4"_s.arg(h.users[ch.user].username, ch.action,
                                       ch.add ? u"+"_s : u"-"_s, h.roles[ch.role].name));
    // x loses Senpai (never Kohai) and gets Deactivated; y stays; z is reactivated.
    QCOMPARE(got, (QStringList{u"x deactivate -Senpai"_s, u"x deactivate +Deactivated"_s,
                               u"z reactivate -Deactivated"_s}));
}

void TestPolicy::recordedDeactivation_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<bool>("deactivateAuthor"); // else the reactor
    for (const QString &name : {u"cred"_s, u"daimyo"_s, u"pollen-2020"_s}) {
        QTest::addRow("%s author", qPrintable(name)) << name << true;
        QTest::addRow("%s reactor", qPrintable(name)) << name << false;
    }
}

// A deactivation recorded through core/moderation zeroes what the member mints and receives
// from its start, under every policy; the reactivation restores it from its end.
void TestPolicy::recordedDeactivation()
{
    QFETCH(QString, policy);
    QFETCH(bool, deactivateAuthor);
    HistoryBuilder b;
    const Index a = b.user(u"a"_s), r = b.user(u"r"_s);
    b.give(a, u"Kohai"_s);
    b.give(r, u"Kohai"_s);
    b.give(r, u"Senpai"_s);
    // Messages on days 1, 3 and 5 each get a reaction; the deactivation covers days 2-4.
    for (const qint64 d : {1, 3, 5}) {
        const Index m = b.message(a, T0 + d * Day, u"general"_s);
        b.react(r, m, u"dojo"_s);
    }
    const auto h = b.build();
    const Policy p = policy == u"cred"_s ? credPolicy({}) : shipped(policy);
    const quint64 who = h.users[deactivateAuthor ? a : r].id;

    StoreTestDatabase tmp(store::Backend::Sqlite);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY2(opened.ok(), opened ? "" : qPrintable(opened.error().text()));
    store::Database &db = **opened;

    const auto scoreWith = [&](qint64 at) -> double {
        auto c = policy::compile(p, h, db, h.guildId);
        if (!c)
            qFatal("%s", qPrintable(c.error().text()));
        Evaluator ev(h);
        return ev.evaluate(std::make_shared<const policy::CompiledPolicy>(std::move(*c)), at)
            .members[a]
            .score;
    };
    const qint64 end = T0 + 6 * Day;
    const double full = scoreWith(end);
    QVERIFY2(full > 0, "the policy counts the three reactions without a deactivation");

    QVERIFY(moderation::recordDeactivation(db, h.guildId, who, T0 + 2 * Day, std::nullopt, {}));
    const double deactivated = scoreWith(end);
    // Only day 1 counts: the deactivation has not ended.
    QCOMPARE(deactivated, scoreWith(T0 + 2 * Day - 1));
    QVERIFY(deactivated < full);
    // Another guild's deactivations do not apply.
    QVERIFY(moderation::recordDeactivation(db, h.guildId + 1, h.users[a].id, T0, std::nullopt, {}));
    QCOMPARE(scoreWith(end), deactivated);

    QVERIFY(moderation::recordReactivation(db, h.guildId, who, T0 + 4 * Day, std::nullopt));
    const double reactivated = scoreWith(end);
    QVERIFY(reactivated > deactivated);
    // Days 1 and 5 count, day 3 stays inside the deactivation.
    QVERIFY(reactivated < full);

    // The breakdown names the deactivation.
    auto c = policy::compile(p, h, db, h.guildId);
    QVERIFY(c.ok());
    Evaluator ev(h);
    const auto bd = ev.explain(std::make_shared<const policy::CompiledPolicy>(*c), a, end);
    QStringList refused;
    for (const auto &item : bd.items) {
        if (!item.counted)
            refused.append(item.reason);
    }
    const QString expected = (deactivateAuthor ? u"the author is"_s : u"the reactor is"_s) +
                             u" deactivated since 2026-01-07"_s;
    QVERIFY2(refused.contains(expected), qPrintable(refused.join(u" | "_s)));
}

// The plan of a member with an open recorded deactivation takes their level roles away and
// says which proposal deactivated them; the evaluator's own compile honours the records too.
void TestPolicy::recordedDeactivationPlan()
{
    HistoryBuilder b;
    const Index x = b.user(u"x"_s), y = b.user(u"y"_s);
    b.give(x, u"Kohai"_s);
    b.give(x, u"Senpai"_s);
    b.give(y, u"Kohai"_s);
    const Index m = b.message(y, T0 + 2 * Day);
    b.react(x, m, u"dojo"_s);
    const auto h = b.build();
    const Policy p = shipped(u"daimyo"_s);
    const std::vector<policy::RecordedDeactivation> recorded{{h.users[x].id, T0 + Day, NoTime, 42}};
    auto c = policy::compile(p, h, recorded);
    QVERIFY(c.ok());
    Evaluator ev(h);
    const auto e = ev.evaluate(std::make_shared<const policy::CompiledPolicy>(*c), T0 + 3 * Day);
    const auto changes = policy::plan(ev.index(), e);
    QStringList got;
    for (const auto &ch : changes) {
        if (ch.user == x)
            got.append(u"%1 %2%3 %4"_s.arg(ch.action, ch.add ? u"+"_s : u"-"_s,
                                           h.roles[ch.role].name, ch.reason));
    }
    const QString why =
        u"Deactivated since 2026-01-06 (proposal 42): mints and receives nothing until a "
        u"reactivation."_s;
    QCOMPARE(got,
             (QStringList{u"deactivate -Senpai "_s + why, u"deactivate +Deactivated "_s + why}));

    // Evaluator::evaluate(Policy) compiles with the records it was given.
    Evaluator plain(h);
    const auto before = plain.evaluate(p, T0 + 3 * Day);
    QVERIFY(before.ok());
    QCOMPARE(before->members[y].received, 1);
    plain.setRecordedDeactivations(recorded);
    const auto after = plain.evaluate(p, T0 + 3 * Day);
    QVERIFY(after.ok());
    QCOMPARE(after->members[y].received, 0);
}

void TestPolicy::compareSpearman()
{
    QCOMPARE(policy::spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
    QCOMPARE(policy::spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
    QVERIFY(std::abs(policy::spearman({1, 2, 2, 3}, {1, 2, 2, 3}) - 1.0) < 1e-12);
    QCOMPARE(policy::topShare({50, 30, 10, 5, 5, 0, 0, 0, 0, 0}, 0.10), 0.5);
    QCOMPARE(policy::topShare({1, 1, 1, 1}, 0.01), 0.25);

    // A ring trading multi-reacts gains under pollen-2020, less under the hardened policy.
    HistoryBuilder b;
    std::vector<Index> ring, others;
    for (int i = 0; i < 3; ++i)
        ring.push_back(b.user());
    for (int i = 0; i < 20; ++i)
        others.push_back(b.user());
    for (int d = 0; d < 20; ++d) {
        for (const Index x : ring) {
            for (const Index y : ring) {
                if (x == y)
                    continue;
                const Index m = b.message(y, T0 + d * Day + x * Minute);
                b.react(x, m, u"sourcecred"_s);
                b.react(x, m, u"hive"_s);
            }
        }
        for (std::size_t i = 0; i < others.size(); ++i)
            b.react(others[(i + 1 + d) % others.size()], b.message(others[i], T0 + d * Day + Hour),
                    u"sourcecred"_s);
    }
    const auto h = b.build();
    Evaluator ev(h);
    auto a = ev.evaluate(shipped(u"pollen-2020"_s), T0 + 30 * Day);
    auto c = ev.evaluate(credPolicy(R"("pair_dropoff":{"mode":"hard_reset"},
        "reactor_budget":{"enabled":true,"per_week":3},"pair_discount":{"enabled":true,"k":10})"),
                         T0 + 30 * Day);
    QVERIFY(a.ok() && c.ok());
    const auto cmp = policy::compare(h, *a, *c, {{u"ring-1"_s, u"ring"_s, ring}});
    QCOMPARE(cmp.population, 23);
    QCOMPARE(cmp.groups.size(), std::size_t(1));
    QVERIFY2(cmp.groups[0].shareB < cmp.groups[0].shareA,
             qPrintable(u"%1 %2"_s.arg(cmp.groups[0].shareA).arg(cmp.groups[0].shareB)));
    QVERIFY(cmp.top10A > cmp.top10B);
}

void TestPolicy::breakdownExplains()
{
    HistoryBuilder b;
    const Index t = b.user(u"t"_s), s = b.user(u"s"_s), k = b.user(u"k"_s);
    b.give(s, u"Sensei"_s);
    const Index m = b.message(t, T0);
    b.react(s, m);
    b.react(k, m);
    b.react(t, m);
    const auto h = b.build();
    Evaluator ev(h);
    auto c = policy::compile(shipped(u"daimyo"_s), h);
    QVERIFY(c.ok());
    const auto bd = ev.explain(std::make_shared<const policy::CompiledPolicy>(*c), t, T0 + Day);
    QStringList reasons;
    for (const auto &i : bd.items)
        reasons.append(h.users[i.giver].username + u": "_s + i.reason);
    reasons.sort();
    QCOMPARE(reasons, (QStringList{u"k: from a Kohai at the time: shown, never counted"_s,
                                   u"s: from a Sensei at the time"_s, u"t: self-reaction"_s}));
}

// --- properties -------------------------------------------------------------------------

namespace {

HistoryBuilder randomGuild(quint32 seed)
{
    QRandomGenerator rng(seed);
    HistoryBuilder b;
    std::vector<Index> users;
    for (int i = 0; i < 30; ++i) {
        users.push_back(b.user({}, i == 29));
        b.give(users.back(), u"Kohai"_s);
        const int r = rng.bounded(10);
        if (r < 3)
            b.give(users.back(), u"Senpai"_s, T0 + rng.bounded(40) * Day);
        else if (r < 5)
            b.give(users.back(), u"Sensei"_s);
        else if (r == 5)
            b.give(users.back(), u"Felt"_s);
        if (i == 7)
            b.give(users.back(), u"Deactivated"_s, T0 + 20 * Day);
    }
    const QStringList channels{u"general"_s, u"didathing"_s, u"memes"_s, u"off-topic"_s};
    const QStringList emoji{u"dojo"_s, u"sourcecred"_s, u"hive"_s, u"👍"_s, u"🙏"_s, u"❤️"_s};
    std::vector<Index> msgs;
    for (int i = 0; i < 500; ++i) {
        const Index a = users[rng.bounded(29)];
        const Index other = users[rng.bounded(29)];
        const int kind = rng.bounded(5);
        QString text = QString(rng.bounded(1, 180), u'a');
        QList<Index> mentions;
        if (kind == 0) {
            text = u"thanks <@%1> for that"_s.arg(b.h.users[other].id);
            mentions.append(other);
        }
        const Index m =
            b.message(a, T0 + qint64(rng.bounded(60 * 24 * 60)) * Minute, channels[rng.bounded(4)],
                      text, mentions, kind == 1 ? other : NoIndex);
        if (rng.bounded(20) == 0)
            b.h.messages[m].deletedAt = T0 + 61 * Day;
        msgs.push_back(m);
    }
    for (int i = 0; i < 3000; ++i) {
        const Index m = msgs[rng.bounded(static_cast<int>(msgs.size()))];
        const Index r = rng.bounded(15) == 0 ? b.h.messages[m].author : users[rng.bounded(30)];
        b.react(r, m, emoji[rng.bounded(6)], rng.bounded(30) == 0);
    }
    // Deduplicate (reactor, message, emoji, burst) as the store does.
    std::sort(b.h.reactions.begin(), b.h.reactions.end(),
              [](const history::Reaction &x, const history::Reaction &y) {
                  return std::tie(x.message, x.emoji, x.reactor, x.burst) <
                         std::tie(y.message, y.emoji, y.reactor, y.burst);
              });
    b.h.reactions.erase(std::unique(b.h.reactions.begin(), b.h.reactions.end(),
                                    [](const history::Reaction &x, const history::Reaction &y) {
                                        return x.message == y.message && x.emoji == y.emoji &&
                                               x.reactor == y.reactor && x.burst == y.burst;
                                    }),
                        b.h.reactions.end());
    return b;
}

const QByteArray allCredRules = R"("emoji_weights_bp":{"sourcecred":10000,"👍":2000},
    "channel_weights_bp":{"didathing":20000,"memes":0},"role_weights_bp":{"Sensei":15000},
    "multi_react_dropoff":{"enabled":true},"pair_dropoff":{"mode":"recovery"},
    "reactor_budget":{"enabled":true,"per_week":4},
    "merit_sources":{"enabled":true,"roles":["Felt","Sensei"],"reactions":2,
                     "ramp":[{"week":1,"cap":2},{"week":2,"cap":3}]},
    "channel_budgets":{"general":20},"platform_budget":{"enabled":true,"per_week":60},
    "pair_discount":{"enabled":true,"k":5})";

} // namespace

void TestPolicy::properties_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint32>("seed");
    for (const QString &p : {u"daimyo"_s, u"karma"_s, u"pollen-2020"_s, u"pollen-hardened"_s,
                             u"cred-all-rules"_s, u"conversation"_s}) {
        for (quint32 seed : {1u, 2u, 3u})
            QTest::newRow(qPrintable(u"%1 seed %2"_s.arg(p).arg(seed))) << p << seed;
    }
}

void TestPolicy::properties()
{
    QFETCH(QString, name);
    QFETCH(quint32, seed);
    const Policy p = name == u"cred-all-rules"_s ? credPolicy(allCredRules)
                     : name == u"conversation"_s ? conversationPolicy(10)
                                                 : shipped(name);
    const qint64 at = T0 + 70 * Day;
    HistoryBuilder b = randomGuild(seed);
    const auto h = b.build();
    Evaluator ev(h);
    auto e = ev.evaluate(p, at);
    QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().text()));

    // Replaying the same history twice gives identical output, also from a fresh index.
    Evaluator ev2(h);
    auto again = ev2.evaluate(p, at);
    for (std::size_t u = 0; u < h.users.size(); ++u) {
        QCOMPARE(again->members[u].score, e->members[u].score);
        QCOMPARE(again->members[u].level, e->members[u].level);
    }
    const auto plan1 = policy::plan(ev.index(), *e), plan2 = policy::plan(ev2.index(), *again);
    QCOMPARE(plan1.size(), plan2.size());
    for (std::size_t i = 0; i < plan1.size(); ++i)
        QVERIFY(plan1[i].user == plan2[i].user && plan1[i].role == plan2[i].role &&
                plan1[i].reason == plan2[i].reason);

    // Removing self-reactions never changes a score.
    HistoryBuilder noSelf = b;
    const auto selfCount = std::count_if(noSelf.h.reactions.begin(), noSelf.h.reactions.end(),
                                         [](const auto &r) { return r.reactor == r.author; });
    QVERIFY(selfCount > 0);
    std::erase_if(noSelf.h.reactions, [](const auto &r) { return r.reactor == r.author; });
    const auto h2 = noSelf.build();
    Evaluator ev3(h2);
    auto e3 = ev3.evaluate(p, at);
    for (std::size_t u = 0; u < h.users.size(); ++u)
        QCOMPARE(e3->members[u].score, e->members[u].score);

    // Adding a reaction never lowers the receiver's raw count.
    QRandomGenerator rng(seed * 7919);
    for (int trial = 0; trial < 10; ++trial) {
        HistoryBuilder more = b;
        const Index m = rng.bounded(static_cast<int>(more.h.messages.size()));
        const Index reactor = rng.bounded(29);
        const QString emoji = QStringList{u"dojo"_s, u"sourcecred"_s, u"🙏"_s}[rng.bounded(3)];
        const bool exists =
            std::any_of(more.h.reactions.begin(), more.h.reactions.end(), [&](const auto &r) {
                return r.message == m && r.reactor == reactor &&
                       r.emoji == more.emojiNamed(emoji) && !r.burst;
            });
        if (exists)
            continue;
        more.react(reactor, m, emoji);
        const auto h3 = more.build();
        Evaluator ev4(h3);
        auto e4 = ev4.evaluate(p, at);
        const Index author = more.h.messages[m].author;
        QVERIFY2(e4->members[author].received >= e->members[author].received,
                 qPrintable(u"trial %1"_s.arg(trial)));
    }

    // A budget is never exceeded: what each reactor minted per week stays within it.
    if (p.scoring == policy::Scoring::Cred && p.cred.reactorBudget) {
        auto c = policy::compile(p, h);
        QVERIFY(c.ok());
        const auto cp = std::make_shared<const policy::CompiledPolicy>(*c);
        std::map<std::pair<Index, qint64>, double> minted;
        std::map<qint64, double> platform;
        double total = 0;
        for (std::size_t u = 0; u < h.users.size(); ++u) {
            const auto bd = ev.explain(cp, static_cast<Index>(u), at);
            double sum = 0;
            for (const auto &i : bd.items) {
                minted[{i.giver, policy::weekOf(i.at)}] += i.weight;
                platform[policy::weekOf(i.at)] += i.weight;
                sum += i.weight;
            }
            QVERIFY(std::abs(sum - e->members[u].score) < 1e-9);
            total += sum;
        }
        QVERIFY(total > 0);
        for (const auto &[key, v] : minted)
            QVERIFY2(v <= double(p.cred.reactorBudgetPerWeek) + 1e-9,
                     qPrintable(u"reactor %1 minted %2"_s.arg(key.first).arg(v)));
        if (p.cred.platformBudgetPerWeek > 0) {
            for (const auto &[week, v] : platform)
                QVERIFY(v <= double(p.cred.platformBudgetPerWeek) + 1e-9);
        }
    }
}

// The cred first stage an Evaluator keeps between evaluations gives exactly what a fresh
// Evaluator computes, whether the change only touches later stages (reused) or the weights,
// exclusions, deactivations or time (rebuilt).
void TestPolicy::credCacheMatchesFresh_data()
{
    QTest::addColumn<QString>("change");
    for (const char *c : {"multi-react factor", "budget", "pair factor", "pair window",
                          "pair recovery", "merit reactions", "merit roles", "discount k",
                          "emoji weight", "excluded user", "recorded deactivation", "time"})
        QTest::newRow(c) << QString::fromLatin1(c);
}

void TestPolicy::credCacheMatchesFresh()
{
    QFETCH(QString, change);
    const auto h = randomGuild(17).build();
    const Policy p = shipped(u"pollen-hardened"_s);
    Evaluator kept(h);
    qint64 at = T0 + 50 * Day;
    auto first = kept.evaluate(p, at);
    QVERIFY(first.ok());
    Policy changed = p;
    std::vector<policy::RecordedDeactivation> recorded;
    if (change == u"multi-react factor"_s)
        changed.cred.multiReactFactorBp = 3000;
    else if (change == u"budget"_s)
        changed.cred.reactorBudgetPerWeek = 3;
    else if (change == u"pair factor"_s)
        changed.cred.pairFactorBp = 2500;
    else if (change == u"pair window"_s)
        changed.cred.pairWindowMinutes = 180;
    else if (change == u"pair recovery"_s)
        changed.cred.pairDropoff = policy::PairDropoff::Recovery;
    else if (change == u"merit reactions"_s)
        changed.cred.meritReactions = 1000;
    else if (change == u"merit roles"_s)
        changed.cred.meritRoles = {u"Felt"_s};
    else if (change == u"discount k"_s)
        changed.cred.pairDiscountK = 2;
    else if (change == u"emoji weight"_s)
        for (auto &w : changed.cred.emojiWeightsBp)
            w.second += 5000;
    else if (change == u"excluded user"_s)
        changed.excludedUsers.append(h.users[3].id);
    else if (change == u"recorded deactivation"_s)
        recorded.push_back({h.users[4].id, T0 + 10 * Day, T0 + 30 * Day, 1});
    else
        at -= 5 * Day;
    kept.setRecordedDeactivations(recorded);
    auto again = kept.evaluate(changed, at);
    QVERIFY(again.ok());
    Evaluator fresh(h);
    fresh.setRecordedDeactivations(recorded);
    auto expected = fresh.evaluate(changed, at);
    QVERIFY(expected.ok());
    QCOMPARE(again->totalScore, expected->totalScore);
    for (std::size_t u = 0; u < h.users.size(); ++u) {
        QCOMPARE(again->members[u].score, expected->members[u].score);
        QCOMPARE(again->members[u].received, expected->members[u].received);
    }
    // The change is visible: a cache that ignored it would give the first evaluation again.
    QVERIFY(again->totalScore != first->totalScore);
    // And back: what the evaluator kept from the changed policy does not leak into the
    // original one.
    kept.setRecordedDeactivations({});
    auto back = kept.evaluate(p, T0 + 50 * Day);
    QVERIFY(back.ok());
    for (std::size_t u = 0; u < h.users.size(); ++u)
        QCOMPARE(back->members[u].score, first->members[u].score);
}

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
