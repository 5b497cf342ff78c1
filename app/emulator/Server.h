#pragma once

#include "Faults.h"
#include "RateLimiter.h"
#include "ServerOptions.h"
#include "Snapshot.h"
#include "common/Result.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace gavel::emulator {

class HttpServer;
struct HttpRequest;
struct HttpResponse;
struct ServerState;
class DiscordApi;
class AdminApi;

/*!
 * The Discord REST v10 emulator: serves a Snapshot on 127.0.0.1 under /api/v10, with
 * Discord's auth, permissions, rate limits and error codes, fault injection, and an admin
 * API under /_emulator/. Lives on one thread; it may be moved to a QThread, and its public
 * functions may be called from any thread (they run on the server's thread).
 */
class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(Snapshot snapshot, QObject *parent = nullptr);
    ~Server() override;

    //! Starts serving; returns the port. Fails when no bot can be found or the port is taken.
    Result<quint16> listen(const ServerOptions &options);
    void close();

    quint16 port() const;
    //! "http://127.0.0.1:PORT/api/v10"
    QString apiBase() const;
    //! "http://127.0.0.1:PORT/_emulator"
    QString adminBase() const;
    quint64 botUserId() const;
    ServerOptions options() const;

    void setGlobalRate(int perSecond);
    void setDefaultBucket(BucketLimit limit);
    void setRouteBucket(const QByteArray &group, std::optional<BucketLimit> limit);
    void setSubLimit(const QByteArray &group, std::optional<SubLimit> limit);
    void setRateLimitsEnabled(bool enabled);
    void setInvalidRequestLimit(int threshold, int windowSeconds);
    void setFaults(const FaultConfig &faults);
    void setMembersIntent(bool on);
    void setMessageContentIntent(bool on);
    //! Revokes (false) or restores (true) the bot's View Channel on one channel.
    void setChannelAccess(quint64 channelId, bool visible);
    //! Forgets every rate-limit window, the invalid-request count and the ban.
    void resetLimits();

    //! GET /_emulator/stats as JSON.
    QByteArray statsJson() const;
    //! The current state as a guild-snapshot/1 document.
    QByteArray snapshotJson() const;
    //! Runs `fn` on the server's thread with the live snapshot (tests inspect or change it).
    void withSnapshot(const std::function<void(Snapshot &)> &fn);

    //! The route groups: rate-limit bucket names for --route-bucket and the admin API.
    static QStringList routeGroups();

private:
    //! Runs `fn` on the server's thread and waits for it.
    void runInThread(const std::function<void()> &fn) const;
    HttpResponse handle(const HttpRequest &request);
    void record(const QByteArray &statsKey, qint64 nanoseconds);

    std::unique_ptr<ServerState> m_state;
    std::unique_ptr<DiscordApi> m_api;
    std::unique_ptr<AdminApi> m_admin;
    HttpServer *m_http;

    friend class AdminApi;
};

/*!
 * Runs a Server on a thread of its own: for tests and `gavel demo`, which need the
 * emulator in-process while their own thread blocks or runs a GUI.
 */
class ServerThread
{
public:
    ServerThread();
    ~ServerThread();
    ServerThread(const ServerThread &) = delete;
    ServerThread &operator=(const ServerThread &) = delete;

    //! Starts the thread and the server; returns the port.
    Result<quint16> start(Snapshot snapshot, const ServerOptions &options);
    //! Closes the server and joins the thread (also done by the destructor).
    void stop();
    //! The running server; its functions may be called from this thread.
    Server *server() const { return m_server; }

private:
    QThread *m_thread = nullptr;
    Server *m_server = nullptr;
};

} // namespace gavel::emulator
