#pragma once

#include <QObject>

#include <memory>

namespace gavel::ui {
class MainWindow;
}
namespace gavel::emulator {
class ServerThread;
class Snapshot;
} // namespace gavel::emulator

namespace gavel::cli {

//! The demo: generates the default demo guild (once), serves it with the in-process Discord
//! emulator on 127.0.0.1, syncs it over HTTP into the demo database with the sync dialog, and
//! then shows it in the main window ("Sync now" re-syncs from the same emulator).
class DemoSession : public QObject
{
    Q_OBJECT

public:
    explicit DemoSession(ui::MainWindow &window);
    ~DemoSession() override;

    //! Starts the demo; generation runs off the GUI thread with a cancellable progress dialog.
    void start();
    bool isServing() const;

private:
    void serve(emulator::Snapshot snapshot);
    void syncThenShow(quint64 guildId, const QString &guildName);

    ui::MainWindow &m_window;
    std::unique_ptr<emulator::ServerThread> m_server;
    bool m_starting = false;
    bool m_syncing = false;
};

} // namespace gavel::cli
