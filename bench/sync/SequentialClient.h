#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

namespace gavel::bench {

/*!
 * The reference client for the sync benchmark: DiscordChatExporter's strategy. One request at
 * a time, one channel after another (messages oldest first with `after`, then the users of
 * every reaction of each page), and when a response says its bucket is empty
 * (X-RateLimit-Remaining: 0) it sleeps for X-RateLimit-Reset-After before the next request.
 * Unlike DiscordChatExporter it also pages super-reaction users and members, so both clients
 * fetch the same data. It keeps nothing but counts.
 */
class SequentialClient
{
public:
    struct Counts
    {
        qint64 channels = 0, messages = 0, reactionUsers = 0, members = 0;
        qint64 requests = 0, rateLimited = 0, retries = 0;
        qint64 sleptMs = 0;
    };

    SequentialClient(QUrl apiBase, QByteArray token);

    //! The first guild the bot is in (GET /users/@me/guilds): the emulator serves one.
    Result<quint64> firstGuild();
    //! Reads the whole guild; fails on the first error it cannot retry.
    Result<Counts> run(quint64 guildId);

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
    };
    Result<Answer> get(const QString &pathAndQuery);
    void sleepMs(qint64 ms);
    Result<void> readChannel(quint64 channelId);

    QNetworkAccessManager m_manager;
    QString m_base;
    QByteArray m_authorization;
    Counts m_counts;
};

} // namespace gavel::bench
