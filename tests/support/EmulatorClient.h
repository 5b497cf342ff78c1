#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>

namespace gavel::test {

//! A finished HTTP exchange as tests look at it.
struct EmulatorReply
{
    int status = 0; //!< 0 when no HTTP answer arrived
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool timedOut = false;

    //! A header by case-insensitive name; empty when absent.
    QByteArray header(QByteArrayView name) const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonArray array() const { return json().array(); }
    QJsonObject object() const { return json().object(); }
};

/*!
 * Blocking requests to an emulator with QNetworkAccessManager (the way Gavel's client
 * talks to Discord), for tests; the emulator must run on another thread.
 */
class EmulatorClient
{
public:
    //! `origin` is "http://127.0.0.1:PORT".
    EmulatorClient(const QString &origin, const QString &token);

    void setToken(const QString &token) { m_token = token; }
    //! `path` is relative to /api/v10, e.g. "/channels/1/messages?limit=5".
    EmulatorReply get(const QString &path);
    EmulatorReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {});
    //! A request to the admin API, `path` relative to /_emulator (e.g. "/stats").
    EmulatorReply admin(const QByteArray &method, const QString &path, const QByteArray &body = {});

private:
    EmulatorReply run(const QByteArray &method, const QUrl &url, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers, bool auth);

    QNetworkAccessManager m_nam;
    QString m_origin;
    QString m_token;
};

} // namespace gavel::test
