// Drives the investigation views on a store database built from a small demo guild:
// navigation and its shortcuts, the filter reaching every view, a heatmap click opening the
// clicked pair's evidence, audit counts, and every item model under QAbstractItemModelTester.
#include "AuditPage.h"
#include "ClusterListModel.h"
#include "ClustersPage.h"
#include "DashboardPage.h"
#include "InvestigationView.h"
#include "MemberListModel.h"
#include "MembersPage.h"
#include "PairEvidenceDialog.h"
#include "ReactionListWidget.h"
#include "ReactionTableModel.h"
#include "SnapshotStore.h"
#include "TestPaths.h"
#include "demoguild/DemoGuild.h"
#include "heatmap/HeatmapPage.h"
#include "heatmap/HeatmapView.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using namespace gavel;
using history::Index;
using ui::InvestigationViewKind;

class TestInvestigation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsOffTheGuiThread();
    void navigationAndShortcuts();
    void filterReachesEveryView();
    void heatmapClickOpensThatPair();
    void auditCountsMatchTheReactions();
    void searchFindsByNameAndId();
    void clustersOpenAudits();
    void modelsPassTheTester();

private:
    void openView(ui::InvestigationView &view);
    void waitIdle(ui::InvestigationView &view);
    static const analysis::Pair *strongestPair(const ui::Analysis &analysis);

    QTemporaryDir m_dir;
    store::Location m_location;
    quint64 m_guildId = 0;
};

void TestInvestigation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    demoguild::Options options = demoguild::defaultDemoOptions();
    options.members = 300;
    options.messages = 6000;
    options.days = 120;
    const QString snapshotPath = m_dir.filePath(QStringLiteral("demo.json"));
    const auto summary = demoguild::generate(options, snapshotPath);
    QVERIFY2(summary.ok(), summary ? "" : qPrintable(summary.error().text()));
    m_guildId = summary->guildId;
    m_location = store::Location::sqliteFile(m_dir.filePath(QStringLiteral("demo.sqlite")));
    auto db = store::Database::open(m_location);
    QVERIFY(db.ok());
    const auto loaded = test::loadSnapshotIntoStore(snapshotPath, **db, demoguild::defaultEndMs);
    QVERIFY2(loaded.ok(), loaded ? "" : qPrintable(loaded.error().text()));
}

void TestInvestigation::waitIdle(ui::InvestigationView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(!view.session()->isBusy() && view.session()->analysis(), 60000);
}

void TestInvestigation::openView(ui::InvestigationView &view)
{
    view.resize(1100, 750);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.openGuild(m_location, m_guildId, demoguild::defaultEndMs);
    waitIdle(view);
}

const analysis::Pair *TestInvestigation::strongestPair(const ui::Analysis &analysis)
{
    const analysis::Pair *best = nullptr;
    for (const analysis::Pair &p : analysis.matrix.pairs()) {
        if (!best || p.count + p.reverseCount > best->count + best->reverseCount)
            best = &p;
    }
    return best;
}

void TestInvestigation::loadsOffTheGuiThread()
{
    ui::InvestigationView view;
    view.resize(900, 600);
    view.show();
    QSignalSpy busy(view.session(), &ui::InvestigationSession::busyChanged);
    view.openGuild(m_location, m_guildId, demoguild::defaultEndMs);
    // open() returns before the history is there: the load runs on a worker.
    QVERIFY(view.session()->isBusy());
    QVERIFY(!view.session()->history());
    waitIdle(view);
    QVERIFY(busy.count() >= 2);
    QVERIFY(view.session()->history()->messages.size() > 1000);
    QVERIFY(view.session()->analysis()->matrix.totalCounted() > 1000);
    QVERIFY(view.statusText().contains(QStringLiteral("Last sync 2026-11-01")));
    QVERIFY(view.statusText().contains(QStringLiteral("data 2026-")));
}

void TestInvestigation::navigationAndShortcuts()
{
    ui::InvestigationView view;
    openView(view);
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QCOMPARE(view.currentView(), InvestigationViewKind::Dashboard);
    QVERIFY(view.pageAnalysis(InvestigationViewKind::Dashboard));

    QTest::keyClick(&view, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Heatmap);
    QTest::keyClick(&view, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);
    QTest::keyClick(&view, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);

    QTest::keyClick(&view, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);
    QTest::keyClick(&view, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Heatmap);
    QTest::keyClick(&view, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);

    // A new visit after going back drops the forward entries.
    view.showView(InvestigationViewKind::Dashboard);
    QVERIFY(!view.navigationHistory().canGoForward());
    view.goBack();
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);

    // An audit is a place of its own: back returns to the previous member.
    const auto analysis = view.session()->analysis();
    const analysis::Pair *pair = strongestPair(*analysis);
    view.openAudit(pair->reactor);
    view.openAudit(pair->author);
    QCOMPARE(view.membersPage()->member(), pair->author);
    view.goBack();
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);
    QCOMPARE(view.membersPage()->member(), pair->reactor);

    QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(view.findChild<QLineEdit *>()->hasFocus() || QApplication::focusWidget());
}

void TestInvestigation::filterReachesEveryView()
{
    ui::InvestigationView view;
    openView(view);
    const auto all = view.session()->analysis();
    const auto &h = *all->history;
    const qint64 first = h.messages.front().createdAt;
    const qint64 last = h.messages.back().createdAt;
    ui::InvestigationFilter filter;
    filter.since = first + (last - first) / 2;
    view.applyFilter(filter);
    waitIdle(view);
    const auto filtered = view.session()->analysis();
    QVERIFY(filtered != all);
    QCOMPARE(filtered->filter, filter);
    QVERIFY(filtered->matrix.totalCounted() < all->matrix.totalCounted());
    QVERIFY(filtered->matrix.totalCounted() > 0);
    for (const qsizetype k : {qsizetype(0), qsizetype(filtered->matrix.counted().size() - 1)})
        QVERIFY(h.reactions[filtered->matrix.counted()[size_t(k)]].at >= filter.since);

    for (const auto kind : {InvestigationViewKind::Dashboard, InvestigationViewKind::Heatmap,
                            InvestigationViewKind::Clusters, InvestigationViewKind::Members}) {
        view.showView(kind);
        QCOMPARE(view.pageAnalysis(kind), filtered);
    }
    QTRY_VERIFY(view.heatmapPage()->view()->model() &&
                view.heatmapPage()->view()->model()->analysisPtr() == filtered);
    QCOMPARE(view.membersPage()->model()->rowCount() > 0, true);
    QVERIFY(view.statusText().contains(QStringLiteral("showing")));

    // A channel filter too, and going back to no filter comes from the cache at once.
    ui::InvestigationFilter byChannel;
    byChannel.channels = {h.reactions[all->matrix.counted().front()].channel};
    view.applyFilter(byChannel);
    waitIdle(view);
    for (const Index k : view.session()->analysis()->matrix.counted()) {
        const Index c = h.reactions[k].channel;
        QVERIFY(c == byChannel.channels.front() ||
                h.channels[c].parent == byChannel.channels.front());
    }
    view.applyFilter({});
    QVERIFY(!view.session()->isBusy());
    QCOMPARE(view.session()->analysis(), all);
}

void TestInvestigation::heatmapClickOpensThatPair()
{
    ui::InvestigationView view;
    openView(view);
    view.showView(InvestigationViewKind::Heatmap);
    ui::HeatmapView *heatmap = view.heatmapPage()->view();
    QTRY_VERIFY(heatmap->model());
    const auto analysis = view.session()->analysis();
    const analysis::Pair *pair = strongestPair(*analysis);
    QVERIFY(pair && pair->count > 0);
    const int row = heatmap->model()->positionOf(pair->reactor);
    const int col = heatmap->model()->positionOf(pair->author);
    QVERIFY(row >= 0 && col >= 0);

    // Zoomed out, a click zooms in rather than guessing a pair.
    heatmap->fitAll();
    if (heatmap->scale() < 6) {
        const double before = heatmap->scale();
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->rect().center());
        QVERIFY(heatmap->scale() > before);
        QVERIFY(!view.pairEvidence());
    }

    heatmap->centerOn(row, col, 20);
    QCOMPARE(heatmap->cellAt(heatmap->cellCenter(row, col)), QPoint(col, row));
    QVERIFY(heatmap->describe(row, col).contains(QLocale().toString(pair->count)));
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellCenter(row, col).toPoint());
    QTRY_VERIFY(view.pairEvidence());
    ui::PairEvidenceDialog *dialog = view.pairEvidence();
    QCOMPARE(dialog->reactor(), pair->reactor);
    QCOMPARE(dialog->author(), pair->author);
    ui::ReactionTableModel *rows = dialog->reactions()->model();
    QCOMPARE(rows->count(0), int(pair->count));
    QCOMPARE(rows->count(1), int(pair->reverseCount));
    for (const auto &r : rows->rows()) {
        const history::Reaction &reaction = analysis->history->reactions[r.reaction];
        QCOMPARE(reaction.reactor, r.direction == 0 ? pair->reactor : pair->author);
        QCOMPARE(reaction.author, r.direction == 0 ? pair->author : pair->reactor);
    }
    const QUrl link = rows->index(0, 0).data(ui::ReactionTableModel::LinkRole).toUrl();
    QVERIFY(link.toString().startsWith(QStringLiteral("https://discord.com/channels/") +
                                       QString::number(m_guildId)));

    // Enter on the keyboard cursor opens the same evidence.
    dialog->close();
    QTRY_VERIFY(!view.pairEvidence());
    heatmap->setFocus();
    heatmap->centerOn(row, col, 20);
    QTest::keyClick(heatmap, Qt::Key_Return);
    QTRY_VERIFY(view.pairEvidence());
    QCOMPARE(view.pairEvidence()->author(), pair->author);
}

void TestInvestigation::auditCountsMatchTheReactions()
{
    ui::InvestigationView view;
    openView(view);
    const auto analysis = view.session()->analysis();
    const auto &h = *analysis->history;
    const analysis::Pair *pair = strongestPair(*analysis);
    const Index user = pair->author;
    view.openAudit(user);
    ui::AuditPage *audit = view.membersPage()->audit();
    QCOMPARE(audit->member(), user);

    // Count the member's reactions straight from the history (R1 by hand: no self-reactions,
    // no bots, no webhooks, one per reactor, message and emoji, none removed).
    std::set<std::tuple<Index, Index, Index>> given, received;
    for (const history::Reaction &r : h.reactions) {
        if (r.reactor == r.author || r.removedAt != history::NoTime || h.users[r.reactor].bot ||
            h.users[r.author].bot || h.messages[r.message].webhook)
            continue;
        if (r.reactor == user)
            given.insert({r.reactor, r.message, r.emoji});
        if (r.author == user)
            received.insert({r.reactor, r.message, r.emoji});
    }
    QCOMPARE(audit->givenCount(), quint32(given.size()));
    QCOMPARE(audit->receivedCount(), quint32(received.size()));
    QCOMPARE(audit->reactions()->model()->count(0, true), int(given.size()));
    QCOMPARE(audit->reactions()->model()->count(1, true), int(received.size()));
    QVERIFY(audit->identityText().contains(QString::number(h.users[user].id)));

    // The same figures as `gavel audit --format json` for the same member.
    QProcess cli;
    cli.start(test::gavelBinary(),
              {QStringLiteral("audit"), QStringLiteral("--db"), m_location.path(),
               QStringLiteral("--user"), QString::number(h.users[user].id),
               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const QJsonObject pairs = json.value(QStringLiteral("pairs")).toObject();
    QCOMPARE(pairs.value(QStringLiteral("counted_given")).toInteger(), qint64(audit->givenCount()));
    QCOMPARE(pairs.value(QStringLiteral("counted_received")).toInteger(),
             qint64(audit->receivedCount()));
    QCOMPARE(pairs.value(QStringLiteral("reactions_given")).toInteger(),
             qint64(audit->reactions()->model()->count(0)));
    QCOMPARE(pairs.value(QStringLiteral("reactions_received")).toInteger(),
             qint64(audit->reactions()->model()->count(1)));
    const QJsonArray top = pairs.value(QStringLiteral("most_reacted_to_by")).toArray();
    QVERIFY(!top.isEmpty());
    QCOMPARE(top.first().toObject().value(QStringLiteral("user_id")).toString(),
             QString::number(h.users[pair->reactor].id));

    // The filter box narrows the table through the proxy.
    auto *proxy = audit->reactions()->proxy();
    const int before = proxy->rowCount();
    audit->reactions()->filterEdit()->setText(QStringLiteral("received"));
    QCOMPARE(proxy->rowCount(), audit->reactions()->model()->count(1));
    audit->reactions()->filterEdit()->clear();
    QCOMPARE(proxy->rowCount(), before);
}

void TestInvestigation::searchFindsByNameAndId()
{
    ui::InvestigationView view;
    openView(view);
    const auto &h = *view.session()->history();
    const analysis::Pair *pair = strongestPair(*view.session()->analysis());
    const history::User &user = h.users[pair->reactor];
    auto *search = view.findChild<QLineEdit *>();
    QVERIFY(search);
    search->setText(QString::number(user.id));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);
    QCOMPARE(view.membersPage()->member(), pair->reactor);

    view.showView(InvestigationViewKind::Dashboard);
    search->setText(user.username);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);
    const Index found = view.membersPage()->member();
    QVERIFY(h.users[found].username.contains(user.username, Qt::CaseInsensitive) ||
            h.users[found].displayName().contains(user.username, Qt::CaseInsensitive));
}

void TestInvestigation::clustersOpenAudits()
{
    ui::InvestigationView view;
    openView(view);
    const auto analysis = view.session()->analysis();
    view.showView(InvestigationViewKind::Clusters);
    ui::ClustersPage *page = view.clustersPage();
    QCOMPARE(page->model()->rowCount(), int(analysis->clusters.size()));
    if (analysis->clusters.empty())
        QSKIP("the small demo has no flagged cluster");
    const analysis::Cluster &c = analysis->clusters.back();
    view.openCluster(c.id);
    QCOMPARE(page->currentCluster(), c.id);
    QCOMPARE(page->members()->rowCount(), int(c.members.size()));
    page->members()->setCurrentCell(1, 0);
    QSignalSpy audits(page, &ui::ClustersPage::auditRequested);
    auto *button = page->findChild<QPushButton *>();
    QVERIFY(button && button->isEnabled());
    button->click();
    QCOMPARE(audits.count(), 1);
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);
    QCOMPARE(view.membersPage()->member(), c.members[1]);
    view.goBack();
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);
    QCOMPARE(page->currentCluster(), c.id);
}

void TestInvestigation::modelsPassTheTester()
{
    auto history = std::make_shared<history::History>();
    {
        auto db = store::Database::open(m_location);
        QVERIFY(db.ok());
        auto loaded = history::History::load(**db, m_guildId);
        QVERIFY(loaded.ok());
        *history = std::move(*loaded);
    }
    const auto analysis = ui::InvestigationSession::analyse(history, {});

    ui::MemberListModel members;
    QAbstractItemModelTester t1(&members, QAbstractItemModelTester::FailureReportingMode::QtTest);
    members.setAnalysis(analysis);
    QSortFilterProxyModel memberProxy;
    memberProxy.setSourceModel(&members);
    memberProxy.setSortRole(ui::MemberListModel::SortRole);
    QAbstractItemModelTester t2(&memberProxy,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int c = 0; c < members.columnCount(); ++c)
        memberProxy.sort(c, Qt::DescendingOrder);
    QVERIFY(members.rowCount() > 100);

    ui::ClusterListModel clusters;
    QAbstractItemModelTester t3(&clusters, QAbstractItemModelTester::FailureReportingMode::QtTest);
    clusters.setAnalysis(analysis);
    clusters.setAnalysis(nullptr);
    clusters.setAnalysis(analysis);

    ui::ReactionTableModel reactions;
    QAbstractItemModelTester t4(&reactions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const analysis::Pair *pair = strongestPair(*analysis);
    reactions.setRows(history, ui::ReactionListWidget::memberRows(*analysis, pair->author),
                      {QStringLiteral("given"), QStringLiteral("received")});
    QSortFilterProxyModel reactionProxy;
    reactionProxy.setSourceModel(&reactions);
    reactionProxy.setSortRole(ui::ReactionTableModel::SortRole);
    QAbstractItemModelTester t5(&reactionProxy,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    reactionProxy.sort(ui::ReactionTableModel::Time, Qt::DescendingOrder);
    QVERIFY(reactionProxy.index(0, ui::ReactionTableModel::Time)
                .data(ui::ReactionTableModel::SortRole)
                .toLongLong() >=
            reactionProxy.index(reactionProxy.rowCount() - 1, ui::ReactionTableModel::Time)
                .data(ui::ReactionTableModel::SortRole)
                .toLongLong());
    reactions.clear();
    QCOMPARE(reactions.rowCount(), 0);
}

QTEST_MAIN(TestInvestigation)
#include "tst_investigation.moc"
