// HeatmapModel: the level-of-detail pyramid keeps every sum, pairs are found where they are
// drawn, orderings put clusters on the diagonal; HeatmapView maps pixels to cells and back.
#include "InvestigationSession.h"
#include "NavigationHistory.h"
#include "heatmap/ColorMap.h"
#include "heatmap/HeatmapModel.h"
#include "heatmap/HeatmapView.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace gavel;
using history::Index;
using Measure = ui::HeatmapModel::Measure;
using Ordering = ui::HeatmapModel::Ordering;

class TestHeatmapModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pyramidKeepsSums_data();
    void pyramidKeepsSums();
    void pairsAreWhereTheyAreDrawn();
    void orderings();
    void clusterBlocksOnTheDiagonal();
    void viewMapsCells();
    void viewDrawsNonEmptyCells();
    void colorMaps();
    void navigationHistory();

private:
    std::shared_ptr<const ui::Analysis> m_analysis;
    std::map<std::pair<Index, Index>, quint32> m_truth; //!< (reactor, author) -> count
};

void TestHeatmapModel::initTestCase()
{
    // 97 users (odd, so the pyramid has ragged edges); random reactions plus a ring of 4 that
    // reacts to all of each other's many messages.
    auto h = std::make_shared<history::History>();
    h->guildId = 5;
    const int users = 97;
    for (int u = 0; u < users; ++u) {
        history::User user;
        user.id = 1000 + quint64(users - u); // ids run against indexes, for the Id ordering
        user.username = QStringLiteral("u%1").arg(u);
        user.member = true;
        h->users.push_back(user);
    }
    h->channels.push_back({9, history::NoIndex, 0, QStringLiteral("general")});
    h->emojis.push_back({1, QStringLiteral("👍"), QStringLiteral("👍")});
    QRandomGenerator rng(11);
    std::vector<std::vector<Index>> posts(users);
    for (int m = 0; m < 1200; ++m) {
        history::Message msg;
        msg.id = 100000 + quint64(m);
        msg.createdAt = 1700000000000 + m * 60000LL;
        msg.author = m % 3 == 0 ? Index(40 + m % 4) : Index(rng.bounded(users));
        msg.channel = 0;
        posts[msg.author].push_back(Index(h->messages.size()));
        h->messages.push_back(msg);
    }
    std::vector<std::pair<Index, Index>> edges; // (message, reactor)
    for (Index m = 0; m < h->messages.size(); ++m) {
        const Index author = h->messages[m].author;
        if (author >= 40 && author < 44) {
            for (Index r = 40; r < 44; ++r) {
                if (r != author)
                    edges.push_back({m, r});
            }
        }
        for (int k = 0; k < 3; ++k)
            edges.push_back({m, Index(rng.bounded(users))});
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (const auto &[m, r] : edges) {
        history::Reaction reaction;
        reaction.reactor = r;
        reaction.message = m;
        reaction.author = h->messages[m].author;
        reaction.channel = 0;
        reaction.emoji = 0;
        reaction.at = reaction.firstSeenAt = h->messages[m].createdAt;
        h->reactions.push_back(reaction);
        if (r != reaction.author)
            ++m_truth[{r, reaction.author}];
    }
    h->reindex();
    m_analysis = ui::InvestigationSession::analyse(h, {});
    QCOMPARE(m_analysis->matrix.pairs().size(), m_truth.size());
}

void TestHeatmapModel::pyramidKeepsSums_data()
{
    QTest::addColumn<int>("ordering");
    QTest::newRow("clusters") << int(Ordering::Clusters);
    QTest::newRow("received") << int(Ordering::Received);
    QTest::newRow("id") << int(Ordering::Id);
}

void TestHeatmapModel::pyramidKeepsSums()
{
    QFETCH(int, ordering);
    const auto model = ui::HeatmapModel::build(m_analysis, Ordering(ordering));
    QVERIFY(model->size() > 90);
    QCOMPARE(model->levelSide(0), model->size());
    QCOMPARE(model->levelSide(model->levelCount() - 1), 1);
    for (int level = 0; level < model->levelCount(); ++level) {
        QCOMPARE(model->levelSide(level), (model->size() + (1 << level) - 1) >> level);
        double total = 0;
        double maxV = 0;
        int cells = 0;
        model->forEachBlock(level, 0, model->levelSide(level), 0, model->levelSide(level),
                            Measure::Count, [&](int, int, double v) {
                                total += v;
                                maxV = qMax(maxV, v);
                                ++cells;
                            });
        QCOMPARE(qint64(total), m_analysis->matrix.totalCounted());
        QCOMPARE(model->maxValue(level, Measure::Count), maxV);
        QCOMPARE(size_t(cells), model->cellCount(level));
    }
    // A block's figures equal the brute-force sum of its cells.
    const int level = 3;
    const ui::HeatmapModel::BlockFigures f = model->blockAt(level, 41, 42);
    double sum = 0;
    int pairs = 0;
    for (int r = f.rowFirst; r <= f.rowLast; ++r) {
        for (int c = f.colFirst; c <= f.colLast; ++c) {
            if (const analysis::Pair *p = model->pairAt(r, c)) {
                sum += p->count;
                ++pairs;
            }
        }
    }
    QCOMPARE(f.count, sum);
    QCOMPARE(f.pairs, pairs);
    QCOMPARE(f.rowFirst, 40);
    QCOMPARE(f.rowLast, 47);
}

void TestHeatmapModel::pairsAreWhereTheyAreDrawn()
{
    const auto model = ui::HeatmapModel::build(m_analysis, Ordering::Received);
    int found = 0;
    for (int r = 0; r < model->size(); ++r) {
        for (int c = 0; c < model->size(); ++c) {
            const analysis::Pair *p = model->pairAt(r, c);
            const auto it = m_truth.find({model->userAt(r), model->userAt(c)});
            if (it == m_truth.end()) {
                QVERIFY(!p);
                continue;
            }
            QVERIFY(p);
            QCOMPARE(p->reactor, model->userAt(r));
            QCOMPARE(p->author, model->userAt(c));
            QCOMPARE(p->count, it->second);
            ++found;
        }
    }
    QCOMPARE(size_t(found), m_truth.size());
    QVERIFY(!model->pairAt(-1, 0));
    QVERIFY(!model->pairAt(0, model->size()));
    // Level-0 forEachBlock yields exactly the pairs with their reciprocity.
    model->forEachBlock(
        0, 0, model->size(), 0, model->size(), Measure::Reciprocity,
        [&](int r, int c, double v) { QCOMPARE(v, model->pairAt(r, c)->reciprocity()); });
}

void TestHeatmapModel::orderings()
{
    const auto byReceived = ui::HeatmapModel::build(m_analysis, Ordering::Received);
    for (int i = 1; i < byReceived->size(); ++i) {
        QVERIFY(m_analysis->matrix.received(byReceived->userAt(i - 1)) >=
                m_analysis->matrix.received(byReceived->userAt(i)));
    }
    const auto byId = ui::HeatmapModel::build(m_analysis, Ordering::Id);
    for (int i = 1; i < byId->size(); ++i) {
        QVERIFY(m_analysis->history->users[byId->userAt(i - 1)].id <
                m_analysis->history->users[byId->userAt(i)].id);
    }
    for (int i = 0; i < byId->size(); ++i)
        QCOMPARE(byId->positionOf(byId->userAt(i)), i);
}

void TestHeatmapModel::clusterBlocksOnTheDiagonal()
{
    const auto model = ui::HeatmapModel::build(m_analysis, Ordering::Clusters);
    QCOMPARE(model->diagonalBlocks().size(), m_analysis->clusters.size());
    if (m_analysis->clusters.empty())
        QSKIP("no ring detected in the synthetic history");
    const auto &block = model->diagonalBlocks().front();
    QCOMPARE(block.first, 0);
    const analysis::Cluster &ring = m_analysis->clusters.front();
    QCOMPARE(block.size, int(ring.members.size()));
    for (Index u : ring.members) {
        const int p = model->positionOf(u);
        QVERIFY(p >= block.first && p < block.first + block.size);
    }
}

void TestHeatmapModel::viewMapsCells()
{
    ui::HeatmapView view;
    view.resize(400, 300);
    view.setModel(ui::HeatmapModel::build(m_analysis, Ordering::Clusters));
    QVERIFY(view.scale() > 2 && view.scale() < 4); // 300 px for 97 members
    view.centerOn(50, 20, 10);
    QCOMPARE(view.scale(), 10.0);
    QCOMPARE(view.cellAt(view.cellCenter(50, 20)), QPoint(20, 50));
    QCOMPARE(view.cellAt(QPointF(200, 150)), QPoint(20, 50));
    const QPointF before = view.cellCenter(50, 20);
    view.zoomBy(2, before);
    QCOMPARE(view.cellAt(before), QPoint(20, 50)); // zoom keeps the anchor's cell
    view.panBy(QPointF(-40, 0));
    QCOMPARE(view.cellAt(before), QPoint(22, 50)); // 40 px at 20 px/cell = 2 cells
    view.fitAll();
    view.zoomBy(1e-3, QPointF(0, 0));
    // Never zooms out past the guild filling half the view.
    QCOMPARE(view.scale(), 0.5 * 300 / view.model()->size());
    view.setMinimumSize(1, 1);
    view.resize(60, 60); // 0.6 px per member: blocks of 2 x 2 members
    view.fitAll();
    QCOMPARE(view.level(), 1);
    view.zoomBy(0.5, QPointF(0, 0));
    QCOMPARE(view.level(), 2);
}

void TestHeatmapModel::viewDrawsNonEmptyCells()
{
    ui::HeatmapView view;
    view.resize(400, 400);
    const auto model = ui::HeatmapModel::build(m_analysis, Ordering::Clusters);
    view.setModel(model);
    const analysis::Pair &pair = m_analysis->matrix.pairs().front();
    const int row = model->positionOf(pair.reactor);
    const int col = model->positionOf(pair.author);
    view.centerOn(row, col, 20);
    view.renderFrame();
    const QRgb empty = view.palette().color(QPalette::Base).rgb();
    const QPointF c = view.cellCenter(row, col);
    QVERIFY(view.frame().pixel(c.toPoint()) != empty);
    // A cell without a pair stays empty.
    for (int cc = 0; cc < model->size(); ++cc) {
        if (!model->pairAt(row, cc) && std::abs(cc - col) < 8) {
            QCOMPARE(view.frame().pixel(view.cellCenter(row, cc).toPoint()), empty);
            break;
        }
    }
    QVERIFY(view.describe(row, col).contains(m_analysis->history->users[pair.reactor].username));
}

void TestHeatmapModel::colorMaps()
{
    for (const auto kind : {ui::ColorMap::Kind::Viridis, ui::ColorMap::Kind::Cividis}) {
        const ui::ColorMap map(kind);
        // Perceptual maps get lighter (luminance) monotonically, which keeps them readable in
        // greyscale.
        int previous = -1;
        for (int i = 0; i <= 20; ++i) {
            const QColor c = map.color(i / 20.0);
            const int lightness = int(0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue());
            QVERIFY2(lightness >= previous - 2, qPrintable(ui::ColorMap::name(kind)));
            previous = lightness;
        }
        QVERIFY(previous > 180);
    }
    QCOMPARE(ui::ColorMap(ui::ColorMap::Kind::Viridis).rgb(0) & 0xffffff, 0x440154u);
    QCOMPARE(ui::ColorMap(ui::ColorMap::Kind::Cividis).rgb(1) & 0xffffff, 0xfee838u);
}

void TestHeatmapModel::navigationHistory()
{
    using ui::InvestigationViewKind;
    ui::NavigationHistory nav;
    QVERIFY(!nav.canGoBack() && !nav.canGoForward());
    nav.visit({InvestigationViewKind::Dashboard});
    nav.visit({InvestigationViewKind::Dashboard}); // same place: no new entry
    QCOMPARE(nav.size(), 1);
    nav.visit({InvestigationViewKind::Heatmap});
    nav.visit({InvestigationViewKind::Members, 7, 0});
    QCOMPARE(nav.back().view, InvestigationViewKind::Heatmap);
    QCOMPARE(nav.back().view, InvestigationViewKind::Dashboard);
    QVERIFY(!nav.canGoBack());
    QCOMPARE(nav.back().view, InvestigationViewKind::Dashboard);
    QCOMPARE(nav.forward().view, InvestigationViewKind::Heatmap);
    nav.visit({InvestigationViewKind::Clusters, history::NoIndex, 3});
    QVERIFY(!nav.canGoForward()); // the Members entry is gone
    nav.replaceCurrent({InvestigationViewKind::Clusters, history::NoIndex, 4});
    QCOMPARE(nav.current().cluster, 4);
    QCOMPARE(nav.size(), 3);
    for (int i = 0; i < 300; ++i)
        nav.visit({InvestigationViewKind::Members, Index(i), 0});
    QCOMPARE(nav.size(), ui::NavigationHistory::maxEntries);
}

QTEST_MAIN(TestHeatmapModel)
#include "tst_heatmapmodel.moc"
