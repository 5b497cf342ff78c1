// The sync engine against the in-process emulator: a complete sync equals the snapshot loaded
// directly, incremental syncs record changes, faults change nothing, bad input gives one clear
// message and leaves the data intact.

#include "ClientFakeTransport.h"
#include "EmulatorFixture.h"
#include "MockClock.h"
#include "SnapshotStore.h"
#include "StoreTestDatabase.h"
#include "SyncRunner.h"
#include "SyncTestGuild.h"
#include "SyncTestSupport.h"
#include "common/Snowflake.h"
#include "demoguild/DemoGuild.h"
#include "discord/Client.h"
#include "store/CanonicalDump.h"
#include "store/Queries.h"
#include "store/Repository.h"
#include "sync/Engine.h"
#include "sync/SyncRuns.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;
using gavel::test::EmulatorFixture;
using gavel::test::StoreTestDatabase;

Q_DECLARE_METATYPE(gavel::store::Backend)

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

//! The canonical dump of the emulator's current guild written by the reference loader.
QByteArray referenceDump(EmulatorFixture &emulator, QString &error)
{
    auto snapshot = emulator::Snapshot::fromJson(emulator.server().snapshotJson());
    if (!snapshot) {
        error = snapshot.error().text();
        return {};
    }
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto db = tmp.open();
    if (!db) {
        error = db.error().text();
        return {};
    }
    if (auto r = test::loadSnapshotIntoStore(*snapshot, **db, 1000); !r) {
        error = r.error().text();
        return {};
    }
    auto dump = store::canonicalDump(**db, snapshot->guildId());
    if (!dump) {
        error = dump.error().text();
        return {};
    }
    return *dump;
}

QByteArray dumpOf(const StoreTestDatabase &tmp, quint64 guildId)
{
    auto db = tmp.open();
    if (!db)
        return "cannot open: " + db.error().text().toUtf8();
    auto dump = store::canonicalDump(**db, guildId);
    return dump ? *dump : "cannot dump: " + dump.error().text().toUtf8();
}

//! A small generated demo guild (replies, mentions, forums, left members, rings...).
QString demoSnapshot(const QString &dir)
{
    demoguild::Options o;
    o.seed = 7;
    o.members = 120;
    o.messages = 1500;
    const QString path = dir + u"/demo.json"_s;
    auto written = demoguild::generate(o, path);
    return written ? path : QString();
}

qint64 statsRequests(EmulatorFixture &emulator)
{
    const QJsonObject stats = QJsonDocument::fromJson(emulator.server().statsJson()).object();
    return stats.value("requests_total"_L1).toInteger();
}

} // namespace

class tst_SyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeSyncEqualsSnapshot_data();
    void completeSyncEqualsSnapshot();
    void incrementalRecordsChanges_data();
    void incrementalRecordsChanges();
    void unchangedGuildCostsRequestsPerChannel();
    void faultsGiveTheSameResult();
    void cancelStopsAndResumes();
    void longChannelIsReadInSlices_data();
    void longChannelIsReadInSlices();
    void killedRunIsMarkedInterrupted();
    void revokedChannelIsReportedAndSkipped();
    void fullResyncVerifiesEverything();
    void badInput_data();
    void badInput();
    void rateLimitsAreKept();
    void busiestBucketIsServedFirst();
};

void tst_SyncEngine::completeSyncEqualsSnapshot_data()
{
    QTest::addColumn<store::Backend>("backend");
    QTest::addColumn<bool>("demo");
    QTest::newRow("test-guild-sqlite") << store::Backend::Sqlite << false;
    QTest::newRow("test-guild-postgresql") << store::Backend::Postgres << false;
    QTest::newRow("demo-guild-sqlite") << store::Backend::Sqlite << true;
    QTest::newRow("demo-guild-postgresql") << store::Backend::Postgres << true;
}

void tst_SyncEngine::completeSyncEqualsSnapshot()
{
    QFETCH(store::Backend, backend);
    QFETCH(bool, demo);
    GAVEL_REQUIRE_BACKEND(backend);
    QTemporaryDir dir;
    EmulatorFixture emulator;
    if (demo) {
        const QString path = demoSnapshot(dir.path());
        QVERIFY(!path.isEmpty());
        auto snapshot = emulator::Snapshot::load(path);
        QVERIFY2(snapshot.ok(), qPrintable(test::errorOf(snapshot)));
        QVERIFY2(emulator.start(std::move(*snapshot)), qPrintable(emulator.errorString()));
    } else {
        QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    }
    const quint64 guildId =
        emulator::Snapshot::fromJson(emulator.server().snapshotJson())->guildId();
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));

    const test::SyncRun run = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(),
                                            test::fastSyncOptions(guildId));
    QVERIFY2(run.result.ok(), qPrintable(test::errorOf(run.result)));
    QCOMPARE(run.finishedSignals, 1);
    QVERIFY(run.progressSignals > 0);
    QCOMPARE(run.lastProgress.phase, u"done"_s);

    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray got = dumpOf(tmp, guildId);
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());

    auto db = tmp.open();
    QVERIFY(db.ok());
    QVERIFY2((*db)->integrityCheck().ok(), qPrintable(test::errorOf((*db)->integrityCheck())));
    QCOMPARE((*db)->lookupIndexesSuspended().value(), false);
    const qint64 messages = count(**db, u"SELECT COUNT(*) FROM messages"_s);
    QCOMPARE(run.result->messagesNew, messages);
    QCOMPARE(run.result->reactionsAdded, count(**db, u"SELECT COUNT(*) FROM reactions"_s));
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_runs WHERE status = 'ok'"_s), qint64(1));
    if (!demo) {
        QCOMPARE(messages, qint64(258));
        QCOMPARE(run.result->channelsUnreadable, 2);
    }
}

void tst_SyncEngine::incrementalRecordsChanges_data()
{
    test::addBackendColumn();
    test::addBackendRows();
}

void tst_SyncEngine::incrementalRecordsChanges()
{
    QFETCH(store::Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    test::SyncTestGuildIds g;
    const test::SnapshotBuilder builder = test::syncTestGuild(&g);
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    StoreTestDatabase tmp(backend);
    QVERIFY(tmp.isValid());
    const auto options = test::fastSyncOptions(builder.guildId());
    auto first = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(first.result.ok(), qPrintable(test::errorOf(first.result)));

    // What the guild does between two syncs.
    quint64 edited = 0, deleted = 0, unreacted = 0, added = 0, newcomer = 0;
    emulator.server().withSnapshot([&](emulator::Snapshot &s) {
        const emulator::Channel *busy = s.channel(g.busy);
        edited = busy->messages[10].id;
        deleted = busy->messages[20].id;
        unreacted = busy->messages[0].id; // i == 0: custom emoji by bob, burst 🎉 by crowd[0]
        QVERIFY(s.editMessage(g.busy, edited, R"({"content": "edited text"})").ok());
        QVERIFY(s.deleteMessage(g.busy, deleted).ok());
        QVERIFY(s.setReaction(g.busy, unreacted, "🎉", g.crowd[0], true, false).value());
        QVERIFY(s.setReaction(g.general, s.channel(g.general)->messages[1].id, "👍", g.carol, false,
                              true)
                    .value());
        auto message =
            s.addMessage(g.busy, R"({"author_id": ")" + snowflake::toString(g.bob).toStdString() +
                                     R"(", "content": "new one"})");
        QVERIFY(message.ok());
        added = s.channel(g.busy)->messages.back().id;
        QVERIFY(s.setMemberRoles(g.bob, {g.member, g.trusted}).ok());
        QVERIFY(s.removeMember(g.carol).ok());
        newcomer = s.freshId();
        auto joined = s.addMember(R"({"user": {"id": ")" + std::to_string(newcomer) +
                                  R"(", "username": "newcomer", "discriminator": "0", )"
                                  R"("global_name": null, "avatar": null}, "roles": []})");
        QVERIFY2(joined.ok(), qPrintable(test::errorOf(joined)));
    });

    auto second = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(second.result.ok(), qPrintable(test::errorOf(second.result)));
    const sync::Summary &s = *second.result;
    QCOMPARE(s.messagesNew, qint64(1));
    QCOMPARE(s.messagesEdited, qint64(1));
    QCOMPARE(s.messagesDeleted, qint64(1));
    QCOMPARE(s.reactionsRemoved, qint64(1));
    QCOMPARE(s.reactionsAdded, qint64(1));
    QCOMPARE(s.membersJoined, qint64(1));
    QCOMPARE(s.membersLeft, qint64(1));
    QVERIFY(s.roleChanges >= 2); // bob +trusted, carol's Member removed on leaving

    auto db = tmp.open();
    QVERIFY(db.ok());
    store::Database &d = **db;
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM messages WHERE id = ? AND content = 'edited text' "
                   u"AND edited_at IS NOT NULL"_s,
                   ids({edited})),
             qint64(1));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM messages WHERE id = ? AND deleted_at IS NOT NULL"_s,
                   ids({deleted})),
             qint64(1));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM messages WHERE id = ?"_s, ids({added})), qint64(1));
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM reactions WHERE message_id = ? AND burst = 1 AND "
                   u"removed_at IS NOT NULL"_s,
                   ids({unreacted})),
             qint64(1));
    // The unchanged reaction of the same message is still there.
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM reactions WHERE message_id = ? AND burst = 0 AND "
                   u"removed_at IS NULL"_s,
                   ids({unreacted})),
             qint64(1));
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM member_role_history WHERE user_id = ? AND role_id = ? "
                   u"AND action = 'add'"_s,
                   ids({g.bob, g.trusted})),
             qint64(1));
    QCOMPARE(count(d, u"SELECT is_member FROM members WHERE user_id = ?"_s, ids({g.carol})),
             qint64(0));
    QCOMPARE(count(d,
                   u"SELECT COUNT(*) FROM member_history WHERE user_id = ? AND event = 'leave'"_s,
                   ids({g.carol})),
             qint64(1));
    QCOMPARE(count(d, u"SELECT COUNT(*) FROM member_history WHERE user_id = ? AND event = 'join'"_s,
                   ids({newcomer})),
             qint64(1));
    QVERIFY(d.integrityCheck().ok());

    // The stored guild still holds everything the reference has, now with the edit.
    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(expected.contains("edited text"));
    QVERIFY(dumpOf(tmp, builder.guildId()).contains("edited text"));
}

void tst_SyncEngine::unchangedGuildCostsRequestsPerChannel()
{
    QTemporaryDir dir;
    const QString path = demoSnapshot(dir.path());
    auto snapshot = emulator::Snapshot::load(path);
    QVERIFY(snapshot.ok());
    const quint64 guildId = snapshot->guildId();
    EmulatorFixture emulator;
    QVERIFY(emulator.start(std::move(*snapshot)));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    const auto options = test::fastSyncOptions(guildId);
    auto first = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(first.result.ok(), qPrintable(test::errorOf(first.result)));
    const qint64 firstRequests = statsRequests(emulator);
    const QByteArray before = dumpOf(tmp, guildId);

    auto second = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(second.result.ok(), qPrintable(test::errorOf(second.result)));
    const qint64 secondRequests = statsRequests(emulator) - firstRequests;
    auto db = tmp.open();
    const qint64 channels = count(**db, u"SELECT COUNT(*) FROM channels"_s);
    const qint64 messages = count(**db, u"SELECT COUNT(*) FROM messages"_s);
    qInfo("unchanged guild: %lld channels, %lld messages; first sync %lld requests, second %lld",
          channels, messages, firstRequests, secondRequests);
    QCOMPARE(second.result->messagesNew, qint64(0));
    QCOMPARE(second.result->reactionsAdded, qint64(0));
    QCOMPARE(second.result->messagesDeleted, qint64(0));
    // Proportional to channels, not messages: the structure, the member list and at most a
    // few re-scan pages per channel.
    QVERIFY2(secondRequests <= 2 * channels + 10,
             qPrintable(u"%1 requests for %2 channels"_s.arg(secondRequests).arg(channels)));
    QVERIFY(secondRequests < messages / 10);
    QCOMPARE(dumpOf(tmp, guildId), before);
}

void tst_SyncEngine::faultsGiveTheSameResult()
{
    // Every kind of fault (5xx, HTML pages, resets, truncated bodies, slow answers) on 5% of
    // ~1,600 requests.
    QTemporaryDir dir;
    auto snapshot = emulator::Snapshot::load(demoSnapshot(dir.path()));
    QVERIFY(snapshot.ok());
    const quint64 guildId = snapshot->guildId();
    EmulatorFixture emulator;
    emulator::ServerOptions options = EmulatorFixture::testOptions();
    options.faults.rate = 0.05;
    options.faults.seed = 11;
    options.faults.slowMs = 300;
    QVERIFY(emulator.start(std::move(*snapshot), options));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto run = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(),
                             test::fastSyncOptions(guildId), 120000);
    QVERIFY2(run.result.ok(), qPrintable(test::errorOf(run.result)));
    const QJsonObject stats = QJsonDocument::fromJson(emulator.server().statsJson()).object();
    qint64 faults = 0;
    const QJsonObject byKind = stats.value("faults"_L1).toObject();
    for (auto it = byKind.begin(); it != byKind.end(); ++it)
        faults += it.value().toInteger();
    qInfo("%lld faults injected in %lld requests", faults,
          stats.value("requests_total"_L1).toInteger());
    QVERIFY(faults > 0);
    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray got = dumpOf(tmp, guildId);
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
}

void tst_SyncEngine::cancelStopsAndResumes()
{
    QTemporaryDir dir;
    const QString path = demoSnapshot(dir.path());
    auto snapshot = emulator::Snapshot::load(path);
    QVERIFY(snapshot.ok());
    const quint64 guildId = snapshot->guildId();
    EmulatorFixture emulator;
    QVERIFY(emulator.start(std::move(*snapshot)));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto options = test::fastSyncOptions(guildId);
    options.globalPerSecond = 400; // slow enough to cancel in the middle
    bool asked = false;
    auto first = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options,
                               60000, [&](sync::Engine &engine, const sync::Progress &p) {
                                   if (!asked && p.messages > 200) {
                                       asked = true;
                                       engine.cancel();
                                   }
                               });
    QVERIFY(asked);
    QVERIFY2(first.result.ok(), qPrintable(test::errorOf(first.result)));
    QVERIFY(first.result->cancelled);
    QCOMPARE(first.finishedSignals, 1);
    {
        auto db = tmp.open();
        QVERIFY((*db)->integrityCheck().ok());
        QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_runs WHERE status = 'cancelled'"_s),
                 qint64(1));
        const qint64 stored = count(**db, u"SELECT COUNT(*) FROM messages"_s);
        QVERIFY(stored > 0);
        QVERIFY(stored < 1500);
    }
    auto second = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(),
                                test::fastSyncOptions(guildId));
    QVERIFY2(second.result.ok(), qPrintable(test::errorOf(second.result)));
    QVERIFY(!second.result->cancelled);
    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    const QByteArray got = dumpOf(tmp, guildId);
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
}

void tst_SyncEngine::longChannelIsReadInSlices_data()
{
    QTest::addColumn<store::Backend>("backend");
    QTest::addColumn<int>("cancelAfter"); // messages stored before cancelling; 0 = never
    QTest::newRow("uninterrupted-sqlite") << store::Backend::Sqlite << 0;
    QTest::newRow("uninterrupted-postgresql") << store::Backend::Postgres << 0;
    QTest::newRow("cancelled-early-sqlite") << store::Backend::Sqlite << 1200;
    QTest::newRow("cancelled-late-sqlite") << store::Backend::Sqlite << 5000;
    QTest::newRow("cancelled-late-postgresql") << store::Backend::Postgres << 5000;
}

void tst_SyncEngine::longChannelIsReadInSlices()
{
    QFETCH(store::Backend, backend);
    QFETCH(int, cancelAfter);
    GAVEL_REQUIRE_BACKEND(backend);
    // One channel of 6,600 messages: after its first page the engine splits the rest into 8
    // slices (the first page's id span says 65 pages are left, 8 per slice at least).
    test::SnapshotBuilder builder;
    builder.addBot();
    const quint64 alice = builder.addMember(u"alice"_s);
    const quint64 bob = builder.addMember(u"bob"_s);
    const quint64 channel = builder.addChannel(u"long"_s);
    builder.addMessage(builder.addChannel(u"short"_s), bob, u"hello"_s);
    QList<quint64> ids;
    for (int i = 0; i < 6600; ++i)
        ids.append(builder.addMessage(channel, i % 3 ? alice : bob, u"m%1"_s.arg(i)));
    // The engine's split, worked out the same way: the first page's span, the last id.
    const quint64 first = ids[0], newest = ids[99], last = ids.last();
    const double perPage = double(newest - first) * 100 / 99.0;
    const int k = int(std::min<double>(8, double(last - newest) / perPage / 8));
    QCOMPARE(k, 8);
    const quint64 step = (last - newest) / quint64(k);
    QList<quint64> bounds;
    for (int i = 1; i < k; ++i)
        bounds.append(newest + step * quint64(i));

    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    // Messages exactly on each slice's last id and just past it, with reactions: each must be
    // stored once, by the slice it belongs to.
    qint64 messagesThere = 6600 + 1;
    emulator.server().withSnapshot([&](emulator::Snapshot &s) {
        for (quint64 bound : std::as_const(bounds)) {
            for (quint64 id : {bound, bound + 1}) {
                if (std::binary_search(ids.cbegin(), ids.cend(), id))
                    continue;
                const std::string json =
                    R"({"id": ")" + snowflake::toString(id).toStdString() + R"(", "author_id": ")" +
                    snowflake::toString(alice).toStdString() + R"(", "content": "edge"})";
                QVERIFY(s.addMessage(channel, json).ok());
                ++messagesThere;
            }
            QVERIFY(s.setReaction(channel, bound, "👍", bob, false, true).ok());
            QVERIFY(s.setReaction(channel, bound + 1, "👍", alice, true, true).ok());
        }
    });

    StoreTestDatabase tmp(backend);
    auto options = test::fastSyncOptions(builder.guildId());
    options.channelConcurrency = 2;
    if (cancelAfter > 0)
        options.globalPerSecond = 40; // about two seconds: progress comes five times a second
    bool asked = false;
    auto first_ = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options,
                                60000, [&](sync::Engine &engine, const sync::Progress &p) {
                                    if (cancelAfter > 0 && !asked && p.messages >= cancelAfter) {
                                        asked = true;
                                        engine.cancel();
                                    }
                                });
    QVERIFY2(first_.result.ok(), qPrintable(test::errorOf(first_.result)));
    const QString slices = u"channel:%1:slice:"_s.arg(snowflake::toString(channel));
    if (cancelAfter > 0) {
        QVERIFY(asked);
        QVERIFY(first_.result->cancelled);
        auto db = tmp.open();
        QVERIFY((*db)->integrityCheck().ok());
        // Stopped inside the sliced read: the plan and one cursor per slice are stored.
        QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_checkpoints WHERE scope LIKE ?"_s,
                       QVariantList{QString(slices + u'%')}),
                 qint64(k));
        QCOMPARE(count(**db,
                       u"SELECT COUNT(*) FROM sync_checkpoints WHERE scope = ? AND "
                       u"state = 'sliced'"_s,
                       QVariantList{u"channel:%1:messages"_s.arg(snowflake::toString(channel))}),
                 qint64(1));
        const qint64 stored = count(**db, u"SELECT COUNT(*) FROM messages"_s);
        QVERIFY(stored >= cancelAfter);
        QVERIFY(stored < messagesThere);
        auto second = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(),
                                    test::fastSyncOptions(builder.guildId()));
        QVERIFY2(second.result.ok(), qPrintable(test::errorOf(second.result)));
        QVERIFY(!second.result->cancelled);
    } else {
        QVERIFY(!first_.result->cancelled);
        // Each slice costs at most one page more than reading in one chain.
        const qint64 pages = (messagesThere + 99) / 100 + 1;
        QVERIFY2(first_.result->requests <= pages + k + 10 + 4 * (k - 1),
                 qPrintable(QString::number(first_.result->requests)));
    }
    auto db = tmp.open();
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM messages"_s), messagesThere);
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_checkpoints WHERE scope LIKE ?"_s,
                   QVariantList{QString(slices + u'%')}),
             qint64(0));
    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    QVERIFY2(!expected.isEmpty(), qPrintable(error));
    const QByteArray got = dumpOf(tmp, builder.guildId());
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
}

void tst_SyncEngine::killedRunIsMarkedInterrupted()
{
    test::SyncTestGuildIds g;
    const test::SnapshotBuilder builder = test::syncTestGuild(&g);
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    {
        // What a killed sync leaves: its row 'running', owned by a process that is gone (a pid
        // beyond pid_max), and a checkpoint it wrote before it died.
        auto db = tmp.open();
        QVERIFY(db.ok());
        store::Repository repo(**db);
        QVERIFY(repo.startSyncRun(builder.guildId(), 1000,
                                  QStringLiteral(R"({"pid": 999999999, "host": "%1"})")
                                      .arg(QSysInfo::machineHostName()))
                    .ok());
        QVERIFY(repo.setCheckpoint(builder.guildId(),
                                   store::Checkpoint{u"members"_s, u"5"_s, u"paging:1000"_s, 4000})
                    .ok());
        // And one still running in this very process: it must be left alone.
        QJsonObject owner;
        sync::RunOwner::current().writeTo(owner);
        QVERIFY(repo.startSyncRun(
                        builder.guildId(), 2000,
                        QString::fromUtf8(QJsonDocument(owner).toJson(QJsonDocument::Compact)))
                    .ok());
    }
    auto run = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(),
                             test::fastSyncOptions(builder.guildId()));
    QVERIFY2(run.result.ok(), qPrintable(test::errorOf(run.result)));
    auto db = tmp.open();
    store::Repository repo(**db);
    auto runs = repo.recentSyncRuns(builder.guildId(), 10);
    QVERIFY(runs.ok());
    QCOMPARE(runs->size(), 3);
    QCOMPARE(runs->at(0).status, u"ok"_s);
    QCOMPARE(runs->at(1).status, u"running"_s); // alive: this process
    QCOMPARE(runs->at(2).status, u"failed"_s);
    const QJsonObject stats = QJsonDocument::fromJson(runs->at(2).statsJson.toUtf8()).object();
    QVERIFY(stats.value("interrupted"_L1).toBool());
    QCOMPARE(stats.value("interrupted_at"_L1).toInteger(), qint64(4000));
    QCOMPARE(stats.value("resumed_by"_L1).toInteger(), runs->at(0).id);
    QCOMPARE(runs->at(2).finishedAt.value_or(0), qint64(4000));
    auto notes = sync::runNotes(repo, builder.guildId());
    QVERIFY(notes.ok());
    QCOMPARE(notes->size(), 2);
    QVERIFY2(notes->at(0).contains(u"was interrupted at 1970-01-01T00:00:04Z, resumed by the "
                                   u"next sync"_s),
             qPrintable(notes->at(0)));
    QVERIFY2(notes->at(1).contains(u"is running (pid"_s), qPrintable(notes->at(1)));
}

void tst_SyncEngine::revokedChannelIsReportedAndSkipped()
{
    test::SyncTestGuildIds g;
    const test::SnapshotBuilder builder = test::syncTestGuild(&g);
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    const auto options = test::fastSyncOptions(builder.guildId());
    auto first = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY(first.result.ok());
    // The bot loses #busy between syncs (its permissions in the channel object still allow
    // it, so the engine finds out from Discord's 403).
    emulator.server().setChannelAccess(g.busy, false);
    emulator.server().withSnapshot([&](emulator::Snapshot &s) {
        QVERIFY(s.addMessage(g.busy, R"({"author_id": ")" +
                                         snowflake::toString(g.bob).toStdString() +
                                         R"(", "content": "unseen"})")
                    .ok());
        QVERIFY(s.addMessage(g.general, R"({"author_id": ")" +
                                            snowflake::toString(g.bob).toStdString() +
                                            R"(", "content": "seen"})")
                    .ok());
    });
    auto second = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(second.result.ok(), qPrintable(test::errorOf(second.result)));
    QVERIFY(second.result->unreadableChannels.join(u' ').contains(u"#busy"_s));
    auto db = tmp.open();
    QCOMPARE(count(**db, u"SELECT readable FROM channels WHERE id = ?"_s, ids({g.busy})),
             qint64(0));
    // What was stored stays; the rest of the guild was synced.
    QCOMPARE(count(**db,
                   u"SELECT COUNT(*) FROM messages WHERE channel_id = ? AND deleted_at IS "
                   u"NULL"_s,
                   ids({g.busy})),
             qint64(250));
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM messages WHERE content = 'seen'"_s), qint64(1));
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM messages WHERE content = 'unseen'"_s), qint64(0));
}

void tst_SyncEngine::fullResyncVerifiesEverything()
{
    test::SyncTestGuildIds g;
    const test::SnapshotBuilder builder = test::syncTestGuild(&g);
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto options = test::fastSyncOptions(builder.guildId());
    options.rescanDays = 0;
    options.rescanMessages = 0; // no re-scan window: only --full can see old changes
    QVERIFY(
        test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options).result.ok());
    quint64 oldest = 0;
    emulator.server().withSnapshot([&](emulator::Snapshot &s) {
        oldest = s.channel(g.busy)->messages.front().id;
        QVERIFY(s.deleteMessage(g.busy, oldest).ok());
        // A swap: one of the 150 takes their 👍 back and someone new adds one, so the count
        // Discord shows is unchanged.
        QVERIFY(s.setReaction(g.busy, g.popular, "👍", g.crowd[0], false, false).value());
        QVERIFY(s.setReaction(g.busy, g.popular, "👍", g.crowd[150], false, true).value());
    });
    auto quick = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY(quick.result.ok());
    QCOMPARE(quick.result->messagesDeleted, qint64(0));
    QCOMPARE(quick.result->reactionsRemoved, qint64(0));
    options.full = true;
    auto full = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options);
    QVERIFY2(full.result.ok(), qPrintable(test::errorOf(full.result)));
    QCOMPARE(full.result->messagesDeleted, qint64(1));
    QCOMPARE(full.result->messagesNew, qint64(0));
    QCOMPARE(full.result->reactionsRemoved, qint64(1));
    QCOMPARE(full.result->reactionsAdded, qint64(1));
    auto db = tmp.open();
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM messages WHERE id = ? AND deleted_at IS NOT NULL"_s,
                   ids({oldest})),
             qint64(1));
    const QString reaction =
        u"SELECT COUNT(*) FROM reactions WHERE message_id = ? AND user_id = ? AND burst = 0 AND "_s;
    QCOMPARE(count(**db, reaction + u"removed_at IS NOT NULL"_s, ids({g.popular, g.crowd[0]})),
             qint64(1));
    QCOMPARE(count(**db, reaction + u"removed_at IS NULL"_s, ids({g.popular, g.crowd[150]})),
             qint64(1));
    QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_checkpoints WHERE state <> 'done'"_s),
             qint64(0));
}

void tst_SyncEngine::badInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong token") << u"token"_s << u"token"_s;
    QTest::newRow("missing members intent") << u"intent"_s << u"Server Members"_s;
    QTest::newRow("unknown guild") << u"guild"_s << u"was not found"_s;
    QTest::newRow("not a gavel database") << u"foreign"_s << u"not"_s;
    QTest::newRow("newer database") << u"newer"_s << u"Upgrade Gavel"_s;
}

void tst_SyncEngine::badInput()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const test::SnapshotBuilder builder = test::syncTestGuild();
    EmulatorFixture emulator;
    QVERIFY(emulator.start(builder));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto options = test::fastSyncOptions(builder.guildId());
    // A first good sync: what a failing run must leave intact.
    QVERIFY(
        test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), options).result.ok());
    const QByteArray before = dumpOf(tmp, builder.guildId());
    QFile file(tmp.sqlitePath());
    QString token = emulator.token();
    if (kind == u"token")
        token = u"wrong-token"_s;
    else if (kind == u"intent")
        emulator.server().setMembersIntent(false);
    else if (kind == u"guild")
        options.guildId = builder.guildId() + 12345;
    else if (kind == u"newer")
        QCOMPARE(tmp.execRaw(u"UPDATE meta SET value = '999' WHERE key = 'schema_version'"_s),
                 QString());
    QByteArray foreignBytes;
    store::Location location = tmp.location();
    if (kind == u"foreign") {
        const QString path = tmp.folder() + u"/notes.txt"_s;
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        foreignBytes = "these are my notes, not a database\n";
        f.write(foreignBytes);
        f.close();
        location = store::Location::sqliteFile(path);
    }
    QFile dbFile(tmp.sqlitePath());
    QVERIFY(dbFile.open(QIODevice::ReadOnly));
    const QByteArray bytesBefore = dbFile.readAll();
    dbFile.close();

    auto run = test::runSync(location, emulator.apiUrl({}), token, options);
    QVERIFY(!run.result.ok());
    QCOMPARE(run.finishedSignals, 1);
    const QString text = run.result.error().text();
    qInfo("%s: %s", qPrintable(kind), qPrintable(text));
    QVERIFY2(text.contains(expected, Qt::CaseInsensitive), qPrintable(text));
    QVERIFY(!text.contains(u'\n'));
    QVERIFY(!text.contains(u"wrong-token"_s));

    if (kind == u"foreign") {
        QFile f(location.path());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), foreignBytes);
    } else if (kind == u"newer") {
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        QCOMPARE(dbFile.readAll(), bytesBefore);
    } else {
        QCOMPARE(dumpOf(tmp, builder.guildId()), before);
        auto db = tmp.open();
        QVERIFY((*db)->integrityCheck().ok());
        QCOMPARE(count(**db, u"SELECT COUNT(*) FROM sync_runs WHERE status = 'failed'"_s),
                 qint64(1));
    }
}

void tst_SyncEngine::rateLimitsAreKept()
{
    // Discord-like limits scaled up 10x (the test must stay short): 500/s global, buckets of
    // 50 per second. The client keeps to them: few 429s, and the data is complete.
    const test::SnapshotBuilder builder = test::syncTestGuild();
    EmulatorFixture emulator;
    emulator::ServerOptions options = EmulatorFixture::testOptions();
    options.rateLimits = true;
    options.globalRate = 500;
    options.bucket = emulator::BucketLimit{50, 1.0};
    QVERIFY(emulator.start(builder, options));
    StoreTestDatabase tmp(store::Backend::Sqlite);
    auto syncOptions = test::fastSyncOptions(builder.guildId());
    syncOptions.globalPerSecond = 500;
    auto run = test::runSync(tmp.location(), emulator.apiUrl({}), emulator.token(), syncOptions);
    QVERIFY2(run.result.ok(), qPrintable(test::errorOf(run.result)));
    qInfo("%lld requests, %lld 429s, %lld ms", run.result->requests, run.result->rateLimited,
          run.result->elapsedMs);
    QVERIFY(run.result->rateLimited <= 5);
    // The emulator counts each 429 against its bucket (hash:major), whatever its scope: the
    // counts add up to the scopes' totals, and no bucket got more than one or two.
    const QJsonObject stats = QJsonDocument::fromJson(emulator.server().statsJson()).object();
    const QJsonObject scopes = stats.value("rate_limited"_L1).toObject();
    const QJsonObject byBucket = stats.value("rate_limited_by_bucket"_L1).toObject();
    qint64 sum = 0;
    for (auto it = byBucket.constBegin(); it != byBucket.constEnd(); ++it) {
        QVERIFY2(it.key().contains(u':'), qPrintable(it.key()));
        sum += it.value().toInteger();
    }
    QCOMPARE(sum, scopes.value("user"_L1).toInteger() + scopes.value("global"_L1).toInteger() +
                      scopes.value("shared"_L1).toInteger());
    QCOMPARE(sum, run.result->rateLimited);
    qInfo("429s: at most %lld in one bucket, %lld buckets with any",
          stats.value("rate_limited_max_per_bucket"_L1).toInteger(), qint64(byBucket.size()));
    QVERIFY(stats.value("rate_limited_max_per_bucket"_L1).toInteger() <= 2);
    QString error;
    const QByteArray expected = referenceDump(emulator, error);
    const QByteArray got = dumpOf(tmp, builder.guildId());
    QVERIFY2(got == expected, test::dumpDifference(got, expected).constData());
}

// The client's scheduler: when a connection frees up, the bucket with the most requests
// waiting goes first (a sync's busiest channel is its critical path), and shorter queues still
// get their turn before it drains.
void tst_SyncEngine::busiestBucketIsServedFirst()
{
    discord::ClientOptions options;
    options.apiBase = QUrl(u"http://127.0.0.1:9/api/v10"_s);
    options.connections = 1;
    options.globalPerSecond = 0;
    test::MockClock clock;
    auto fake = std::make_unique<test::ClientFakeTransport>(options.connections);
    test::ClientFakeTransport *transport = fake.get();
    discord::Client client(options, discord::Token("test-token"_ba), std::move(fake), &clock);

    int replies = 0;
    auto get = [&](quint64 channel) {
        client.get("/channels/{}/messages", {channel})
            .execute(nullptr, [&replies](discord::Reply &&) { ++replies; });
    };
    get(9000); // holds the only connection while the others queue up
    const QList<std::pair<quint64, int>> queued = {{1, 2}, {2, 6}, {3, 3}};
    for (const auto &[channel, n] : queued)
        for (int i = 0; i < n; ++i)
            get(channel);

    const discord::RawHeaders headers = {{"X-RateLimit-Limit", "100"},
                                         {"X-RateLimit-Remaining", "99"},
                                         {"X-RateLimit-Reset-After", "1"},
                                         {"X-RateLimit-Bucket", "messages"}};
    QList<quint64> order;
    for (int guard = 0; guard < 100; ++guard) {
        const QList<quint64> open = transport->open();
        if (open.isEmpty())
            break;
        QCOMPARE(open.size(), 1);
        const QByteArray url = transport->request(open.constFirst()).url;
        const qsizetype at = url.indexOf("/channels/") + 10;
        order.append(url.mid(at, url.indexOf('/', at) - at).toULongLong());
        transport->respond(open.constFirst(), 200, headers, "[]"_ba);
    }
    QCOMPARE(replies, 12);
    QCOMPARE(order.size(), 12);
    QCOMPARE(order.at(0), 9000u);
    // Round robin would send channel 1 next; the deepest queue goes first.
    QCOMPARE(order.at(1), 2u);
    QCOMPARE(order.at(2), 2u);
    QCOMPARE(order.count(2u), 6);
    const qsizetype lastBusiest = order.lastIndexOf(2u);
    QVERIFY2(order.indexOf(1u) < lastBusiest && order.indexOf(3u) < lastBusiest,
             "the short queues waited until the deepest one had drained");
}

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
