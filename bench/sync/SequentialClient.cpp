#include "SequentialClient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <cmath>
#include <vector>

namespace gavel::bench {

using namespace Qt::StringLiterals;

namespace {
quint64 idOf(const QJsonValue &value)
{
    return value.toString().toULongLong();
}
} // namespace

SequentialClient::SequentialClient(QUrl apiBase, QByteArray token)
    : m_base(apiBase.toString())
    , m_authorization("Bot " + token)
{}

void SequentialClient::sleepMs(qint64 ms)
{
    if (ms <= 0)
        return;
    m_counts.sleptMs += ms;
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(ms), &loop, &QEventLoop::quit);
    loop.exec();
}

Result<SequentialClient::Answer> SequentialClient::get(const QString &pathAndQuery)
{
    for (int attempt = 1;; ++attempt) {
        QNetworkRequest request(QUrl(m_base + pathAndQuery));
        request.setRawHeader("Authorization", m_authorization);
        QNetworkReply *reply = m_manager.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        ++m_counts.requests;
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        const QByteArray remaining = reply->rawHeader("X-RateLimit-Remaining");
        const double resetAfter = reply->rawHeader("X-RateLimit-Reset-After").toDouble();
        const QNetworkReply::NetworkError error = reply->error();
        delete reply;

        if (answer.status == 429) {
            ++m_counts.rateLimited;
            const double retryAfter =
                QJsonDocument::fromJson(answer.body).object().value(u"retry_after"_s).toDouble(1);
            sleepMs(static_cast<qint64>(std::ceil(retryAfter * 1000)));
            continue;
        }
        if ((answer.status == 0 || answer.status >= 500) && attempt < 6) {
            ++m_counts.retries;
            sleepMs(500LL << (attempt - 1));
            continue;
        }
        if (answer.status == 0) {
            return Error{
                u"GET %1: network error %2"_s.arg(pathAndQuery, QString::number(int(error))), {}};
        }
        // DiscordChatExporter's rule: an empty bucket means sleeping until it resets.
        if (remaining == "0" && resetAfter > 0)
            sleepMs(static_cast<qint64>(std::ceil(resetAfter * 1000)));
        return answer;
    }
}

Result<void> SequentialClient::readChannel(quint64 channelId)
{
    ++m_counts.channels;
    quint64 after = 0;
    for (;;) {
        const Result<Answer> page =
            get(u"/channels/%1/messages?limit=100&after=%2"_s.arg(channelId).arg(after));
        if (!page)
            return page.error();
        if (page->status == 403 || page->status == 404)
            return {}; // not readable: skipped, as DiscordChatExporter does
        if (page->status != 200)
            return Error{u"messages of %1: HTTP %2"_s.arg(channelId).arg(page->status), {}};
        const QJsonArray messages = QJsonDocument::fromJson(page->body).array();
        // Pages come newest first; walk them oldest first as an exporter writes them.
        for (qsizetype i = messages.size() - 1; i >= 0; --i) {
            const QJsonObject message = messages.at(i).toObject();
            const quint64 messageId = idOf(message.value(u"id"_s));
            after = std::max(after, messageId);
            ++m_counts.messages;
            const QJsonArray reactions = message.value(u"reactions"_s).toArray();
            for (const QJsonValue &reactionValue : reactions) {
                const QJsonObject reaction = reactionValue.toObject();
                const QJsonObject emoji = reaction.value(u"emoji"_s).toObject();
                const QString name = emoji.value(u"name"_s).toString();
                const QString key = emoji.value(u"id"_s).isString()
                                        ? name + u':' + emoji.value(u"id"_s).toString()
                                        : name;
                const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(key));
                const QJsonObject details = reaction.value(u"count_details"_s).toObject();
                for (int type : {0, 1}) {
                    const int count = details.value(type == 0 ? u"normal"_s : u"burst"_s).toInt(0);
                    if (count <= 0)
                        continue;
                    quint64 userAfter = 0;
                    for (;;) {
                        // Concatenated, not arg()-chained: the encoded emoji holds "%3A"-like
                        // sequences that a later arg() would take for its placeholder.
                        QString path = u"/channels/"_s + QString::number(channelId) +
                                       u"/messages/"_s + QString::number(messageId) +
                                       u"/reactions/"_s + encoded + u"?limit=100&type="_s +
                                       QString::number(type);
                        if (userAfter)
                            path += u"&after="_s + QString::number(userAfter);
                        const Result<Answer> users = get(path);
                        if (!users)
                            return users.error();
                        if (users->status != 200)
                            break;
                        const QJsonArray list = QJsonDocument::fromJson(users->body).array();
                        for (const QJsonValue &user : list)
                            userAfter = std::max(userAfter, idOf(user.toObject().value(u"id"_s)));
                        m_counts.reactionUsers += list.size();
                        if (list.size() < 100)
                            break;
                    }
                }
            }
        }
        if (messages.size() < 100)
            return {};
    }
}

Result<quint64> SequentialClient::firstGuild()
{
    const Result<Answer> answer = get(u"/users/@me/guilds"_s);
    if (!answer)
        return answer.error();
    const QJsonArray guilds = QJsonDocument::fromJson(answer->body).array();
    if (answer->status != 200 || guilds.isEmpty())
        return Error{u"/users/@me/guilds: HTTP %1, no guild"_s.arg(answer->status), {}};
    return idOf(guilds.first().toObject().value(u"id"_s));
}

Result<SequentialClient::Counts> SequentialClient::run(quint64 guildId)
{
    m_counts = {};
    const Result<Answer> channelsAnswer = get(u"/guilds/%1/channels"_s.arg(guildId));
    if (!channelsAnswer)
        return channelsAnswer.error();
    if (channelsAnswer->status != 200)
        return Error{u"channels: HTTP %1"_s.arg(channelsAnswer->status), {}};
    const QJsonArray channels = QJsonDocument::fromJson(channelsAnswer->body).array();

    std::vector<quint64> readable; // channels and threads, in the order an exporter visits them
    std::vector<quint64> parents;
    for (const QJsonValue &value : channels) {
        const QJsonObject channel = value.toObject();
        const int type = channel.value(u"type"_s).toInt();
        const quint64 id = idOf(channel.value(u"id"_s));
        if (type == 4)
            continue; // category
        if (type != 15 && type != 16)
            readable.push_back(id);
        if (type == 0 || type == 5 || type == 15 || type == 16)
            parents.push_back(id);
    }
    const Result<Answer> active = get(u"/guilds/%1/threads/active"_s.arg(guildId));
    if (!active)
        return active.error();
    for (const QJsonValue &thread :
         QJsonDocument::fromJson(active->body).object().value(u"threads"_s).toArray())
        readable.push_back(idOf(thread.toObject().value(u"id"_s)));
    for (const quint64 parent : parents) {
        for (const QString &kind : {u"public"_s, u"private"_s}) {
            QString before;
            for (;;) {
                QString path = u"/channels/"_s + QString::number(parent) + u"/threads/archived/"_s +
                               kind + u"?limit=100"_s;
                if (!before.isEmpty())
                    path += u"&before="_s + QString::fromLatin1(QUrl::toPercentEncoding(before));
                const Result<Answer> page = get(path);
                if (!page)
                    return page.error();
                if (page->status != 200)
                    break;
                const QJsonObject object = QJsonDocument::fromJson(page->body).object();
                const QJsonArray threads = object.value(u"threads"_s).toArray();
                for (const QJsonValue &thread : threads) {
                    readable.push_back(idOf(thread.toObject().value(u"id"_s)));
                    before = thread.toObject()
                                 .value(u"thread_metadata"_s)
                                 .toObject()
                                 .value(u"archive_timestamp"_s)
                                 .toString();
                }
                if (!object.value(u"has_more"_s).toBool() || threads.isEmpty())
                    break;
            }
        }
    }
    for (const quint64 channel : readable) {
        if (const Result<void> read = readChannel(channel); !read)
            return read.error();
    }
    quint64 after = 0;
    for (;;) {
        const Result<Answer> page =
            get(u"/guilds/%1/members?limit=1000&after=%2"_s.arg(guildId).arg(after));
        if (!page)
            return page.error();
        if (page->status != 200)
            break;
        const QJsonArray members = QJsonDocument::fromJson(page->body).array();
        for (const QJsonValue &member : members)
            after =
                std::max(after, idOf(member.toObject().value(u"user"_s).toObject().value(u"id"_s)));
        m_counts.members += members.size();
        if (members.size() < 1000)
            break;
    }
    return m_counts;
}

} // namespace gavel::bench
