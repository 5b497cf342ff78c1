// The sync dialog against the in-process emulator: a sync that finishes shows the guild in the
// main window, Cancel (and Escape) stop it after the page in flight, a failure keeps its text
// on screen as selectable text.

#include "EmulatorFixture.h"
#include "GuildListModel.h"
#include "MainWindow.h"
#include "SyncDialog.h"
#include "SyncTestGuild.h"
#include "discord/Token.h"

#include <QApplication>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace gavel;
using namespace Qt::StringLiterals;

namespace {

class FixedTokenSource final : public discord::TokenSource
{
public:
    explicit FixedTokenSource(QString token)
        : m_token(std::move(token))
    {}
    Result<discord::Token> token() const override { return discord::Token(m_token.toUtf8()); }
    QString describe() const override { return u"the test's token"_s; }

private:
    QString m_token;
};

QString labelText(QWidget *dialog, const QString &name)
{
    auto *label = dialog->findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

} // namespace

class TestSyncDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syncFinishesAndWindowShowsGuild();
    void cancelStopsAndSaysSo();
    void escapeCancelsInsteadOfHiding();
    void failureShowsSelectableError();
    void syncNowNeedsDatabaseAndGuild();

private:
    //! A main window on a fresh database, set to sync the test guild from the emulator.
    std::unique_ptr<ui::MainWindow> windowFor(const test::EmulatorFixture &emulator,
                                              const QString &token = {});

    QTemporaryDir m_dir;
    int m_databases = 0;
    test::SyncTestGuildIds m_ids;
    quint64 m_guildId = 0;
};

void TestSyncDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"GavelTest"_s);
    QCoreApplication::setApplicationName(u"tst_syncdialog"_s);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_guildId = test::syncTestGuild(&m_ids).guildId();
}

std::unique_ptr<ui::MainWindow> TestSyncDialog::windowFor(const test::EmulatorFixture &emulator,
                                                          const QString &token)
{
    auto window = std::make_unique<ui::MainWindow>();
    const QString db = m_dir.filePath(u"sync-%1.sqlite"_s.arg(++m_databases));
    if (!window->openDatabase(db))
        return nullptr;
    window->setSyncConnection(
        {QUrl(emulator.server().apiBase()),
         std::make_shared<FixedTokenSource>(token.isEmpty() ? emulator.token() : token), m_guildId,
         u"Sync test guild"_s});
    window->show();
    return window;
}

void TestSyncDialog::syncFinishesAndWindowShowsGuild()
{
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    auto window = windowFor(emulator);
    QVERIFY(window);
    QCOMPARE(window->guildModel()->rowCount(), 0);

    QPointer<ui::SyncDialog> dialog = window->syncNow();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->outcome(), ui::SyncDialog::Outcome::Running);
    QString messagesShown;
    connect(dialog, &ui::SyncDialog::syncFinished, this,
            [&] { messagesShown = labelText(dialog, u"messages"_s); });
    QSignalSpy finished(dialog.data(), &ui::SyncDialog::syncFinished);
    QVERIFY(finished.wait(120'000));
    QCOMPARE(finished.first().first().value<ui::SyncDialog::Outcome>(),
             ui::SyncDialog::Outcome::Succeeded);
    QVERIFY2(!dialog->error(), qPrintable(dialog->error() ? dialog->error()->text() : QString()));
    QVERIFY(dialog->summary());
    QVERIFY(dialog->summary()->messagesNew > 0);
    // The dialog showed the engine's progress while it ran, with the counts it reported.
    QVERIFY2(messagesShown.remove(u',').toLongLong() > 0, qPrintable(messagesShown));

    // A finished sync closes its dialog and the window shows the guild.
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    QCOMPARE(window->guildModel()->rowCount(), 1);
    QCOMPARE(window->currentGuildId(), m_guildId);
    const QString status = window->statusBar()->currentMessage();
    QVERIFY2(status.startsWith(u"Sync finished"_s), qPrintable(status));
    QVERIFY(window->windowTitle().contains(
        window->guildModel()->guilds().first().name)); // the overview page is up
}

void TestSyncDialog::cancelStopsAndSaysSo()
{
    // One request per second per bucket: the 250-message channel alone takes seconds, so the
    // cancel lands mid-sync.
    emulator::ServerOptions options = test::EmulatorFixture::testOptions();
    options.rateLimits = true;
    options.globalRate = 50;
    options.bucket = emulator::BucketLimit{1, 1.0};
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild(), options), qPrintable(emulator.errorString()));
    auto window = windowFor(emulator);
    QVERIFY(window);

    QPointer<ui::SyncDialog> dialog = window->syncNow();
    QVERIFY(dialog);
    QSignalSpy finished(dialog.data(), &ui::SyncDialog::syncFinished);
    // Wait until the engine reports something, so the cancel hits a running sync.
    QTRY_VERIFY_WITH_TIMEOUT(labelText(dialog, u"phase"_s) != u"Starting…"_s, 30'000);
    auto *cancel = dialog->findChild<QPushButton *>(u"cancelButton"_s);
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(labelText(dialog, u"status"_s), u"Stopping after the current page…"_s);
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(dialog->outcome(), ui::SyncDialog::Outcome::Running); // until the engine stops

    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.first().first().value<ui::SyncDialog::Outcome>(),
             ui::SyncDialog::Outcome::Cancelled);
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    QCOMPARE(window->statusBar()->currentMessage(), u"Sync cancelled; run it again to resume."_s);
}

void TestSyncDialog::escapeCancelsInsteadOfHiding()
{
    emulator::ServerOptions options = test::EmulatorFixture::testOptions();
    options.rateLimits = true;
    options.bucket = emulator::BucketLimit{1, 1.0};
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild(), options), qPrintable(emulator.errorString()));
    auto window = windowFor(emulator);
    QVERIFY(window);
    QPointer<ui::SyncDialog> dialog = window->syncNow();
    QVERIFY(dialog);
    QSignalSpy finished(dialog.data(), &ui::SyncDialog::syncFinished);
    QTRY_VERIFY_WITH_TIMEOUT(labelText(dialog, u"phase"_s) != u"Starting…"_s, 30'000);
    QTest::keyClick(dialog, Qt::Key_Escape);
    // Still on screen, saying it is stopping: hiding a running sync would leave it unseen.
    QVERIFY(dialog->isVisible());
    QCOMPARE(labelText(dialog, u"status"_s), u"Stopping after the current page…"_s);
    QVERIFY(finished.wait(60'000));
    QCOMPARE(dialog.isNull() ? ui::SyncDialog::Outcome::Cancelled : dialog->outcome(),
             ui::SyncDialog::Outcome::Cancelled);
}

void TestSyncDialog::failureShowsSelectableError()
{
    test::EmulatorFixture emulator;
    QVERIFY2(emulator.start(test::syncTestGuild()), qPrintable(emulator.errorString()));
    auto window = windowFor(emulator, u"not-the-emulators-token"_s);
    QVERIFY(window);
    QPointer<ui::SyncDialog> dialog = window->syncNow();
    QVERIFY(dialog);
    QSignalSpy finished(dialog.data(), &ui::SyncDialog::syncFinished);
    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.first().first().value<ui::SyncDialog::Outcome>(),
             ui::SyncDialog::Outcome::Failed);
    QVERIFY(dialog->error());
    const Error error = *dialog->error();
    QVERIFY2(error.message.contains(u"token"_s, Qt::CaseInsensitive), qPrintable(error.text()));

    // The dialog stays, with the message and the hint in a panel whose text can be copied.
    QVERIFY(dialog->isVisible());
    auto *panel = dialog->findChild<QTextBrowser *>(u"errorPanel"_s);
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    const QString shown = panel->toPlainText();
    QVERIFY2(shown.contains(error.message), qPrintable(shown));
    QVERIFY2(error.hint.isEmpty() || shown.contains(error.hint), qPrintable(shown));
    QVERIFY(panel->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(panel->textInteractionFlags() & Qt::TextSelectableByKeyboard);
    QVERIFY(!dialog->findChild<QPushButton *>(u"cancelButton"_s)->isVisible());
    auto *close = dialog->findChild<QPushButton *>(u"closeButton"_s);
    QVERIFY(close->isVisible());
    QVERIFY(window->statusBar()->currentMessage().startsWith(u"Sync failed"_s));

    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(window->guildModel()->rowCount(), 0); // nothing was stored
}

void TestSyncDialog::syncNowNeedsDatabaseAndGuild()
{
    // Without a database or a guild there is nothing to sync: a message, not a dialog.
    ui::MainWindow window;
    QTimer::singleShot(0, this, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(window.syncNow() == nullptr);
    QVERIFY(window.openDatabase(m_dir.filePath(u"empty.sqlite"_s)));
    QTimer::singleShot(0, this, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(window.syncNow() == nullptr);
}

QTEST_MAIN(TestSyncDialog)
#include "tst_syncdialog.moc"
