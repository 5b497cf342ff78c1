// gui_screenshots: renders each investigation view of the default demo guild into PNG files
// (docs/screenshots/). Generates the demo (2,000 members, 100,000 messages, seed 1), loads it
// into a SQLite store as a complete sync would, opens it in the main window and grabs each view.
// Run under xvfb-run so fonts and styles are those of a real X server:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build-gui/bench/gui/gui_screenshots --out
//   docs/screenshots
#include "AuditPage.h"
#include "ClustersPage.h"
#include "InvestigationView.h"
#include "MainWindow.h"
#include "MembersPage.h"
#include "PairEvidenceDialog.h"
#include "PoliciesPage.h"
#include "SnapshotStore.h"
#include "demoguild/DemoGuild.h"
#include "heatmap/HeatmapPage.h"
#include "heatmap/HeatmapView.h"
#include "store/Database.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <functional>

using namespace gavel;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

void settle(int ms = 300)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

bool waitFor(const std::function<bool()> &done, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
    return true;
}

bool save(QWidget *w, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(name);
    const bool ok = w->grab().save(path);
    out() << (ok ? "wrote " : "FAILED to write ") << path << "\n";
    out().flush();
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's settings and recent list
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Screenshots of the investigation views."));
    parser.addHelpOption();
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output directory."),
                              QStringLiteral("dir"), QStringLiteral("docs/screenshots"));
    QCommandLineOption dbOpt(QStringLiteral("db"),
                             QStringLiteral("Use this database instead of generating the demo."),
                             QStringLiteral("path"));
    parser.addOptions({outOpt, dbOpt});
    parser.process(app);
    const QString outDir = parser.value(outOpt);
    QDir().mkpath(outDir);

    QTemporaryDir tmp;
    QString dbPath = parser.value(dbOpt);
    quint64 guildId = 0;
    if (dbPath.isEmpty()) {
        const QString snapshot = tmp.filePath(QStringLiteral("demo.json"));
        const auto summary = demoguild::generate(demoguild::defaultDemoOptions(), snapshot);
        if (!summary) {
            out() << summary.error().text() << "\n";
            return 1;
        }
        guildId = summary->guildId;
        dbPath = tmp.filePath(QStringLiteral("demo.sqlite"));
        auto db = store::Database::open(store::Location::sqliteFile(dbPath));
        if (!db) {
            out() << db.error().text() << "\n";
            return 1;
        }
        const auto loaded = test::loadSnapshotIntoStore(snapshot, **db, demoguild::defaultEndMs);
        if (!loaded) {
            out() << loaded.error().text() << "\n";
            return 1;
        }
    }

    ui::MainWindow window;
    window.resize(1400, 880);
    window.show();
    window.openDatabase(dbPath);
    if (guildId != 0)
        window.selectGuild(guildId);
    auto *view = window.findChild<ui::InvestigationView *>();
    std::unique_ptr<ui::InvestigationView> standalone;
    QWidget *frame = &window;
    if (!view) {
        // The main window does not host the investigation yet: show it on its own.
        standalone = std::make_unique<ui::InvestigationView>();
        view = standalone.get();
        view->resize(1400, 880);
        view->show();
        view->openGuild(store::Location::sqliteFile(dbPath), window.currentGuildId(), 0);
        frame = view;
    }
    if (!waitFor([&] { return !view->session()->isBusy() && view->session()->analysis(); })) {
        out() << "the guild did not load\n";
        return 1;
    }
    const auto analysis = view->session()->analysis();
    out() << "clusters " << analysis->clusters.size() << ", counted reactions "
          << analysis->matrix.totalCounted() << "\n";

    view->showView(ui::InvestigationViewKind::Dashboard);
    save(frame, outDir, QStringLiteral("dashboard.png"));

    view->showView(ui::InvestigationViewKind::Heatmap);
    ui::HeatmapView *heatmap = view->heatmapPage()->view();
    waitFor([&] { return heatmap->model() && !view->heatmapPage()->isBuilding(); });
    save(frame, outDir, QStringLiteral("heatmap.png"));

    // Close on the first ring: its block on the diagonal and its neighbours.
    const auto &blocks = heatmap->model()->diagonalBlocks();
    if (!blocks.empty()) {
        const auto &b = blocks.front();
        // The rings start the order: put the matrix's corner near the view's top-left.
        const double scale = 14;
        heatmap->centerOn(b.first + int(heatmap->height() / (2 * scale)) - 1,
                          b.first + int(heatmap->width() / (2 * scale)) - 1, scale);
        view->heatmapPage()->colorMapBox()->setCurrentIndex(1);
        save(frame, outDir, QStringLiteral("heatmap-ring-cividis.png"));
        view->heatmapPage()->colorMapBox()->setCurrentIndex(0);
    }

    view->showView(ui::InvestigationViewKind::Clusters);
    if (!analysis->clusters.empty())
        view->openCluster(analysis->clusters.front().id);
    save(frame, outDir, QStringLiteral("clusters.png"));

    // A ring member's audit.
    ui::Index member = 0;
    if (!analysis->clusters.empty())
        member = analysis->clusters.front().members.front();
    view->openAudit(member);
    save(frame, outDir, QStringLiteral("audit.png"));
    view->membersPage()->audit()->tabs()->setCurrentIndex(2);
    save(frame, outDir, QStringLiteral("audit-timeline.png"));
    view->membersPage()->audit()->tabs()->setCurrentIndex(3);
    save(frame, outDir, QStringLiteral("audit-flags.png"));
    view->membersPage()->audit()->tabs()->setCurrentIndex(0);

    if (!analysis->clusters.empty() && analysis->clusters.front().members.size() >= 2) {
        const auto &c = analysis->clusters.front();
        view->openPairEvidence(c.members[0], c.members[1]);
        if (ui::PairEvidenceDialog *dialog = view->pairEvidence()) {
            dialog->resize(1000, 560);
            save(dialog, outDir, QStringLiteral("pair-evidence.png"));
            dialog->close();
        }
    }

    // The filter: the last 90 days of the history.
    const qint64 last = analysis->history->messages.back().createdAt;
    ui::InvestigationFilter recent;
    recent.since = last - 90LL * 24 * 3600 * 1000;
    view->showView(ui::InvestigationViewKind::Dashboard);
    view->applyFilter(recent);
    waitFor([&] { return !view->session()->isBusy(); });
    save(frame, outDir, QStringLiteral("dashboard-last-90-days.png"));
    view->applyFilter({});
    waitFor([&] { return !view->session()->isBusy(); });

    // Under a policy: the dashboard's concentration, the weighted heatmap, scores in the
    // members list and the audit's rule-by-rule breakdown.
    view->choosePolicy(QStringLiteral(":/policies/pollen-2020.json"));
    waitFor([&] { return !view->session()->isBusy(); });
    view->showView(ui::InvestigationViewKind::Dashboard);
    save(frame, outDir, QStringLiteral("dashboard-policy.png"));
    view->showView(ui::InvestigationViewKind::Heatmap);
    view->heatmapPage()->measureBox()->setCurrentIndex(
        view->heatmapPage()->measureBox()->findData(int(ui::HeatmapModel::Measure::Weighted)));
    waitFor([&] { return !view->heatmapPage()->isBuilding(); });
    save(frame, outDir, QStringLiteral("heatmap-weighted.png"));
    view->heatmapPage()->measureBox()->setCurrentIndex(0);
    view->openAudit(member);
    view->membersPage()->audit()->tabs()->setCurrentWidget(
        view->membersPage()->audit()->scoresTree());
    save(frame, outDir, QStringLiteral("audit-scores.png"));
    view->membersPage()->audit()->tabs()->setCurrentIndex(0);

    // The policy lab: the Daimyo ladder against the hardened pollen policy.
    view->choosePolicy(QString());
    waitFor([&] { return !view->session()->isBusy(); });
    view->showView(ui::InvestigationViewKind::Policies);
    waitFor([&] { return !view->policiesPage()->isRunning(); });
    save(frame, outDir, QStringLiteral("policies.png"));
    view->showView(ui::InvestigationViewKind::Reviews);
    save(frame, outDir, QStringLiteral("reviews.png"));
    return 0;
}
