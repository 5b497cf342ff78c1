// The moderation workflow (core/moderation): audit chain, decisions, expiry, staleness,
// pushes against the emulator (in process and as a killed and resumed `gavel push`), and
// concurrent reviewers on PostgreSQL.

#include "EmulatorClient.h"
#include "EmulatorFixture.h"
#include "SnapshotBuilder.h"
#include "SnapshotStore.h"
#include "StoreTestDatabase.h"
#include "TestPaths.h"
#include "common/Snowflake.h"
#include "discord/Token.h"
#include "moderation/AuditLog.h"
#include "moderation/ClusterReviews.h"
#include "moderation/Deactivations.h"
#include "moderation/Proposal.h"
#include "moderation/Push.h"
#include "moderation/Reviewers.h"
#include "store/Database.h"
#include "store/SqlValue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <thread>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::moderation;
using gavel::store::Backend;
using gavel::store::Database;
using gavel::test::SnapshotBuilder;
using gavel::test::StoreTestDatabase;

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

#define VERIFY_OK(result)                                                                          \
    do {                                                                                           \
        const auto &r_ = (result);                                                                 \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().text()));                    \
    } while (false)

//! A small guild: the bot's top role at 10, Admin above it at 20, managed roles Member (1),
//! Trusted (5) and Admin, the Deactivated role (2), and `people` members holding Member.
struct TestGuild
{
    SnapshotBuilder builder;
    quint64 member = 0, trusted = 0, deactivated = 0, admin = 0;
    QList<quint64> people;
    RoleConfig roles;

    explicit TestGuild(int count, quint64 botPermissions = emulator::permission::ManageRoles |
                                                           emulator::permission::ViewAuditLog)
    {
        const quint64 owner = builder.addMember(u"Owner"_s);
        builder.setOwner(owner);
        member = builder.addRole(u"Member"_s, 1);
        deactivated = builder.addRole(u"Deactivated"_s, 2);
        trusted = builder.addRole(u"Trusted"_s, 5);
        builder.addBot(u"Gavel"_s, 10, botPermissions);
        admin = builder.addRole(u"Admin"_s, 20);
        builder.addChannel(u"general"_s);
        people = builder.addMembers(u"user"_s, count, {member});
        roles.managed = {member, trusted, admin};
        roles.deactivated = deactivated;
    }
};

//! A migrated database holding the guild and a team: alice and bob (admins), carol and dave
//! (approvers), mo (moderator).
struct Setup
{
    std::unique_ptr<StoreTestDatabase> tmp;
    std::unique_ptr<Database> db;
    QString error;

    Setup(Backend backend, const SnapshotBuilder &builder)
    {
        tmp = std::make_unique<StoreTestDatabase>(backend);
        if (!tmp->isValid()) {
            error = tmp->error();
            return;
        }
        auto opened = tmp->open();
        if (!opened) {
            error = opened.error().text();
            return;
        }
        db = std::move(*opened);
        auto snapshot = builder.build();
        if (!snapshot) {
            error = snapshot.error().text();
            return;
        }
        if (auto loaded =
                test::loadSnapshotIntoStore(*snapshot, *db, now() - 1000, builder.botId());
            !loaded) {
            error = loaded.error().text();
            return;
        }
        const QList<std::pair<QString, QString>> team = {{u"alice"_s, u"admin"_s},
                                                         {u"bob"_s, u"admin"_s},
                                                         {u"carol"_s, u"approver"_s},
                                                         {u"dave"_s, u"approver"_s},
                                                         {u"mo"_s, u"moderator"_s}};
        for (const auto &[name, role] : team) {
            Reviewer r;
            r.name = name;
            r.role = role;
            if (auto added = addReviewer(*db, r, u"alice"_s, now()); !added) {
                error = added.error().text();
                return;
            }
        }
    }
};

Result<Proposal> propose(Database &db, quint64 guild, const RoleConfig &roles,
                         const QList<HandPick> &picks, const QString &by = u"alice"_s,
                         qint64 at = now())
{
    auto changes = expandHandPicked(db, guild, roles, picks);
    if (!changes)
        return changes.error();
    ProposalDraft draft;
    draft.guildId = guild;
    draft.title = u"test"_s;
    draft.changes = std::move(*changes);
    draft.roles = roles;
    draft.windowUntil = at;
    draft.proposer = by;
    return createProposal(db, draft, at);
}

HandPick pick(quint64 user, const QString &action, quint64 role = 0)
{
    return HandPick{user, action, role, u"test reason for "_s + action};
}

QSet<quint64> emulatorRoles(test::EmulatorClient &client, quint64 guild, quint64 user)
{
    QSet<quint64> roles;
    const auto reply = client.get(u"/guilds/%1/members/%2"_s.arg(guild).arg(user));
    for (const QJsonValue &v : reply.object().value(u"roles"_s).toArray())
        roles.insert(snowflake::parse(v.toString()).value_or(0));
    return roles;
}

qint64 memberRoleRequests(test::EmulatorClient &client)
{
    const auto reply = client.admin("GET", u"/stats"_s);
    return reply.object().value(u"requests"_s).toObject().value(u"member_roles"_s).toInteger();
}

//! MEMBER_ROLE_UPDATE entries whose reason names the proposal: "user/role/$add".
QStringList emulatorAuditEntries(test::EmulatorClient &client, quint64 guild, qint64 proposal)
{
    QStringList found;
    const auto reply = client.get(u"/guilds/%1/audit-logs?action_type=25&limit=100"_s.arg(guild));
    for (const QJsonValue &v : reply.object().value(u"audit_log_entries"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (!e.value(u"reason"_s).toString().startsWith(u"Gavel proposal #%1,"_s.arg(proposal)))
            continue;
        for (const QJsonValue &c : e.value(u"changes"_s).toArray()) {
            for (const QJsonValue &r : c.toObject().value(u"new_value"_s).toArray())
                found.append(e.value(u"target_id"_s).toString() + u'/' +
                             r.toObject().value(u"id"_s).toString() + u'/' +
                             c.toObject().value(u"key"_s).toString());
        }
    }
    return found;
}

std::shared_ptr<discord::TokenSource> tokenFor(const test::EmulatorFixture &emulator)
{
    qputenv("GAVEL_MODERATION_TEST_TOKEN", emulator.token().toUtf8());
    return std::make_shared<discord::EnvTokenSource>(u"GAVEL_MODERATION_TEST_TOKEN"_s);
}

} // namespace

class TestModeration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auditChainDetectsTampering_data();
    void auditChainDetectsTampering();
    void auditLogIsAppendOnly_data()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    void auditLogIsAppendOnly();
    void decisions_data()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    void decisions();
    void tamperedProposalsAreRefused_data()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    void tamperedProposalsAreRefused();
    void proposerWithdraws();
    void allListedApprovers();
    void expiredAndStaleCannotBePushed();
    void pushAppliesExactlyThePlan();
    void discordRefusalIsReportedPerChange();
    void pushUnderFaultsAndRateLimits();
    void deactivateAndReactivate();
    void clusterReviewsKeepTheNewestVerdict();
    void killedPushResumesExactlyOnce();
    void concurrentApprovalsOnPostgres();
};

void TestModeration::auditChainDetectsTampering_data()
{
    QTest::addColumn<Backend>("backend");
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<qint64>("firstBad");
    for (const Backend backend : {Backend::Sqlite, Backend::Postgres}) {
        const QString name = backend == Backend::Sqlite ? u"sqlite"_s : u"postgresql"_s;
        // Rows 1..5 (alice, bob, carol, dave, mo added) then 3 settings changes: 8 rows.
        QTest::addRow("%s-edited", qPrintable(name))
            << backend
            << u"UPDATE audit_log SET payload = '{\"name\":\"mallory\",\"role\":\"admin\"}' WHERE seq = 3"_s
            << qint64(3);
        QTest::addRow("%s-edited-actor", qPrintable(name))
            << backend << u"UPDATE audit_log SET actor = 'mallory' WHERE seq = 6"_s << qint64(6);
        QTest::addRow("%s-deleted", qPrintable(name))
            << backend << u"DELETE FROM audit_log WHERE seq = 4"_s << qint64(5);
        QTest::addRow("%s-deleted-last", qPrintable(name))
            << backend << u"DELETE FROM audit_log WHERE seq = 8"_s << qint64(-1);
        QTest::addRow("%s-inserted", qPrintable(name))
            << backend
            << u"UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 5;"
               u"UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000;"
               u"INSERT INTO audit_log (seq, at, actor, kind, payload, prev_hash, hash) "
               u"SELECT 5, at, 'mallory', 'approve', '{}', hash, hash FROM audit_log WHERE seq = 4"_s
            << qint64(5);
        QTest::addRow("%s-appended", qPrintable(name))
            << backend
            << u"INSERT INTO audit_log (seq, at, actor, kind, payload, prev_hash, hash) "
               u"SELECT 9, at, 'mallory', 'approve', '{}', hash, hash FROM audit_log WHERE seq = 8"_s
            << qint64(9);
    }
}

void TestModeration::auditChainDetectsTampering()
{
    QFETCH(Backend, backend);
    QFETCH(QString, tamper);
    QFETCH(qint64, firstBad);
    GAVEL_REQUIRE_BACKEND(backend);
    TestGuild guild(2);
    Setup setup(backend, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    for (int days : {3, 5, 9}) {
        Settings s;
        s.expiryDays = days;
        VERIFY_OK(changeSettings(db, s, u"bob"_s, now()));
    }
    auto before = verifyAuditLog(db);
    VERIFY_OK(before);
    QVERIFY(before->ok());
    QCOMPARE(before->rows, 8);
    QCOMPARE(before->headSeq, 8);
    const std::pair<qint64, QString> head{before->headSeq, before->headHash};

    // Whoever tampers with the rows can drop the triggers first.
    if (backend == Backend::Sqlite) {
        QCOMPARE(setup.tmp->execRaw(u"DROP TRIGGER audit_log_no_update"_s), QString());
        QCOMPARE(setup.tmp->execRaw(u"DROP TRIGGER audit_log_no_delete"_s), QString());
    } else {
        QCOMPARE(setup.tmp->execRaw(u"DROP TRIGGER audit_log_append_only ON audit_log"_s),
                 QString());
    }
    for (const QString &statement : tamper.split(u';'))
        QCOMPARE(setup.tmp->execRaw(statement), QString());

    auto after = verifyAuditLog(db, head);
    VERIFY_OK(after);
    QVERIFY2(!after->ok(), "the tampering went unnoticed");
    if (firstBad > 0) {
        QCOMPARE(*after->firstBadSeq, firstBad);
    } else {
        // The last row deleted: only the recorded head shows it.
        QCOMPARE(*after->firstBadSeq, head.first);
        auto plain = verifyAuditLog(db);
        VERIFY_OK(plain);
        QVERIFY(plain->ok());
    }
    QVERIFY(!after->problem.isEmpty());

    // The CLI names the first bad row and fails.
    if (backend == Backend::Sqlite) {
        QProcess gavel;
        gavel.start(test::gavelBinary(),
                    {u"verify-log"_s, u"--db"_s, setup.tmp->sqlitePath(), u"--head"_s,
                     u"%1:%2"_s.arg(head.first).arg(head.second)});
        QVERIFY(gavel.waitForFinished(30000));
        QCOMPARE(gavel.exitCode(), 1);
        QVERIFY2(gavel.readAllStandardOutput().startsWith(
                     u"bad row %1:"_s.arg(*after->firstBadSeq).toUtf8()),
                 "verify-log does not name the first bad row");
    }
}

void TestModeration::auditLogIsAppendOnly()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    TestGuild guild(1);
    Setup setup(backend, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    QVERIFY(setup.tmp->execRaw(u"UPDATE audit_log SET actor = 'x' WHERE seq = 1"_s)
                .contains(u"append-only"_s));
    QVERIFY(
        setup.tmp->execRaw(u"DELETE FROM audit_log WHERE seq = 1"_s).contains(u"append-only"_s));
    auto report = verifyAuditLog(*setup.db);
    VERIFY_OK(report);
    QVERIFY(report->ok());
    QCOMPARE(report->rows, 5);
}

void TestModeration::decisions()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    TestGuild guild(3);
    Setup setup(backend, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    const quint64 g = guild.builder.guildId();

    // Approvers decide, they do not propose; unknown names are refused with the team listed.
    QVERIFY(!propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.trusted)},
                     u"carol"_s)
                 .ok());
    const auto unknown =
        propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.trusted)}, u"zed"_s);
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().hint.contains(u"alice (admin)"_s));
    // Roles the policy does not manage cannot be proposed.
    QVERIFY(
        !propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.deactivated + 999)})
             .ok());
    // A hand-picked change needs a reason.
    QVERIFY(
        !propose(db, g, guild.roles, {HandPick{guild.people[0], u"promote"_s, guild.trusted, {}}})
             .ok());

    auto p =
        propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.trusted)}, u"mo"_s);
    VERIFY_OK(p);
    auto status = proposalStatus(db, *p, now());
    VERIFY_OK(status);
    QCOMPARE(status->state, u"open"_s);
    QVERIFY(status->pushRefusal.contains(u"0 of the 1 approvals"_s));
    QVERIFY(!Push::claim(db, p->id, u"h:1:x"_s, u"alice"_s, now(), 60000).ok());

    // Self-approval is refused; so are moderators and repeated decisions.
    const auto self = decide(db, p->id, u"mo"_s, true, {}, now());
    QVERIFY(!self.ok());
    auto asAdmin =
        propose(db, g, guild.roles, {pick(guild.people[1], u"promote"_s, guild.trusted)});
    VERIFY_OK(asAdmin);
    const auto selfAdmin = decide(db, asAdmin->id, u"alice"_s, true, {}, now());
    QVERIFY(!selfAdmin.ok());
    QVERIFY2(selfAdmin.error().message.contains(u"may not approve"_s),
             qPrintable(selfAdmin.error().text()));

    auto approved = decide(db, p->id, u"bob"_s, true, u"looks right"_s, now());
    VERIFY_OK(approved);
    QCOMPARE(approved->state, u"approved"_s);
    QCOMPARE(approved->approvals, 1);
    QVERIFY(approved->pushRefusal.isEmpty());
    QVERIFY(!decide(db, p->id, u"bob"_s, true, {}, now()).ok());

    // Any rejection blocks, also after enough approvals.
    auto rejected = decide(db, p->id, u"carol"_s, false, u"not yet"_s, now());
    VERIFY_OK(rejected);
    QCOMPARE(rejected->state, u"rejected"_s);
    QVERIFY(rejected->pushRefusal.contains(u"carol (not yet)"_s));
    const auto claim = Push::claim(db, p->id, u"h:1:x"_s, u"alice"_s, now(), 60000);
    QVERIFY(!claim.ok());
    QVERIFY(claim.error().message.contains(u"rejected"_s));
    QVERIFY(!decide(db, p->id, u"dave"_s, true, {}, now()).ok());

    // Each decision is in the chain with who made it.
    auto entries = auditEntries(db, p->id);
    VERIFY_OK(entries);
    QStringList kinds;
    for (const AuditEntry &e : *entries)
        kinds.append(e.kind + u':' + e.actor);
    QCOMPARE(kinds, (QStringList{u"proposal:mo"_s, u"approve:bob"_s, u"reject:carol"_s}));
    auto report = verifyAuditLog(db);
    VERIFY_OK(report);
    QVERIFY(report->ok());
}

// docs/security.md: a team member with UPDATE on proposals (or INSERT on decisions) must not
// get around four eyes. The database refuses the edits it can; what gets past (an owner who
// drops the triggers) is caught by comparing the row with its audit record.
void TestModeration::tamperedProposalsAreRefused()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    TestGuild guild(4);
    Setup setup(backend, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    StoreTestDatabase &tmp = *setup.tmp;
    const quint64 g = guild.builder.guildId();
    const auto claimError = [&](qint64 id) {
        const auto claim = Push::claim(db, id, u"h:1:x"_s, u"alice"_s, now(), 60000);
        return claim.ok() ? QString() : claim.error().message;
    };

    // 1. An unapproved proposal set to "pushing" by hand, as if a push had been abandoned.
    auto p =
        propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.trusted)}, u"mo"_s);
    VERIFY_OK(p);
    QCOMPARE(tmp.execRaw(u"UPDATE proposals SET state = 'pushing', push_holder = 'x', "
                         u"push_heartbeat_at = 0 WHERE id = %1"_s.arg(p->id)),
             QString());
    auto loaded = loadProposal(db, p->id);
    VERIFY_OK(loaded);
    auto status = proposalStatus(db, *loaded, now());
    VERIFY_OK(status);
    QCOMPARE(status->state, u"tampered"_s);
    QVERIFY2(status->pushRefusal.contains(u"without a push-start"_s),
             qPrintable(status->pushRefusal));
    QVERIFY2(status->pushRefusal.contains(u"0 of the 1 approvals"_s),
             qPrintable(status->pushRefusal));
    QString refused = claimError(p->id);
    QVERIFY2(refused.contains(u"does not match its audit record"_s), qPrintable(refused));
    // The run refuses before asking for a token: nothing can reach Discord.
    PushOptions options;
    options.api = QUrl(u"http://127.0.0.1:9/api/v10"_s);
    const auto run = Push(db, options).run(p->id);
    QVERIFY(!run.ok());
    QVERIFY2(run.error().message.contains(u"audit record"_s), qPrintable(run.error().text()));

    // 2. The plan of an approved proposal rewritten before the push: the database refuses it.
    auto q =
        propose(db, g, guild.roles, {pick(guild.people[1], u"promote"_s, guild.trusted)}, u"mo"_s);
    VERIFY_OK(q);
    VERIFY_OK(decide(db, q->id, u"bob"_s, true, {}, now()));
    const QString rewrite = u"UPDATE proposals SET plan_json = REPLACE(plan_json, '%1', '%2') "
                            u"WHERE id = %3"_s.arg(guild.people[1])
                                .arg(guild.people[2])
                                .arg(q->id);
    QVERIFY2(tmp.execRaw(rewrite).contains(u"never change"_s), qPrintable(tmp.execRaw(rewrite)));
    QVERIFY(tmp.execRaw(u"UPDATE proposals SET approvals_rule = '0' WHERE id = %1"_s.arg(q->id))
                .contains(u"never change"_s));
    QVERIFY(tmp.execRaw(u"DELETE FROM proposals WHERE id = %1"_s.arg(q->id))
                .contains(u"never deleted"_s));
    // An owner who drops the trigger first: the plan no longer has the recorded SHA-256.
    QCOMPARE(tmp.execRaw(backend == Backend::Sqlite
                             ? u"DROP TRIGGER proposals_fixed"_s
                             : u"DROP TRIGGER proposals_fixed ON proposals"_s),
             QString());
    QCOMPARE(tmp.execRaw(rewrite), QString());
    loaded = loadProposal(db, q->id);
    VERIFY_OK(loaded);
    QCOMPARE(loaded->changes.at(0).userId, guild.people[2]);
    status = proposalStatus(db, *loaded, now());
    VERIFY_OK(status);
    QCOMPARE(status->state, u"tampered"_s);
    QVERIFY2(status->pushRefusal.contains(u"plan (plan_json) is not the one proposed"_s),
             qPrintable(status->pushRefusal));
    refused = claimError(q->id);
    QVERIFY2(refused.contains(u"plan (plan_json)"_s), qPrintable(refused));
    QVERIFY(!decide(db, q->id, u"carol"_s, true, {}, now()).ok());

    // 3. The proposer renamed so that they can approve their own proposal.
    auto r = propose(db, g, guild.roles, {pick(guild.people[3], u"promote"_s, guild.trusted)},
                     u"alice"_s);
    VERIFY_OK(r);
    QCOMPARE(tmp.execRaw(u"UPDATE proposals SET proposer = 'mo' WHERE id = %1"_s.arg(r->id)),
             QString());
    const auto selfApproval = decide(db, r->id, u"alice"_s, true, {}, now());
    QVERIFY(!selfApproval.ok());
    QVERIFY2(selfApproval.error().message.contains(u"proposer mo, recorded alice"_s),
             qPrintable(selfApproval.error().text()));

    // 4. A decision inserted by hand (no audit row) does not count.
    auto t =
        propose(db, g, guild.roles, {pick(guild.people[0], u"demote"_s, guild.member)}, u"mo"_s);
    VERIFY_OK(t);
    QCOMPARE(tmp.execRaw(u"INSERT INTO decisions (proposal_id, reviewer, decision, at) "
                         u"VALUES (%1, 'bob', 'approve', %2)"_s.arg(t->id)
                             .arg(now())),
             QString());
    status = proposalStatus(db, *t, now());
    VERIFY_OK(status);
    QCOMPARE(status->state, u"open"_s);
    QCOMPARE(status->approvals, 0);
    QCOMPARE(status->ignoredDecisions.size(), 1);
    QVERIFY2(status->ignoredDecisions.first().contains(u"no audit record"_s),
             qPrintable(status->ignoredDecisions.first()));
    QVERIFY(!claimError(t->id).isEmpty());

    // 5. A final state stays final (on PostgreSQL one trigger guards both; put it back).
    if (backend == Backend::Postgres)
        QCOMPARE(tmp.execRaw(u"CREATE TRIGGER proposals_fixed BEFORE UPDATE OR DELETE ON "
                             u"proposals FOR EACH ROW EXECUTE FUNCTION gavel_proposals_fixed()"_s),
                 QString());
    VERIFY_OK(decide(db, t->id, u"carol"_s, false, u"no"_s, now()));
    QVERIFY(tmp.execRaw(u"UPDATE proposals SET state = 'open' WHERE id = %1"_s.arg(t->id))
                .contains(u"keeps its state"_s));
    if (backend == Backend::Postgres) {
        // Decisions carry the login of the connection that wrote them, whatever it claims.
        QCOMPARE(
            tmp.execRaw(u"INSERT INTO decisions (proposal_id, reviewer, decision, at, "
                        u"db_login) VALUES (%1, 'dave', 'approve', %2, 'somebody')"_s.arg(r->id)
                            .arg(now())),
            QString());
        auto login = databaseLogin(db);
        VERIFY_OK(login);
        auto stamped = db.scalar(
            u"SELECT db_login FROM decisions WHERE proposal_id = ? AND reviewer = 'dave'"_s,
            {r->id});
        VERIFY_OK(stamped);
        QCOMPARE(stamped->toString(), *login);
    }
}

// A proposer takes back their proposal with a rejection of their own; it can then neither be
// decided nor pushed, and the withdrawal is in the chain.
void TestModeration::proposerWithdraws()
{
    TestGuild guild(2);
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    auto q = propose(db, guild.builder.guildId(), guild.roles,
                     {pick(guild.people[1], u"promote"_s, guild.trusted)}, u"mo"_s);
    VERIFY_OK(q);
    VERIFY_OK(decide(db, q->id, u"bob"_s, true, {}, now()));
    auto withdrawn = decide(db, q->id, u"mo"_s, false, u"wrong member"_s, now());
    VERIFY_OK(withdrawn);
    QCOMPARE(withdrawn->state, u"withdrawn"_s);
    QVERIFY(withdrawn->pushRefusal.contains(u"withdrawn"_s));
    QVERIFY(!decide(db, q->id, u"carol"_s, true, {}, now()).ok());
    QVERIFY(!decide(db, q->id, u"mo"_s, false, {}, now()).ok());
    QVERIFY(!Push::claim(db, q->id, u"h:1:x"_s, u"alice"_s, now(), 60000).ok());
    auto entries = auditEntries(db, q->id);
    VERIFY_OK(entries);
    QCOMPARE(entries->last().kind, u"withdraw"_s);
    QCOMPARE(entries->last().payloadObject().value(u"note"_s).toString(), u"wrong member"_s);
    // The real CLI: gavel reject by the proposer says it withdrew.
    auto r = propose(db, guild.builder.guildId(), guild.roles,
                     {pick(guild.people[1], u"demote"_s, guild.member)}, u"mo"_s);
    VERIFY_OK(r);
    QProcess cli;
    cli.start(test::gavelBinary(), {u"reject"_s, u"--db"_s, setup.tmp->location().display(),
                                    u"--proposal"_s, QString::number(r->id), u"--by"_s, u"mo"_s});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(cli.readAllStandardOutput().contains("withdrawn by its proposer mo"),
             "gavel reject by the proposer did not withdraw");
}

void TestModeration::allListedApprovers()
{
    TestGuild guild(2);
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    auto s = parseApprovals(Settings{}, u"all"_s);
    VERIFY_OK(s);
    QVERIFY(!changeSettings(db, *s, u"carol"_s, now()).ok()); // approvers do not set rules
    VERIFY_OK(changeSettings(db, *s, u"alice"_s, now()));
    auto p = propose(db, guild.builder.guildId(), guild.roles,
                     {pick(guild.people[0], u"promote"_s, guild.trusted)});
    VERIFY_OK(p);
    QCOMPARE(p->approvalsRule, u"all:carol,dave"_s);
    QVERIFY(!decide(db, p->id, u"bob"_s, true, {}, now()).ok()); // an admin, not listed
    auto one = decide(db, p->id, u"carol"_s, true, {}, now());
    VERIFY_OK(one);
    QCOMPARE(one->state, u"open"_s);
    QCOMPARE(one->waitingFor, QStringList{u"dave"_s});
    auto two = decide(db, p->id, u"dave"_s, true, {}, now());
    VERIFY_OK(two);
    QCOMPARE(two->state, u"approved"_s);
    QCOMPARE(two->approvals, 2);
    QCOMPARE(two->required, 2);
}

void TestModeration::expiredAndStaleCannotBePushed()
{
    TestGuild guild(3);
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    const quint64 g = guild.builder.guildId();

    // Made eight days ago with the default expiry of seven days.
    auto old = propose(db, g, guild.roles, {pick(guild.people[0], u"promote"_s, guild.trusted)},
                       u"alice"_s, now() - 8 * DayMs);
    VERIFY_OK(old);
    auto status = proposalStatus(db, *old, now());
    VERIFY_OK(status);
    QCOMPARE(status->state, u"expired"_s);
    QVERIFY(!decide(db, old->id, u"bob"_s, true, {}, now()).ok());
    const auto expired = Push::claim(db, old->id, u"h:1:x"_s, u"alice"_s, now(), 60000);
    QVERIFY(!expired.ok());
    QVERIFY2(expired.error().message.contains(u"expired"_s), qPrintable(expired.error().text()));

    auto p = propose(db, g, guild.roles, {pick(guild.people[1], u"promote"_s, guild.trusted)});
    VERIFY_OK(p);
    VERIFY_OK(decide(db, p->id, u"bob"_s, true, {}, now()));
    // The data changes under the proposal: a sync sees a member gain a role.
    QCOMPARE(setup.tmp->execRaw(u"INSERT INTO member_roles (guild_id, user_id, role_id) VALUES "
                                u"(%1, %2, %3)"_s.arg(g)
                                    .arg(guild.people[2])
                                    .arg(guild.trusted)),
             QString());
    status = proposalStatus(db, *p, now());
    VERIFY_OK(status);
    QVERIFY(status->stale);
    QCOMPARE(status->changedData.size(), 1);
    QVERIFY2(status->changedData.first().startsWith(u"role assignments"_s),
             qPrintable(status->changedData.join(u"; "_s)));
    const auto stale = Push::claim(db, p->id, u"h:1:x"_s, u"alice"_s, now(), 60000);
    QVERIFY(!stale.ok());
    QVERIFY2(stale.error().message.contains(u"stale"_s), qPrintable(stale.error().text()));
}

void TestModeration::pushAppliesExactlyThePlan()
{
    TestGuild guild(6);
    const quint64 g = guild.builder.guildId();
    const auto &people = guild.people;
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder), qPrintable(emulator.errorString()));
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    test::EmulatorClient client(emulator.origin(), emulator.token());

    auto p = propose(
        db, g, guild.roles,
        {pick(people[0], u"promote"_s, guild.trusted), pick(people[1], u"promote"_s, guild.trusted),
         pick(people[1], u"demote"_s, guild.member),
         pick(people[2], u"promote"_s, guild.admin), // above the bot
         pick(people[3], u"promote"_s, guild.trusted), pick(people[4], u"promote"_s, guild.trusted),
         pick(people[5], u"demote"_s, guild.member)});
    VERIFY_OK(p);
    QCOMPARE(p->changes.size(), size_t(7));
    VERIFY_OK(decide(db, p->id, u"carol"_s, true, {}, now()));

    // Between proposal and push, people[3] leaves and a moderator gives people[4] Trusted.
    QCOMPARE(client.admin("DELETE", u"/members/%1"_s.arg(people[3])).status, 204);
    QCOMPARE(
        client.admin("PUT", u"/members/%1/roles/%2"_s.arg(people[4]).arg(guild.trusted)).status,
        204);
    QCOMPARE(client.admin("POST", u"/stats/reset"_s).status, 204);

    PushOptions options;
    options.api = emulator.apiUrl({});
    options.token = tokenFor(emulator);
    options.actor = u"bob"_s;
    {
        PushOptions dry = options;
        dry.dryRun = true;
        Push preview(db, dry);
        auto report = preview.run(p->id);
        VERIFY_OK(report);
        QCOMPARE(memberRoleRequests(client), 0);
        QCOMPARE(report->outcomes[0].outcome, u"would-apply"_s);
    }
    Push push(db, options);
    QStringList lines;
    auto report = push.run(p->id, [&](const ChangeOutcome &o) {
        lines.append(u"%1 %2"_s.arg(o.change.index).arg(o.outcome));
    });
    VERIFY_OK(report);
    QCOMPARE(lines, (QStringList{u"0 applied"_s, u"1 applied"_s, u"2 applied"_s, u"3 refused"_s,
                                 u"4 skipped"_s, u"5 already"_s, u"6 applied"_s}));
    QVERIFY(report->complete);
    QVERIFY2(report->outcomes[3].detail.contains(u"above the bot's highest role"_s),
             qPrintable(report->outcomes[3].detail));
    QVERIFY(report->outcomes[4].detail.contains(u"10007"_s));
    QCOMPARE(report->confirmed, 4);
    QVERIFY2(report->unconfirmed.isEmpty(), qPrintable(report->unconfirmed.join(u"; "_s)));

    // Exactly the planned roles on the emulator, and only the requests that were needed.
    QCOMPARE(emulatorRoles(client, g, people[0]), (QSet<quint64>{guild.member, guild.trusted}));
    QCOMPARE(emulatorRoles(client, g, people[1]), (QSet<quint64>{guild.trusted}));
    QCOMPARE(emulatorRoles(client, g, people[2]), (QSet<quint64>{guild.member}));
    QCOMPARE(emulatorRoles(client, g, people[4]), (QSet<quint64>{guild.member, guild.trusted}));
    QCOMPARE(emulatorRoles(client, g, people[5]), QSet<quint64>{});
    QCOMPARE(memberRoleRequests(client), 4);
    QStringList audit = emulatorAuditEntries(client, g, p->id);
    audit.sort();
    QStringList expected{
        u"%1/%2/$add"_s.arg(people[0]).arg(guild.trusted),
        u"%1/%2/$add"_s.arg(people[1]).arg(guild.trusted),
        u"%1/%2/$remove"_s.arg(people[1]).arg(guild.member),
        u"%1/%2/$remove"_s.arg(people[5]).arg(guild.member),
    };
    expected.sort();
    QCOMPARE(audit, expected);

    // The store follows, the proposal is pushed, and it cannot be pushed again.
    auto held = db.scalar(u"SELECT COUNT(*) FROM member_roles WHERE guild_id = ? AND user_id = ?"_s,
                          {store::sql::id(g), store::sql::id(people[5])});
    VERIFY_OK(held);
    QCOMPARE(store::sql::toInteger(*held), 0);
    auto loaded = loadProposal(db, p->id);
    VERIFY_OK(loaded);
    QCOMPARE(loaded->storedState, u"pushed"_s);
    Push again(db, options);
    const auto twice = again.run(p->id);
    QVERIFY(!twice.ok());
    QVERIFY(twice.error().message.contains(u"pushed already"_s));
    QCOMPARE(memberRoleRequests(client), 4);

    auto entries = auditEntries(db, p->id);
    VERIFY_OK(entries);
    int changes = 0;
    for (const AuditEntry &e : *entries)
        changes += e.kind == u"push-change" ? 1 : 0;
    QCOMPARE(changes, 7);
    QCOMPARE(entries->last().kind, u"push-finish"_s);
    auto verified = verifyAuditLog(db);
    VERIFY_OK(verified);
    QVERIFY(verified->ok());
}

void TestModeration::pushUnderFaultsAndRateLimits()
{
    // 5xx, HTML error pages, resets before and after the change is applied, truncated bodies,
    // and a role bucket of 2 requests per 200 ms: the client waits and retries, and every
    // change still lands exactly once (one audit entry each; a retried PUT/DELETE of a role
    // already as planned changes nothing on Discord).
    TestGuild guild(15);
    const quint64 g = guild.builder.guildId();
    emulator::ServerOptions serverOptions = test::EmulatorFixture::testOptions();
    serverOptions.rateLimits = true;
    serverOptions.bucket = emulator::BucketLimit{2, 0.2};
    serverOptions.faults.rate = 0.15;
    serverOptions.faults.seed = 7;
    serverOptions.faults.kinds = {emulator::FaultKind::Status500, emulator::FaultKind::Status502,
                                  emulator::FaultKind::Status503, emulator::FaultKind::Html,
                                  emulator::FaultKind::Reset,     emulator::FaultKind::Truncate,
                                  emulator::FaultKind::ResetAfter};
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder, serverOptions), qPrintable(emulator.errorString()));
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    test::EmulatorClient client(emulator.origin(), emulator.token());
    QList<HandPick> picks;
    for (const quint64 user : guild.people) {
        picks.append(pick(user, u"promote"_s, guild.trusted));
        picks.append(pick(user, u"demote"_s, guild.member));
    }
    auto p = propose(db, g, guild.roles, picks);
    VERIFY_OK(p);
    VERIFY_OK(decide(db, p->id, u"carol"_s, true, {}, now()));
    PushOptions options;
    options.api = emulator.apiUrl({});
    options.token = tokenFor(emulator);
    Push push(db, options);
    auto report = push.run(p->id);
    VERIFY_OK(report);
    QVERIFY(report->complete);
    QCOMPARE(report->applied, int(picks.size()));
    QCOMPARE(report->confirmed, int(picks.size()));
    const QJsonObject stats = client.admin("GET", u"/stats"_s).object();
    QVERIFY2(stats.value(u"faults"_s).toObject().size() > 0, "no faults were injected");
    qint64 faults = 0;
    for (const QJsonValue &n : stats.value(u"faults"_s).toObject())
        faults += n.toInteger();
    qInfo("push of %lld changes through %lld injected faults and %lld 429s, %lld requests",
          static_cast<long long>(picks.size()), static_cast<long long>(faults),
          static_cast<long long>(
              stats.value(u"rate_limited"_s).toObject().value(u"user"_s).toInteger()),
          static_cast<long long>(stats.value(u"requests_total"_s).toInteger()));
    // The test's own reads do not retry: stop the faults and limits before looking.
    QCOMPARE(client.admin("PATCH", u"/config"_s, R"({"faults": {"rate": 0}, "rate_limits": false})")
                 .status,
             200);
    QStringList audit = emulatorAuditEntries(client, g, p->id);
    QCOMPARE(audit.size(), picks.size());
    QCOMPARE(QSet<QString>(audit.cbegin(), audit.cend()).size(), picks.size());
    for (const quint64 user : guild.people)
        QCOMPARE(emulatorRoles(client, g, user), QSet<quint64>{guild.trusted});
}

void TestModeration::discordRefusalIsReportedPerChange()
{
    // The bot may see the audit log but lacks Manage Roles: Discord answers 403 50013.
    TestGuild guild(3, emulator::permission::ViewAuditLog);
    const quint64 g = guild.builder.guildId();
    test::EmulatorFixture emulator;
    emulator::ServerOptions serverOptions = test::EmulatorFixture::testOptions();
    serverOptions.botUserId = guild.builder.botId(); // not found by Manage Roles any more
    QVERIFY2(emulator.start(guild.builder, serverOptions), qPrintable(emulator.errorString()));
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    test::EmulatorClient client(emulator.origin(), emulator.token());
    auto p = propose(db, g, guild.roles,
                     {pick(guild.people[0], u"promote"_s, guild.trusted),
                      pick(guild.people[1], u"promote"_s, guild.trusted),
                      pick(guild.people[2], u"demote"_s, guild.member)});
    VERIFY_OK(p);
    VERIFY_OK(decide(db, p->id, u"bob"_s, true, {}, now()));
    PushOptions options;
    options.api = emulator.apiUrl({});
    options.token = tokenFor(emulator);
    Push push(db, options);
    auto report = push.run(p->id);
    VERIFY_OK(report);
    QCOMPARE(report->outcomes.size(), 3);
    for (const ChangeOutcome &o : std::as_const(report->outcomes)) {
        QCOMPARE(o.outcome, u"refused"_s);
        QVERIFY2(o.detail.contains(u"403 50013"_s), qPrintable(o.detail));
    }
    QCOMPARE(report->refused, 3);
    QVERIFY(report->complete); // refusals are final: every change was tried once
    QCOMPARE(memberRoleRequests(client), 3);
    QCOMPARE(emulatorRoles(client, g, guild.people[2]), QSet<quint64>{guild.member});
}

void TestModeration::clusterReviewsKeepTheNewestVerdict()
{
    TestGuild guild(3);
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    const quint64 g = guild.builder.guildId();
    const QList<quint64> ring{guild.people[2], guild.people[0], guild.people[1]};
    QCOMPARE(clusterFingerprint(ring),
             u"%1,%2,%3"_s.arg(guild.people[0]).arg(guild.people[1]).arg(guild.people[2]));
    VERIFY_OK(recordClusterReview(db, g, ring, u"ring"_s, u"reviewed"_s, u"looks real"_s, u"mo"_s,
                                  now()));
    VERIFY_OK(recordClusterReview(db, g, {guild.people[1], guild.people[0]}, u"alt-family"_s,
                                  u"reviewed"_s, {}, u"carol"_s, now()));
    VERIFY_OK(recordClusterReview(db, g, {ring[1], ring[2], ring[0]}, u"ring"_s, u"dismissed"_s,
                                  u"friends"_s, u"alice"_s, now()));
    QVERIFY(!recordClusterReview(db, g, ring, u"ring"_s, u"maybe"_s, {}, u"mo"_s, now()).ok());
    QVERIFY(!recordClusterReview(db, g, ring, u"ring"_s, u"reviewed"_s, {}, u"zed"_s, now()).ok());
    auto reviews = clusterReviews(db, g);
    VERIFY_OK(reviews);
    QCOMPARE(reviews->size(), 2);
    const ClusterReview &current =
        reviews->at(0).fingerprint == clusterFingerprint(ring) ? reviews->at(0) : reviews->at(1);
    QCOMPARE(current.state, u"dismissed"_s);
    QCOMPARE(current.reviewer, u"alice"_s);
    QCOMPARE(current.note, u"friends"_s);
    auto verified = verifyAuditLog(db);
    VERIFY_OK(verified);
    QCOMPARE(verified->rows, 5 + 3);
}

void TestModeration::deactivateAndReactivate()
{
    TestGuild guild(2);
    const quint64 g = guild.builder.guildId();
    const quint64 who = guild.people[0];
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder), qPrintable(emulator.errorString()));
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    test::EmulatorClient client(emulator.origin(), emulator.token());
    PushOptions options;
    options.api = emulator.apiUrl({});
    options.token = tokenFor(emulator);

    auto off = propose(db, g, guild.roles, {pick(who, u"deactivate"_s)});
    VERIFY_OK(off);
    QCOMPARE(off->changes.size(), size_t(2)); // remove Member, add Deactivated
    VERIFY_OK(decide(db, off->id, u"bob"_s, true, {}, now()));
    const qint64 before = now();
    Push push(db, options);
    auto report = push.run(off->id);
    VERIFY_OK(report);
    QCOMPARE(report->applied, 2);
    QCOMPARE(emulatorRoles(client, g, who), QSet<quint64>{guild.deactivated});
    auto records = deactivations(db, g);
    VERIFY_OK(records);
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->first().userId, who);
    QVERIFY(records->first().from >= before);
    QVERIFY(!records->first().until);
    QCOMPARE(records->first().removedRoles, QList<quint64>{guild.member});
    QCOMPARE(records->first().proposalId, std::optional<qint64>(off->id));

    auto on = propose(db, g, guild.roles, {pick(who, u"reactivate"_s)});
    VERIFY_OK(on);
    QCOMPARE(on->changes.size(), size_t(2)); // remove Deactivated, give Member back
    VERIFY_OK(decide(db, on->id, u"carol"_s, true, {}, now()));
    Push back(db, options);
    report = back.run(on->id);
    VERIFY_OK(report);
    QCOMPARE(report->applied, 2);
    QCOMPARE(emulatorRoles(client, g, who), QSet<quint64>{guild.member});
    records = deactivations(db, g);
    VERIFY_OK(records);
    QCOMPARE(records->size(), 1);
    QVERIFY(records->first().until.has_value());
    QCOMPARE(records->first().reactivatedBy, std::optional<qint64>(on->id));
}

void TestModeration::killedPushResumesExactlyOnce()
{
    const QString binary = test::gavelBinary();
    if (binary.isEmpty())
        QSKIP("GAVEL_BINARY is not set");
    constexpr int people = 50;
    TestGuild guild(people);
    const quint64 g = guild.builder.guildId();
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder), qPrintable(emulator.errorString()));
    Setup setup(Backend::Sqlite, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    Database &db = *setup.db;
    test::EmulatorClient client(emulator.origin(), emulator.token());

    QList<HandPick> picks;
    for (const quint64 user : guild.people) {
        picks.append(pick(user, u"promote"_s, guild.trusted));
        picks.append(pick(user, u"demote"_s, guild.member));
    }
    auto p = propose(db, g, guild.roles, picks);
    VERIFY_OK(p);
    const int total = int(p->changes.size());
    QCOMPARE(total, 2 * people);
    VERIFY_OK(decide(db, p->id, u"bob"_s, true, {}, now()));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GAVEL_TOKEN"_s, emulator.token());
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // no keychain: the token comes from GAVEL_TOKEN
    const QStringList args{u"push"_s,
                           u"--db"_s,
                           setup.tmp->sqlitePath(),
                           u"--proposal"_s,
                           QString::number(p->id),
                           u"--api"_s,
                           emulator.apiUrl({}).toString()};
    const auto finishedChanges = [&]() {
        auto n = db.scalar(u"SELECT COUNT(*) FROM push_journal WHERE proposal_id = ? AND result "
                           u"IS NOT NULL"_s,
                           {store::sql::integer(p->id)});
        return n ? int(store::sql::toInteger(*n)) : -1;
    };

    QRandomGenerator random(20261122);
    int kills = 0;
    int runs = 0;
    bool completed = false;
    while (kills < 20 && runs < 80) {
        ++runs;
        const int done = finishedChanges();
        QVERIFY(done >= 0);
        // Kill after the lines of the changes done before plus 0-2 new ones, 0-2 ms later:
        // at start-up, between intent and request, between request and result, or between
        // changes.
        const int waitLines = 1 + done + int(random.bounded(3));
        const int delayUs = int(random.bounded(2000));
        QProcess gavel;
        gavel.setProcessEnvironment(env);
        gavel.start(binary, args);
        QVERIFY(gavel.waitForStarted(10000));
        int lines = 0;
        while (lines < waitLines && gavel.state() == QProcess::Running) {
            gavel.waitForReadyRead(50);
            while (gavel.canReadLine()) {
                gavel.readLine();
                ++lines;
            }
        }
        QThread::usleep(ulong(delayUs));
        if (gavel.state() == QProcess::Running) {
            gavel.kill(); // SIGKILL
            ++kills;
        }
        gavel.waitForFinished(10000);
        if (gavel.exitStatus() == QProcess::NormalExit && gavel.exitCode() == 0) {
            completed = true;
            break;
        }
    }
    QVERIFY2(kills >= 20 || completed, "could not interrupt the push 20 times");
    QVERIFY2(kills >= 20, qPrintable(u"only %1 kills before the push completed"_s.arg(kills)));

    QProcess last;
    last.setProcessEnvironment(env);
    last.start(binary, args);
    QVERIFY(last.waitForFinished(60000));
    const QByteArray output = last.readAllStandardOutput();
    QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());
    QCOMPARE(output.count('\n'), total + 1); // header + one line per change
    QCOMPARE(finishedChanges(), total);

    // Every change applied exactly once: one role request each, one audit entry each.
    QCOMPARE(memberRoleRequests(client), qint64(total));
    QStringList audit = emulatorAuditEntries(client, g, p->id);
    QCOMPARE(audit.size(), total);
    QCOMPARE(QSet<QString>(audit.cbegin(), audit.cend()).size(), total);
    for (const quint64 user : guild.people)
        QCOMPARE(emulatorRoles(client, g, user), QSet<quint64>{guild.trusted});
    auto verified = verifyAuditLog(db);
    VERIFY_OK(verified);
    QVERIFY(verified->ok());
    // Where the kills landed: changes whose intent was on record without a result (found
    // already applied, or sent again because the request never arrived).
    auto resent = db.scalar(u"SELECT COUNT(*) FROM push_journal WHERE proposal_id = ? AND "
                            u"(attempts > 1 OR detail LIKE 'confirmed after%')"_s,
                            {store::sql::integer(p->id)});
    VERIFY_OK(resent);
    qInfo("push of %d changes killed %d times over %d runs; %lld changes interrupted between "
          "intent and result",
          total, kills, runs + 1, static_cast<long long>(store::sql::toInteger(*resent)));
}

void TestModeration::concurrentApprovalsOnPostgres()
{
    GAVEL_REQUIRE_BACKEND(Backend::Postgres);
    TestGuild guild(2);
    Setup setup(Backend::Postgres, guild.builder);
    QVERIFY2(setup.error.isEmpty(), qPrintable(setup.error));
    auto s = parseApprovals(Settings{}, u"2"_s);
    VERIFY_OK(s);
    VERIFY_OK(changeSettings(*setup.db, *s, u"alice"_s, now()));

    for (int round = 0; round < 5; ++round) {
        auto p = propose(*setup.db, guild.builder.guildId(), guild.roles,
                         {pick(guild.people[0], u"promote"_s, guild.trusted)});
        VERIFY_OK(p);
        // Two reviewers on two connections approve at the same moment.
        QSemaphore ready, go;
        QStringList errors(2);
        const auto approve = [&](int i, const QString &who) {
            auto db = Database::open(setup.tmp->location());
            ready.release();
            go.acquire();
            if (!db) {
                errors[i] = db.error().text();
                return;
            }
            auto done = decide(**db, p->id, who, true, {}, now());
            if (!done)
                errors[i] = done.error().text();
        };
        std::thread a(approve, 0, u"bob"_s);
        std::thread b(approve, 1, u"carol"_s);
        ready.acquire(2);
        go.release(2);
        a.join();
        b.join();
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        auto status = proposalStatus(*setup.db, *p, now());
        VERIFY_OK(status);
        QCOMPARE(status->approvals, 2);
        QCOMPARE(status->state, u"approved"_s);

        // Two pushes claim it at the same moment: exactly one wins.
        QSemaphore ready2, go2;
        std::atomic<int> won{0};
        QStringList refusals(2);
        const auto claimIt = [&](int i) {
            auto db = Database::open(setup.tmp->location());
            ready2.release();
            go2.acquire();
            if (!db) {
                refusals[i] = db.error().text();
                return;
            }
            auto claimed =
                Push::claim(**db, p->id, u"%1:%2:%3"_s.arg(u"test-host"_s).arg(i).arg(round),
                            u"alice"_s, now(), 60000);
            if (claimed)
                ++won;
            else
                refusals[i] = claimed.error().text();
        };
        std::thread c(claimIt, 0);
        std::thread d(claimIt, 1);
        ready2.acquire(2);
        go2.release(2);
        c.join();
        d.join();
        QCOMPARE(won.load(), 1);
        const QString refusal = refusals[0].isEmpty() ? refusals[1] : refusals[0];
        QVERIFY2(refusal.contains(u"being pushed right now"_s), qPrintable(refusal));
    }
    auto report = verifyAuditLog(*setup.db);
    VERIFY_OK(report);
    QVERIFY(report->ok());
}

QTEST_GUILESS_MAIN(TestModeration)
#include "tst_moderation.moc"
