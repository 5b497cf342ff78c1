#pragma once

#include "SnapshotBuilder.h"
#include "emulator/Server.h"

#include <QString>
#include <QUrl>

namespace gavel::test {

/*!
 * Runs an in-process emulator on a free loopback port in a background thread for the
 * length of a test; stop() (or the destructor) shuts it down.
 */
class EmulatorFixture
{
public:
    EmulatorFixture() = default;
    ~EmulatorFixture() { stop(); }

    //! Options for tests: rate limits off (tests that want them turn them on).
    static emulator::ServerOptions testOptions();

    bool start(emulator::Snapshot snapshot, const emulator::ServerOptions &options = testOptions());
    bool start(const SnapshotBuilder &builder,
               const emulator::ServerOptions &options = testOptions());
    //! Why start() failed.
    QString errorString() const { return m_error; }
    void stop() { m_thread.stop(); }

    emulator::Server &server() const { return *m_thread.server(); }
    quint16 port() const { return m_port; }
    QString token() const { return m_token; }
    //! http://127.0.0.1:PORT (no path): the base EmulatorClient takes.
    QString origin() const;
    QUrl apiUrl(const QString &pathAndQuery) const;

private:
    emulator::ServerThread m_thread;
    QString m_error;
    QString m_token;
    quint16 m_port = 0;
};

} // namespace gavel::test
