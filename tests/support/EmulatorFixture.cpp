#include "EmulatorFixture.h"

namespace gavel::test {

emulator::ServerOptions EmulatorFixture::testOptions()
{
    emulator::ServerOptions options;
    options.rateLimits = false;
    options.token = QStringLiteral("test-token");
    return options;
}

bool EmulatorFixture::start(emulator::Snapshot snapshot, const emulator::ServerOptions &options)
{
    const auto port = m_thread.start(std::move(snapshot), options);
    if (!port) {
        m_error = port.error().text();
        return false;
    }
    m_port = *port;
    m_token = options.token;
    return true;
}

bool EmulatorFixture::start(const SnapshotBuilder &builder, const emulator::ServerOptions &options)
{
    auto snapshot = builder.build();
    if (!snapshot) {
        m_error = snapshot.error().text();
        return false;
    }
    return start(std::move(*snapshot), options);
}

QString EmulatorFixture::origin() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QUrl EmulatorFixture::apiUrl(const QString &pathAndQuery) const
{
    return QUrl(origin() + QStringLiteral("/api/v10") + pathAndQuery);
}

} // namespace gavel::test
