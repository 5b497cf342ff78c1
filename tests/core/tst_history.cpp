// History::load() over both backends: what the store holds comes back as dense, ordered arrays;
// role spans follow member_roles and member_role_history.

#include "StoreSampleGuild.h"
#include "StoreTestDatabase.h"
#include "common/Snowflake.h"
#include "history/History.h"
#include "store/Repository.h"

#include <QSet>
#include <QTest>

#include <map>
#include <set>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace gavel;
using gavel::history::History;
using gavel::history::Index;
using gavel::history::NoIndex;
using gavel::history::NoTime;

namespace {

constexpr qint64 seenAt = 1700000000000;

quint64 idAt(qint64 minutes, quint64 sequence)
{
    return snowflake::fromMsecs(1609459200000 + minutes * 60000) + sequence;
}

void backendRows()
{
    test::addBackendColumn();
    test::addBackendRows();
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsSampleGuild_data() { backendRows(); }
    void loadsSampleGuild();
    void removedAndDeletedAreOptional_data() { backendRows(); }
    void removedAndDeletedAreOptional();
    void roleSpans_data() { backendRows(); }
    void roleSpans();
    void unknownGuild_data() { backendRows(); }
    void unknownGuild();
    void handBuiltHistory();
    void displayName_data();
    void displayName();
};

void TestHistory::loadsSampleGuild()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::StoreTestDatabase testDb(backend);
    QVERIFY2(testDb.isValid(), qPrintable(testDb.error()));
    auto db = testDb.open();
    QVERIFY2(db, qPrintable(db ? QString() : db.error().text()));
    store::Repository repository(**db);
    const test::StoreSampleGuild sample = test::StoreSampleGuild::make(3, 15, 80);
    const auto written = test::writeSampleGuild(repository, sample, seenAt, {7, 9});
    QVERIFY2(written, qPrintable(written ? QString() : written.error().text()));

    history::LoadOptions options;
    options.content = true;
    auto loaded = History::load(**db, sample.guild.id, options);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().text()));
    const History &h = *loaded;

    QCOMPARE(h.guildId, sample.guild.id);
    QCOMPARE(h.guildName, sample.guild.name);
    QCOMPARE(h.roles.size(), size_t(sample.roles.size()));
    QCOMPARE(h.channels.size(), size_t(sample.channels.size()));
    for (const store::ChannelRecord &c : sample.channels) {
        const Index i = h.channelIndex(c.id);
        QVERIFY(i != NoIndex);
        QCOMPARE(h.channels[i].name, c.name);
        QCOMPARE(h.channels[i].type, c.type);
        if (c.parentId)
            QCOMPARE(h.channels[h.channels[i].parent].id, *c.parentId);
        else
            QCOMPARE(h.channels[i].parent, NoIndex);
    }

    // Every member, and every other user the history names, with its attributes.
    QSet<quint64> memberIds;
    for (const store::MemberRecord &m : sample.members)
        memberIds.insert(m.userId);
    for (const store::UserRecord &u : sample.users) {
        const Index i = h.userIndex(u.id);
        if (i == NoIndex) {
            QVERIFY2(!memberIds.contains(u.id), "a member is missing");
            continue;
        }
        const history::User &user = h.users[i];
        QCOMPARE(user.username, u.username);
        QCOMPARE(user.globalName, u.globalName);
        QCOMPARE(user.bot, u.bot);
        QCOMPARE(user.member, memberIds.contains(u.id));
        QCOMPARE(user.createdAt, snowflake::toMsecs(u.id));
    }
    for (const store::MemberRecord &m : sample.members) {
        const history::User &user = h.users[h.userIndex(m.userId)];
        QCOMPARE(user.nick, m.nick);
        QCOMPARE(user.joinedAt, m.joinedAt.value_or(NoTime));
    }

    // Messages in id order, with author, channel, reply target, content and mentions.
    QCOMPARE(h.messages.size(), size_t(sample.messages.size()));
    QCOMPARE(h.content.size(), h.messages.size());
    for (size_t i = 1; i < h.messages.size(); ++i)
        QVERIFY(h.messages[i - 1].id < h.messages[i].id);
    for (const store::MessageRecord &m : sample.messages) {
        const Index i = h.messageIndex(m.id);
        QVERIFY(i != NoIndex);
        const history::Message &message = h.messages[i];
        QCOMPARE(h.users[message.author].id, m.authorId);
        QCOMPARE(h.channels[message.channel].id, m.channelId);
        QCOMPARE(message.createdAt, snowflake::toMsecs(m.id));
        QCOMPARE(message.replyToAuthor == NoIndex ? quint64(0) : h.users[message.replyToAuthor].id,
                 m.replyToAuthorId.value_or(0));
        QCOMPARE(h.content[i], m.content);
        QSet<quint64> mentioned;
        for (quint32 k = 0; k < message.mentionCount; ++k)
            mentioned.insert(h.users[h.mentions[message.firstMention + k]].id);
        QCOMPARE(mentioned, QSet<quint64>(m.mentionIds.cbegin(), m.mentionIds.cend()));
        QCOMPARE(h.messageLink(i), u"https://discord.com/channels/%1/%2/%3"_s.arg(
                                       QString::number(sample.guild.id),
                                       QString::number(m.channelId), QString::number(m.id)));
    }

    // Reactions: the set the store keeps (one per key), sorted by (message, emoji, reactor).
    std::set<std::tuple<quint64, QString, quint64, bool>> expected;
    for (const auto &r : sample.reactions)
        expected.insert({r.messageId, r.emojiKey, r.userId, r.burst});
    std::set<std::tuple<quint64, QString, quint64, bool>> actual;
    for (size_t i = 0; i < h.reactions.size(); ++i) {
        const history::Reaction &r = h.reactions[i];
        const history::Message &message = h.messages[r.message];
        QCOMPARE(r.author, message.author);
        QCOMPARE(r.channel, message.channel);
        QCOMPARE(r.at, message.createdAt);
        QCOMPARE(r.firstSeenAt, seenAt);
        QCOMPARE(r.removedAt, NoTime);
        actual.insert({message.id, h.emojis[r.emoji].key, h.users[r.reactor].id, r.burst});
        if (i > 0) {
            const history::Reaction &p = h.reactions[i - 1];
            QVERIFY(std::tuple(p.message, p.emoji, p.reactor, p.burst) <
                    std::tuple(r.message, r.emoji, r.reactor, r.burst));
            QVERIFY(h.messages[p.message].createdAt <= message.createdAt);
        }
    }
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
}

void TestHistory::removedAndDeletedAreOptional()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::StoreTestDatabase testDb(backend);
    QVERIFY2(testDb.isValid(), qPrintable(testDb.error()));
    auto db = testDb.open();
    QVERIFY(db);
    store::Repository repository(**db);
    const test::StoreSampleGuild sample = test::StoreSampleGuild::make(5, 10, 40);
    QVERIFY(test::writeSampleGuild(repository, sample, seenAt));

    auto all = History::load(**db, sample.guild.id);
    QVERIFY(all);
    QVERIFY(all->reactions.size() > 10);
    // Remove the first reaction and delete the message with the most reactions.
    const history::Reaction first = all->reactions.front();
    store::ReactionKey key;
    key.messageId = all->messages[first.message].id;
    key.emoji = all->emojis[first.emoji].storeId;
    key.userId = all->users[first.reactor].id;
    key.burst = first.burst;
    QVERIFY(repository.markReactionsRemoved({key}, seenAt + 1000));
    std::map<Index, int> perMessage;
    for (const history::Reaction &r : all->reactions)
        ++perMessage[r.message];
    Index busiest = perMessage.begin()->first;
    for (const auto &[message, count] : perMessage)
        if (count > perMessage[busiest])
            busiest = message;
    const quint64 deletedId = all->messages[busiest].id;
    QVERIFY(repository.markMessagesDeleted({deletedId}, seenAt + 2000));

    auto withAll = History::load(**db, sample.guild.id);
    QVERIFY(withAll);
    QCOMPARE(withAll->reactions.size(), all->reactions.size());
    QCOMPARE(withAll->reactions.front().removedAt, seenAt + 1000);
    QCOMPARE(withAll->messages[withAll->messageIndex(deletedId)].deletedAt, seenAt + 2000);

    history::LoadOptions options;
    options.removedReactions = false;
    options.deletedMessages = false;
    auto live = History::load(**db, sample.guild.id, options);
    QVERIFY(live);
    QCOMPARE(live->messages.size(), all->messages.size() - 1);
    QCOMPARE(live->messageIndex(deletedId), NoIndex);
    const size_t removedCount = size_t(perMessage[busiest]) + (first.message == busiest ? 0 : 1);
    QCOMPARE(live->reactions.size(), all->reactions.size() - removedCount);
    for (const history::Reaction &r : live->reactions)
        QCOMPARE(r.removedAt, NoTime);
}

void TestHistory::roleSpans()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::StoreTestDatabase testDb(backend);
    QVERIFY2(testDb.isValid(), qPrintable(testDb.error()));
    auto db = testDb.open();
    QVERIFY(db);
    store::Repository repository(**db);

    const quint64 guildId = idAt(0, 1);
    const quint64 kohai = idAt(2, 0), senpai = idAt(2, 1), sensei = idAt(2, 2);
    const quint64 alice = idAt(1, 1), bob = idAt(1, 2), carol = idAt(1, 3);
    const qint64 t0 = seenAt, t1 = seenAt + 86400000, t2 = seenAt + 2 * 86400000;
    const qint64 pushAt = seenAt + 36 * 3600000LL;
    auto ok = (*db)->transaction([&]() -> Result<void> {
        store::GuildRecord guild;
        guild.id = guildId;
        guild.name = u"Roles"_s;
        if (auto r = repository.upsertGuild(guild); !r)
            return r;
        QList<store::RoleRecord> roles;
        for (auto [id, name] : {std::pair(kohai, u"Kohai"_s), std::pair(senpai, u"Senpai"_s),
                                std::pair(sensei, u"Sensei"_s)}) {
            store::RoleRecord role;
            role.id = id;
            role.name = name;
            roles.append(role);
        }
        if (auto r = repository.replaceRoles(guildId, roles, t0); !r)
            return r;
        QList<store::UserRecord> users;
        for (quint64 id : {alice, bob, carol}) {
            store::UserRecord user;
            user.id = id;
            user.username = u"u%1"_s.arg(id);
            users.append(user);
        }
        return repository.upsertUsers(users, t0);
    });
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().text()));

    auto member = [](quint64 id, QList<quint64> roles) {
        store::MemberRecord m;
        m.userId = id;
        m.joinedAt = 1609459200000;
        m.roleIds = roles;
        return m;
    };
    // First sync: alice holds Kohai and Senpai, bob Kohai.
    QVERIFY(repository.upsertMembers(guildId,
                                     {member(alice, {kohai, senpai}), member(bob, {kohai})}, t0));
    // Between syncs a push made bob Senpai at a known time.
    QVERIFY(repository.applyRoleChanges(guildId, {{bob, senpai, true, pushAt}}, pushAt,
                                        store::RoleSource::Push));
    // Second sync: alice lost Senpai and gained Sensei; carol joined with Kohai.
    QVERIFY(repository.upsertMembers(
        guildId,
        {member(alice, {kohai, sensei}), member(bob, {kohai, senpai}), member(carol, {kohai})},
        t1));
    // bob left.
    QVERIFY(repository.markMembersLeft(guildId, {bob}, t2));

    auto loaded = History::load(**db, guildId);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().text()));
    const History &h = *loaded;
    const Index a = h.userIndex(alice), b = h.userIndex(bob), c = h.userIndex(carol);
    const Index rk = h.roleIndex(kohai), rp = h.roleIndex(senpai), rs = h.roleIndex(sensei);
    QVERIFY(a != NoIndex && b != NoIndex && c != NoIndex);
    QVERIFY(!h.users[b].member);

    // Roles held at the first observation count as held since forever.
    QVERIFY(h.heldRole(a, rp, 0));
    QVERIFY(h.heldRole(a, rp, t1 - 1));
    QVERIFY(!h.heldRole(a, rp, t1)); // removal observed at the second sync
    QVERIFY(!h.heldRole(a, rs, t1 - 1));
    QVERIFY(h.heldRole(a, rs, t1));
    QVERIFY(h.heldRole(a, rs, t2 * 10));
    QVERIFY(h.heldRole(a, rk, t2 * 10));
    // A change with a known time starts then.
    QVERIFY(!h.heldRole(b, rp, pushAt - 1));
    QVERIFY(h.heldRole(b, rp, pushAt));
    // Leaving removes every role.
    QVERIFY(h.heldRole(b, rk, t2 - 1));
    QVERIFY(!h.heldRole(b, rk, t2));
    QVERIFY(!h.heldRole(b, rp, t2));
    // A member first seen at the second sync: its roles are held since forever too.
    QVERIFY(h.heldRole(c, rk, 0));
    QVERIFY(!h.heldRole(c, rp, t2));

    auto sorted = [](QList<Index> l) {
        std::sort(l.begin(), l.end());
        return l;
    };
    QCOMPARE(sorted(h.rolesAt(a, t0)), sorted({rk, rp}));
    QCOMPARE(sorted(h.rolesAt(a, t1)), sorted({rk, rs}));
    QCOMPARE(sorted(h.rolesAt(b, pushAt)), sorted({rk, rp}));
    QCOMPARE(h.rolesAt(b, t2), QList<Index>());
    for (size_t i = 1; i < h.roleSpans.size(); ++i) {
        const auto &p = h.roleSpans[i - 1];
        const auto &s = h.roleSpans[i];
        QVERIFY(std::tie(p.user, p.role, p.from) <= std::tie(s.user, s.role, s.from));
    }
}

void TestHistory::unknownGuild()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::StoreTestDatabase testDb(backend);
    QVERIFY2(testDb.isValid(), qPrintable(testDb.error()));
    auto db = testDb.open();
    QVERIFY(db);
    auto loaded = History::load(**db, 1234567890123456789ULL);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(u"1234567890123456789"_s),
             qPrintable(loaded.error().message));
    QVERIFY(!loaded.error().hint.isEmpty());
}

void TestHistory::handBuiltHistory()
{
    History h;
    h.guildId = 42;
    for (quint64 id : {30, 10, 20}) {
        history::User u;
        u.id = id;
        h.users.push_back(u);
    }
    history::Channel ch;
    ch.id = 7;
    h.channels.push_back(ch);
    history::Role role;
    role.id = 99;
    h.roles.push_back(role);
    history::Message m;
    m.id = 555;
    m.channel = 0;
    m.author = 1;
    h.messages.push_back(m);
    // Given out of order: reindex() sorts the spans.
    h.roleSpans.push_back({2, 0, 100, 200});
    h.roleSpans.push_back({0, 0, NoTime, 50});
    h.roleSpans.push_back({2, 0, NoTime, 10});
    h.reindex();
    QCOMPARE(h.userIndex(10), Index(1));
    QCOMPARE(h.userIndex(11), NoIndex);
    QCOMPARE(h.channelIndex(7), Index(0));
    QCOMPARE(h.roleIndex(99), Index(0));
    QCOMPARE(h.messageIndex(555), Index(0));
    QCOMPARE(h.messageLink(0), u"https://discord.com/channels/42/7/555"_s);
    QCOMPARE(h.messageLink(1), QString());
    QVERIFY(h.heldRole(0, 0, -1000000));
    QVERIFY(!h.heldRole(0, 0, 50));
    QVERIFY(!h.heldRole(1, 0, 0));
    QVERIFY(h.heldRole(2, 0, 5));
    QVERIFY(!h.heldRole(2, 0, 50));
    QVERIFY(h.heldRole(2, 0, 150));
    QVERIFY(!h.heldRole(2, 0, 200));
    QVERIFY(!h.heldRole(7, 0, 0)); // no such user
    QCOMPARE(h.rolesAt(2, 150), QList<Index>{0});
}

void TestHistory::displayName_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<QString>("globalName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nick") << u"Nick"_s << u"Global"_s << u"Nick"_s;
    QTest::newRow("global") << QString() << u"Global"_s << u"Global"_s;
    QTest::newRow("empty global") << QString() << u""_s << u"user_1"_s;
    QTest::newRow("username") << QString() << QString() << u"user_1"_s;
}

void TestHistory::displayName()
{
    QFETCH(QString, nick);
    QFETCH(QString, globalName);
    QFETCH(QString, expected);
    history::User user;
    user.username = u"user_1"_s;
    user.nick = nick;
    user.globalName = globalName;
    QCOMPARE(user.displayName(), expected);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
