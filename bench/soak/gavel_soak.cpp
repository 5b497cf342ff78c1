// gavel_soak: the 30-minute soak of issue 10. A demo guild is served by the in-process
// emulator with injected faults; round after round the guild changes through the admin API,
// an incremental sync follows, the database is checked, the analysis runs on it and every few
// rounds a proposal is approved and pushed. At the end a clean sync of the final guild into a
// fresh database must hold the same current state. One CSV line per round (time, RSS, counts).

#include "DumpCompare.h"
#include "EmulatorClient.h"
#include "EmulatorFixture.h"
#include "GuildChurn.h"
#include "SyncRunner.h"
#include "analysis/Clusters.h"
#include "analysis/PairMatrix.h"
#include "common/Snowflake.h"
#include "demoguild/DemoGuild.h"
#include "discord/Token.h"
#include "emulator/Emulator.h"
#include "history/History.h"
#include "moderation/Proposal.h"
#include "moderation/Push.h"
#include "moderation/Reviewers.h"
#include "store/CanonicalDump.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

//! VmRSS and VmHWM of this process in KiB, from /proc/self/status.
std::pair<qint64, qint64> memoryKiB()
{
    QFile f(u"/proc/self/status"_s);
    qint64 rss = -1, hwm = -1;
    if (!f.open(QIODevice::ReadOnly))
        return {rss, hwm};
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2 && parts[0] == "VmRSS:")
            rss = parts[1].toLongLong();
        else if (parts.size() >= 2 && parts[0] == "VmHWM:")
            hwm = parts[1].toLongLong();
    }
    return {rss, hwm};
}

qint64 faultsInjected(emulator::Server &server)
{
    const QJsonObject byKind =
        QJsonDocument::fromJson(server.statsJson()).object().value("faults"_L1).toObject();
    qint64 n = 0;
    for (auto it = byKind.begin(); it != byKind.end(); ++it)
        n += it.value().toInteger();
    return n;
}

//! What the analysis of one round found (kept so the work cannot be optimised away).
struct AnalysisFigures
{
    qint64 messages = 0, reactions = 0, pairs = 0;
    int clusters = 0;
};

Result<AnalysisFigures> analyse(store::Database &db, quint64 guildId)
{
    auto history = history::History::load(db, guildId);
    if (!history)
        return history.error();
    const analysis::PairMatrix matrix = analysis::PairMatrix::build(*history);
    const auto clusters = analysis::detectClusters(*history, matrix);
    return AnalysisFigures{qint64(history->messages.size()), qint64(history->reactions.size()),
                           qint64(matrix.pairs().size()), int(clusters.size())};
}

//! The push of one round: which roles the bot may hand out, who gets what.
struct PushFigures
{
    qint64 proposal = 0;
    int changes = 0, applied = 0, already = 0, refused = 0, skipped = 0, runs = 0;
};

/*!
 * Proposes (alice) a few promotions and demotions among the roles below the bot's highest,
 * has carol approve, and pushes (as alice) until every change has a final outcome: a run
 * interrupted by injected faults leaves changes "failed", which the next run retries.
 */
Result<PushFigures> proposeApprovePush(store::Database &db, emulator::Server &server,
                                       quint64 guildId, const QUrl &api, std::mt19937_64 &rng)
{
    moderation::RoleConfig roles;
    std::vector<std::pair<quint64, std::vector<quint64>>> members;
    server.withSnapshot([&](emulator::Snapshot &s) {
        const qint64 top = s.highestRolePosition(server.botUserId());
        for (const emulator::Role &r : s.roles()) {
            if (r.id != s.guildId() && !r.managed && r.position < top)
                roles.managed.append(r.id);
        }
        for (const emulator::Member &m : s.members()) {
            if (!m.bot && m.userId != s.ownerId())
                members.push_back({m.userId, m.roles});
        }
    });
    if (roles.managed.isEmpty() || members.empty())
        return Error{u"the guild has no role below the bot's or no member to change"_s, {}};
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
    QList<moderation::HandPick> picks;
    QSet<quint64> picked;
    for (int i = 0; i < 4; ++i) {
        const auto &[user, held] = members[pick(members.size())];
        if (picked.contains(user))
            continue;
        picked.insert(user);
        const quint64 role = roles.managed[qsizetype(pick(size_t(roles.managed.size())))];
        const bool holds = std::find(held.begin(), held.end(), role) != held.end();
        picks.append({user, holds ? u"demote"_s : u"promote"_s, role,
                      u"soak: %1"_s.arg(holds ? u"demote"_s : u"promote"_s)});
    }
    auto changes = moderation::expandHandPicked(db, guildId, roles, picks);
    if (!changes)
        return changes.error();
    moderation::ProposalDraft draft;
    draft.guildId = guildId;
    draft.title = u"soak"_s;
    draft.changes = std::move(*changes);
    draft.roles = roles;
    draft.windowUntil = now();
    draft.proposer = u"alice"_s;
    auto proposal = moderation::createProposal(db, draft, now());
    if (!proposal)
        return proposal.error();
    if (auto decided = moderation::decide(db, proposal->id, u"carol"_s, true, {}, now()); !decided)
        return decided.error();

    moderation::PushOptions options;
    options.api = api;
    options.token = std::make_shared<discord::EnvTokenSource>(u"GAVEL_SOAK_TOKEN"_s);
    options.actor = u"alice"_s;
    PushFigures figures;
    figures.proposal = proposal->id;
    figures.changes = int(proposal->changes.size());
    for (figures.runs = 1; figures.runs <= 10; ++figures.runs) {
        moderation::Push push(db, options);
        auto report = push.run(proposal->id);
        if (!report)
            return Error{u"push of proposal %1 (run %2): %3"_s.arg(proposal->id)
                             .arg(figures.runs)
                             .arg(report.error().text()),
                         {}};
        if (report->complete) {
            figures.applied = report->applied;
            figures.already = report->already;
            figures.refused = report->refused;
            figures.skipped = report->skipped;
            return figures;
        }
    }
    return Error{u"proposal %1 was still not completely pushed after 10 runs"_s.arg(proposal->id),
                 {}};
}

Result<QByteArray> dumpOf(const store::Location &location, quint64 guildId)
{
    auto db = store::Database::open(location);
    if (!db)
        return db.error();
    if (auto checked = (*db)->integrityCheck(); !checked)
        return checked.error();
    return store::canonicalDump(**db, guildId);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

//! Compares what a clean sync can know of both databases; writes the dumps to `dir`.
bool compareStates(const store::Location &soaked, const store::Location &clean, quint64 guildId,
                   const QString &dir)
{
    QDir().mkpath(dir);
    auto soakedDump = dumpOf(soaked, guildId);
    auto cleanDump = dumpOf(clean, guildId);
    if (!soakedDump || !cleanDump) {
        err() << "gavel_soak: dump failed: "
              << (soakedDump ? cleanDump.error().text() : soakedDump.error().text()) << '\n';
        return false;
    }
    const soak::CurrentState a = soak::currentState(*soakedDump);
    const soak::CurrentState b = soak::currentState(*cleanDump);
    writeFile(dir + u"/soak.dump"_s, *soakedDump);
    writeFile(dir + u"/clean.dump"_s, *cleanDump);
    writeFile(dir + u"/soak.current"_s, a.text);
    writeFile(dir + u"/clean.current"_s, b.text);
    out() << "rows left out of the soaked database's dump:\n";
    for (auto it = a.excluded.begin(); it != a.excluded.end(); ++it)
        out() << "  " << it.key() << ": " << it.value() << '\n';
    out() << "rows left out of the clean database's dump:\n";
    for (auto it = b.excluded.begin(); it != b.excluded.end(); ++it)
        out() << "  " << it.key() << ": " << it.value() << '\n';
    if (a.text != b.text) {
        out() << "DIFFERENT current state (- soaked, + clean):\n";
        for (const QString &line : soak::stateDifferences(a.text, b.text))
            out() << "  " << line << '\n';
        out() << "gavel_soak: FAILED: the soaked database differs from a clean sync\n";
        return false;
    }
    out() << "current state equal (" << a.text.size() << " bytes of canonical dump); "
          << "gavel_soak: OK\n";
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Soak test: sync, incremental syncs, analysis and pushes against the emulator with "
        u"faults and a changing guild (docs/hardening.md, \"Soak\")."_s);
    parser.addHelpOption();
    const QCommandLineOption minutesOpt(u"minutes"_s, u"How long to loop (default 30)."_s, u"N"_s,
                                        u"30"_s);
    const QCommandLineOption outOpt(u"out"_s, u"Directory for the databases, CSV and dumps."_s,
                                    u"DIR"_s, u"/tmp/gavel-soak"_s);
    const QCommandLineOption membersOpt(u"members"_s, u"Demo guild members (default 300)."_s,
                                        u"N"_s, u"300"_s);
    const QCommandLineOption messagesOpt(u"messages"_s, u"Demo guild messages (default 8000)."_s,
                                         u"N"_s, u"8000"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"Seed of the guild, churn and faults."_s, u"N"_s,
                                     u"1"_s);
    const QCommandLineOption faultOpt(u"fault-rate"_s, u"Injected fault rate (default 0.05)."_s,
                                      u"R"_s, u"0.05"_s);
    const QCommandLineOption pushOpt(u"push-every"_s, u"Propose and push every N rounds (3)."_s,
                                     u"N"_s, u"3"_s);
    const QCommandLineOption limitsOpt(u"rate-limits"_s,
                                       u"Keep the emulator's Discord rate limits on."_s);
    const QCommandLineOption churnOpt(
        u"churn-scale"_s,
        u"Multiplies the changes made between rounds (default 1; 0 keeps the guild as it is, "
        u"which separates leaks from a growing guild)."_s,
        u"F"_s, u"1"_s);
    const QCommandLineOption compareOpt(
        u"compare"_s,
        u"Only compare two existing SQLite databases SOAKED,CLEAN,GUILD as at the end of a soak "
        u"(to check the compare itself)."_s,
        u"SOAKED,CLEAN,GUILD"_s);
    parser.addOptions({minutesOpt, outOpt, membersOpt, messagesOpt, seedOpt, faultOpt, pushOpt,
                       limitsOpt, churnOpt, compareOpt});
    parser.process(app);
    if (parser.isSet(compareOpt)) {
        const QStringList parts = parser.value(compareOpt).split(u',');
        const auto guild = snowflake::parse(parts.value(2));
        if (parts.size() != 3 || !guild) {
            err() << "gavel_soak: --compare takes SOAKED.db,CLEAN.db,GUILD_ID\n";
            return 2;
        }
        QDir().mkpath(parser.value(outOpt));
        return compareStates(store::Location::sqliteFile(parts[0]),
                             store::Location::sqliteFile(parts[1]), *guild, parser.value(outOpt))
                   ? 0
                   : 1;
    }

    const double minutes = parser.value(minutesOpt).toDouble();
    const quint64 seed = parser.value(seedOpt).toULongLong();
    const int pushEvery = std::max(1, parser.value(pushOpt).toInt());
    const double churnScale = std::max(0.0, parser.value(churnOpt).toDouble());
    soak::ChurnSizes churnSizes;
    for (int *n : {&churnSizes.newMessages, &churnSizes.edits, &churnSizes.deletions,
                   &churnSizes.reactionsAdded, &churnSizes.reactionsRemoved, &churnSizes.joins,
                   &churnSizes.leaves, &churnSizes.roleChanges})
        *n = int(*n * churnScale + 0.5);
    const QString dir = parser.value(outOpt);
    if (!QDir().mkpath(dir)) {
        err() << "gavel_soak: cannot create " << dir << "; choose another --out\n";
        return 1;
    }
    for (const QString &name : {u"soak.db"_s, u"clean.db"_s}) {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(dir + u'/' + name + suffix);
    }

    demoguild::Options demo;
    demo.seed = seed;
    demo.members = parser.value(membersOpt).toInt();
    demo.messages = parser.value(messagesOpt).toInt();
    const QString snapshotPath = dir + u"/guild.json"_s;
    if (auto made = demoguild::generate(demo, snapshotPath); !made) {
        err() << "gavel_soak: generating the demo guild failed: " << made.error().text() << '\n';
        return 1;
    }
    auto snapshot = emulator::Snapshot::load(snapshotPath);
    if (!snapshot) {
        err() << "gavel_soak: " << snapshot.error().text() << '\n';
        return 1;
    }
    const quint64 guildId = snapshot->guildId();
    emulator::ServerOptions serverOptions = test::EmulatorFixture::testOptions();
    serverOptions.rateLimits = parser.isSet(limitsOpt);
    serverOptions.faults.rate = parser.value(faultOpt).toDouble();
    serverOptions.faults.seed = seed;
    serverOptions.faults.slowMs = 300;
    test::EmulatorFixture emulator;
    if (!emulator.start(std::move(*snapshot), serverOptions)) {
        err() << "gavel_soak: the emulator did not start: " << emulator.errorString() << '\n';
        return 1;
    }
    qputenv("GAVEL_SOAK_TOKEN", emulator.token().toUtf8());
    test::EmulatorClient admin(emulator.origin(), emulator.token());
    soak::GuildChurn churn(emulator.server(), admin, seed);
    std::mt19937_64 rng(seed * 7919 + 1);
    const QUrl api = emulator.apiUrl({});
    const store::Location soaked = store::Location::sqliteFile(dir + u"/soak.db"_s);
    const sync::Options syncOptions = test::fastSyncOptions(guildId);

    QFile csv(dir + u"/soak.csv"_s);
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        err() << "gavel_soak: cannot write " << csv.fileName() << '\n';
        return 1;
    }
    QTextStream csvOut(&csv);
    csvOut << "round,elapsed_s,round_ms,churn_ms,sync_ms,check_ms,analysis_ms,push_ms,changes,"
              "messages_new,messages_edited,messages_deleted,reactions_added,reactions_removed,"
              "members_joined,members_left,role_changes,requests,faults_total,history_messages,"
              "history_reactions,pairs,clusters,push_changes,push_applied,push_runs,rss_kib,"
              "hwm_kib\n";
    csvOut.flush();

    QElapsedTimer total;
    total.start();
    const qint64 budgetMs = qint64(minutes * 60000);
    int failures = 0;
    int round = 0;
    auto fail = [&](const QString &what) {
        ++failures;
        err() << "gavel_soak: round " << round << ": " << what << '\n';
        err().flush();
    };
    out() << "gavel_soak: guild " << guildId << " (" << demo.members << " members, "
          << demo.messages << " messages), faults " << serverOptions.faults.rate << ", rate limits "
          << (serverOptions.rateLimits ? "on" : "off") << ", " << minutes << " min, in " << dir
          << '\n';
    out().flush();

    while (failures == 0 && (round == 0 || total.elapsed() < budgetMs)) {
        ++round;
        QElapsedTimer t;
        t.start();
        soak::ChurnCounts churned;
        if (round > 1)
            churned = churn.run(round, churnSizes);
        const qint64 churnMs = t.restart();
        if (churned.refused > 0)
            fail(u"the emulator refused %1 admin requests (see above)"_s.arg(churned.refused));

        auto run = test::runSync(soaked, api, emulator.token(), syncOptions, 600000);
        const qint64 syncMs = t.restart();
        if (!run.result) {
            fail(u"sync failed: "_s + run.result.error().text());
            break;
        }
        const sync::Summary &summary = *run.result;

        auto db = store::Database::open(soaked);
        if (!db) {
            fail(u"cannot open the database: "_s + db.error().text());
            break;
        }
        if (round == 1) {
            for (const auto &[name, role] :
                 {std::pair{u"alice"_s, u"admin"_s}, std::pair{u"carol"_s, u"approver"_s}}) {
                moderation::Reviewer r;
                r.name = name;
                r.role = role;
                if (auto added = moderation::addReviewer(**db, r, u"alice"_s, now()); !added)
                    fail(u"adding reviewer %1: %2"_s.arg(name, added.error().text()));
            }
        }
        if (auto checked = (*db)->integrityCheck(); !checked)
            fail(u"integrity check: "_s + checked.error().text());
        const qint64 checkMs = t.restart();

        auto figures = analyse(**db, guildId);
        if (!figures)
            fail(u"analysis: "_s + figures.error().text());
        const qint64 analysisMs = t.restart();

        PushFigures pushed;
        if (round % pushEvery == 0) {
            auto p = proposeApprovePush(**db, emulator.server(), guildId, api, rng);
            if (!p)
                fail(u"propose/approve/push: "_s + p.error().text());
            else
                pushed = *p;
        }
        const qint64 pushMs = t.restart();
        db->reset();

        const auto [rss, hwm] = memoryKiB();
        const qint64 roundMs = churnMs + syncMs + checkMs + analysisMs + pushMs;
        const AnalysisFigures a = figures ? *figures : AnalysisFigures{};
        csvOut << round << ',' << QString::number(total.elapsed() / 1000.0, 'f', 1) << ','
               << roundMs << ',' << churnMs << ',' << syncMs << ',' << checkMs << ',' << analysisMs
               << ',' << pushMs << ',' << churned.total() << ',' << summary.messagesNew << ','
               << summary.messagesEdited << ',' << summary.messagesDeleted << ','
               << summary.reactionsAdded << ',' << summary.reactionsRemoved << ','
               << summary.membersJoined << ',' << summary.membersLeft << ',' << summary.roleChanges
               << ',' << summary.requests << ',' << faultsInjected(emulator.server()) << ','
               << a.messages << ',' << a.reactions << ',' << a.pairs << ',' << a.clusters << ','
               << pushed.changes << ',' << pushed.applied << ',' << pushed.runs << ',' << rss << ','
               << hwm << '\n';
        csvOut.flush();
        out() << "round " << round << ": " << roundMs << " ms (sync " << syncMs << "), "
              << churned.total() << " changes, sync saw +" << summary.messagesNew << " ~"
              << summary.messagesEdited << " -" << summary.messagesDeleted << " msgs, +"
              << summary.reactionsAdded << " -" << summary.reactionsRemoved << " reactions, +"
              << summary.membersJoined << " -" << summary.membersLeft << " members, "
              << summary.roleChanges << " role changes; " << a.clusters << " clusters; push "
              << pushed.applied << "/" << pushed.changes << " applied; RSS " << rss / 1024
              << " MiB, HWM " << hwm / 1024 << " MiB\n";
        out().flush();
    }
    if (failures > 0) {
        err() << "gavel_soak: FAILED after " << round << " rounds\n";
        return 1;
    }

    // The last push changed roles after the last sync: one more incremental sync (no churn),
    // then a clean sync of the same guild into a fresh database.
    auto last = test::runSync(soaked, api, emulator.token(), syncOptions, 600000);
    if (!last.result) {
        err() << "gavel_soak: the final incremental sync failed: " << last.result.error().text()
              << '\n';
        return 1;
    }
    const store::Location clean = store::Location::sqliteFile(dir + u"/clean.db"_s);
    auto fresh = test::runSync(clean, api, emulator.token(), syncOptions, 600000);
    if (!fresh.result) {
        err() << "gavel_soak: the clean sync failed: " << fresh.result.error().text() << '\n';
        return 1;
    }
    out() << "final compare after " << round << " rounds, " << total.elapsed() / 1000 << " s\n";
    if (compareStates(soaked, clean, guildId, dir))
        return 0;
    // Tells a lost change an incremental sync cannot see from a damaged database: a --full sync
    // re-reads every message and reaction list of the soaked database, then compare again.
    sync::Options full = syncOptions;
    full.full = true;
    auto repaired = test::runSync(soaked, api, emulator.token(), full, 600000);
    if (!repaired.result) {
        err() << "gavel_soak: the --full sync failed: " << repaired.result.error().text() << '\n';
        return 1;
    }
    out() << "after a --full sync of the soaked database:\n";
    compareStates(soaked, clean, guildId, dir + u"/after-full"_s);
    out() << "gavel_soak: FAILED (the incremental syncs missed changes; see above)\n";
    return 1;
}
