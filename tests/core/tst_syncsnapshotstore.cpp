// The snapshot loader (tests/support/SnapshotStore): the reference the sync is compared with,
// so it is checked here against the snapshot itself, independently of any sync.

#include "SnapshotStore.h"
#include "StoreTestDatabase.h"
#include "SyncTestGuild.h"
#include "SyncTestSupport.h"
#include "common/Snowflake.h"
#include "store/CanonicalDump.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;
using gavel::test::StoreTestDatabase;

namespace {

qint64 count(store::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto v = db.scalar(sql, values);
    return v ? v->toLongLong() : -1;
}

QVariantList ids(std::initializer_list<quint64> list)
{
    QVariantList v;
    for (quint64 id : list)
        v.append(qint64(id));
    return v;
}

} // namespace

class tst_SyncSnapshotStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesWhatTheBotMayRead_data()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    void storesWhatTheBotMayRead();
    void loadingTwiceChangesNothing();
    void fileOverloadMatchesInMemory();
    void unknownBotIsAnError();
};

void tst_SyncSnapshotStore::storesWhatTheBotMayRead()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::SyncTestGuildIds g;
    auto snapshot = test::syncTestGuild(&g).build();
    QVERIFY2(snapshot.ok(), qPrintable(test::errorOf(snapshot)));
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto db = tmp.open();
    QVERIFY2(db.ok(), qPrintable(test::errorOf(db)));
    store::Database &d = **db;
    const auto loaded = test::loadSnapshotIntoStore(*snapshot, d, 1700000000000);
    QVERIFY2(loaded.ok(), qPrintable(test::errorOf(loaded)));

    // Every member (owner, bot, three named, 160 crowd) and the guild's two custom roles sets.
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM members WHERE is_member = 1"_s), qint64(165));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM member_roles WHERE user_id = ?"_s, ids({g.alice})),
             qint64(2));
    // The former member's user row exists because they wrote and reacted, not as a member.
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM members WHERE user_id = ?"_s, ids({g.former})),
             qint64(0));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM users WHERE id = ?"_s, ids({g.former})), qint64(1));

    // Messages: general 4, busy 250, active thread 1, archived 1, private active 1, forum 1.
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM messages"_s), qint64(258));
    for (quint64 unreadable : {g.hidden, g.noHistory}) {
        QCOMPARE(count(d, u"SELECT readable FROM channels WHERE id = ?"_s, ids({unreadable})),
                 qint64(0));
        QCOMPARE(
            count(d, u"SELECT COUNT(*) FROM messages WHERE channel_id = ?"_s, ids({unreadable})),
            qint64(0));
    }
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM channels WHERE id = ?"_s, ids({g.privateArchived})),
             qint64(0));
    for (quint64 listed : {g.activeThread, g.archivedThread, g.privateActive, g.forumPost})
        QCOMPARE(count(d, u"SELECT readable FROM channels WHERE id = ?"_s, ids({listed})),
                 qint64(1));
    // The hidden channel's thread is not listed (its parent cannot be seen).
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM channels WHERE parent_id = ?"_s, ids({g.hidden})),
             qint64(0));

    // Reactions: every user of every emoji, normal and burst apart.
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM reactions WHERE message_id = ?"_s, ids({g.popular})),
             qint64(150));
    const qint64 busyExpected = 150 + 36 + 23; // popular, every 7th (custom), every 11th (burst)
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM reactions WHERE channel_id = ?"_s, ids({g.busy})),
             busyExpected);
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM reactions WHERE channel_id = ? AND burst = 1"_s,
                   ids({g.busy})),
             qint64(23));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM reactions WHERE channel_id = ?"_s, ids({g.general})),
             qint64(6));
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM reaction_emojis WHERE emoji_id IS NOT NULL AND key = ?"_s,
                   {g.customEmoji}),
             qint64(1));

    // Checkpoints as a finished sync leaves them: members, and each readable message channel
    // at its newest message.
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM sync_checkpoints WHERE scope = 'members'"_s),
             qint64(1));
    auto cursor = d.scalar(u"SELECT cursor FROM sync_checkpoints WHERE scope = ?"_s,
                           {u"channel:%1:messages"_s.arg(g.busy)});
    QVERIFY(cursor.ok());
    const auto newest =
        d.scalar(u"SELECT MAX(id) FROM messages WHERE channel_id = ?"_s, ids({g.busy}));
    QCOMPARE(cursor->toString(), newest->toString());
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM sync_checkpoints WHERE scope LIKE 'channel:%'"_s),
             qint64(6)); // general, busy, four readable threads
    const auto integrity = d.integrityCheck();
    QVERIFY2(integrity.ok(), qPrintable(test::errorOf(integrity)));
}

void tst_SyncSnapshotStore::loadingTwiceChangesNothing()
{
    auto snapshot = test::syncTestGuild().build();
    QVERIFY(snapshot.ok());
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto db = tmp.open();
    QVERIFY(db.ok());
    QVERIFY(test::loadSnapshotIntoStore(*snapshot, **db, 1000).ok());
    const auto first = store::canonicalDump(**db, snapshot->guildId());
    QVERIFY(first.ok());
    QVERIFY(test::loadSnapshotIntoStore(*snapshot, **db, 2000).ok());
    const auto second = store::canonicalDump(**db, snapshot->guildId());
    QVERIFY(second.ok());
    QCOMPARE(*second, *first);
    QVERIFY(first->contains("busy 249"));
}

void tst_SyncSnapshotStore::fileOverloadMatchesInMemory()
{
    const test::SnapshotBuilder builder = test::syncTestGuild();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"guild.json.gz"_s);
    QVERIFY(builder.writeTo(path, true));
    auto snapshot = builder.build();
    QVERIFY(snapshot.ok());

    StoreTestDatabase a(store::Backend::Sqlite), b(store::Backend::Sqlite);
    auto da = a.open();
    auto dbb = b.open();
    QVERIFY(da.ok() && dbb.ok());
    QVERIFY(test::loadSnapshotIntoStore(*snapshot, **da, 1000).ok());
    const auto fromFile = test::loadSnapshotIntoStore(path, **dbb, 1000);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.error().text()));
    QCOMPARE(*store::canonicalDump(**dbb, snapshot->guildId()),
             *store::canonicalDump(**da, snapshot->guildId()));

    const auto missing = test::loadSnapshotIntoStore(dir.filePath(u"nope.json"_s), **dbb, 1);
    QVERIFY(!missing.ok());
}

void tst_SyncSnapshotStore::unknownBotIsAnError()
{
    auto snapshot = test::syncTestGuild().build();
    QVERIFY(snapshot.ok());
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto db = tmp.open();
    QVERIFY(db.ok());
    const auto r = test::loadSnapshotIntoStore(*snapshot, **db, 1000, quint64(42));
    QVERIFY(!r.ok());
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM messages"_s), qint64(0));
}

QTEST_GUILESS_MAIN(tst_SyncSnapshotStore)
#include "tst_syncsnapshotstore.moc"
