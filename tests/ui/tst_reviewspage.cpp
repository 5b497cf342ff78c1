// The Reviews page and the cluster review marks, offscreen: a proposal made through
// core/moderation shows with its changes; another reviewer's approval changes its state; the
// proposer's own approval shows the core's refusal; a push against the emulator shows each
// change's result live, a cancelled push stops and resumes; a cluster mark persists and shows
// after a reload; the models pass QAbstractItemModelTester.

#include "ClusterListModel.h"
#include "ClustersPage.h"
#include "EmulatorClient.h"
#include "EmulatorFixture.h"
#include "InvestigationSession.h"
#include "ProposalChangeModel.h"
#include "ProposalListModel.h"
#include "ReviewsPage.h"
#include "SnapshotBuilder.h"
#include "SnapshotStore.h"
#include "common/Snowflake.h"
#include "demoguild/DemoGuild.h"
#include "discord/Token.h"
#include "history/History.h"
#include "moderation/Proposal.h"
#include "moderation/Reviewers.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

//! Owner, Member (1), Trusted (5), the bot's role (10), Admin (20) above the bot; 12 members
//! with Member. The store holds the same guild and a team: alice and bob (admins), mo.
struct Guild
{
    test::SnapshotBuilder builder;
    quint64 member = 0, trusted = 0, admin = 0;
    QList<quint64> people;
    moderation::RoleConfig roles;
    QTemporaryDir dir;
    store::Location location;
    std::unique_ptr<store::Database> db;

    QString setUp()
    {
        builder.setOwner(builder.addMember(u"Owner"_s));
        member = builder.addRole(u"Member"_s, 1);
        trusted = builder.addRole(u"Trusted"_s, 5);
        builder.addBot(u"Gavel"_s, 10);
        admin = builder.addRole(u"Admin"_s, 20);
        builder.addChannel(u"general"_s);
        people = builder.addMembers(u"user"_s, 12, {member});
        roles.managed = {member, trusted, admin};
        location = store::Location::sqliteFile(dir.filePath(u"reviews.sqlite"_s));
        auto opened = store::Database::open(location);
        if (!opened)
            return opened.error().text();
        db = std::move(*opened);
        auto snapshot = builder.build();
        if (!snapshot)
            return snapshot.error().text();
        if (auto loaded = test::loadSnapshotIntoStore(*snapshot, *db, now() - 1000); !loaded)
            return loaded.error().text();
        for (const auto &[name, role] :
             {std::pair{u"alice"_s, u"admin"_s}, std::pair{u"bob"_s, u"admin"_s},
              std::pair{u"mo"_s, u"moderator"_s}}) {
            moderation::Reviewer r;
            r.name = name;
            r.role = role;
            if (auto added = moderation::addReviewer(*db, r, u"alice"_s, now()); !added)
                return added.error().text();
        }
        return {};
    }

    Result<moderation::Proposal> propose(const QList<moderation::HandPick> &picks,
                                         const QString &by)
    {
        auto changes = moderation::expandHandPicked(*db, builder.guildId(), roles, picks);
        if (!changes)
            return changes.error();
        moderation::ProposalDraft draft;
        draft.guildId = builder.guildId();
        draft.title = u"Promotions of the week"_s;
        draft.changes = std::move(*changes);
        draft.roles = roles;
        draft.windowUntil = now();
        draft.proposer = by;
        return moderation::createProposal(*db, draft, now());
    }
};

moderation::HandPick change(quint64 user, const QString &action, quint64 role)
{
    return {user, action, role, u"%1 because the test says so"_s.arg(action)};
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

QSet<quint64> rolesOn(test::EmulatorClient &client, quint64 guild, quint64 user)
{
    QSet<quint64> roles;
    const auto reply = client.get(u"/guilds/%1/members/%2"_s.arg(guild).arg(user));
    for (const QJsonValue &v : reply.object().value(u"roles"_s).toArray())
        roles.insert(snowflake::parse(v.toString()).value_or(0));
    return roles;
}

std::shared_ptr<const discord::TokenSource> tokenOf(const test::EmulatorFixture &emulator)
{
    qputenv("GAVEL_REVIEWS_TEST_TOKEN", emulator.token().toUtf8());
    return std::make_shared<discord::EnvTokenSource>(u"GAVEL_REVIEWS_TEST_TOKEN"_s);
}

} // namespace

class TestReviewsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsDecidesAndRefusesSelfApproval();
    void pushShowsEachResult();
    void cancelledPushResumes();
    void clusterMarksPersist();
};

void TestReviewsPage::listsDecidesAndRefusesSelfApproval()
{
    Guild guild;
    const QString error = guild.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto p = guild.propose({change(guild.people[0], u"promote"_s, guild.trusted),
                            change(guild.people[1], u"demote"_s, guild.member)},
                           u"alice"_s);
    QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().text()));

    ui::ReviewsPage page;
    QAbstractItemModelTester listTester(page.proposals(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester changeTester(page.changes(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1100, 700);
    page.show();
    QSignalSpy reloaded(&page, &ui::ReviewsPage::reloaded);
    page.openGuild(guild.location, guild.builder.guildId());
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(page.proposals()->rowCount(), 1);
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::State), u"pending"_s);
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::Proposer), u"alice"_s);
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::Approvals), u"0 / 1"_s);
    QCOMPARE(page.currentProposal(), p->id);
    // The diff: member, change, roles now and after, reason.
    const ui::ProposalChangeModel &changes = *page.changes();
    QCOMPARE(changes.rowCount(), 2);
    QCOMPARE(cell(changes, 0, ui::ProposalChangeModel::Member), u"user0"_s);
    QCOMPARE(cell(changes, 0, ui::ProposalChangeModel::Role), u"+ Trusted"_s);
    QCOMPARE(cell(changes, 0, ui::ProposalChangeModel::Now), u"Member"_s);
    QCOMPARE(cell(changes, 0, ui::ProposalChangeModel::After), u"Member, Trusted"_s);
    QCOMPARE(cell(changes, 1, ui::ProposalChangeModel::After), u"(none)"_s);
    QCOMPARE(cell(changes, 1, ui::ProposalChangeModel::Reason),
             u"demote because the test says so"_s);

    // The proposer's own approval: the core's four-eyes refusal, shown on the page.
    QSignalSpy decided(&page, &ui::ReviewsPage::decisionFinished);
    page.decide(true, u"alice"_s, u"mine"_s);
    QVERIFY(decided.wait(20000));
    QCOMPARE(decided.last().at(0).toBool(), false);
    QVERIFY2(
        page.message().contains(u"alice proposed proposal %1 and may not approve it"_s.arg(p->id)),
        qPrintable(page.message()));

    // Another admin approves: the state changes in the list and the decision is shown.
    page.decide(true, u"bob"_s, u"checked the evidence"_s);
    QVERIFY(decided.wait(20000));
    QCOMPARE(decided.last().at(0).toBool(), true);
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::State), u"approved"_s);
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::Approvals), u"1 / 1"_s);
    QVERIFY2(page.detailsText().contains(u"bob approved on"_s), qPrintable(page.detailsText()));
    QVERIFY(page.detailsText().contains(u"checked the evidence"_s));

    // A second proposal withdrawn by its proposer through Reject.
    auto q = guild.propose({change(guild.people[2], u"promote"_s, guild.trusted)}, u"mo"_s);
    QVERIFY(q.ok());
    page.reload();
    QVERIFY(reloaded.wait(20000));
    QVERIFY(page.selectProposal(q->id));
    page.decide(false, u"mo"_s, u"wrong person"_s);
    QVERIFY(decided.wait(20000));
    QVERIFY2(page.message().contains(u"withdrawn"_s), qPrintable(page.message()));
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(cell(*page.proposals(), page.proposals()->rowOf(q->id), ui::ProposalListModel::State),
             u"withdrawn"_s);
}

void TestReviewsPage::pushShowsEachResult()
{
    Guild guild;
    const QString error = guild.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder), qPrintable(emulator.errorString()));
    test::EmulatorClient client(emulator.origin(), emulator.token());
    const quint64 g = guild.builder.guildId();
    auto p = guild.propose({change(guild.people[0], u"promote"_s, guild.trusted),
                            change(guild.people[1], u"promote"_s, guild.admin), // above the bot
                            change(guild.people[2], u"promote"_s, guild.trusted),
                            change(guild.people[3], u"demote"_s, guild.member)},
                           u"mo"_s);
    QVERIFY(p.ok());
    QVERIFY(moderation::decide(*guild.db, p->id, u"bob"_s, true, {}, now()).ok());
    // people[2] leaves before the push.
    QCOMPARE(client.admin("DELETE", u"/members/%1"_s.arg(guild.people[2])).status, 204);

    ui::ReviewsPage page;
    page.setPushTarget(emulator.apiUrl({}), tokenOf(emulator));
    QSignalSpy reloaded(&page, &ui::ReviewsPage::reloaded);
    page.openGuild(guild.location, g);
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(page.currentProposal(), p->id);
    QSignalSpy finished(&page, &ui::ReviewsPage::pushFinished);
    page.push(u"alice"_s);
    QVERIFY(page.isPushing());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(page.message()));
    QVERIFY2(page.message().contains(u"2 applied, 0 already so, 1 refused, 1 skipped, 0 failed"_s),
             qPrintable(page.message()));
    QVERIFY(reloaded.wait(20000));
    // Each change's result stays in the table after the reload, with Discord's reason.
    const ui::ProposalChangeModel &changes = *page.changes();
    QCOMPARE(changes.outcomeOf(0), u"applied"_s);
    QCOMPARE(changes.outcomeOf(1), u"refused"_s);
    QCOMPARE(changes.outcomeOf(2), u"skipped"_s);
    QCOMPARE(changes.outcomeOf(3), u"applied"_s);
    QVERIFY2(cell(changes, 1, ui::ProposalChangeModel::Outcome).contains(u"above the bot"_s),
             qPrintable(cell(changes, 1, ui::ProposalChangeModel::Outcome)));
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::State), u"pushed"_s);
    QVERIFY(rolesOn(client, g, guild.people[0]).contains(guild.trusted));
    QVERIFY(!rolesOn(client, g, guild.people[1]).contains(guild.admin));
    QVERIFY(!rolesOn(client, g, guild.people[3]).contains(guild.member));

    // docs/screenshots/reviews.png: GAVEL_SCREENSHOT_DIR=docs/screenshots xvfb-run -a
    // env QT_QPA_PLATFORM=xcb tst_reviewspage pushShowsEachResult
    if (const QString dir = qEnvironmentVariable("GAVEL_SCREENSHOT_DIR"); !dir.isEmpty()) {
        page.resize(1280, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.grab().save(dir + u"/reviews.png"_s));
    }
}

void TestReviewsPage::cancelledPushResumes()
{
    Guild guild;
    const QString error = guild.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(guild.builder), qPrintable(emulator.errorString()));
    test::EmulatorClient client(emulator.origin(), emulator.token());
    const quint64 g = guild.builder.guildId();
    QList<moderation::HandPick> picks;
    for (const quint64 user : std::as_const(guild.people))
        picks.append(change(user, u"promote"_s, guild.trusted));
    auto p = guild.propose(picks, u"mo"_s);
    QVERIFY(p.ok());
    QVERIFY(moderation::decide(*guild.db, p->id, u"bob"_s, true, {}, now()).ok());

    ui::ReviewsPage page;
    page.setPushTarget(emulator.apiUrl({}), tokenOf(emulator));
    QSignalSpy reloaded(&page, &ui::ReviewsPage::reloaded);
    page.openGuild(guild.location, g);
    QVERIFY(reloaded.wait(20000));
    QSignalSpy finished(&page, &ui::ReviewsPage::pushFinished);
    // Cancel while the push still reads the bot and the roles: it stops before any change.
    page.push(u"alice"_s);
    page.cancelPush();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(page.message().contains(u"Stopped after 0 of 12"_s), qPrintable(page.message()));
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(cell(*page.proposals(), 0, ui::ProposalListModel::State), u"pushing"_s);
    for (const quint64 user : std::as_const(guild.people))
        QVERIFY(!rolesOn(client, g, user).contains(guild.trusted));

    // Pushing again resumes at once (the cancelled run released its claim) and completes.
    page.push(u"alice"_s);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(page.message()));
    QVERIFY2(page.message().contains(u"12 applied"_s), qPrintable(page.message()));
    for (const quint64 user : std::as_const(guild.people))
        QVERIFY(rolesOn(client, g, user).contains(guild.trusted));
}

void TestReviewsPage::clusterMarksPersist()
{
    QTemporaryDir dir;
    demoguild::Options options = demoguild::defaultDemoOptions();
    options.members = 300;
    options.messages = 6000;
    options.days = 120;
    const QString snapshot = dir.filePath(u"demo.json"_s);
    const auto summary = demoguild::generate(options, snapshot);
    QVERIFY2(summary.ok(), summary ? "" : qPrintable(summary.error().text()));
    const store::Location location = store::Location::sqliteFile(dir.filePath(u"demo.sqlite"_s));
    std::shared_ptr<const ui::Analysis> analysis;
    {
        auto db = store::Database::open(location);
        QVERIFY(db.ok());
        QVERIFY(test::loadSnapshotIntoStore(snapshot, **db, demoguild::defaultEndMs).ok());
        moderation::Reviewer ana;
        ana.name = u"ana"_s;
        ana.role = u"admin"_s;
        QVERIFY(moderation::addReviewer(**db, ana, u"ana"_s, now()).ok());
        auto history = history::History::load(**db, summary->guildId, {});
        QVERIFY(history.ok());
        analysis = ui::InvestigationSession::analyse(
            std::make_shared<const history::History>(std::move(*history)), {});
    }
    QVERIFY(!analysis->clusters.empty());

    ui::ClustersPage page;
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.setAnalysis(analysis);
    QSignalSpy loaded(&page, &ui::ClustersPage::reviewsLoaded);
    page.setDatabase(location, summary->guildId);
    QVERIFY(loaded.wait(20000));
    const int cluster = page.currentCluster();
    const int row = page.model()->rowOf(cluster);
    QCOMPARE(cell(*page.model(), row, ui::ClusterListModel::Verdict), u"not reviewed"_s);

    QSignalSpy marked(&page, &ui::ClustersPage::markFinished);
    page.markCluster(u"dismissed"_s, u"nobody"_s, u"?"_s);
    QVERIFY(marked.wait(20000));
    QCOMPARE(marked.last().at(0).toBool(), false);
    page.markCluster(u"dismissed"_s, u"ana"_s,
                     u"classmates; they react to each other's homework"_s);
    QVERIFY(marked.wait(20000));
    QVERIFY2(marked.last().at(0).toBool(), qPrintable(marked.last().at(1).toString()));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(cell(*page.model(), row, ui::ClusterListModel::Verdict), u"dismissed (ana)"_s);
    QVERIFY2(page.evidenceText().contains(u"Dismissed by ana on"_s),
             qPrintable(page.evidenceText()));
    QVERIFY(page.evidenceText().contains(u"classmates"_s));

    // Another reviewer's window opened later shows the verdict.
    ui::ClustersPage other;
    other.setAnalysis(analysis);
    QSignalSpy otherLoaded(&other, &ui::ClustersPage::reviewsLoaded);
    other.setDatabase(location, summary->guildId);
    QVERIFY(otherLoaded.wait(20000));
    QVERIFY(other.showCluster(cluster));
    QCOMPARE(cell(*other.model(), row, ui::ClusterListModel::Verdict), u"dismissed (ana)"_s);
    QVERIFY(other.evidenceText().contains(u"classmates; they react to each other's homework"_s));
}

QTEST_MAIN(TestReviewsPage)
#include "tst_reviewspage.moc"
