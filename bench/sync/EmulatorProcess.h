#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace gavel::bench {

/*!
 * `gavel emulate` as a child process, so that the sync under test has the machine's other core
 * and its peak memory is not mixed with the emulator's; plus blocking calls to its admin API.
 */
class EmulatorProcess
{
public:
    ~EmulatorProcess();

    //! Starts `gavel emulate --snapshot FILE` with extra arguments; waits for "listening on".
    Result<void> start(const QString &gavelBinary, const QString &snapshot,
                       const QStringList &arguments, int timeoutMs = 600'000);
    void stop();

    //! http://127.0.0.1:PORT/api/v10
    QUrl apiBase() const { return m_apiBase; }
    QString token() const { return QStringLiteral("gavel-emulator-token"); }

    //! GET /_emulator/stats.
    Result<QJsonObject> stats() const;
    Result<void> resetStats() const;
    //! POST /_emulator/limits/reset: forget windows so runs start equal.
    Result<void> resetLimits() const;
    //! PATCH /_emulator/config with this object.
    Result<void> configure(const QJsonObject &config) const;

private:
    Result<QByteArray> admin(const QByteArray &method, const QString &path,
                             const QByteArray &body = {}) const;

    QProcess m_process;
    QUrl m_apiBase;
    QString m_admin;
};

} // namespace gavel::bench
