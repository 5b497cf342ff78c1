// The first-run connection wizard and the checks behind it: the permission arithmetic and the
// intent flags against Discord's documented values; the checks against the in-process emulator
// (good token, wrong token, a missing intent, a missing permission); the wizard from the token
// to a synced guild without a keychain (the message and the explicit plain-file fallback); and
// the keychain round trip in a child under tests/support/run-with-keyring.sh.

#include "ConnectWizard.h"
#include "EmulatorFixture.h"
#include "Settings.h"
#include "SyncTestGuild.h"
#include "TestPaths.h"
#include "discord/Connection.h"
#include "discord/KeychainTokenSource.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace gavel;
using namespace Qt::StringLiterals;
namespace perm = discord::permissions;

namespace {

constexpr const char *keyringChild = "GAVEL_CONNECTWIZARD_KEYRING_CHILD";

QString labelText(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

//! Runs a ConnectionCheck to its report (or error) against a running emulator.
struct CheckRun
{
    std::optional<Result<discord::BotIdentity>> identity;
    std::optional<Result<discord::ConnectionReport>> report;
};

CheckRun runCheck(const test::EmulatorFixture &emulator, const QString &token)
{
    CheckRun run;
    discord::ConnectionCheck check(QUrl(emulator.server().apiBase()),
                                   discord::Token(token.toUtf8()));
    QObject::connect(&check, &discord::ConnectionCheck::identified, &check,
                     [&](const Result<discord::BotIdentity> &r) {
                         run.identity = r;
                         if (r && !r->guilds.isEmpty())
                             check.checkGuild(r->guilds.first().id);
                     });
    QObject::connect(&check, &discord::ConnectionCheck::guildChecked, &check,
                     [&](const Result<discord::ConnectionReport> &r) { run.report = r; });
    check.identify();
    // The callers check what arrived; a timeout leaves both results empty and fails there.
    (void)QTest::qWaitFor(
        [&] {
            return run.report ||
                   (run.identity && (!*run.identity || (*run.identity)->guilds.isEmpty()));
        },
        30'000);
    return run;
}

const discord::CheckItem *item(const discord::ConnectionReport &report, const QString &key)
{
    for (const discord::CheckItem &i : report.items) {
        if (i.key == key)
            return &i;
    }
    return nullptr;
}

} // namespace

class TestConnectWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void neededPermissionsSum();
    void guildPermissions_data();
    void guildPermissions();
    void inviteUrlIsExact();
    void intentFlags_data();
    void intentFlags();
    void goodTokenPassesEveryCheck();
    void wrongTokenGetsTheMessage();
    void missingIntentGetsPortalFix();
    void missingPermissionGetsInviteInteger();
    void wizardWithoutKeychainSyncsAndOffersPlainFile();
    void keychainRoundTrip();

private:
    QTemporaryDir m_dir;
};

void TestConnectWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"GavelTest"_s);
    QCoreApplication::setApplicationName(u"tst_connectwizard"_s);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestConnectWizard::neededPermissionsSum()
{
    // VIEW_CHANNEL 1<<10, READ_MESSAGE_HISTORY 1<<16, MANAGE_ROLES 1<<28, VIEW_AUDIT_LOG 1<<7.
    QCOMPARE(discord::neededPermissionBits(), quint64(1024 + 65536 + 268435456 + 128));
    QCOMPARE(discord::neededPermissionBits(), quint64(268502144));
    QCOMPARE(discord::describePermissionBits(perm::ViewChannel | perm::ManageRoles),
             u"View Channels (1024) + Manage Roles (268435456)"_s);
}

void TestConnectWizard::guildPermissions_data()
{
    QTest::addColumn<quint64>("owner");
    QTest::addColumn<QList<quint64>>("memberRoles");
    QTest::addColumn<quint64>("expected");
    const quint64 everyone = perm::ViewChannel;
    QTest::newRow("everyone only") << quint64(5) << QList<quint64>{} << everyone;
    QTest::newRow("everyone and one role")
        << quint64(5) << QList<quint64>{11} << (everyone | perm::ManageRoles);
    QTest::newRow("two roles") << quint64(5) << QList<quint64>{11, 12}
                               << (everyone | perm::ManageRoles | perm::ReadMessageHistory);
    QTest::newRow("unknown role ignored") << quint64(5) << QList<quint64>{99} << everyone;
    QTest::newRow("administrator") << quint64(5) << QList<quint64>{13} << perm::All;
    QTest::newRow("owner") << quint64(42) << QList<quint64>{} << perm::All;
}

void TestConnectWizard::guildPermissions()
{
    QFETCH(quint64, owner);
    QFETCH(QList<quint64>, memberRoles);
    QFETCH(quint64, expected);
    const quint64 guild = 1;
    const QList<discord::RolePermissions> roles = {{guild, perm::ViewChannel},
                                                   {11, perm::ManageRoles},
                                                   {12, perm::ReadMessageHistory},
                                                   {13, perm::Administrator}};
    QCOMPARE(discord::guildPermissions(guild, owner, 42, roles, memberRoles), expected);
}

void TestConnectWizard::inviteUrlIsExact()
{
    QCOMPARE(discord::inviteUrl(1234567890123).toString(),
             u"https://discord.com/oauth2/authorize?client_id=1234567890123&scope=bot&"
             "permissions=268502144"_s);
}

void TestConnectWizard::intentFlags_data()
{
    QTest::addColumn<quint64>("flags");
    QTest::addColumn<bool>("members");
    QTest::addColumn<bool>("membersLimited");
    QTest::addColumn<bool>("content");
    QTest::addColumn<bool>("contentLimited");
    QTest::newRow("none") << quint64(0) << false << false << false << false;
    QTest::newRow("presence only")
        << quint64(1 << 12 | 1 << 13) << false << false << false << false;
    QTest::newRow("members") << quint64(1 << 14) << true << false << false << false;
    QTest::newRow("members limited") << quint64(1 << 15) << true << true << false << false;
    QTest::newRow("content") << quint64(1 << 18) << false << false << true << false;
    QTest::newRow("content limited") << quint64(1 << 19) << false << false << true << true;
    QTest::newRow("both, limited") << quint64(1 << 15 | 1 << 19) << true << true << true << true;
}

void TestConnectWizard::intentFlags()
{
    QFETCH(quint64, flags);
    const discord::Intents intents = discord::intentsFromFlags(flags);
    QTEST(intents.members.enabled, "members");
    QTEST(intents.members.limited, "membersLimited");
    QTEST(intents.messageContent.enabled, "content");
    QTEST(intents.messageContent.limited, "contentLimited");
}

void TestConnectWizard::goodTokenPassesEveryCheck()
{
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    const CheckRun run = runCheck(emulator, emulator.token());
    QVERIFY(run.identity && *run.identity);
    const discord::BotIdentity &bot = **run.identity;
    QCOMPARE(bot.userId, emulator.server().botUserId());
    QCOMPARE(bot.applicationId, bot.userId);
    QCOMPARE(bot.guilds.size(), 1);
    QVERIFY(run.report);
    QVERIFY2(*run.report, qPrintable(*run.report ? QString() : run.report->error().text()));
    const discord::ConnectionReport &report = **run.report;
    // The emulator computes the bot's permissions with its own implementation of Discord's rules.
    quint64 expected = 0;
    emulator.server().withSnapshot(
        [&](emulator::Snapshot &s) { expected = s.basePermissions(s.botUserId()); });
    QCOMPARE(report.permissions, expected);
    QCOMPARE(report.missingPermissions, quint64(0));
    QVERIFY(report.canSync());
    for (const discord::CheckItem &i : report.items)
        QVERIFY2(i.state == discord::CheckItem::State::Ok, qPrintable(i.key));
    QVERIFY(item(report, u"intent:members"_s)->detail.contains(u"limited"_s));
}

void TestConnectWizard::wrongTokenGetsTheMessage()
{
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    const CheckRun run = runCheck(emulator, u"not-the-token"_s);
    QVERIFY(run.identity);
    QVERIFY(!*run.identity);
    QCOMPARE(run.identity->error().text(), discord::ConnectionCheck::badTokenError().text());
    QVERIFY(run.identity->error().text().contains(u"Reset Token"_s));
}

void TestConnectWizard::missingIntentGetsPortalFix()
{
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    emulator.server().setMembersIntent(false);
    emulator.server().setMessageContentIntent(false);
    const CheckRun run = runCheck(emulator, emulator.token());
    QVERIFY(run.report && *run.report);
    const discord::ConnectionReport &report = **run.report;
    QVERIFY(!report.canSync());
    const discord::CheckItem *members = item(report, u"intent:members"_s);
    QVERIFY(members);
    QCOMPARE(members->state, discord::CheckItem::State::Missing);
    const QString portal =
        u"https://discord.com/developers/applications/%1/bot"_s.arg(report.bot.applicationId);
    QVERIFY2(members->fix.contains(portal), qPrintable(members->fix));
    QVERIFY(members->fix.contains(u"Server Members Intent"_s));
    const discord::CheckItem *content = item(report, u"intent:message_content"_s);
    QCOMPARE(content->state, discord::CheckItem::State::Warning);
    QVERIFY(content->fix.contains(u"Message Content Intent"_s));
}

void TestConnectWizard::missingPermissionGetsInviteInteger()
{
    test::EmulatorFixture emulator;
    test::SnapshotBuilder guild = test::syncTestGuild();
    guild.setEveryonePermissions(perm::ViewChannel); // no Read Message History anywhere
    QVERIFY2(emulator.start(guild), qPrintable(emulator.errorString()));
    const CheckRun run = runCheck(emulator, emulator.token());
    QVERIFY(run.report && *run.report);
    const discord::ConnectionReport &report = **run.report;
    QCOMPARE(report.missingPermissions, perm::ReadMessageHistory);
    QVERIFY(!report.canSync());
    const discord::CheckItem *history = item(report, u"permission:65536"_s);
    QCOMPARE(history->state, discord::CheckItem::State::Missing);
    const QUrlQuery query(report.invite());
    QCOMPARE(query.queryItemValue(u"permissions"_s), u"268502144"_s);
    QCOMPARE(query.queryItemValue(u"client_id"_s), QString::number(report.bot.applicationId));
    QVERIFY2(history->fix.contains(report.invite().toString()), qPrintable(history->fix));
}

void TestConnectWizard::wizardWithoutKeychainSyncsAndOffersPlainFile()
{
    if (qEnvironmentVariableIsSet(keyringChild))
        QSKIP("runs in the parent only");
    // Never the user's own keyring: this process has no session bus at all.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    quint64 expectedGuild = 0;
    emulator.server().withSnapshot([&](emulator::Snapshot &s) { expectedGuild = s.guildId(); });
    discord::TokenFile::remove(expectedGuild);

    ui::ConnectWizard::Options options;
    options.database = m_dir.filePath(u"wizard.sqlite"_s);
    options.apiBase = QUrl(emulator.server().apiBase());
    ui::ConnectWizard wizard(options);
    QSignalSpy connected(&wizard, &ui::ConnectWizard::guildConnected);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(ui::ConnectWizard::StartPageId));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ui::ConnectWizard::TokenPageId));

    auto *token = wizard.findChild<QLineEdit *>(u"token"_s);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    token->setText(emulator.token());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 20'000);
    const QString status = labelText(&wizard, u"keychainStatus"_s);
    QVERIFY2(status.startsWith(u"No system keychain is available"_s), qPrintable(status));
    QVERIFY2(status.contains(u"gnome-keyring"_s), qPrintable(status));
    auto *plainFile = wizard.findChild<QCheckBox *>(u"plainFile"_s);
    QVERIFY(plainFile->isVisible());
    QVERIFY(!plainFile->isChecked()); // never stored in a file unless the user says so
    QVERIFY(wizard.findChild<QLabel *>(u"plainFileWarning"_s)->isVisible());
    plainFile->setChecked(true);

    wizard.next();
    QCOMPARE(wizard.currentId(), int(ui::ConnectWizard::CheckPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 30'000);
    const QString findings = labelText(&wizard, u"findings"_s);
    QVERIFY2(findings.contains(u"Read Message History"_s), qPrintable(findings));
    QVERIFY(!findings.contains(u"Missing"_s));

    wizard.next(); // commits: stores the token in the plain file, starts the sync
    QCOMPARE(wizard.currentId(), int(ui::ConnectWizard::SyncPageId));
    QVERIFY(wizard.connection());
    QCOMPARE(wizard.connection()->guildId, expectedGuild);
    QCOMPARE(wizard.connection()->storage, ui::Settings::TokenStorage::PlainFile);
    QVERIFY(ui::Settings().connection(expectedGuild));
    const QString path = discord::TokenFile::pathFor(expectedGuild);
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::ReadUser),
             QFile::ReadUser);
    // The chain that "Sync now" and gavel sync use finds it.
    const auto chained = discord::GuildTokenSource(expectedGuild, u"GAVEL_TEST_UNSET"_s).token();
    QVERIFY2(chained, qPrintable(chained ? QString() : chained.error().text()));
    QCOMPARE(chained->authorizationValue(), "Bot " + emulator.token().toUtf8());

    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 120'000);
    const QString outcome = labelText(&wizard, u"syncOutcome"_s);
    QVERIFY2(outcome.startsWith(u"Sync finished"_s), qPrintable(outcome));
    wizard.accept();
    QCOMPARE(connected.size(), 1);
    QCOMPARE(connected.first().at(0).toString(), options.database);
    QCOMPARE(connected.first().at(1).value<quint64>(), expectedGuild);
    discord::TokenFile::remove(expectedGuild);
    QVERIFY(!QFile::exists(path));
}

void TestConnectWizard::keychainRoundTrip()
{
    if (!qEnvironmentVariableIsSet(keyringChild)) {
        // The parent: the same test again, in a private D-Bus session with gnome-keyring.
        const QString wrapper = test::sourceDir() + u"/tests/support/run-with-keyring.sh"_s;
        if (QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s).isEmpty())
            QSKIP("gnome-keyring-daemon is not installed (.ci/packages.txt has it)");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(keyringChild), u"1"_s);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(wrapper, {QCoreApplication::applicationFilePath(), u"keychainRoundTrip"_s});
        QVERIFY(child.waitForFinished(120'000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        return;
    }
    QVERIFY(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    quint64 guildId = 0;
    emulator.server().withSnapshot([&](emulator::Snapshot &s) { guildId = s.guildId(); });
    ui::ConnectWizard::Options options;
    options.database = m_dir.filePath(u"keyring.sqlite"_s);
    options.apiBase = QUrl(emulator.server().apiBase());
    ui::ConnectWizard wizard(options);
    wizard.show();
    wizard.next();
    wizard.findChild<QLineEdit *>(u"token"_s)->setText(emulator.token());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 20'000);
    QVERIFY2(labelText(&wizard, u"keychainStatus"_s).contains(u"system keychain"_s),
             qPrintable(labelText(&wizard, u"keychainStatus"_s)));
    QVERIFY(!wizard.findChild<QCheckBox *>(u"plainFile"_s)->isVisible());
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 30'000);
    wizard.next();
    QCOMPARE(wizard.connection()->storage, ui::Settings::TokenStorage::Keychain);
    const auto found = discord::KeychainTokenSource(guildId).lookup();
    QCOMPARE(found.status, discord::KeychainTokenSource::Status::Found);
    QCOMPARE(found.token.authorizationValue(), "Bot " + emulator.token().toUtf8());
    QVERIFY(!QFile::exists(discord::TokenFile::pathFor(guildId)));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 120'000);
    QVERIFY(discord::KeychainTokenSource::remove(guildId));
    QCOMPARE(discord::KeychainTokenSource(guildId).lookup().status,
             discord::KeychainTokenSource::Status::NotFound);
}

QTEST_MAIN(TestConnectWizard)
#include "tst_connectwizard.moc"
