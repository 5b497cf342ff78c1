// bench_gui: frame times of the heatmap on a synthetic 50,000-member pair matrix.
// Builds a History by hand (SyntheticHistory), the analysis and the heatmap's level-of-detail
// model, then drives a HeatmapView through zoom steps (wheel-like, around a point), drag-pan
// steps at several zoom levels and hovers, timing each rendered frame (the widget's paint into
// an image, as a repaint would do) and each hover text. Prints p50/p95/max per phase.
#include "InvestigationSession.h"
#include "SyntheticHistory.h"
#include "heatmap/HeatmapModel.h"
#include "heatmap/HeatmapView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace gavel;

namespace {

struct Stats
{
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    double pct(double p) const
    {
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : s[size_t(std::min<double>(s.size() - 1, p * (s.size() - 1) + 0.5))];
    }
};

//! A phase's frames: wall time and the thread's CPU time.
struct Phase
{
    Stats wall;
    Stats cpu;
};

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void print(const char *name, const Stats &s)
{
    out() << QString::asprintf("%-34s n=%4zu  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", name,
                               s.ms.size(), s.pct(0.5), s.pct(0.95), s.pct(1.0));
    out().flush();
}

void print(const char *name, const Phase &p)
{
    out() << QString::asprintf(
        "%-34s n=%4zu  wall p50 %6.2f p95 %6.2f max %6.2f | cpu p50 %6.2f p95 %6.2f ms\n", name,
        p.wall.ms.size(), p.wall.pct(0.5), p.wall.pct(0.95), p.wall.pct(1.0), p.cpu.pct(0.5),
        p.cpu.pct(0.95));
    out().flush();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Heatmap frame-time benchmark on a synthetic guild."));
    parser.addHelpOption();
    QCommandLineOption usersOpt(QStringLiteral("users"), QStringLiteral("Members (default 50000)."),
                                QStringLiteral("n"), QStringLiteral("50000"));
    QCommandLineOption partnersOpt(QStringLiteral("partners"),
                                   QStringLiteral("Distinct authors per reactor (default 40)."),
                                   QStringLiteral("n"), QStringLiteral("40"));
    QCommandLineOption sizeOpt(QStringLiteral("size"),
                               QStringLiteral("View size WxH (default 1600x1000)."),
                               QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    parser.addOptions({usersOpt, partnersOpt, sizeOpt});
    parser.process(app);

    bench::SyntheticShape shape;
    shape.users = parser.value(usersOpt).toInt();
    shape.partnersPerUser = parser.value(partnersOpt).toInt();
    const QStringList wh = parser.value(sizeOpt).split(u'x');
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());

    QElapsedTimer t;
    t.start();
    auto history = std::make_shared<const history::History>(bench::syntheticHistory(shape));
    const qint64 buildMs = t.restart();
    const auto analysis = ui::InvestigationSession::analyse(history, {});
    const qint64 analyseMs = t.restart();
    const auto model = ui::HeatmapModel::build(analysis, ui::HeatmapModel::Ordering::Clusters);
    const qint64 modelMs = t.restart();
    out() << "users " << history->users.size() << ", reactions " << history->reactions.size()
          << ", pairs " << analysis->matrix.pairs().size() << ", clusters "
          << analysis->clusters.size() << ", heatmap members " << model->size() << ", levels "
          << model->levelCount() << "\n";
    out() << "synthetic history " << buildMs << " ms, pair matrix + clusters " << analyseMs
          << " ms (of which " << analysis->computeMs << " ms analysis), heatmap LOD model "
          << modelMs << " ms\n";
    out() << "view " << size.width() << "x" << size.height() << "\n";

    ui::HeatmapView view;
    view.resize(size);
    view.setModel(model);
    QImage target(size, QImage::Format_RGB32);
    // Wall time is what a user sees; thread CPU time is the same work without the time the
    // scheduler gave to other processes (the figures in docs/ were taken on a shared machine).
    const auto frame = [&](Phase &phase) {
        QElapsedTimer ft;
        ft.start();
        const double c0 = threadCpuMs();
        view.render(&target);
        phase.cpu.add(threadCpuMs() - c0);
        phase.wall.add(ft.nsecsElapsed() / 1e6);
    };
    Phase warmup;
    frame(warmup);

    Phase fit, panDense, zoomIn, zoomOut, panFar, panMid, panNear, hoverFrame;
    Stats hoverFar, hoverNear;
    for (int i = 0; i < 20; ++i) {
        view.fitAll();
        frame(fit);
    }
    // Zoom from the whole guild down to single cells around a point inside a planted ring.
    const QPointF anchor(size.width() * 0.5, size.height() * 0.5);
    view.fitAll();
    const int ringPos =
        model->diagonalBlocks().empty() ? model->size() / 2 : model->diagonalBlocks()[3].first;
    view.centerOn(ringPos, ringPos, view.scale());
    while (view.scale() < 40) {
        view.zoomBy(1.25, anchor);
        frame(zoomIn);
    }
    while (view.scale() > 0.05 && zoomOut.wall.ms.size() < 200) {
        const double before = view.scale();
        view.zoomBy(0.8, anchor);
        frame(zoomOut);
        if (view.scale() == before)
            break;
    }
    QRandomGenerator rng(3);
    const auto pan = [&](Phase &stats, double scale, int col) {
        view.centerOn(model->size() / 3, col, scale);
        for (int i = 0; i < 120; ++i) {
            view.panBy(QPointF(i % 40 < 20 ? -25 : 25, i % 30 < 15 ? -14 : 14));
            frame(stats);
        }
    };
    const auto hover = [&](Stats &stats, double scale) {
        view.centerOn(model->size() / 3, model->size() / 2, scale);
        for (int i = 0; i < 400; ++i) {
            const QPointF p(rng.bounded(size.width()), rng.bounded(size.height()));
            QElapsedTimer ht;
            ht.start();
            const QPoint cell = view.cellAt(p);
            const QString text = view.describe(cell.y(), cell.x());
            stats.add(ht.nsecsElapsed() / 1e6);
            Q_UNUSED(text);
        }
    };
    view.fitAll();
    pan(panFar, view.scale(), model->size() / 2);
    // The busiest authors sit in the first columns: the densest part of the matrix.
    pan(panDense, 0.08, model->size() / 40);
    pan(panMid, 0.5, model->size() / 2);
    pan(panNear, 12, model->size() / 2);
    view.fitAll();
    hover(hoverFar, view.scale());
    hover(hoverNear, 16);
    // Hover also redraws the highlighted cell: one frame per new cell under the mouse.
    view.centerOn(model->size() / 3, model->size() / 2, 16);
    for (int i = 0; i < 60; ++i) {
        QMouseEvent move(QEvent::MouseMove, QPointF(100 + i * 7, 100 + i * 5), QPointF(),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        frame(hoverFrame);
    }

    print("fit whole guild (frame)", fit);
    print("zoom in step x1.25 (frame)", zoomIn);
    print("zoom out step x0.8 (frame)", zoomOut);
    print("pan, whole guild (frame)", panFar);
    print("pan, 0.08 px/cell, dense (frame)", panDense);
    print("pan, 0.5 px/cell (frame)", panMid);
    print("pan, 12 px/cell (frame)", panNear);
    print("hover text, whole guild", hoverFar);
    print("hover text, 16 px/cell", hoverNear);
    print("hover highlight (frame)", hoverFrame);
    return 0;
}
