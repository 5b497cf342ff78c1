#include "GuildListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gavel::ui;

class TestGuildListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelContract();
    void dataRoles();
    void rowOf();
};

namespace {
QList<GuildItem> sampleGuilds()
{
    return {
        {Q_UINT64_C(900000000000000001), QStringLiteral("Hive Commons"), QStringLiteral("discord"),
         1700000000000, 2000, 40, 100000, 250000},
        {Q_UINT64_C(900000000000000002), QString(), QStringLiteral("dce"), 0, 0, 1, 10, 0},
    };
}
} // namespace

void TestGuildListModel::modelContract()
{
    GuildListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGuilds(sampleGuilds());
    model.setGuilds({});
    model.setGuilds(sampleGuilds());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(0)), 0);
}

void TestGuildListModel::dataRoles()
{
    GuildListModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setGuilds(sampleGuilds());
    QCOMPARE(reset.count(), 1);

    const QModelIndex first = model.index(0);
    QCOMPARE(first.data().toString(), QStringLiteral("Hive Commons"));
    QCOMPARE(first.data(GuildListModel::IdRole).value<quint64>(), Q_UINT64_C(900000000000000001));
    QCOMPARE(first.data(GuildListModel::SourceRole).toString(), QStringLiteral("discord"));
    QCOMPARE(first.data(GuildListModel::MessagesRole).toLongLong(), 100000);
    const QDateTime synced = first.data(GuildListModel::LastSyncedRole).toDateTime();
    QVERIFY(synced.isValid());
    QCOMPARE(synced.toMSecsSinceEpoch(), 1700000000000);
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Last synced")));

    // A guild without a name (e.g. an import) is still listed recognisably, by id.
    const QModelIndex second = model.index(1);
    QVERIFY(second.data().toString().contains(QStringLiteral("900000000000000002")));
    QVERIFY(!second.data(GuildListModel::LastSyncedRole).toDateTime().isValid());
    QVERIFY(!second.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Last synced")));
    QVERIFY(!model.index(2).data().isValid());
}

void TestGuildListModel::rowOf()
{
    GuildListModel model;
    model.setGuilds(sampleGuilds());
    QCOMPARE(model.rowOf(Q_UINT64_C(900000000000000002)), 1);
    QCOMPARE(model.rowOf(42), -1);
}

QTEST_GUILESS_MAIN(TestGuildListModel)
#include "tst_guildlistmodel.moc"
