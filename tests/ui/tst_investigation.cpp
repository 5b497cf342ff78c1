// Drives the investigation views on a store database built from a small demo guild:
// navigation and its shortcuts, the filter reaching every view, a heatmap click opening the
// clicked pair's evidence, audit counts, the chosen policy (weights, scores and levels equal to
// `gavel pairs|scores|audit --policy`), the multi-channel filter, the Policies page against
// `gavel compare`, and every item model under QAbstractItemModelTester.
#include "AuditPage.h"
#include "ClusterListModel.h"
#include "ClustersPage.h"
#include "DashboardPage.h"
#include "ExportActions.h"
#include "InvestigationView.h"
#include "MemberListModel.h"
#include "MembersPage.h"
#include "PairEvidenceDialog.h"
#include "PoliciesPage.h"
#include "PolicyChangeModel.h"
#include "ReactionListWidget.h"
#include "ReactionTableModel.h"
#include "SnapshotStore.h"
#include "TestPaths.h"
#include "demoguild/DemoGuild.h"
#include "heatmap/HeatmapPage.h"
#include "heatmap/HeatmapView.h"
#include "moderation/Proposal.h"
#include "moderation/Reviewers.h"
#include "policy/GuildLoader.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>
#include <map>
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
    void policyChoiceReachesEveryView();
    void multiChannelFilter();
    void policiesPageComparesLikeTheCli();
    void policiesPageValidatesSavesAndProposes();
    void modelsPassTheTester();

private:
    //! Runs the gavel binary and returns its standard output (empty and a failure on error).
    static QByteArray runGavel(const QStringList &args);
    static QString policyFile(const QString &name);
    static QList<QStringList> csvRows(const QByteArray &text);
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
    // The page has several buttons (Open audit, the review marks): take Open audit by its action.
    QPushButton *button = nullptr;
    for (QPushButton *b : page->findChildren<QPushButton *>()) {
        if (b->text().remove(u'&') == QStringLiteral("Open audit"))
            button = b;
    }
    QVERIFY(button && button->isEnabled());
    button->click();
    QCOMPARE(audits.count(), 1);
    QCOMPARE(view.currentView(), InvestigationViewKind::Members);
    QCOMPARE(view.membersPage()->member(), c.members[1]);
    view.goBack();
    QCOMPARE(view.currentView(), InvestigationViewKind::Clusters);
    QCOMPARE(page->currentCluster(), c.id);
}

QByteArray TestInvestigation::runGavel(const QStringList &args)
{
    QProcess cli;
    cli.start(test::gavelBinary(), args);
    if (!cli.waitForFinished(180000) || cli.exitCode() != 0) {
        qWarning("gavel %s failed: %s", qPrintable(args.join(u' ')),
                 cli.readAllStandardError().constData());
        return {};
    }
    return cli.readAllStandardOutput();
}

QString TestInvestigation::policyFile(const QString &name)
{
    return test::sourceDir() + QStringLiteral("/resources/policies/") + name;
}

QList<QStringList> TestInvestigation::csvRows(const QByteArray &text)
{
    // The columns compared here (ids, numbers, level numbers) never need quoting.
    QList<QStringList> rows;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            rows.append(QString::fromUtf8(line).split(u','));
    }
    return rows;
}

void TestInvestigation::policyChoiceReachesEveryView()
{
    ui::InvestigationView view;
    openView(view);
    QVERIFY(!view.session()->analysis()->policy);
    const auto *measures =
        qobject_cast<QStandardItemModel *>(view.heatmapPage()->measureBox()->model());
    QVERIFY(measures);
    const int weightedItem =
        view.heatmapPage()->measureBox()->findData(int(ui::HeatmapModel::Measure::Weighted));
    view.showView(InvestigationViewKind::Heatmap);
    QVERIFY(!measures->item(weightedItem)->isEnabled());

    // The shipped policies are offered by the selector; choose pollen-2020 (cred weights).
    const QString source = QStringLiteral(":/policies/pollen-2020.json");
    QVERIFY(view.policyBox()->findData(source) > 0);
    QVERIFY(view.policyBox()->findData(QStringLiteral(":/policies/daimyo.json")) > 0);
    QVERIFY(view.choosePolicy(source));
    waitIdle(view);
    const auto analysis = view.session()->analysis();
    QVERIFY2(analysis->policyError.isEmpty(), qPrintable(analysis->policyError));
    QVERIFY(analysis->policy);
    QCOMPARE(analysis->filter.policy->name, QStringLiteral("pollen-2020"));
    QVERIFY(view.statusText().contains(QStringLiteral("pollen-2020")));
    const history::History &h = *analysis->history;
    const qint64 at = analysis->policy->evaluation.at;
    const QString atText = policy::isoTime(at);

    // Heatmap: weighted colouring is available, and the model carries the policy's weights.
    QVERIFY(measures->item(weightedItem)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!view.heatmapPage()->isBuilding(), 30000);
    QCOMPARE(view.pageAnalysis(InvestigationViewKind::Heatmap), analysis);

    // Pair weights equal `gavel pairs --policy` (weighted column), pair by pair.
    const QByteArray pairsCsv =
        runGavel({QStringLiteral("pairs"), QStringLiteral("--db"), m_location.path(),
                  QStringLiteral("--policy"), policyFile(QStringLiteral("pollen-2020.json"))});
    QVERIFY(!pairsCsv.isEmpty());
    const QList<QStringList> pairRows = csvRows(pairsCsv);
    QCOMPARE(pairRows.front().at(3), QStringLiteral("weighted"));
    QCOMPARE(qsizetype(analysis->matrix.pairs().size()), pairRows.size() - 1);
    bool anyDiffers = false;
    for (const analysis::Pair &p : analysis->matrix.pairs()) {
        anyDiffers = anyDiffers || std::abs(p.weighted - double(p.count)) > 1e-9;
    }
    QVERIFY(anyDiffers); // the weights are not all 1: the colouring really changes
    std::map<std::pair<quint64, quint64>, std::pair<quint32, double>> cliPairs;
    for (qsizetype i = 1; i < pairRows.size(); ++i) {
        cliPairs[{pairRows[i][0].toULongLong(), pairRows[i][1].toULongLong()}] = {
            pairRows[i][2].toUInt(), pairRows[i][3].toDouble()};
    }
    for (const analysis::Pair &p : analysis->matrix.pairs()) {
        const auto it = cliPairs.find({h.users[p.reactor].id, h.users[p.author].id});
        QVERIFY(it != cliPairs.end());
        QCOMPARE(p.count, it->second.first);
        QVERIFY2(std::abs(p.weighted - it->second.second) < 1e-3,
                 qPrintable(QStringLiteral("%1 vs %2").arg(p.weighted).arg(it->second.second)));
    }

    // Members: score and level columns equal `gavel scores --policy P --at T`, member by member.
    view.showView(InvestigationViewKind::Members);
    ui::MemberListModel *members = view.membersPage()->model();
    const QByteArray scoresCsv =
        runGavel({QStringLiteral("scores"), QStringLiteral("--db"), m_location.path(),
                  QStringLiteral("--policy"), policyFile(QStringLiteral("pollen-2020.json")),
                  QStringLiteral("--at"), atText});
    QVERIFY(!scoresCsv.isEmpty());
    const QList<QStringList> scoreRows = csvRows(scoresCsv);
    QVERIFY(scoreRows.size() > 100);
    for (qsizetype i = 1; i < scoreRows.size(); ++i) {
        const Index u = h.userIndex(scoreRows[i][0].toULongLong());
        QVERIFY(u != history::NoIndex);
        const int row = members->rowOf(u);
        QVERIFY(row >= 0);
        QCOMPARE(members->index(row, ui::MemberListModel::Score).data().toString(),
                 scoreRows[i][1]);
        const auto &e = analysis->policy->evaluation;
        QCOMPARE(QString::number(e.policy->levelNumbers[e.members[u].level]), scoreRows[i][2]);
        QCOMPARE(members->index(row, ui::MemberListModel::Level).data().toString(), e.levelName(u));
    }
    // Sortable by score: the proxy's first row has the highest score, which is the CLI's first.
    view.membersPage()->proxy()->sort(ui::MemberListModel::Score, Qt::DescendingOrder);
    QCOMPARE(
        view.membersPage()
            ->proxy()
            ->index(0, ui::MemberListModel::Score)
            .data(ui::MemberListModel::SortRole)
            .toDouble(),
        analysis->policy->evaluation.members[h.userIndex(scoreRows[1][0].toULongLong())].score);

    // Audit: the top scorer's line and rule-by-rule breakdown, as `gavel audit --policy`.
    const Index top = h.userIndex(scoreRows[1][0].toULongLong());
    view.openAudit(top);
    ui::AuditPage *audit = view.membersPage()->audit();
    QCOMPARE(audit->scoreLines().size(), size_t(1));
    const analysis::AuditScoreLine &line = audit->scoreLines().front();
    QCOMPARE(line.scoreText, scoreRows[1][1]);
    QCOMPARE(QString::number(line.levelNumber), scoreRows[1][2]);
    QVERIFY(!line.breakdown.empty());
    QVERIFY(audit->scoresTree()->topLevelItemCount() == 1);
    QVERIFY(audit->exportActions());
    QVERIFY(audit->exportActions()->exportAction()->isEnabled());
    const QByteArray auditJson =
        runGavel({QStringLiteral("audit"), QStringLiteral("--db"), m_location.path(),
                  QStringLiteral("--member"), scoreRows[1][0], QStringLiteral("--policy"),
                  policyFile(QStringLiteral("pollen-2020.json")), QStringLiteral("--at"), atText,
                  QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(!auditJson.isEmpty());
    const QJsonArray cliScores =
        QJsonDocument::fromJson(auditJson).object().value(QStringLiteral("scores")).toArray();
    QCOMPARE(cliScores.size(), 1);
    const QJsonObject cliLine = cliScores.first().toObject();
    QCOMPARE(cliLine.value(QStringLiteral("score_text")).toString(), line.scoreText);
    QCOMPARE(cliLine.value(QStringLiteral("level")).toString(), line.level);
    QCOMPARE(cliLine.value(QStringLiteral("reason")).toString(), line.reason);
    QCOMPARE(cliLine.value(QStringLiteral("breakdown")).toArray().size(),
             qsizetype(line.breakdown.size()));

    // Dashboard: the top 1 % / 10 % shares are `gavel compare`'s for the same policy and time.
    view.showView(InvestigationViewKind::Dashboard);
    const QJsonObject compare =
        QJsonDocument::fromJson(
            runGavel({QStringLiteral("compare"), QStringLiteral("--db"), m_location.path(),
                      QStringLiteral("--policy"), policyFile(QStringLiteral("pollen-2020.json")),
                      QStringLiteral("--policy"), policyFile(QStringLiteral("pollen-2020.json")),
                      QStringLiteral("--at"), atText, QStringLiteral("--format"),
                      QStringLiteral("json")}))
            .object();
    QVERIFY(!compare.isEmpty());
    QVERIFY(std::abs(view.dashboardPage()->topOnePercentShare() -
                     compare.value(QStringLiteral("top_1pct_share")).toArray().at(0).toDouble()) <
            1e-9);
    QVERIFY(std::abs(view.dashboardPage()->topTenPercentShare() -
                     compare.value(QStringLiteral("top_10pct_share")).toArray().at(0).toDouble()) <
            1e-9);
    QVERIFY(view.dashboardPage()->figuresText().contains(QStringLiteral("pollen-2020")));

    // Back to raw counts: no scores, weighted colouring disabled again.
    QVERIFY(view.choosePolicy(QString()));
    waitIdle(view);
    QVERIFY(!view.session()->analysis()->policy);
    view.showView(InvestigationViewKind::Heatmap);
    QVERIFY(!measures->item(weightedItem)->isEnabled());
    // A file that is not a policy is refused and the choice stays.
    QVERIFY(!view.choosePolicy(m_dir.filePath(QStringLiteral("demo.sqlite"))));
    QCOMPARE(view.policyBox()->currentData().toString(), QString());
}

void TestInvestigation::multiChannelFilter()
{
    ui::InvestigationView view;
    openView(view);
    QListWidget *list = view.channelList();
    QVERIFY(list->count() > 3);
    QCOMPARE(list->item(0)->checkState(), Qt::Checked); // "All channels"
    const auto all = view.session()->analysis();
    const history::History &h = *all->history;
    // The two channels with the most counted reactions (not categories).
    std::map<Index, int> perChannel;
    for (Index k : all->matrix.counted()) {
        Index c = h.reactions[k].channel;
        if (h.channels[c].parent != history::NoIndex && h.channels[h.channels[c].parent].type != 4)
            c = h.channels[c].parent;
        ++perChannel[c];
    }
    std::vector<std::pair<int, Index>> ranked;
    for (const auto &[c, n] : perChannel)
        ranked.push_back({n, c});
    std::sort(ranked.rbegin(), ranked.rend());
    QVERIFY(ranked.size() >= 2);
    const std::set<Index> chosen{ranked[0].second, ranked[1].second};
    for (int i = 1; i < list->count(); ++i) {
        if (chosen.count(Index(list->item(i)->data(Qt::UserRole).toInt())))
            list->item(i)->setCheckState(Qt::Checked);
    }
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
    QTRY_VERIFY_WITH_TIMEOUT(view.session()->filter().channels.size() == 2, 5000);
    waitIdle(view);
    const auto filtered = view.session()->analysis();
    QCOMPARE(std::set<Index>(filtered->filter.channels.begin(), filtered->filter.channels.end()),
             chosen);
    QCOMPARE(filtered->matrix.totalCounted(), qint64(ranked[0].first + ranked[1].first));
    for (Index k : filtered->matrix.counted()) {
        const Index c = h.reactions[k].channel;
        QVERIFY(chosen.count(c) || chosen.count(h.channels[c].parent));
    }
    for (const auto kind : {InvestigationViewKind::Dashboard, InvestigationViewKind::Heatmap,
                            InvestigationViewKind::Clusters, InvestigationViewKind::Members}) {
        view.showView(kind);
        QCOMPARE(view.pageAnalysis(kind)->filter.channels.size(), size_t(2));
    }
    QVERIFY(view.statusText().contains(u'#' + h.channels[ranked[0].second].name));
    QVERIFY(view.statusText().contains(u'#' + h.channels[ranked[1].second].name));
    // "All channels" clears the choice.
    list->item(0)->setCheckState(Qt::Checked);
    QTRY_VERIFY_WITH_TIMEOUT(view.session()->filter().channels.empty(), 5000);
    for (int i = 1; i < list->count(); ++i)
        QCOMPARE(list->item(i)->checkState(), Qt::Unchecked);
}

void TestInvestigation::policiesPageComparesLikeTheCli()
{
    ui::InvestigationView view;
    openView(view);
    QTest::keyClick(&view, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(view.currentView(), InvestigationViewKind::Policies);
    ui::PoliciesPage *page = view.policiesPage();
    QSignalSpy finished(page, &ui::PoliciesPage::comparisonFinished);
    QVERIFY(page->choosePolicyA(QStringLiteral(":/policies/daimyo.json")));
    QVERIFY(page->choosePolicyB(QStringLiteral(":/policies/pollen-hardened.json")));
    page->compareNow();
    QVERIFY(page->isRunning()); // on a worker
    QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning() && page->comparison(), 60000);
    const policy::Comparison &c = *page->comparison();
    const history::History &h = *view.session()->history();

    const QJsonObject cli =
        QJsonDocument::fromJson(
            runGavel({QStringLiteral("compare"), QStringLiteral("--db"), m_location.path(),
                      QStringLiteral("--policy"), policyFile(QStringLiteral("daimyo.json")),
                      QStringLiteral("--policy"),
                      policyFile(QStringLiteral("pollen-hardened.json")), QStringLiteral("--at"),
                      policy::isoTime(page->comparedAt()), QStringLiteral("--format"),
                      QStringLiteral("json")}))
            .object();
    QVERIFY(!cli.isEmpty());
    QCOMPARE(c.population, cli.value(QStringLiteral("population")).toInt());
    QVERIFY(std::abs(c.spearman - cli.value(QStringLiteral("spearman")).toDouble()) < 1e-9);
    const QJsonArray top1 = cli.value(QStringLiteral("top_1pct_share")).toArray();
    const QJsonArray top10 = cli.value(QStringLiteral("top_10pct_share")).toArray();
    QVERIFY(std::abs(c.top1A - top1.at(0).toDouble()) < 1e-9);
    QVERIFY(std::abs(c.top1B - top1.at(1).toDouble()) < 1e-9);
    QVERIFY(std::abs(c.top10A - top10.at(0).toDouble()) < 1e-9);
    QVERIFY(std::abs(c.top10B - top10.at(1).toDouble()) < 1e-9);
    const QJsonArray changes = cli.value(QStringLiteral("role_changes")).toArray();
    QVERIFY(!changes.isEmpty());
    QCOMPARE(page->changeModel()->rowCount(), int(changes.size()));
    std::set<quint64> cliUsers, guiUsers;
    for (const QJsonValue &v : changes)
        cliUsers.insert(v.toObject().value(QStringLiteral("user_id")).toString().toULongLong());
    for (int row = 0; row < page->changeModel()->rowCount(); ++row)
        guiUsers.insert(h.users[page->changeModel()->userAt(row)].id);
    QCOMPARE(guiUsers, cliUsers);
    const QJsonObject first = changes.first().toObject();
    const Index firstUser =
        h.userIndex(first.value(QStringLiteral("user_id")).toString().toULongLong());
    for (int row = 0; row < page->changeModel()->rowCount(); ++row) {
        if (page->changeModel()->userAt(row) != firstUser)
            continue;
        QCOMPARE(page->changeModel()->index(row, ui::PolicyChangeModel::LevelA).data().toString(),
                 first.value(QStringLiteral("level_a")).toString());
        QCOMPARE(page->changeModel()->index(row, ui::PolicyChangeModel::LevelB).data().toString(),
                 first.value(QStringLiteral("level_b")).toString());
    }
    QVERIFY(page->figuresText().contains(QString::number(c.changes.size())));
    // The detected rings and alt families are the groups.
    QCOMPARE(page->groupTable()->rowCount(), int(view.session()->analysis()->clusters.size()));

    // Cancel drops a running comparison and keeps the last result.
    page->compareNow();
    QVERIFY(page->isRunning());
    page->cancel();
    QVERIFY(!page->isRunning());
    QVERIFY(page->comparison());

    // Enter on a changed member opens the audit.
    QSignalSpy audit(page, &ui::PoliciesPage::auditRequested);
    auto *table = page->findChild<QTableView *>();
    QVERIFY(table);
    table->setFocus();
    table->setCurrentIndex(page->changeProxy()->index(0, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QTRY_COMPARE(view.currentView(), InvestigationViewKind::Members);
    QCOMPARE(view.membersPage()->member(),
             page->changeModel()->userAt(
                 page->changeProxy()->mapToSource(page->changeProxy()->index(0, 0)).row()));
}

void TestInvestigation::policiesPageValidatesSavesAndProposes()
{
    // Proposals are written: work on a copy of the database with an admin reviewer.
    const QString path = m_dir.filePath(QStringLiteral("proposals.sqlite"));
    QFile::remove(path);
    QVERIFY(QFile::copy(m_location.path(), path));
    const auto location = store::Location::sqliteFile(path);
    {
        auto db = store::Database::open(location);
        QVERIFY(db.ok());
        moderation::Reviewer admin;
        admin.name = QStringLiteral("alice");
        admin.role = QStringLiteral("admin");
        auto added = moderation::addReviewer(**db, admin, QStringLiteral("alice"),
                                             QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().text()));
    }
    ui::InvestigationView view;
    view.resize(1100, 750);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.openGuild(location, m_guildId, demoguild::defaultEndMs);
    waitIdle(view);
    view.showView(InvestigationViewKind::Policies);
    ui::PoliciesPage *page = view.policiesPage();
    QVERIFY(page->choosePolicyB(QStringLiteral(":/policies/daimyo.json")));
    QVERIFY(page->validationText().startsWith(QStringLiteral("Valid")));

    // A wrong field: the parser's message with its JSON path and the line it is on.
    QString text = page->editor()->toPlainText();
    const qsizetype at = text.indexOf(QStringLiteral("\"reactions\": 50"));
    QVERIFY(at > 0);
    text.replace(at, 15, QStringLiteral("\"reactions\": 5.5"));
    page->editor()->setPlainText(text);
    QTRY_VERIFY_WITH_TIMEOUT(page->validationText().contains(QStringLiteral("$.daimyo")), 3000);
    const int line = int(text.left(at).count(u'\n')) + 1;
    QVERIFY2(page->validationText().startsWith(QStringLiteral("Line %1:").arg(line)),
             qPrintable(page->validationText()));
    QVERIFY(!page->policyB());
    // A syntax error is reported with its line too.
    page->editor()->setPlainText(QStringLiteral("{\n  \"format\": \"gavel-policy/1\",\n  oops\n}"));
    QTRY_VERIFY_WITH_TIMEOUT(page->validationText().startsWith(QStringLiteral("Line 3:")), 3000);

    // Back to a valid B with a changed parameter: it compares by itself.
    text.replace(at, 16, QStringLiteral("\"reactions\": 40"));
    QSignalSpy finished(page, &ui::PoliciesPage::comparisonFinished);
    page->editor()->setPlainText(text);
    QTRY_VERIFY_WITH_TIMEOUT(page->policyB() && finished.count() > 0 && !page->isRunning(), 60000);
    QVERIFY(page->comparison());

    const QString saved = m_dir.filePath(QStringLiteral("b.json"));
    QVERIFY(page->savePolicyFile(saved).ok());
    auto reread = policy::Policy::load(saved);
    QVERIFY(reread.ok());
    QCOMPARE(reread->hash, page->policyB()->hash);

    // Not a reviewer: refused with the reason.
    QSignalSpy failed(page, &ui::PoliciesPage::proposalFailed);
    QSignalSpy proposed(page, &ui::PoliciesPage::proposalSaved);
    page->saveAsProposal(QStringLiteral("mallory"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    QVERIFY(!failed.first().first().toString().isEmpty());
    page->saveAsProposal(QStringLiteral("alice"));
    QTRY_COMPARE_WITH_TIMEOUT(proposed.count(), 1, 60000);
    const qint64 id = proposed.first().first().toLongLong();
    auto db = store::Database::open(location);
    QVERIFY(db.ok());
    auto proposal = moderation::loadProposal(**db, id);
    QVERIFY(proposal.ok());
    QCOMPARE(proposal->proposer, QStringLiteral("alice"));
    QCOMPARE(proposal->policyHash, page->policyB()->hash);
    QCOMPARE(proposal->windowUntil, page->comparedAt());
    // The plan is B's: the same changes `planFromPolicy` gives for that policy and time.
    moderation::RoleConfig roles;
    auto plan =
        moderation::planFromPolicy(**db, m_guildId, *page->policyB(), page->comparedAt(), &roles);
    QVERIFY(plan.ok());
    QCOMPARE(proposal->changes.size(), plan->size());
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

    // Under a policy: the member list's score and level columns, and the policy lab's table.
    auto pollen = policy::Policy::load(policyFile(QStringLiteral("pollen-hardened.json")));
    auto daimyo = policy::Policy::load(policyFile(QStringLiteral("daimyo.json")));
    QVERIFY(pollen.ok() && daimyo.ok());
    ui::InvestigationFilter withPolicy;
    withPolicy.policy = std::make_shared<const policy::Policy>(std::move(*pollen));
    const auto scored = ui::InvestigationSession::analyse(history, withPolicy);
    QVERIFY2(scored->policy, qPrintable(scored->policyError));
    members.setAnalysis(scored);
    for (int c = 0; c < members.columnCount(); ++c)
        memberProxy.sort(c, Qt::AscendingOrder);

    ui::PolicyChangeModel changes;
    QAbstractItemModelTester t6(&changes, QAbstractItemModelTester::FailureReportingMode::QtTest);
    policy::Evaluator evaluator(*history);
    auto ea = evaluator.evaluate(*daimyo, scored->policy->evaluation.at);
    QVERIFY(ea.ok());
    auto a = std::make_shared<const policy::Evaluation>(std::move(*ea));
    auto b = std::make_shared<const policy::Evaluation>(scored->policy->evaluation);
    const policy::Comparison c = policy::compare(*history, *a, *b);
    QVERIFY(!c.changes.empty());
    changes.setComparison({history, a, b, c.changes});
    QSortFilterProxyModel changeProxy;
    changeProxy.setSourceModel(&changes);
    changeProxy.setSortRole(ui::PolicyChangeModel::SortRole);
    QAbstractItemModelTester t7(&changeProxy,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int col = 0; col < changes.columnCount(); ++col)
        changeProxy.sort(col, Qt::DescendingOrder);
    QCOMPARE(changes.rowCount(), int(c.changes.size()));
    changes.clear();
    QCOMPARE(changes.rowCount(), 0);
}

QTEST_MAIN(TestInvestigation)
#include "tst_investigation.moc"
