#include "EmulatorProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace gavel::bench {

using namespace Qt::StringLiterals;

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

Result<void> EmulatorProcess::start(const QString &gavelBinary, const QString &snapshot,
                                    const QStringList &arguments, int timeoutMs)
{
    m_process.setProgram(gavelBinary);
    m_process.setArguments(QStringList{u"emulate"_s, u"--snapshot"_s, snapshot} + arguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    if (!m_process.waitForStarted(30'000)) {
        return Error{u"Cannot start %1: %2."_s.arg(gavelBinary, m_process.errorString()),
                     u"Build the gavel target, or name the binary with --gavel."_s};
    }
    QElapsedTimer timer;
    timer.start();
    QByteArray line;
    while (!m_process.canReadLine()) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0 || m_process.state() != QProcess::Running ||
            !m_process.waitForReadyRead(static_cast<int>(left))) {
            if (m_process.canReadLine())
                break;
            return Error{u"gavel emulate did not start serving %1."_s.arg(snapshot),
                         u"Its error is on stderr above."_s};
        }
    }
    line = m_process.readLine().trimmed();
    const QByteArray prefix = "listening on ";
    if (!line.startsWith(prefix))
        return Error{
            u"gavel emulate printed an unexpected first line: %1"_s.arg(QString::fromUtf8(line)),
            {}};
    m_apiBase = QUrl(QString::fromUtf8(line.sliced(prefix.size())));
    m_admin = m_apiBase.toString().replace(u"/api/v10"_s, u"/_emulator"_s);
    return {};
}

void EmulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

Result<QByteArray> EmulatorProcess::admin(const QByteArray &method, const QString &path,
                                          const QByteArray &body) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(m_admin + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    const bool finished = reply->isFinished();
    delete reply;
    if (!finished || status / 100 != 2) {
        return Error{u"Emulator admin %1 %2 failed (HTTP %3): %4"_s.arg(
                         QString::fromLatin1(method), path, QString::number(status),
                         QString::fromUtf8(answer.left(300))),
                     {}};
    }
    return answer;
}

Result<QJsonObject> EmulatorProcess::stats() const
{
    const Result<QByteArray> body = admin("GET", u"/stats"_s);
    if (!body)
        return body.error();
    return QJsonDocument::fromJson(*body).object();
}

Result<void> EmulatorProcess::resetStats() const
{
    const Result<QByteArray> body = admin("POST", u"/stats/reset"_s);
    if (!body)
        return body.error();
    return {};
}

Result<void> EmulatorProcess::resetLimits() const
{
    const Result<QByteArray> body = admin("POST", u"/limits/reset"_s);
    if (!body)
        return body.error();
    return {};
}

Result<void> EmulatorProcess::configure(const QJsonObject &config) const
{
    const Result<QByteArray> body =
        admin("PATCH", u"/config"_s, QJsonDocument(config).toJson(QJsonDocument::Compact));
    if (!body)
        return body.error();
    return {};
}

} // namespace gavel::bench
