#include "StoreSampleGuild.h"
#include "StoreTestDatabase.h"
#include "common/Snowflake.h"
#include "store/CanonicalDump.h"
#include "store/Database.h"
#include "store/Queries.h"
#include "store/Repository.h"
#include "store/SqlValue.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::store;
using gavel::test::StoreTestDatabase;

namespace {

constexpr quint64 guildId = 81384788765712384;
constexpr quint64 channelA = 81384788765712390;
constexpr quint64 channelB = 81384788765712391;
constexpr quint64 userA = 80351110224678912;
constexpr quint64 userB = 80351110224678913;
constexpr quint64 userC = 80351110224678914;
constexpr quint64 role1 = 81384788765712501;
constexpr quint64 role2 = 81384788765712502;
constexpr quint64 role3 = 81384788765712503;

// Messages created one minute apart in 2021.
quint64 messageId(int n)
{
    return snowflake::fromMsecs(1609459200000 + n * 60000LL) + 17;
}

void addBackendData()
{
    test::addBackendColumn();
    test::addBackendRows();
}

QString text(const Result<void> &result)
{
    return result.ok() ? QString() : result.error().text();
}

template<typename T>
QString text(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().text();
}

//! The first row of a query, or an empty list.
QVariantList row(Database &db, const QString &sql, const QVariantList &values = {})
{
    QVariantList first;
    const Result<void> done = db.forEachRow(sql, values, [&](const QSqlQuery &q) {
        if (!first.isEmpty())
            return;
        for (int i = 0; i < q.record().count(); ++i)
            first.append(q.value(i));
    });
    if (!done)
        qWarning("%s", qPrintable(done.error().text()));
    return first;
}

qint64 integer(Database &db, const QString &sql, const QVariantList &values = {})
{
    const QVariantList r = row(db, sql, values);
    return r.isEmpty() ? -1 : sql::toInteger(r.first());
}

//! Rows as text lines ("a|b|c", NULL as "-") for compact comparisons.
QStringList rows(Database &db, const QString &sql, const QVariantList &values = {})
{
    QStringList lines;
    const Result<void> done = db.forEachRow(sql, values, [&](const QSqlQuery &q) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields.append(q.value(i).isNull() ? u"-"_s : q.value(i).toString());
        lines.append(fields.join(u'|'));
    });
    if (!done)
        qWarning("%s", qPrintable(done.error().text()));
    return lines;
}

//! channel_stats must always equal a recount of live rows.
bool statsMatchRows(Database &db)
{
    const QStringList mismatches = rows(
        db,
        u"SELECT c.id, COALESCE(s.messages, 0), COALESCE(s.reactions, 0), "
        u"(SELECT COUNT(*) FROM messages m WHERE m.channel_id = c.id AND m.deleted_at IS NULL), "
        u"(SELECT COUNT(*) FROM reactions r WHERE r.channel_id = c.id "
        u"AND r.removed_at IS NULL) "
        u"FROM channels c LEFT JOIN channel_stats s ON s.channel_id = c.id "
        u"WHERE COALESCE(s.messages, 0) <> (SELECT COUNT(*) FROM messages m "
        u"WHERE m.channel_id = c.id AND m.deleted_at IS NULL) "
        u"OR COALESCE(s.reactions, 0) <> (SELECT COUNT(*) FROM reactions r "
        u"WHERE r.channel_id = c.id AND r.removed_at IS NULL)"_s);
    if (!mismatches.isEmpty())
        qWarning("channel_stats differ from the rows: %s", qPrintable(mismatches.join(u"; "_s)));
    return mismatches.isEmpty();
}

UserRecord user(quint64 id, const QString &name)
{
    UserRecord u;
    u.id = id;
    u.username = name;
    return u;
}

MemberRecord member(quint64 id, qint64 joinedAt, QList<quint64> roles)
{
    MemberRecord m;
    m.userId = id;
    m.joinedAt = joinedAt;
    m.roleIds = std::move(roles);
    return m;
}

MessageRecord message(int n, quint64 channel, quint64 author, const QString &content)
{
    MessageRecord m;
    m.id = messageId(n);
    m.channelId = channel;
    m.authorId = author;
    m.content = content;
    return m;
}

//! A guild with two channels, three users and three roles: the frame most tests write into.
Result<void> writeFrame(Repository &repo)
{
    return repo.database().transaction([&]() -> Result<void> {
        GuildRecord guild;
        guild.id = guildId;
        guild.name = u"Frame"_s;
        if (const auto done = repo.upsertGuild(guild); !done)
            return done;
        RoleRecord r1{role1, u"Kohai"_s, 0, 1, u"0"_s, false, false, false};
        RoleRecord r2{role2, u"Senpai"_s, 0, 2, u"0"_s, false, false, false};
        RoleRecord r3{role3, u"Sensei"_s, 0, 3, u"0"_s, false, false, false};
        if (const auto done = repo.replaceRoles(guildId, {r1, r2, r3}, 1); !done)
            return done;
        ChannelRecord a;
        a.id = channelA;
        a.name = u"general"_s;
        ChannelRecord b;
        b.id = channelB;
        b.name = u"memes"_s;
        b.position = 2;
        if (const auto done = repo.upsertChannels(guildId, {a, b}); !done)
            return done;
        return repo.upsertUsers(
            {user(userA, u"ann"_s), user(userB, u"bob"_s), user(userC, u"cy"_s)}, 1);
    });
}

} // namespace

//! Every write and read function of the repository, on both backends.
class TestStoreRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guildAndUsers_data() { addBackendData(); }
    void guildAndUsers();
    void rolesAndEmojis_data() { addBackendData(); }
    void rolesAndEmojis();
    void channels_data() { addBackendData(); }
    void channels();
    void membersJoinLeaveRejoin_data() { addBackendData(); }
    void membersJoinLeaveRejoin();
    void applyRoleChanges_data() { addBackendData(); }
    void applyRoleChanges();
    void internEmoji_data() { addBackendData(); }
    void internEmoji();
    void messages_data() { addBackendData(); }
    void messages();
    void reactions_data() { addBackendData(); }
    void reactions();
    void checkpoints_data() { addBackendData(); }
    void checkpoints();
    void syncRuns_data() { addBackendData(); }
    void syncRuns();
    void listGuildsAndChannelStatus_data() { addBackendData(); }
    void listGuildsAndChannelStatus();
    void rolledBackPageLeavesNothing_data() { addBackendData(); }
    void rolledBackPageLeavesNothing();
    void rebuildChannelStats_data() { addBackendData(); }
    void rebuildChannelStats();
    void diskFullDuringPage();
};

#define OPEN_DATABASE(db)                                                                          \
    QFETCH(Backend, backend);                                                                      \
    GAVEL_REQUIRE_BACKEND(backend);                                                                \
    StoreTestDatabase tmp(backend);                                                                \
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));                                              \
    auto opened = tmp.open();                                                                      \
    QVERIFY2(opened.ok(), qPrintable(text(opened)));                                               \
    Database &db = **opened

void TestStoreRepository::guildAndUsers()
{
    OPEN_DATABASE(db);
    Repository repo(db);

    GuildRecord guild;
    guild.id = guildId;
    guild.name = u"First name"_s;
    guild.ownerId = userA;
    guild.rawJson = u"{}"_s;
    QVERIFY2(repo.upsertGuild(guild).ok(), qPrintable(text(repo.upsertGuild(guild))));
    guild.name = u"Second name"_s;
    guild.icon = u"abc"_s;
    QVERIFY(repo.upsertGuild(guild).ok());
    QCOMPARE(rows(db, u"SELECT id, name, icon, owner_id, source, raw_json FROM guilds"_s),
             QStringList{u"%1|Second name|abc|%2|discord|{}"_s.arg(guildId).arg(userA)});

    UserRecord ann = user(userA, u"ann"_s);
    ann.avatar = u""_s; // empty, not null
    ann.bot = true;
    QVERIFY(repo.upsertUsers({ann}, 100).ok());
    QCOMPARE(rows(db, u"SELECT username, global_name, avatar, bot, system, created_at, "
                      u"first_seen_at, last_seen_at FROM users"_s),
             QStringList{u"ann|-||1|0|%1|100|100"_s.arg(snowflake::toMsecs(userA))});

    // Seen again later with a new display name: first_seen stays, last_seen moves.
    ann.globalName = u"Ann ✨"_s;
    QVERIFY(repo.upsertUsers({ann}, 200).ok());
    // An older observation arriving late moves first_seen back and leaves last_seen.
    QVERIFY(repo.upsertUsers({ann}, 50).ok());
    QCOMPARE(rows(db, u"SELECT global_name, first_seen_at, last_seen_at FROM users"_s),
             QStringList{u"Ann ✨|50|200"_s});

    // Same time, changed attributes: written although the user was just written at 50.
    ann.username = u"ann_renamed"_s;
    QVERIFY(repo.upsertUsers({ann, user(userB, u"bob"_s)}, 50).ok());
    QCOMPARE(rows(db, u"SELECT id, username FROM users ORDER BY id"_s),
             (QStringList{u"%1|ann_renamed"_s.arg(userA), u"%1|bob"_s.arg(userB)}));

    // A page that repeats a user keeps the last copy.
    QVERIFY(repo.upsertUsers({user(userC, u"first"_s), user(userC, u"last"_s)}, 60).ok());
    QCOMPARE(rows(db, u"SELECT username FROM users WHERE id = ?"_s, {sql::id(userC)}),
             QStringList{u"last"_s});

    // A write that was rolled back must be written again, not skipped as already written.
    const Result<void> failed = db.transaction([&]() -> Result<void> {
        if (const auto done = repo.upsertUsers({user(userC, u"rolled back"_s)}, 70); !done)
            return done;
        return Error{u"abort"_s, {}};
    });
    QVERIFY(!failed.ok());
    QCOMPARE(rows(db, u"SELECT username FROM users WHERE id = ?"_s, {sql::id(userC)}),
             QStringList{u"last"_s});
    QVERIFY(repo.upsertUsers({user(userC, u"rolled back"_s)}, 70).ok());
    QCOMPARE(rows(db, u"SELECT username, last_seen_at FROM users WHERE id = ?"_s, {sql::id(userC)}),
             QStringList{u"rolled back|70"_s});
}

void TestStoreRepository::rolesAndEmojis()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());

    QCOMPARE(rows(db, u"SELECT id, name, deleted_at FROM roles ORDER BY id"_s),
             (QStringList{u"%1|Kohai|-"_s.arg(role1), u"%1|Senpai|-"_s.arg(role2),
                          u"%1|Sensei|-"_s.arg(role3)}));
    RoleRecord senpai{role2, u"Senpai"_s, 0xff0000, 5, u"36893488147419103232"_s, true, true, true};
    RoleRecord sensei{role3, u"Sensei"_s, 0, 3, u"0"_s, false, false, false};
    QVERIFY(repo.replaceRoles(guildId, {senpai, sensei}, 500).ok());
    QVERIFY(repo.replaceRoles(guildId, {senpai, sensei}, 600).ok()); // idempotent
    QCOMPARE(rows(db, u"SELECT id, color, position, permissions, managed, hoist, mentionable, "
                      u"deleted_at FROM roles ORDER BY id"_s),
             (QStringList{u"%1|0|1|0|0|0|0|500"_s.arg(role1),
                          u"%1|16711680|5|36893488147419103232|1|1|1|-"_s.arg(role2),
                          u"%1|0|3|0|0|0|0|-"_s.arg(role3)}));
    // A role that comes back is no longer deleted.
    RoleRecord kohai{role1, u"Kohai again"_s, 0, 1, u"0"_s, false, false, false};
    QVERIFY(repo.replaceRoles(guildId, {kohai, senpai, sensei}, 700).ok());
    QCOMPARE(rows(db, u"SELECT name, deleted_at FROM roles WHERE id = ?"_s, {sql::id(role1)}),
             QStringList{u"Kohai again|-"_s});

    const EmojiRecord cred{900, u"sourcecred"_s, false, true};
    const EmojiRecord parrot{901, u"parrot"_s, true, false};
    QVERIFY(repo.replaceEmojis(guildId, {cred, parrot}, 100).ok());
    QVERIFY(repo.replaceEmojis(guildId, {parrot}, 200).ok());
    QCOMPARE(rows(db, u"SELECT id, name, animated, available, deleted_at FROM emojis "
                      u"ORDER BY id"_s),
             (QStringList{u"900|sourcecred|0|1|200"_s, u"901|parrot|1|0|-"_s}));
    QVERIFY(repo.replaceEmojis(guildId, {cred, parrot}, 300).ok());
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM emojis WHERE deleted_at IS NULL"_s), 2);
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM emojis"_s), 2);
}

void TestStoreRepository::channels()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());

    ChannelRecord thread;
    thread.id = 777;
    thread.parentId = channelA;
    thread.type = 11;
    thread.name = u"thread"_s;
    thread.ownerId = userA;
    thread.archived = true;
    thread.archiveTimestamp = 1234;
    thread.locked = false;
    thread.messageCount = 42;
    thread.readable = false;
    thread.rawJson = u"{\"id\":\"777\"}"_s;
    QVERIFY(repo.upsertChannels(guildId, {thread}).ok());
    QCOMPARE(rows(db, u"SELECT guild_id, parent_id, type, name, position, topic, owner_id, "
                      u"archived, archive_timestamp, locked, message_count, readable, deleted_at, "
                      u"raw_json FROM channels WHERE id = 777"_s),
             QStringList{u"%1|%2|11|thread|-|-|%3|1|1234|0|42|0|-|{\"id\":\"777\"}"_s.arg(guildId)
                             .arg(channelA)
                             .arg(userA)});

    QVERIFY(repo.markChannelsDeleted({777, channelB}, 900).ok());
    QVERIFY(repo.markChannelsDeleted({777}, 950).ok()); // the first time counts
    QCOMPARE(rows(db, u"SELECT id, deleted_at FROM channels ORDER BY id"_s),
             (QStringList{u"777|900"_s, u"%1|-"_s.arg(channelA), u"%1|900"_s.arg(channelB)}));
    thread.archived = false;
    QVERIFY(repo.upsertChannels(guildId, {thread}).ok());
    QCOMPARE(rows(db, u"SELECT archived, deleted_at FROM channels WHERE id = 777"_s),
             QStringList{u"0|-"_s});
}

void TestStoreRepository::membersJoinLeaveRejoin()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    const qint64 joinedA = 1600000000000;
    const qint64 joinedB = 1600000500000;
    auto history = [&] {
        return rows(db, u"SELECT user_id, event, at, observed_at FROM member_history "
                        u"ORDER BY id"_s);
    };
    auto roleHistory = [&] {
        return rows(db, u"SELECT user_id, role_id, action, at, observed_at, source "
                        u"FROM member_role_history ORDER BY id"_s);
    };
    auto rolesOf = [&](quint64 user) {
        return rows(db,
                    u"SELECT role_id FROM member_roles WHERE guild_id = ? AND user_id = ? "
                    u"ORDER BY role_id"_s,
                    {sql::id(guildId), sql::id(user)});
    };
    const QString a = QString::number(userA);
    const QString b = QString::number(userB);
    const QString r1 = QString::number(role1);
    const QString r2 = QString::number(role2);
    const QString r3 = QString::number(role3);

    MemberRecord ann = member(userA, joinedA, {role2, role1, role1});
    ann.nick = u"Annie"_s;
    QVERIFY2(repo.upsertMembers(guildId, {ann, member(userB, joinedB, {})}, 100).ok(),
             "first member page");
    QCOMPARE(history(),
             (QStringList{a + u"|join|%1|100"_s.arg(joinedA), b + u"|join|%1|100"_s.arg(joinedB)}));
    QCOMPARE(rolesOf(userA), (QStringList{r1, r2}));
    QCOMPARE(roleHistory(),
             (QStringList{a + u"|" + r1 + u"|add|-|100|sync", a + u"|" + r2 + u"|add|-|100|sync"}));

    // Seen again unchanged: nothing new in the history, last_seen moves.
    QVERIFY(repo.upsertMembers(guildId, {ann, member(userB, joinedB, {})}, 200).ok());
    QCOMPARE(history().size(), 2);
    QCOMPARE(roleHistory().size(), 2);
    QCOMPARE(rows(db,
                  u"SELECT nick, is_member, first_seen_at, last_seen_at FROM members "
                  u"WHERE user_id = ?"_s,
                  {sql::id(userA)}),
             QStringList{u"Annie|1|100|200"_s});

    // Role set diff.
    QVERIFY(repo.upsertMembers(guildId, {member(userA, joinedA, {role2, role3})}, 300).ok());
    QCOMPARE(rolesOf(userA), (QStringList{r2, r3}));
    QCOMPARE(roleHistory().mid(2), (QStringList{a + u"|" + r1 + u"|remove|-|300|sync",
                                                a + u"|" + r3 + u"|add|-|300|sync"}));

    // Leaving drops the roles.
    QVERIFY(repo.markMembersLeft(guildId, {userA, userC}, 400).ok()); // C never was a member
    QVERIFY(repo.markMembersLeft(guildId, {userA}, 450).ok());        // already gone
    QCOMPARE(
        rows(db, u"SELECT is_member, left_at FROM members WHERE user_id = ?"_s, {sql::id(userA)}),
        QStringList{u"0|400"_s});
    QCOMPARE(history().mid(2), QStringList{a + u"|leave|-|400"});
    QVERIFY(rolesOf(userA).isEmpty());
    QCOMPARE(roleHistory().mid(4), (QStringList{a + u"|" + r2 + u"|remove|-|400|sync",
                                                a + u"|" + r3 + u"|remove|-|400|sync"}));

    // Coming back.
    QVERIFY(repo.upsertMembers(guildId, {member(userA, joinedA + 1000, {role1})}, 500).ok());
    QCOMPARE(history().mid(3), QStringList{a + u"|rejoin|%1|500"_s.arg(joinedA + 1000)});
    QCOMPARE(
        rows(db, u"SELECT is_member, left_at FROM members WHERE user_id = ?"_s, {sql::id(userA)}),
        QStringList{u"1|-"_s});
    QCOMPARE(roleHistory().mid(6), QStringList{a + u"|" + r1 + u"|add|-|500|sync"});

    // A new joined_at while still listed: left and came back between two syncs.
    QVERIFY(repo.upsertMembers(guildId, {member(userA, joinedA + 2000, {role1})}, 600).ok());
    QCOMPARE(history().mid(4),
             (QStringList{a + u"|leave|-|600", a + u"|rejoin|%1|600"_s.arg(joinedA + 2000)}));
    QCOMPARE(roleHistory().mid(7), (QStringList{a + u"|" + r1 + u"|remove|-|600|sync",
                                                a + u"|" + r1 + u"|add|-|600|sync"}));
    QCOMPARE(rolesOf(userA), QStringList{r1});

    // After a complete member list at 600, whoever was not seen has left.
    const Result<int> swept = repo.sweepMembers(guildId, 600, 700);
    QVERIFY(swept.ok());
    QCOMPARE(*swept, 1);
    QCOMPARE(rows(db, u"SELECT user_id FROM members WHERE is_member = 0"_s), QStringList{b});
    QCOMPARE(history().constLast(), b + u"|leave|-|700");
    QCOMPARE(*repo.sweepMembers(guildId, 600, 800), 0);
    QVERIFY(db.integrityCheck().ok());
}

void TestStoreRepository::applyRoleChanges()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    QVERIFY(repo.upsertMembers(guildId, {member(userA, 1, {role1})}, 100).ok());
    const int before = static_cast<int>(integer(db, u"SELECT COUNT(*) FROM member_role_history"_s));

    const QList<RoleChange> changes = {
        {userA, role2, true, 1000}, // applied
        {userA, role1, true, 1001}, // already held: no history
        {userA, role3, false, {}},  // not held: no history
        {userA, role1, false, {}},  // applied
    };
    const Result<void> applied = repo.applyRoleChanges(guildId, changes, 1100, RoleSource::Push);
    QVERIFY2(applied.ok(), qPrintable(text(applied)));
    QCOMPARE(rows(db, u"SELECT role_id FROM member_roles WHERE user_id = ?"_s, {sql::id(userA)}),
             QStringList{QString::number(role2)});
    QCOMPARE(rows(db, u"SELECT role_id, action, at, observed_at, source FROM member_role_history "
                      u"ORDER BY id"_s)
                 .mid(before),
             (QStringList{u"%1|add|1000|1100|push"_s.arg(role2),
                          u"%1|remove|-|1100|push"_s.arg(role1)}));
    QVERIFY(repo.applyRoleChanges(guildId, {{userA, role3, true, {}}}, 1200, RoleSource::AuditLog)
                .ok());
    QCOMPARE(rows(db, u"SELECT source FROM member_role_history ORDER BY id DESC"_s).first(),
             u"audit-log"_s);
}

void TestStoreRepository::internEmoji()
{
    OPEN_DATABASE(db);
    Repository repo(db);

    const ReactionEmoji custom = ReactionEmoji::fromKey(u"sourcecred:1234567890123"_s);
    QCOMPARE(custom.name, u"sourcecred"_s);
    QCOMPARE(custom.emojiId, std::optional<quint64>(1234567890123));
    const ReactionEmoji unicode = ReactionEmoji::fromKey(u"👍🏽"_s);
    QCOMPARE(unicode.name, u"👍🏽"_s);
    QVERIFY(!unicode.emojiId);

    const Result<qint64> first = repo.internEmoji(custom);
    QVERIFY2(first.ok(), qPrintable(text(first)));
    const Result<qint64> second = repo.internEmoji(unicode);
    QVERIFY(second.ok());
    QVERIFY(*first != *second);
    QCOMPARE(*repo.internEmoji(custom), *first);
    // Another repository (no cache) finds the same row.
    Repository other(db);
    QCOMPARE(*other.internEmoji(ReactionEmoji::fromKey(u"sourcecred:1234567890123"_s)), *first);
    QCOMPARE(rows(db, u"SELECT key, name, emoji_id, animated FROM reaction_emojis "
                      u"ORDER BY id"_s),
             (QStringList{u"sourcecred:1234567890123|sourcecred|1234567890123|0"_s,
                          u"👍🏽|👍🏽|-|0"_s}));

    // An id interned in a rolled-back transaction is gone from the cache, too.
    qint64 rolledBack = 0;
    const Result<void> failed = db.transaction([&]() -> Result<void> {
        const Result<qint64> id = repo.internEmoji(ReactionEmoji::fromKey(u"🔥"_s));
        if (!id)
            return id.error();
        rolledBack = *id;
        return Error{u"abort"_s, {}};
    });
    QVERIFY(!failed.ok());
    QVERIFY(rolledBack > 0);
    const Result<qint64> again = repo.internEmoji(ReactionEmoji::fromKey(u"🔥"_s));
    QVERIFY(again.ok());
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM reaction_emojis WHERE id = ? AND key = ?"_s,
                     {sql::integer(*again), u"🔥"_s}),
             1);
    QVERIFY(!repo.internEmoji(ReactionEmoji{}).ok());
}

void TestStoreRepository::messages()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    const QString m1 = QString::number(messageId(1));
    const QString m2 = QString::number(messageId(2));

    MessageRecord first = message(1, channelA, userA, u"thanks <@bob>"_s);
    first.mentionIds = {userB, userC, userB};
    MessageRecord second = message(2, channelA, userB, u"tab\there"_s);
    second.replyToMessageId = messageId(1);
    second.replyToAuthorId = userA;
    second.webhookId = 4242;
    second.type = 19;
    second.flags = 4;
    const Result<void> written = repo.upsertMessages(guildId, {second, first}, 100);
    QVERIFY2(written.ok(), qPrintable(text(written)));
    QCOMPARE(rows(db, u"SELECT id, guild_id, channel_id, author_id, type, content, created_at, "
                      u"edited_at, reply_to_message_id, reply_to_author_id, webhook_id, flags, "
                      u"first_seen_at, last_seen_at, deleted_at FROM messages ORDER BY id"_s),
             (QStringList{u"%1|%2|%3|%4|0|thanks <@bob>|%5|-|-|-|-|0|100|100|-"_s.arg(m1)
                              .arg(guildId)
                              .arg(channelA)
                              .arg(userA)
                              .arg(snowflake::toMsecs(messageId(1))),
                          u"%1|%2|%3|%4|19|tab\there|%5|-|%6|%7|4242|4|100|100|-"_s.arg(m2)
                              .arg(guildId)
                              .arg(channelA)
                              .arg(userB)
                              .arg(snowflake::toMsecs(messageId(2)))
                              .arg(m1)
                              .arg(userA)}));
    QCOMPARE(rows(db, u"SELECT message_id, user_id FROM message_mentions "
                      u"ORDER BY message_id, user_id"_s),
             (QStringList{m1 + u"|%1"_s.arg(userB), m1 + u"|%1"_s.arg(userC)}));
    QCOMPARE(integer(db, u"SELECT messages FROM channel_stats WHERE channel_id = ?"_s,
                     {sql::id(channelA)}),
             2);

    // An edit: content and mentions replaced, first_seen kept.
    first.content = u"thanks <@cy>"_s;
    first.editedAt = 150;
    first.mentionIds = {userC};
    QVERIFY(repo.upsertMessages(guildId, {first}, 200).ok());
    QCOMPARE(rows(db,
                  u"SELECT content, edited_at, first_seen_at, last_seen_at FROM messages "
                  u"WHERE id = ?"_s,
                  {sql::id(messageId(1))}),
             QStringList{u"thanks <@cy>|150|100|200"_s});
    QCOMPARE(rows(db, u"SELECT user_id FROM message_mentions WHERE message_id = ?"_s,
                  {sql::id(messageId(1))}),
             QStringList{QString::number(userC)});
    QVERIFY(statsMatchRows(db));

    // Deletion marks, never deletes.
    QVERIFY(repo.markMessagesDeleted({messageId(2), messageId(99)}, 300).ok());
    QVERIFY(repo.markMessagesDeleted({messageId(2)}, 400).ok());
    QCOMPARE(rows(db, u"SELECT deleted_at FROM messages WHERE id = ?"_s, {sql::id(messageId(2))}),
             QStringList{u"300"_s});
    QCOMPARE(integer(db, u"SELECT messages FROM channel_stats WHERE channel_id = ?"_s,
                     {sql::id(channelA)}),
             1);
    QVERIFY(statsMatchRows(db));
    // Seen again: not deleted after all.
    QVERIFY(repo.upsertMessages(guildId, {second}, 500).ok());
    QCOMPARE(rows(db, u"SELECT deleted_at FROM messages WHERE id = ?"_s, {sql::id(messageId(2))}),
             QStringList{u"-"_s});
    QVERIFY(statsMatchRows(db));

    // A rescan of [1, 2] at 500 found only message 2: message 1 was deleted. Message 3 lies
    // outside the rescanned range and message 4 is in another channel.
    QVERIFY(repo.upsertMessages(guildId,
                                {message(3, channelA, userC, u"later"_s),
                                 message(4, channelB, userC, u"elsewhere"_s)},
                                100)
                .ok());
    const Result<int> swept = repo.sweepMessages(channelA, messageId(1), messageId(2), 500, 600);
    QVERIFY2(swept.ok(), qPrintable(text(swept)));
    QCOMPARE(*swept, 1);
    QCOMPARE(rows(db, u"SELECT id, deleted_at FROM messages ORDER BY id"_s),
             (QStringList{m1 + u"|600"_s, m2 + u"|-"_s, QString::number(messageId(3)) + u"|-"_s,
                          QString::number(messageId(4)) + u"|-"_s}));
    QVERIFY(statsMatchRows(db));

    // A page that repeats a message keeps the last copy.
    QVERIFY(repo.upsertMessages(guildId,
                                {message(5, channelB, userA, u"draft"_s),
                                 message(5, channelB, userA, u"final"_s)},
                                700)
                .ok());
    QCOMPARE(rows(db, u"SELECT content FROM messages WHERE id = ?"_s, {sql::id(messageId(5))}),
             QStringList{u"final"_s});
    QVERIFY(statsMatchRows(db));
    QVERIFY(db.integrityCheck().ok());
}

void TestStoreRepository::reactions()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    QVERIFY(repo.upsertMessages(
                    guildId,
                    {message(1, channelA, userA, u"a"_s), message(2, channelB, userB, u"b"_s)}, 10)
                .ok());
    const qint64 thumbs = *repo.internEmoji(ReactionEmoji::fromKey(u"👍"_s));
    const qint64 cred = *repo.internEmoji(ReactionEmoji::fromKey(u"sourcecred:55"_s));
    auto reaction = [&](int n, qint64 emoji, quint64 userId, bool burst) {
        ReactionRecord r;
        r.messageId = messageId(n);
        r.emoji = emoji;
        r.userId = userId;
        r.burst = burst;
        return r;
    };
    const QList<ReactionRecord> page = {
        reaction(1, thumbs, userB, false), reaction(1, thumbs, userB, true),
        reaction(1, cred, userC, false), reaction(2, thumbs, userA, false)};
    QVERIFY(repo.upsertReactions(page, 100).ok());
    QCOMPARE(rows(db,
                  u"SELECT r.message_id, e.key, r.user_id, r.burst, r.channel_id, "
                  u"r.author_id, r.message_created_at, r.first_seen_at, r.last_seen_at, "
                  u"r.removed_at FROM reactions r JOIN reaction_emojis e ON e.id = r.emoji "
                  u"WHERE r.message_id = ? AND r.emoji = ? ORDER BY r.burst"_s,
                  {sql::id(messageId(1)), sql::integer(thumbs)}),
             (QStringList{u"%1|👍|%2|0|%3|%4|%5|100|100|-"_s.arg(messageId(1))
                              .arg(userB)
                              .arg(channelA)
                              .arg(userA)
                              .arg(snowflake::toMsecs(messageId(1))),
                          u"%1|👍|%2|1|%3|%4|%5|100|100|-"_s.arg(messageId(1))
                              .arg(userB)
                              .arg(channelA)
                              .arg(userA)
                              .arg(snowflake::toMsecs(messageId(1)))}));
    QCOMPARE(integer(db, u"SELECT reactions FROM channel_stats WHERE channel_id = ?"_s,
                     {sql::id(channelA)}),
             3);
    QVERIFY(statsMatchRows(db));

    // Seen again: touched, not duplicated.
    QVERIFY(repo.upsertReactions(page, 200).ok());
    QCOMPARE(rows(db, u"SELECT COUNT(*), MIN(first_seen_at), MAX(last_seen_at) FROM reactions"_s),
             QStringList{u"4|100|200"_s});
    QVERIFY(statsMatchRows(db));

    // Removal marks the row once.
    const ReactionKey credKey{messageId(1), cred, userC, false};
    QVERIFY(repo.markReactionsRemoved({credKey}, 300).ok());
    QVERIFY(repo.markReactionsRemoved({credKey}, 350).ok());
    QCOMPARE(rows(db, u"SELECT removed_at FROM reactions WHERE emoji = ?"_s, {sql::integer(cred)}),
             QStringList{u"300"_s});
    QCOMPARE(integer(db, u"SELECT reactions FROM channel_stats WHERE channel_id = ?"_s,
                     {sql::id(channelA)}),
             2);
    QVERIFY(statsMatchRows(db));
    // Reacting again clears it.
    QVERIFY(repo.upsertReactions({reaction(1, cred, userC, false)}, 400).ok());
    QCOMPARE(rows(db,
                  u"SELECT removed_at, first_seen_at, last_seen_at FROM reactions "
                  u"WHERE emoji = ?"_s,
                  {sql::integer(cred)}),
             QStringList{u"-|100|400"_s});
    QVERIFY(statsMatchRows(db));

    // Re-reading message 1 at 400 found only the cred reaction: the others were removed.
    const Result<int> swept = repo.sweepReactions({messageId(1)}, 400, 500);
    QVERIFY2(swept.ok(), qPrintable(text(swept)));
    QCOMPARE(*swept, 2);
    QCOMPARE(rows(db, u"SELECT message_id, emoji, burst, removed_at FROM reactions "
                      u"ORDER BY message_id, emoji, burst"_s),
             (QStringList{u"%1|%2|0|500"_s.arg(messageId(1)).arg(thumbs),
                          u"%1|%2|1|500"_s.arg(messageId(1)).arg(thumbs),
                          u"%1|%2|0|-"_s.arg(messageId(1)).arg(cred),
                          u"%1|%2|0|-"_s.arg(messageId(2)).arg(thumbs)}));
    QCOMPARE(integer(db, u"SELECT reactions FROM channel_stats WHERE channel_id = ?"_s,
                     {sql::id(channelA)}),
             1);
    QVERIFY(statsMatchRows(db));
    QVERIFY(db.integrityCheck().ok());

    // A reaction on a message that was never stored fails the page.
    const Result<void> orphan = db.transaction(
        [&] { return repo.upsertReactions({reaction(9, thumbs, userA, false)}, 600); });
    QVERIFY(!orphan.ok());
    QVERIFY2(orphan.error().message.contains(u"the message itself is not stored"_s),
             qPrintable(orphan.error().text()));
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM reactions"_s), 4);
    QVERIFY(statsMatchRows(db));
}

void TestStoreRepository::checkpoints()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());

    QVERIFY(!repo.checkpoint(guildId, u"members"_s)->has_value());
    QVERIFY(repo.setCheckpoint(guildId, {u"members"_s, u"123"_s, u"running"_s, 10}).ok());
    QVERIFY(repo.setCheckpoint(guildId, {u"channel:9:backfill"_s, QString(), u"done"_s, 20}).ok());
    QVERIFY(repo.setCheckpoint(guildId, {u"Z-upper"_s, u"x"_s, u"done"_s, 30}).ok());
    QVERIFY(repo.setCheckpoint(guildId, {u"members"_s, u"456"_s, u"done"_s, 40}).ok());
    QVERIFY(repo.setCheckpoint(7, {u"members"_s, u"other guild"_s, u"done"_s, 50}).ok());

    const auto members = repo.checkpoint(guildId, u"members"_s);
    QVERIFY(members.ok() && members->has_value());
    QCOMPARE((*members)->cursor, u"456"_s);
    QCOMPARE((*members)->state, u"done"_s);
    QCOMPARE((*members)->updatedAt, 40);
    const auto all = repo.checkpoints(guildId);
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 3);
    // UTF-8 byte order: upper case sorts before lower case on both backends.
    QCOMPARE(all->at(0).scope, u"Z-upper"_s);
    QCOMPARE(all->at(1).scope, u"channel:9:backfill"_s);
    QVERIFY(all->at(1).cursor.isNull());
    QCOMPARE(all->at(2).scope, u"members"_s);

    QVERIFY(repo.clearCheckpoints(guildId).ok());
    QVERIFY(repo.checkpoints(guildId)->isEmpty());
    QCOMPARE(repo.checkpoints(7)->size(), 1);
}

void TestStoreRepository::syncRuns()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());

    const Result<qint64> first = repo.startSyncRun(guildId, 1000);
    QVERIFY2(first.ok(), qPrintable(text(first)));
    const Result<qint64> second = repo.startSyncRun(guildId, 2000);
    QVERIFY(second.ok());
    QVERIFY(*first > 0 && *second > *first);
    QCOMPARE(rows(db, u"SELECT status, finished_at FROM sync_runs WHERE id = ?"_s,
                  {sql::integer(*first)}),
             QStringList{u"running|-"_s});

    QVERIFY(repo.finishSyncRun(*first, SyncStatus::Ok, 1500, u"{\"messages\":3}"_s).ok());
    QCOMPARE(rows(db, u"SELECT status, finished_at, stats_json FROM sync_runs WHERE id = ?"_s,
                  {sql::integer(*first)}),
             QStringList{u"ok|1500|{\"messages\":3}"_s});
    QCOMPARE(rows(db, u"SELECT first_synced_at, last_synced_at FROM guilds"_s),
             QStringList{u"1500|1500"_s});
    QVERIFY(repo.finishSyncRun(*second, SyncStatus::Ok, 2500, {}).ok());
    QCOMPARE(rows(db, u"SELECT first_synced_at, last_synced_at FROM guilds"_s),
             QStringList{u"1500|2500"_s});

    const Result<qint64> failed = repo.startSyncRun(guildId, 3000);
    QVERIFY(repo.finishSyncRun(*failed, SyncStatus::Failed, 3100, u"{\"error\":\"x\"}"_s).ok());
    const Result<qint64> cancelled = repo.startSyncRun(guildId, 3200);
    QVERIFY(repo.finishSyncRun(*cancelled, SyncStatus::Cancelled, 3300, {}).ok());
    QCOMPARE(rows(db, u"SELECT last_synced_at FROM guilds"_s), QStringList{u"2500"_s});
    QCOMPARE(rows(db, u"SELECT status FROM sync_runs ORDER BY id"_s),
             (QStringList{u"ok"_s, u"ok"_s, u"failed"_s, u"cancelled"_s}));

    // A run for a guild that could not even be fetched is still recorded.
    QVERIFY(repo.startSyncRun(424242, 4000).ok());
    const Result<void> unknown = repo.finishSyncRun(987654, SyncStatus::Ok, 1, {});
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.contains(u"no sync run 987654"_s));
}

void TestStoreRepository::listGuildsAndChannelStatus()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    const test::StoreSampleGuild sample = test::StoreSampleGuild::make(3, 15, 80);
    const Result<void> written = test::writeSampleGuild(repo, sample, 1000);
    QVERIFY2(written.ok(), qPrintable(text(written)));
    GuildRecord other;
    other.id = 5;
    other.name = u"another guild"_s;
    other.source = u"sourcecred"_s;
    QVERIFY(repo.upsertGuild(other).ok());
    // Some deletions, so that live counts differ from row counts.
    QVERIFY(
        repo.markMessagesDeleted({sample.messages.at(0).id, sample.messages.at(1).id}, 2000).ok());
    QVERIFY(
        repo.sweepReactions({sample.messages.at(2).id, sample.messages.at(3).id}, 1500, 2000).ok());
    QVERIFY(repo.markChannelsDeleted({sample.channels.at(3).id}, 2000).ok());
    QVERIFY(repo.markMembersLeft(sample.guild.id, {sample.members.at(0).userId}, 2000).ok());
    const qint64 run = *repo.startSyncRun(sample.guild.id, 900);
    QVERIFY(repo.finishSyncRun(run, SyncStatus::Ok, 2100, {}).ok());
    const quint64 general = sample.channels.at(1).id;
    QVERIFY(repo.setCheckpoint(sample.guild.id,
                               {u"channel:%1:backfill"_s.arg(general), u"1"_s, u"done"_s, 2200})
                .ok());
    QVERIFY(repo.setCheckpoint(sample.guild.id,
                               {u"channel:%1:reactions"_s.arg(general), u"2"_s, u"done"_s, 2300})
                .ok());
    QVERIFY(statsMatchRows(db));

    const auto guilds = listGuilds(db);
    QVERIFY2(guilds.ok(), qPrintable(text(guilds)));
    QCOMPARE(guilds->size(), 2);
    QCOMPARE(guilds->at(0).name, u"another guild"_s); // case-insensitive by name
    QCOMPARE(guilds->at(0).source, u"sourcecred"_s);
    QCOMPARE(guilds->at(0).messages, 0);
    QVERIFY(!guilds->at(0).lastSyncedAt);
    const GuildSummary &g = guilds->at(1);
    QCOMPARE(g.id, sample.guild.id);
    QCOMPARE(g.name, sample.guild.name);
    QCOMPARE(g.source, u"discord"_s);
    QCOMPARE(g.lastSyncedAt, std::optional<qint64>(2100));
    const QVariant guild = sql::id(sample.guild.id);
    QCOMPARE(g.members, sample.members.size() - 1);
    QCOMPARE(g.members, integer(db,
                                u"SELECT COUNT(*) FROM members WHERE guild_id = ? "
                                u"AND is_member = 1"_s,
                                {guild}));
    QCOMPARE(g.channels, sample.channels.size() - 1);
    QCOMPARE(g.messages, sample.messages.size() - 2);
    QCOMPARE(g.messages, integer(db,
                                 u"SELECT COUNT(*) FROM messages WHERE guild_id = ? "
                                 u"AND deleted_at IS NULL"_s,
                                 {guild}));
    QCOMPARE(g.reactions,
             integer(db, u"SELECT COUNT(*) FROM reactions WHERE removed_at IS NULL"_s));
    QVERIFY(g.reactions > 0);
    QVERIFY(g.reactions < integer(db, u"SELECT COUNT(*) FROM reactions"_s));

    const auto channels = channelStatus(db, sample.guild.id);
    QVERIFY2(channels.ok(), qPrintable(text(channels)));
    QCOMPARE(channels->size(), sample.channels.size());
    qint64 messages = 0;
    for (const ChannelStatus &c : *channels) {
        const QVariant id = sql::id(c.id);
        QCOMPARE(c.messages, integer(db,
                                     u"SELECT COUNT(*) FROM messages WHERE channel_id = ? "
                                     u"AND deleted_at IS NULL"_s,
                                     {id}));
        QCOMPARE(c.reactions, integer(db,
                                      u"SELECT COUNT(*) FROM reactions WHERE channel_id = ? "
                                      u"AND removed_at IS NULL"_s,
                                      {id}));
        const qint64 newest =
            integer(db, u"SELECT MAX(id) FROM messages WHERE channel_id = ?"_s, {id});
        if (newest > 0)
            QCOMPARE(c.lastMessageAt, std::optional<qint64>(snowflake::toMsecs(newest)));
        else
            QVERIFY(!c.lastMessageAt);
        QCOMPARE(c.lastSyncedAt, c.id == general ? std::optional<qint64>(2300) : std::nullopt);
        QCOMPARE(c.deleted, c.id == sample.channels.at(3).id);
        messages += c.messages;
    }
    QCOMPARE(messages, g.messages);
    // Ordered by position: the category (position 0) first, the thread (no position) with it.
    QCOMPARE(channels->at(0).type == 4 || !channels->at(0).name.isEmpty(), true);
    for (qsizetype i = 1; i < channels->size(); ++i) {
        const auto position = [&](quint64 id) {
            for (const ChannelRecord &c : sample.channels) {
                if (c.id == id)
                    return c.position.value_or(0);
            }
            return -1;
        };
        QVERIFY(position(channels->at(i - 1).id) <= position(channels->at(i).id));
    }
}

void TestStoreRepository::rolledBackPageLeavesNothing()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    QVERIFY(repo.upsertMessages(guildId, {message(1, channelA, userA, u"kept"_s)}, 10).ok());
    const QStringList before = rows(db, u"SELECT * FROM channel_stats ORDER BY channel_id"_s);

    const Result<void> page = db.transaction([&]() -> Result<void> {
        if (const auto done = repo.upsertMessages(
                guildId,
                {message(2, channelA, userB, u"lost"_s), message(3, channelB, userC, u"lost"_s)},
                20);
            !done)
            return done;
        const Result<qint64> emoji = repo.internEmoji(ReactionEmoji::fromKey(u"🎉"_s));
        if (!emoji)
            return emoji.error();
        ReactionRecord r;
        r.messageId = messageId(2);
        r.emoji = *emoji;
        r.userId = userC;
        if (const auto done = repo.upsertReactions({r}, 20); !done)
            return done;
        if (const auto done = repo.markMessagesDeleted({messageId(1)}, 20); !done)
            return done;
        return Error{u"the next HTTP request failed"_s, {}};
    });
    QVERIFY(!page.ok());
    QCOMPARE(rows(db, u"SELECT id, content, deleted_at FROM messages"_s),
             QStringList{u"%1|kept|-"_s.arg(messageId(1))});
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM reactions"_s), 0);
    QCOMPARE(integer(db, u"SELECT COUNT(*) FROM reaction_emojis"_s), 0);
    QCOMPARE(rows(db, u"SELECT * FROM channel_stats ORDER BY channel_id"_s), before);
    QVERIFY(statsMatchRows(db));
}

void TestStoreRepository::rebuildChannelStats()
{
    OPEN_DATABASE(db);
    Repository repo(db);
    QVERIFY(test::writeSampleGuild(repo, test::StoreSampleGuild::make(5), 1000).ok());
    QVERIFY(statsMatchRows(db));
    QVERIFY(db.exec(u"UPDATE channel_stats SET messages = messages + 7"_s).ok());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^channel_stats differ"_s));
    QVERIFY(!statsMatchRows(db));
    QVERIFY(repo.rebuildChannelStats().ok());
    QVERIFY(statsMatchRows(db));
}

void TestStoreRepository::diskFullDuringPage()
{
    // The bulk write path (SQLite's C API when available) reports a full disk like every
    // other write, and the failed page leaves the committed ones as they were.
    StoreTestDatabase tmp(Backend::Sqlite);
    QVERIFY(tmp.isValid());
    auto opened = tmp.open();
    QVERIFY(opened.ok());
    Database &db = **opened;
    Repository repo(db);
    QVERIFY(writeFrame(repo).ok());
    QVERIFY(repo.upsertMessages(guildId, {message(1, channelA, userA, u"committed"_s)}, 10).ok());
    const QByteArray before = *canonicalDump(db, guildId);

    const qint64 pages = sql::toInteger(*db.scalar(u"PRAGMA page_count"_s));
    QSqlQuery limit(db.connection());
    QVERIFY(limit.exec(u"PRAGMA max_page_count = %1"_s.arg(pages + 3)));
    limit.finish();
    QList<MessageRecord> page;
    for (int i = 2; i < 400; ++i)
        page.append(message(i, channelA, userB, QString(500, u'x')));
    const Result<void> full =
        db.transaction([&] { return repo.upsertMessages(guildId, page, 20); });
    QVERIFY(!full.ok());
    QVERIFY2(full.error().text().contains(
                 u"the disk is full; free space and run again — nothing was lost"_s),
             qPrintable(full.error().text()));
    QCOMPARE(*canonicalDump(db, guildId), before);
    QVERIFY(statsMatchRows(db));
    QVERIFY(db.integrityCheck().ok());
}

QTEST_GUILESS_MAIN(TestStoreRepository)
#include "tst_store_repository.moc"
