// bench_policy: how fast policies evaluate on a large guild (docs/benchmarks.md, "Policies").
//
//   bench_policy --db FILE [--messages N] [--members N] [--runs N]
//
// Without FILE it first writes a demo guild of that size (gavel demo-guild) and loads it into
// a new SQLite database FILE as a complete sync would (tests/support/SnapshotStore), then
// measures: loading the history view (without and with message text), building the
// evaluator's indexes, each shipped policy's evaluation, a parameter change re-evaluated,
// a plan, peak RSS, and a plain SQL GROUP BY count of reactions per author as the floor.

#include "SnapshotStore.h"
#include "demoguild/DemoGuild.h"
#include "history/History.h"
#include "policy/Evaluator.h"
#include "policy/Plan.h"
#include "store/Database.h"
#include "store/Location.h"
#include "store/Queries.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <malloc.h>
#include <time.h>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

long statusKb(const char *field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

long peakRssKb()
{
    return statusKb("VmHWM:");
}

//! Resident memory now and the peak so far, after a step: where the peak comes from.
QString rssAfter()
{
    return u"RSS %1 MB, peak %2 MB"_s.arg(statusKb("VmRSS:") / 1024).arg(peakRssKb() / 1024);
}

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double lastCpuMs = 0; // CPU time of the median run of the last median() call

//! Median wall time in ms of `runs` calls; lastCpuMs gets the CPU time of that run. On a
//! shared machine the CPU time is the fairer figure: it leaves out time spent waiting for a
//! core.
double median(int runs, const std::function<void()> &work)
{
    std::vector<std::pair<double, double>> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double c0 = cpuMs();
        timer.start();
        work();
        t.push_back({timer.nsecsElapsed() / 1e6, cpuMs() - c0});
    }
    std::sort(t.begin(), t.end());
    lastCpuMs = t[t.size() / 2].second;
    return t[t.size() / 2].first;
}

[[noreturn]] void fail(const QString &what)
{
    out() << "bench_policy: " << what << Qt::endl;
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    // A fixed mmap threshold: blocks of 1 MB and more (the history's and the evaluator's
    // arrays) go back to the system when freed. glibc's default raises the threshold after the
    // first such free, so the next load's arrays came from the heap and the freed ones were
    // kept: three loads in a row peaked at 2.0 GB where one needs 0.8 GB.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {u"db"_s, u"SQLite database (created from a demo guild when missing)."_s, u"FILE"_s},
        {u"messages"_s, u"Messages of the demo guild to create."_s, u"N"_s, u"1000000"_s},
        {u"members"_s, u"Members of the demo guild to create."_s, u"N"_s, u"50000"_s},
        {u"reactions-per-message"_s,
         u"Organic reaction users per message (demo default: by size)."_s, u"F"_s},
        {u"runs"_s, u"Runs per measurement (median)."_s, u"N"_s, u"3"_s},
    });
    parser.process(app);
    if (!parser.isSet(u"db"_s))
        fail(u"--db FILE is required"_s);
    const QString dbPath = parser.value(u"db"_s);
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());

    if (!QFileInfo::exists(dbPath)) {
        demoguild::Options o;
        o.messages = parser.value(u"messages"_s).toInt();
        o.members = parser.value(u"members"_s).toInt();
        if (parser.isSet(u"reactions-per-message"_s))
            o.reactionsPerMessage = parser.value(u"reactions-per-message"_s).toDouble();
        const QString snapshot = dbPath + u".snapshot.json"_s;
        QElapsedTimer t;
        t.start();
        auto s = demoguild::generate(o, snapshot);
        if (!s)
            fail(s.error().text());
        out() << "generated: " << s->text() << Qt::endl;
        auto db = store::Database::open(store::Location::sqliteFile(dbPath));
        if (!db)
            fail(db.error().text());
        if (auto r =
                test::loadSnapshotIntoStore(snapshot, **db, QDateTime::currentMSecsSinceEpoch());
            !r)
            fail(r.error().text());
        out() << "loaded into " << dbPath << " in " << t.elapsed() / 1000.0 << " s" << Qt::endl;
        QFile::remove(snapshot);
    }

    {
        // Migrate a database written by an older Gavel once, before the read-only runs.
        auto rw = store::Database::open(store::Location::sqliteFile(dbPath));
        if (!rw)
            fail(rw.error().text());
    }
    store::OpenOptions ro;
    ro.readOnly = true;
    auto db = store::Database::open(store::Location::sqliteFile(dbPath), ro);
    if (!db)
        fail(db.error().text());
    auto guilds = store::listGuilds(**db);
    if (!guilds || guilds->isEmpty())
        fail(u"no guild in the database"_s);
    const quint64 guildId = guilds->front().id;

    out() << "database: " << dbPath << ", " << guilds->front().messages << " messages, "
          << guilds->front().reactions << " reactions, " << guilds->front().members << " members"
          << Qt::endl;

    // The SQL floor: reactions per author with one GROUP BY, on the same database.
    const double sqlMs = median(runs, [&] {
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"floor"_s);
        c.setDatabaseName(dbPath);
        c.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!c.open())
            fail(u"cannot open for the SQL floor"_s);
        {
            QSqlQuery q(c);
            q.setForwardOnly(true);
            if (!q.exec(u"SELECT author_id, COUNT(*) FROM reactions WHERE removed_at IS NULL "
                        u"GROUP BY author_id"_s))
                fail(u"SQL floor failed"_s);
            qint64 n = 0;
            while (q.next())
                n += q.value(1).toLongLong();
            if (n == 0)
                fail(u"no reactions"_s);
        }
        c.close();
        c = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"floor"_s);
    });

    const double sqlCpu = lastCpuMs;
    out() << "after the SQL floor: " << rssAfter() << Qt::endl;
    history::LoadOptions noText;
    noText.content = false;
    history::LoadOptions withText;
    withText.content = true;
    std::unique_ptr<history::History> h;
    const double loadMs = median(runs, [&] {
        h.reset(); // one history at a time, as in the commands
        auto r = history::History::load(**db, guildId, noText);
        if (!r)
            fail(r.error().text());
        h = std::make_unique<history::History>(std::move(*r));
    });
    const double loadCpu = lastCpuMs;
    out() << "after loading without text: " << rssAfter() << Qt::endl;
    const double loadTextMs = median(1, [&] {
        h.reset();
        auto r = history::History::load(**db, guildId, withText);
        if (!r)
            fail(r.error().text());
        h = std::make_unique<history::History>(std::move(*r));
    });
    qint64 at = 0;
    for (const auto &m : h->messages)
        at = std::max(at, m.createdAt);
    at += 1;
    out() << "history: " << h->users.size() << " users, " << h->messages.size() << " messages, "
          << h->reactions.size() << " reactions" << Qt::endl;

    const double loadTextCpu = lastCpuMs;
    std::unique_ptr<policy::Evaluator> ev;
    const double indexMs = median(1, [&] { ev = std::make_unique<policy::Evaluator>(*h); });
    const double indexCpu = lastCpuMs;

    out() << Qt::endl
          << u"%1 %2 %3"_s.arg(u"measurement (median of runs)"_s, -44)
                 .arg(u"wall ms"_s, 10)
                 .arg(u"CPU ms"_s, 10)
          << Qt::endl;
    const auto line = [&](const QString &what, double ms, double cpu = -1) {
        out() << u"%1 %2 %3"_s.arg(what, -44)
                     .arg(ms, 10, 'f', 1)
                     .arg(cpu < 0 ? lastCpuMs : cpu, 10, 'f', 1)
              << Qt::endl;
    };
    line(u"SQL GROUP BY author_id count (floor)"_s, sqlMs, sqlCpu);
    line(u"load history (no message text)"_s, loadMs, loadCpu);
    line(u"load history (with message text)"_s, loadTextMs, loadTextCpu);
    line(u"build evaluator indexes (once per history)"_s, indexMs, indexCpu);
    out() << "  after loading and indexing: " << rssAfter() << Qt::endl;

    double daimyoMs = 0, daimyoCpu = 0;
    for (const QString &name : {u"daimyo"_s, u"karma"_s, u"pollen-2020"_s, u"pollen-hardened"_s}) {
        auto p = policy::Policy::load(QStringLiteral(GAVEL_POLICY_DIR) + u'/' + name + u".json"_s);
        if (!p)
            fail(p.error().text());
        std::shared_ptr<const policy::CompiledPolicy> compiled;
        policy::Evaluation e;
        const double ms = median(runs, [&] {
            auto c = policy::compile(*p, *h);
            if (!c)
                fail(c.error().text());
            compiled = std::make_shared<const policy::CompiledPolicy>(std::move(*c));
            // From scratch: the previous run's cred first stage would otherwise be reused.
            ev->dropCaches();
            e = ev->evaluate(compiled, at);
        });
        if (name == u"daimyo"_s) {
            daimyoMs = ms;
            daimyoCpu = lastCpuMs;
        }
        line(u"evaluate "_s + name, ms);
        // A parameter change: the lab's slider moves one threshold or budget. The evaluation
        // above left its cred first stage in the evaluator, as the lab's previous one would.
        policy::Policy changed = *p;
        changed.daimyo.senpai.reactions = 40;
        changed.karma.cooldownMinutes = 360;
        changed.cred.reactorBudgetPerWeek = 12;
        changed.cred.multiReactFactorBp = 4000;
        const double changeMs = median(runs, [&] {
            auto c = policy::compile(changed, *h);
            if (!c)
                fail(c.error().text());
            e = ev->evaluate(std::make_shared<const policy::CompiledPolicy>(std::move(*c)), at);
        });
        line(u"  parameter change re-evaluated"_s, changeMs);
        std::size_t changes = 0;
        const double planMs = median(runs, [&] { changes = policy::plan(ev->index(), e).size(); });
        line(u"  plan (%1 changes)"_s.arg(changes), planMs);
        double top = 0;
        for (const auto &m : e.members)
            top = std::max(top, m.score);
        out() << "  total score " << e.totalScore << ", top member " << top << "; " << rssAfter()
              << Qt::endl;
    }
    line(u"ratio daimyo evaluation / SQL floor"_s, daimyoMs / sqlMs, daimyoCpu / sqlCpu);
    out() << u"%1 %2"_s.arg(u"peak RSS (MB)"_s, -44).arg(peakRssKb() / 1024.0, 10, 'f', 0)
          << Qt::endl;
    return 0;
}
