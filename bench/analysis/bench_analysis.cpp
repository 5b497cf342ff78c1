// bench_analysis: History::load, the pair matrix, ring and alt detection and audits on an
// existing Gavel database, against a plain SQLite GROUP BY and networkx's Louvain on the same
// mutual graph (docs/benchmarks.md, "Analysis").

#include "analysis/Audit.h"
#include "analysis/Clusters.h"
#include "analysis/Inputs.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <sys/resource.h>
#include <time.h>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU time of the best of `runs`: the machine is shared, and every step is single-threaded,
// so CPU time is what the step costs; the wall time of the same run is kept in lastWall.
double lastWall = 0;
template<typename Work>
double best(int runs, Work &&work)
{
    double fastest = 1e300;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuSeconds();
        work();
        const double cpu = threadCpuSeconds() - cpu0;
        if (cpu < fastest) {
            fastest = cpu;
            lastWall = seconds(t);
        }
    }
    return fastest;
}

const char *louvainScript = R"(
import sys, time
import networkx as nx
g = nx.Graph()
with open(sys.argv[1]) as f:
    for line in f:
        a, b, w = line.split()
        g.add_edge(int(a), int(b), weight=float(w))
t = time.perf_counter()
communities = nx.community.louvain_communities(g, weight="weight", seed=1)
elapsed = time.perf_counter() - t
print(f"{g.number_of_nodes()} {g.number_of_edges()} {len(communities)} {elapsed:.3f}")
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Benchmarks core/analysis on a Gavel database."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"db"_s, u"The database (SQLite path or postgresql:// URL)."_s, u"DB"_s},
        {u"guild"_s, u"The guild, if the database holds several."_s, u"ID"_s},
        {u"runs"_s, u"Runs of each timed step (best is reported)."_s, u"n"_s, u"3"_s},
        {u"no-networkx"_s, u"Skip the networkx Louvain comparison."_s},
    });
    parser.process(app);
    QTextStream out(stdout);
    if (!parser.isSet(u"db"_s)) {
        out << "bench_analysis: --db is required\n";
        return 2;
    }
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    std::optional<quint64> guild;
    if (parser.isSet(u"guild"_s))
        guild = parser.value(u"guild"_s).toULongLong();

    {
        // Bring the schema up to date first: loading opens read-only, as the commands do.
        auto location = store::Location::parse(parser.value(u"db"_s));
        if (location) {
            store::OpenOptions open;
            open.createIfMissing = false;
            auto migrated = store::Database::open(*location, open);
            if (!migrated) {
                out << "bench_analysis: " << migrated.error().text() << Qt::endl;
                return 1;
            }
        }
    }
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    auto loaded = analysis::loadGuild(parser.value(u"db"_s), guild);
    if (!loaded) {
        out << "bench_analysis: " << loaded.error().text() << Qt::endl;
        return 1;
    }
    const double loadWall = seconds(timer);
    const double loadCpu = cpuSeconds() - cpu0;
    const history::History &h = loaded->history;
    out << u"history: %1 users, %2 messages, %3 reactions, %4 role spans"_s.arg(h.users.size())
               .arg(h.messages.size())
               .arg(h.reactions.size())
               .arg(h.roleSpans.size())
        << Qt::endl;
    out << u"load          %1 s wall, %2 s CPU, peak RSS %3 MB"_s.arg(loadWall, 0, 'f', 2)
               .arg(loadCpu, 0, 'f', 2)
               .arg(peakRssMb())
        << Qt::endl;

    analysis::PairMatrix matrix;
    const double matrixTime = best(runs, [&] { matrix = analysis::PairMatrix::build(h); });
    out << u"pair matrix   %1 s CPU, %4 s wall (%2 counted reactions, %3 pairs)"_s
               .arg(matrixTime, 0, 'f', 3)
               .arg(matrix.totalCounted())
               .arg(matrix.pairs().size())
               .arg(lastWall, 0, 'f', 3)
        << Qt::endl;

    std::vector<analysis::Cluster> rings, alts;
    const double ringTime = best(runs, [&] { rings = analysis::detectRings(h, matrix); });
    const double ringWall = lastWall;
    const double altTime = best(runs, [&] { alts = analysis::detectAltFamilies(h, matrix); });
    out << u"rings         %1 s CPU, %3 s wall (%2 rings)"_s.arg(ringTime, 0, 'f', 3)
               .arg(rings.size())
               .arg(ringWall, 0, 'f', 3)
        << Qt::endl;
    out << u"alt families  %1 s CPU, %3 s wall (%2 families)"_s.arg(altTime, 0, 'f', 3)
               .arg(alts.size())
               .arg(lastWall, 0, 'f', 3)
        << Qt::endl;
    out << u"rings + alts  %1 s"_s.arg(ringTime + altTime, 0, 'f', 3) << Qt::endl;

    // Audits: the member with the most counted reactions received, and a ring member.
    const auto clusters = analysis::detectClusters(h, matrix);
    history::Index busiest = 0;
    for (history::Index u = 0; u < h.users.size(); ++u)
        if (matrix.received(u) > matrix.received(busiest))
            busiest = u;
    std::vector<std::pair<QString, history::Index>> audited = {{u"busiest member"_s, busiest}};
    if (!rings.empty())
        audited.push_back({u"ring member"_s, rings.front().members.front()});
    for (const auto &[label, user] : audited) {
        analysis::Audit audit;
        const double t =
            best(runs, [&] { audit = analysis::buildAudit(h, matrix, clusters, user, {}); });
        // The JSON `gavel audit` writes (CPU time, best of the runs).
        QByteArray json;
        const double wall = lastWall;
        const double jsonTime = best(runs, [&] { json = analysis::auditJson(h, matrix, audit); });
        out << u"audit         %1 s CPU, %6 s wall + %2 s JSON, %7 MB (%3: %4 given, %5 received)"_s
                   .arg(t, 0, 'f', 4)
                   .arg(jsonTime, 0, 'f', 4)
                   .arg(label)
                   .arg(audit.given.size())
                   .arg(audit.received.size())
                   .arg(wall, 0, 'f', 4)
                   .arg(double(json.size()) / 1e6, 0, 'f', 1)
            << Qt::endl;
    }

    // The plain SQL peer: reactions grouped by (reactor, author), every row read.
    if (loaded->db->backend() == store::Backend::Sqlite ||
        loaded->db->backend() == store::Backend::Postgres) {
        qint64 rows = 0;
        const QString sql = u"SELECT user_id, author_id, count(*) FROM reactions"
                            u" WHERE removed_at IS NULL GROUP BY user_id, author_id"_s;
        const double groupBy = best(runs, [&] {
            QSqlQuery q(loaded->db->connection());
            q.setForwardOnly(true);
            rows = 0;
            if (!q.exec(sql)) {
                out << "GROUP BY failed: " << q.lastError().text() << Qt::endl;
                return;
            }
            while (q.next())
                ++rows;
        });
        out << u"SQL GROUP BY  %1 s CPU (%2 rows); pair matrix / GROUP BY = %3"_s
                   .arg(groupBy, 0, 'f', 3)
                   .arg(rows)
                   .arg(matrixTime / groupBy, 0, 'f', 3)
            << Qt::endl;
    }

    if (!parser.isSet(u"no-networkx"_s)) {
        // Two reciprocal graphs: the one detectRings() gives Leiden (>= 5 reactions both ways)
        // and every reciprocal pair (>= 1 both ways); weights are the smaller share of the
        // receiver, as in detectRings().
        for (quint32 minimum : {5u, 1u}) {
            QTemporaryDir dir;
            QFile edges(dir.filePath(u"edges.txt"_s));
            if (!edges.open(QIODevice::WriteOnly))
                return 1;
            {
                QTextStream e(&edges);
                for (const analysis::Pair &p : matrix.pairs()) {
                    if (p.reactor >= p.author || p.count < minimum || p.reverseCount < minimum)
                        continue;
                    const double ab = double(p.count) / double(matrix.received(p.author));
                    const double ba = double(p.reverseCount) / double(matrix.received(p.reactor));
                    e << p.reactor << ' ' << p.author << ' ' << std::min(ab, ba) << '\n';
                }
            }
            edges.close();
            QFile script(dir.filePath(u"louvain.py"_s));
            if (!script.open(QIODevice::WriteOnly))
                return 1;
            script.write(louvainScript);
            script.close();
            QProcess python;
            python.start(u"python3"_s, {script.fileName(), edges.fileName()});
            python.waitForFinished(-1);
            const QString answer = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
            const QStringList f = answer.split(u' ');
            if (python.exitCode() != 0 || f.size() != 4) {
                out << "networkx Louvain: failed ("
                    << QString::fromUtf8(python.readAllStandardError()) << ")" << Qt::endl;
                continue;
            }
            out << u"networkx      Louvain %1 s on %2 nodes, %3 edges (%4 communities), pairs "
                   u"with >= %5 reactions both ways"_s.arg(f[3], f[0], f[1], f[2])
                       .arg(minimum)
                << Qt::endl;
        }
        out << u"              our whole ring detection (Leiden included): %1 s CPU"_s.arg(
                   ringTime, 0, 'f', 3)
            << Qt::endl;
    }
    out << u"peak RSS      %1 MB"_s.arg(peakRssMb()) << Qt::endl;
    return 0;
}
