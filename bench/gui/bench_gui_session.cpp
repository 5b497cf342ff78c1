// bench_gui_session: the investigation window on a real database (docs/benchmarks.md, GUI):
// cold start to an interactive dashboard, switching views, applying a time filter and a
// policy, and the peak memory with the database open. A 5 ms timer on the GUI thread measures
// the longest stall during each step: a step may take longer than 200 ms only while the busy
// bar shows and the window keeps answering (short stalls).
#include "DashboardPage.h"
#include "InvestigationView.h"
#include "PoliciesPage.h"
#include "heatmap/HeatmapPage.h"
#include "store/Database.h"
#include "store/Queries.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QTimer>

using namespace gavel;
using ui::InvestigationViewKind;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

//! Peak resident memory of this process (VmHWM), in MB.
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

//! The longest gap between ticks of a 5 ms timer on the GUI thread since reset().
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this,
                [this] { m_max = std::max(m_max, m_clock.restart()); });
        m_timer.start();
        m_clock.start();
    }
    void reset()
    {
        m_max = 0;
        m_clock.restart();
    }
    qint64 max() const { return std::max(m_max, m_clock.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_max = 0;
};

//! Runs the event loop until `done` holds (or 10 minutes pass).
template<typename F>
bool waitFor(F done)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > 600000)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

void row(const QString &what, qint64 ms, qint64 stall)
{
    out() << QString::asprintf("%-52s %7lld ms   longest GUI stall %5lld ms\n", qPrintable(what),
                               ms, stall);
    out().flush();
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer processClock;
    processClock.start();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Cold start, view switches, filter and policy on a database."));
    parser.addHelpOption();
    QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("A SQLite database."),
                             QStringLiteral("FILE"));
    QCommandLineOption policyOpt(
        QStringLiteral("policy"), QStringLiteral("Policy to apply (default the built-in Daimyo)."),
        QStringLiteral("SOURCE"), QStringLiteral(":/policies/daimyo.json"));
    parser.addOptions({dbOpt, policyOpt});
    parser.process(app);
    if (!parser.isSet(dbOpt)) {
        out() << "bench_gui_session: --db FILE is required\n";
        return 2;
    }
    const auto location = store::Location::sqliteFile(parser.value(dbOpt));
    quint64 guildId = 0;
    {
        // Opened writable once so that an older schema is upgraded (run it on a copy); the
        // window itself opens the database read-only.
        store::OpenOptions options;
        options.createIfMissing = false;
        auto db = store::Database::open(location, options);
        if (!db) {
            out() << "bench_gui_session: " << db.error().text() << "\n";
            return 1;
        }
        auto guilds = store::listGuilds(**db);
        if (!guilds || guilds->isEmpty()) {
            out() << "bench_gui_session: no guild in the database\n";
            return 1;
        }
        guildId = guilds->first().id;
    }

    StallMeter stall;
    QElapsedTimer t;
    t.start();
    ui::InvestigationView view;
    view.resize(1280, 800);
    view.show();
    view.openGuild(location, guildId, 0);
    const qint64 shown = t.elapsed();
    stall.reset();
    if (!waitFor([&] { return view.session()->history() != nullptr; }))
        return 1;
    const qint64 loaded = t.elapsed();
    if (!waitFor([&] {
            return !view.session()->isBusy() &&
                   view.pageAnalysis(InvestigationViewKind::Dashboard) != nullptr;
        }))
        return 1;
    QCoreApplication::processEvents(); // the dashboard's first paint
    const qint64 interactive = t.elapsed();
    const auto h = view.session()->history();
    out() << "database " << location.path() << "\n"
          << "messages " << h->messages.size() << ", reactions " << h->reactions.size()
          << ", users " << h->users.size() << ", pairs "
          << view.session()->analysis()->matrix.pairs().size() << ", clusters "
          << view.session()->analysis()->clusters.size() << "\n";
    row(QStringLiteral("window shown (openGuild returned)"), shown, 0);
    row(QStringLiteral("history loaded (worker)"), loaded, 0);
    row(QStringLiteral("cold start to interactive dashboard"), interactive, stall.max());
    out() << QString::asprintf("%-52s %7lld ms\n", "  (including QApplication start)",
                               processClock.elapsed() - (t.elapsed() - interactive));

    const auto step = [&](const QString &name, const std::function<void()> &start,
                          const std::function<bool()> &done) {
        stall.reset();
        QElapsedTimer st;
        st.start();
        start();
        const qint64 call = st.elapsed();
        if (!waitFor(done))
            out() << name << ": timed out\n";
        QCoreApplication::processEvents();
        row(name + QStringLiteral(" (call %1 ms)").arg(call), st.elapsed(), stall.max());
    };
    const auto idle = [&] { return !view.session()->isBusy(); };
    for (const auto &[kind, name] :
         std::initializer_list<std::pair<InvestigationViewKind, const char *>>{
             {InvestigationViewKind::Heatmap, "switch to Heatmap (model built)"},
             {InvestigationViewKind::Clusters, "switch to Clusters"},
             {InvestigationViewKind::Members, "switch to Members"},
             {InvestigationViewKind::Policies, "switch to Policies (page shown)"},
             {InvestigationViewKind::Dashboard, "switch back to Dashboard"}}) {
        step(
            QString::fromLatin1(name), [&, kind = kind] { view.showView(kind); },
            [&] { return !view.heatmapPage()->isBuilding(); });
    }
    // The Policies page compares its two policies on a worker when shown; let it finish so it
    // does not compete with the next steps.
    step(
        QStringLiteral("policy lab comparison on show (worker)"), [] {},
        [&] { return !view.policiesPage()->isRunning(); });

    ui::InvestigationFilter last90;
    last90.until = h->messages.back().createdAt + 1;
    last90.since = last90.until - 90LL * 24 * 3600 * 1000;
    step(
        QStringLiteral("apply filter: last 90 days (Dashboard)"), [&] { view.applyFilter(last90); },
        idle);
    step(
        QStringLiteral("back to the whole history (cache)"), [&] { view.applyFilter({}); }, idle);
    step(
        QStringLiteral("choose policy %1").arg(parser.value(policyOpt)),
        [&] { view.choosePolicy(parser.value(policyOpt)); }, idle);
    step(
        QStringLiteral("switch to Heatmap under the policy"),
        [&] { view.showView(InvestigationViewKind::Heatmap); },
        [&] { return !view.heatmapPage()->isBuilding(); });
    step(
        QStringLiteral("switch to Members under the policy"),
        [&] { view.showView(InvestigationViewKind::Members); }, idle);
    const QString policyError = view.session()->analysis()->policyError;
    if (!policyError.isEmpty())
        out() << "policy not applied: " << policyError << "\n";
    out() << QString::asprintf("%-52s %7.0f MB\n", "peak resident memory (VmHWM)", peakRssMb());
    return 0;
}
