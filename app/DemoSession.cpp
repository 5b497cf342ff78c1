#include "DemoSession.h"

#include "DemoData.h"
#include "MainWindow.h"
#include "emulator/Server.h"
#include "emulator/Snapshot.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent>

#include <atomic>

namespace gavel::cli {

DemoSession::DemoSession(ui::MainWindow &window)
    : QObject(&window)
    , m_window(window)
{}

DemoSession::~DemoSession() = default;

bool DemoSession::isServing() const
{
    return m_server != nullptr;
}

void DemoSession::start()
{
    if (m_starting)
        return;
    if (m_server) {
        m_window.openDatabase(demoDatabasePath());
        return;
    }
    m_starting = true;

    auto *dialog =
        new QProgressDialog(tr("Preparing the demo guild…"), tr("Cancel"), 0, 100, &m_window);
    dialog->setWindowTitle(tr("Demo guild"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);

    auto cancelled = std::make_shared<std::atomic_bool>(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    QPointer<QProgressDialog> progressTarget(dialog);
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher, dialog] {
        const Result<QString> result = watcher->result();
        watcher->deleteLater();
        dialog->deleteLater();
        m_starting = false;
        if (!result) {
            if (!dialog->wasCanceled()) {
                QMessageBox::warning(
                    &m_window, tr("Demo guild"),
                    tr("The demo guild could not be prepared: %1").arg(result.error().text()));
            }
            return;
        }
        serve(*result);
    });
    watcher->setFuture(QtConcurrent::run([cancelled, progressTarget] {
        return ensureDemoSnapshot([cancelled, progressTarget](int percent) {
            QMetaObject::invokeMethod(
                qApp,
                [progressTarget, percent] {
                    if (progressTarget)
                        progressTarget->setValue(percent);
                },
                Qt::QueuedConnection);
            return !cancelled->load();
        });
    }));
}

void DemoSession::serve(const QString &snapshotPath)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto snapshot = emulator::Snapshot::load(snapshotPath);
    QApplication::restoreOverrideCursor();
    if (!snapshot) {
        QMessageBox::warning(
            &m_window, tr("Demo guild"),
            tr("The demo guild could not be loaded: %1").arg(snapshot.error().text()));
        return;
    }
    auto server = std::make_unique<emulator::ServerThread>();
    emulator::ServerOptions options;
    const auto port = server->start(std::move(*snapshot), options);
    if (!port) {
        QMessageBox::warning(
            &m_window, tr("Demo guild"),
            tr("The Discord emulator could not start: %1").arg(port.error().text()));
        return;
    }
    m_server = std::move(server);
    m_window.setServiceStatus(tr("Demo guild served at http://127.0.0.1:%1/api/v10").arg(*port));
    m_window.openDatabase(demoDatabasePath());
}

} // namespace gavel::cli
