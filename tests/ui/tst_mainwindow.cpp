#include "EmptyStatePage.h"
#include "GuildListModel.h"
#include "GuildOverviewPage.h"
#include "MainWindow.h"
#include "store/Database.h"
#include "store/Location.h"
#include "store/Repository.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gavel;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyStateWithoutDatabase();
    void emptyDatabaseSaysSo();
    void brokenDatabaseExplainsAndKeepsFileIntact();
    void missingFileNotCreatedWhenAsked();
    void listsGuildsAndShowsOverview();
    void demoActionFollowsLauncher();
    void settingsRemembered();
    void teamDatabaseUrlIsALocation();
    void opensTeamDatabase();

private:
    QTemporaryDir m_dir;
};

namespace {
QStackedWidget *pages(ui::MainWindow &window)
{
    return window.findChild<QStackedWidget *>();
}
} // namespace

void TestMainWindow::initTestCase()
{
    // Keep the test's QSettings away from the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GavelTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::emptyStateWithoutDatabase()
{
    ui::MainWindow window;
    auto *empty = window.findChild<ui::EmptyStatePage *>();
    QVERIFY(empty);
    QCOMPARE(pages(window)->currentWidget(), empty);
    QCOMPARE(empty->reason(), ui::EmptyStatePage::Reason::NoDatabase);
}

void TestMainWindow::emptyDatabaseSaysSo()
{
    ui::MainWindow window;
    QVERIFY(window.openDatabase(m_dir.filePath(QStringLiteral("empty.sqlite"))));
    auto *empty = window.findChild<ui::EmptyStatePage *>();
    QCOMPARE(pages(window)->currentWidget(), empty);
    QCOMPARE(empty->reason(), ui::EmptyStatePage::Reason::NoGuilds);
    QCOMPARE(window.guildModel()->rowCount(), 0);
}

void TestMainWindow::brokenDatabaseExplainsAndKeepsFileIntact()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.sqlite"));
    const QByteArray bytes("these are somebody's notes, not a database\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    ui::MainWindow window;
    QVERIFY(!window.openDatabase(path));
    auto *empty = window.findChild<ui::EmptyStatePage *>();
    QCOMPARE(empty->reason(), ui::EmptyStatePage::Reason::DatabaseError);
    QVERIFY(window.databaseLocation().isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
}

void TestMainWindow::missingFileNotCreatedWhenAsked()
{
    const QString path = m_dir.filePath(QStringLiteral("gone.sqlite"));
    ui::MainWindow window;
    QVERIFY(!window.openDatabase(path, false));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(window.findChild<ui::EmptyStatePage *>()->reason(),
             ui::EmptyStatePage::Reason::DatabaseError);
}

void TestMainWindow::listsGuildsAndShowsOverview()
{
    const QString path = m_dir.filePath(QStringLiteral("guilds.sqlite"));
    {
        auto db = store::Database::open(store::Location::sqliteFile(path));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().text()));
        store::Repository repo(**db);
        store::GuildRecord first;
        first.id = Q_UINT64_C(900000000000000001);
        first.name = QStringLiteral("Hive Dojo");
        store::GuildRecord second;
        second.id = Q_UINT64_C(900000000000000002);
        second.name = QStringLiteral("Another Guild");
        const auto written = (*db)->transaction([&]() -> Result<void> {
            if (auto r = repo.upsertGuild(first); !r)
                return r;
            return repo.upsertGuild(second);
        });
        QVERIFY2(written, qPrintable(written ? QString() : written.error().text()));
    }

    ui::MainWindow window;
    QVERIFY(window.openDatabase(path));
    QCOMPARE(window.guildModel()->rowCount(), 2);
    QVERIFY(window.currentGuildId() != 0);
    auto *overview = window.findChild<ui::GuildOverviewPage *>();
    QCOMPARE(pages(window)->currentWidget(), overview);

    QVERIFY(window.selectGuild(Q_UINT64_C(900000000000000002)));
    QCOMPARE(window.currentGuildId(), Q_UINT64_C(900000000000000002));
    const QList<QLabel *> labels = overview->findChildren<QLabel *>();
    const bool showsName = std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->text() == u"Another Guild";
    });
    QVERIFY(showsName);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Another Guild")));

    // The selection survives a reload.
    window.reload();
    QCOMPARE(window.currentGuildId(), Q_UINT64_C(900000000000000002));
}

void TestMainWindow::demoActionFollowsLauncher()
{
    ui::MainWindow window;
    QAction *demo = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().contains(QStringLiteral("Demo")))
            demo = action;
    }
    QVERIFY(demo);
    QVERIFY(!demo->isVisible());
    int launched = 0;
    window.setDemoLauncher([&launched] { ++launched; });
    QVERIFY(demo->isVisible());
    demo->trigger();
    QCOMPARE(launched, 1);
}

void TestMainWindow::settingsRemembered()
{
    const QString path = m_dir.filePath(QStringLiteral("remembered.sqlite"));
    {
        ui::MainWindow window;
        QVERIFY(window.openDatabase(path));
        window.close();
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("database/last")).toString(), path);
    QVERIFY(settings.value(QStringLiteral("database/recent")).toStringList().contains(path));
    QVERIFY(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
}

void TestMainWindow::teamDatabaseUrlIsALocation()
{
    const QString url =
        ui::MainWindow::teamDatabaseUrl(QStringLiteral(" db.example "), 5433,
                                        QStringLiteral("gavel team"), QStringLiteral("ana@mods"));
    QCOMPARE(url, QStringLiteral("postgresql://ana%40mods@db.example:5433/gavel%20team"));
    const auto location = store::Location::parse(url);
    QVERIFY2(location.ok(), qPrintable(location.ok() ? QString() : location.error().text()));
    QCOMPARE(location->backend(), store::Backend::Postgres);
    QVERIFY(!location->display().contains(QStringLiteral("password")));
    // The File menu offers it.
    ui::MainWindow window;
    bool found = false;
    for (QAction *action : window.findChildren<QAction *>())
        found = found || action->text().contains(QStringLiteral("Team Database"));
    QVERIFY(found);
}

void TestMainWindow::opensTeamDatabase()
{
    const QString pg = qEnvironmentVariable("GAVEL_TEST_PG");
    if (pg.isEmpty())
        QSKIP("GAVEL_TEST_PG is not set: no PostgreSQL server to open (.ci/run starts one)");
    ui::MainWindow window;
    QVERIFY(window.openDatabase(pg, false));
    QCOMPARE(window.databaseLocation(), pg);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
