// bench_emulator: how fast the emulator loads a big snapshot and serves pages on loopback.
//
//   bench_emulator [SNAPSHOT] [--connections N] [--seconds S] [--keep PATH]
//
// Without SNAPSHOT it writes a synthetic guild-snapshot/1 file first (1M messages, ~5M
// reaction users, 50k members); --keep PATH keeps that file. It reports the load time and
// RSS, then runs N keep-alive client connections (one thread each, blocking sockets) against
// an in-process server with rate limits off, for message pages (limit=100, before=) and
// reaction-user pages (limit=100, after=), and prints requests/s, client latency and the
// server's own handling time per page (median/p99 from /_emulator/stats).

#include "emulator/Server.h"
#include "emulator/Snapshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace gavel;
using namespace gavel::emulator;

namespace {

constexpr qint64 baseMsecs = 1704067200000; // 2024-01-01
constexpr quint64 discordEpoch = 1420070400000;

quint64 idAt(qint64 msecs, quint64 seq)
{
    return (quint64(msecs) - discordEpoch) << 22 | (seq & 0x3FFFFF);
}

qint64 kib(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(std::strlen(field)))
                .trimmed()
                .split(' ')
                .value(0)
                .toLongLong();
    }
    return -1;
}

struct Synthetic
{
    int members = 50000;
    int channels = 20;
    int messages = 1000000;
};

std::string user(quint64 id, int n, bool bot)
{
    char b[400];
    std::snprintf(
        b, sizeof b,
        "{\"id\":\"%llu\",\"username\":\"member%d\",\"avatar\":null,\"discriminator\":\"0\","
        "\"public_flags\":0,\"flags\":0,\"global_name\":\"Member %d\",\"primary_guild\":null%s}",
        static_cast<unsigned long long>(id), n, n, bot ? ",\"bot\":true" : "");
    return b;
}

//! Writes a guild-snapshot/1 file of the given size with plain stdio (fast enough for 1M).
bool writeSynthetic(const QString &path, const Synthetic &s, qint64 *reactionUsers)
{
    FILE *f = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!f)
        return false;
    quint64 seq = 0;
    const quint64 guild = idAt(baseMsecs - 86400000, ++seq);
    const quint64 botRole = idAt(baseMsecs - 86300000, ++seq);
    std::vector<quint64> members;
    for (int i = 0; i < s.members; ++i)
        members.push_back(idAt(baseMsecs - 86000000 + i, ++seq));
    std::fprintf(f,
                 "{\"format\":\"guild-snapshot/1\",\"guild\":{\"id\":\"%llu\",\"name\":\"Bench\","
                 "\"owner_id\":\"%llu\",\"emojis\":[],\"features\":[]},",
                 (unsigned long long)guild, (unsigned long long)members[0]);
    std::fprintf(f,
                 "\"roles\":[{\"id\":\"%llu\",\"name\":\"@everyone\",\"permissions\":\"66560\","
                 "\"position\":0,\"managed\":false},{\"id\":\"%llu\",\"name\":\"Bot\","
                 "\"permissions\":\"268435456\",\"position\":5,\"managed\":false}],\"members\":[",
                 (unsigned long long)guild, (unsigned long long)botRole);
    for (int i = 0; i < s.members; ++i) {
        const bool bot = i == 1;
        std::fprintf(
            f,
            "%s{\"user\":%s,\"roles\":[%s],\"joined_at\":\"2024-01-01T00:00:00.000000+00:00\","
            "\"nick\":null,\"avatar\":null,\"banner\":null,\"flags\":0,\"pending\":false,"
            "\"premium_since\":null,\"communication_disabled_until\":null,\"mute\":false,"
            "\"deaf\":false}",
            i ? "," : "", user(members[size_t(i)], i, bot).c_str(),
            bot ? ("\"" + std::to_string(botRole) + "\"").c_str() : "");
    }
    std::fprintf(f, "],\"users\":{},\"channels\":[");
    std::vector<quint64> channels;
    for (int c = 0; c < s.channels; ++c) {
        channels.push_back(idAt(baseMsecs - 80000000 + c, ++seq));
        std::fprintf(
            f,
            "%s{\"id\":\"%llu\",\"type\":0,\"flags\":0,\"guild_id\":\"%llu\",\"name\":\"ch%d\","
            "\"position\":%d,\"parent_id\":null,\"permission_overwrites\":[]}",
            c ? "," : "", (unsigned long long)channels.back(), (unsigned long long)guild, c, c);
    }
    std::fprintf(f, "],\"messages\":{");
    // Channel 0 holds half of all messages (the big-channel case); the rest share the remainder.
    std::vector<std::vector<quint64>> messageIds(size_t(s.channels));
    for (int i = 0; i < s.messages; ++i) {
        const int c = i % 2 == 0 ? 0 : 1 + (i / 2) % (s.channels - 1);
        messageIds[size_t(c)].push_back(idAt(baseMsecs + qint64(i) * 1000, ++seq));
    }
    // Reactions: every 100th message has 200 👍 users, the others 3; every 100th+1 has 3 burst.
    auto reactors = [&](int i, int n, int salt) {
        std::vector<quint64> out;
        const size_t start = (size_t(i) * 7919 + size_t(salt) * 104729) % members.size();
        for (int k = 0; k < n; ++k)
            out.push_back(members[(start + size_t(k)) % members.size()]);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto normalCount = [](int i) { return i % 100 == 0 ? 200 : 3; };
    auto burstCount = [](int i) { return i % 100 == 1 ? 3 : 0; };
    std::vector<std::vector<int>> globalIndex(size_t(s.channels));
    for (int i = 0; i < s.messages; ++i) {
        const int c = i % 2 == 0 ? 0 : 1 + (i / 2) % (s.channels - 1);
        globalIndex[size_t(c)].push_back(i);
    }
    bool firstChannel = true;
    for (int c = 0; c < s.channels; ++c) {
        std::fprintf(f, "%s\"%llu\":[", firstChannel ? "" : ",",
                     (unsigned long long)channels[size_t(c)]);
        firstChannel = false;
        for (size_t k = 0; k < messageIds[size_t(c)].size(); ++k) {
            const quint64 id = messageIds[size_t(c)][k];
            const int i = globalIndex[size_t(c)][k];
            const quint64 author = members[size_t(i) % members.size()];
            const int n = normalCount(i);
            const int b = burstCount(i);
            std::fprintf(
                f,
                "%s{\"id\":\"%llu\",\"channel_id\":\"%llu\",\"type\":0,\"content\":\"message %d "
                "with some ordinary text in it, about as long as chat usually is\","
                "\"author\":%s,\"mentions\":[],\"mention_roles\":[],\"attachments\":[],"
                "\"embeds\":[],\"timestamp\":\"2024-01-01T00:00:00.000000+00:00\","
                "\"edited_timestamp\":null,\"flags\":0,\"components\":[],\"pinned\":false,"
                "\"mention_everyone\":false,\"tts\":false,\"reactions\":[{\"emoji\":{\"id\":null,"
                "\"name\":\"\\ud83d\\udc4d\"},\"count\":%d,\"count_details\":{\"burst\":%d,"
                "\"normal\":%d},\"burst_colors\":[],\"me_burst\":false,\"me\":false}]}",
                k ? "," : "", (unsigned long long)id, (unsigned long long)channels[size_t(c)], i,
                user(author, i % s.members, false).c_str(), n + b, b, n);
        }
        std::fprintf(f, "]");
    }
    qint64 total = 0;
    for (int kind = 0; kind < 2; ++kind) {
        std::fprintf(f, kind ? "},\"burst_reactions\":{" : "},\"reactions\":{");
        bool first = true;
        for (int c = 0; c < s.channels; ++c) {
            for (size_t k = 0; k < messageIds[size_t(c)].size(); ++k) {
                const int i = globalIndex[size_t(c)][k];
                const int n = kind ? burstCount(i) : normalCount(i);
                if (n == 0)
                    continue;
                std::fprintf(f, "%s\"%llu/%llu/\xF0\x9F\x91\x8D\":[", first ? "" : ",",
                             (unsigned long long)channels[size_t(c)],
                             (unsigned long long)messageIds[size_t(c)][k]);
                first = false;
                const auto users = reactors(i, n, kind);
                for (size_t u = 0; u < users.size(); ++u)
                    std::fprintf(f, "%s\"%llu\"", u ? "," : "", (unsigned long long)users[u]);
                std::fprintf(f, "]");
                total += n;
            }
        }
    }
    std::fprintf(f, "}}\n");
    *reactionUsers = total;
    return std::fclose(f) == 0;
}

struct Target
{
    std::string request;
};

struct RunResult
{
    double seconds = 0;
    qint64 requests = 0;
    qint64 errors = 0;
    std::vector<double> latencyUs;
};

int connectLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

//! Sends a request and reads one Content-Length response; the status, or -1.
int roundTrip(int fd, const std::string &request, std::string &buffer)
{
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
        return -1;
    buffer.clear();
    size_t headEnd = std::string::npos;
    size_t length = 0;
    char chunk[1 << 16];
    while (true) {
        if (headEnd == std::string::npos) {
            headEnd = buffer.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                const size_t cl = buffer.find("Content-Length: ");
                length = cl == std::string::npos ? 0 : std::stoul(buffer.substr(cl + 16, 12));
            }
        }
        if (headEnd != std::string::npos && buffer.size() >= headEnd + 4 + length)
            return std::atoi(buffer.c_str() + 9);
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return -1;
        buffer.append(chunk, size_t(n));
    }
}

RunResult hammer(quint16 port, const std::vector<Target> &targets, int connections, double seconds)
{
    std::atomic<bool> stop{false};
    std::vector<RunResult> perThread(static_cast<size_t>(connections));
    std::vector<std::thread> threads;
    const auto started = std::chrono::steady_clock::now();
    for (int t = 0; t < connections; ++t) {
        threads.emplace_back([&, t] {
            RunResult &r = perThread[size_t(t)];
            const int fd = connectLoopback(port);
            if (fd < 0) {
                r.errors = 1;
                return;
            }
            std::string buffer;
            size_t next = size_t(t) * 7919;
            while (!stop.load(std::memory_order_relaxed)) {
                const Target &target = targets[next++ % targets.size()];
                const auto t0 = std::chrono::steady_clock::now();
                const int status = roundTrip(fd, target.request, buffer);
                const auto t1 = std::chrono::steady_clock::now();
                if (status != 200) {
                    ++r.errors;
                    if (status < 0)
                        break;
                    continue;
                }
                ++r.requests;
                if (r.latencyUs.size() < 200000)
                    r.latencyUs.push_back(
                        std::chrono::duration<double, std::micro>(t1 - t0).count());
            }
            ::close(fd);
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto &t : threads)
        t.join();
    RunResult total;
    total.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (auto &r : perThread) {
        total.requests += r.requests;
        total.errors += r.errors;
        total.latencyUs.insert(total.latencyUs.end(), r.latencyUs.begin(), r.latencyUs.end());
    }
    return total;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int connections = 4;
    double seconds = 5;
    QString snapshotPath;
    QString keep;
    Synthetic synthetic;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == u"--connections" && i + 1 < args.size())
            connections = args[++i].toInt();
        else if (a == u"--seconds" && i + 1 < args.size())
            seconds = args[++i].toDouble();
        else if (a == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else if (a == u"--messages" && i + 1 < args.size())
            synthetic.messages = args[++i].toInt();
        else if (a == u"--members" && i + 1 < args.size())
            synthetic.members = args[++i].toInt();
        else if (!a.startsWith(u"--"))
            snapshotPath = a;
        else {
            std::fprintf(stderr, "usage: bench_emulator [SNAPSHOT] [--connections N] [--seconds S] "
                                 "[--keep PATH] [--messages N] [--members N]\n");
            return 2;
        }
    }

    QTemporaryDir tmp;
    if (snapshotPath.isEmpty()) {
        snapshotPath = keep.isEmpty() ? tmp.filePath(QStringLiteral("synthetic.json")) : keep;
        QElapsedTimer w;
        w.start();
        qint64 reactionUsers = 0;
        if (!writeSynthetic(snapshotPath, synthetic, &reactionUsers)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(snapshotPath));
            return 1;
        }
        std::printf("synthetic snapshot: %d members, %d messages, %lld reaction users, written in "
                    "%.1f s\n",
                    synthetic.members, synthetic.messages, static_cast<long long>(reactionUsers),
                    double(w.elapsed()) / 1000.0);
    }
    const double megabytes = double(QFileInfo(snapshotPath).size()) / 1e6;
    const qint64 rssBefore = kib("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    auto snapshot = Snapshot::load(snapshotPath);
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!snapshot) {
        std::fprintf(stderr, "%s\n", qPrintable(snapshot.error().text()));
        return 1;
    }
    std::printf("load: %s (%.0f MB): %lld messages, %lld reaction users, %zu members in %.2f s; "
                "RSS %.0f MB after load (%.0f MB before), peak RSS %.0f MB\n",
                qPrintable(snapshotPath), megabytes,
                static_cast<long long>(snapshot->messageCount()),
                static_cast<long long>(snapshot->reactionUserCount()), snapshot->members().size(),
                loadSeconds, double(kib("VmRSS:")) / 1024.0, double(rssBefore) / 1024.0,
                double(kib("VmHWM:")) / 1024.0);

    // Page targets: message pages in the biggest channel, reaction pages of the longest lists.
    // Only channels the bot may read: elsewhere the answers would be 403s or empty pages.
    std::vector<Target> messagePages;
    std::vector<Target> reactionPages;
    const auto bot = snapshot->findBotUser();
    if (!bot) {
        std::fprintf(stderr, "%s\n", qPrintable(bot.error().text()));
        return 1;
    }
    auto readable = [&](const Channel &c) {
        const quint64 need = permission::ViewChannel | permission::ReadMessageHistory;
        return (snapshot->channelPermissions(*bot, c) & need) == need;
    };
    const Channel *biggest = nullptr;
    for (const Channel &c : snapshot->channels()) {
        if (readable(c) && (!biggest || c.messages.size() > biggest->messages.size()))
            biggest = &c;
    }
    const QByteArray auth = "Authorization: Bot bench-token\r\n";
    for (size_t i = 0; biggest && i < 4096; ++i) {
        const size_t at = (i * 104729) % biggest->messages.size();
        const std::string target =
            "/api/v10/channels/" + std::to_string(biggest->id) +
            "/messages?limit=100&before=" + std::to_string(biggest->messages[at].id);
        messagePages.push_back(
            {"GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth.toStdString() + "\r\n"});
    }
    for (const Channel &c : snapshot->channels()) {
        if (!readable(c))
            continue;
        for (const Message &m : c.messages) {
            for (const Reaction &r : m.reactions) {
                if (r.normal.size() < 150 || reactionPages.size() >= 4096)
                    continue;
                const QByteArray key =
                    QUrl::toPercentEncoding(QString::fromUtf8(snapshot->emojiKey(r.key)));
                const quint64 after = r.normal[r.normal.size() / 3];
                const std::string target = "/api/v10/channels/" + std::to_string(c.id) +
                                           "/messages/" + std::to_string(m.id) + "/reactions/" +
                                           key.toStdString() +
                                           "?limit=100&after=" + std::to_string(after);
                reactionPages.push_back({"GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                         auth.toStdString() + "\r\n"});
            }
        }
    }

    ServerOptions options;
    options.token = QStringLiteral("bench-token");
    options.rateLimits = false;
    ServerThread thread;
    const auto port = thread.start(std::move(*snapshot), options);
    if (!port) {
        std::fprintf(stderr, "%s\n", qPrintable(port.error().text()));
        return 1;
    }
    std::printf("serving on port %u; %d keep-alive connections, %.0f s per scenario\n",
                unsigned(*port), connections, seconds);

    struct Scenario
    {
        const char *name;
        const char *group;
        const std::vector<Target> *targets;
    };
    const Scenario scenarios[] = {
        {"message pages (limit=100, before=)", "messages", &messagePages},
        {"reaction-user pages (limit=100, after=)", "reactions", &reactionPages}};
    for (const Scenario &s : scenarios) {
        if (s.targets->empty()) {
            std::printf("%s: no targets in this snapshot\n", s.name);
            continue;
        }
        const RunResult r = hammer(*port, *s.targets, connections, seconds);
        const QJsonObject stats = QJsonDocument::fromJson(thread.server()->statsJson()).object();
        const QJsonObject t =
            stats[QStringLiteral("server_time_us")][QLatin1StringView(s.group)].toObject();
        std::printf(
            "%s: %.0f requests/s (%lld requests, %lld errors); client latency median %.0f us, "
            "p99 %.0f us; server time median %.1f us, p99 %.1f us (last %d samples)\n",
            s.name, double(r.requests) / r.seconds, static_cast<long long>(r.requests),
            static_cast<long long>(r.errors), percentile(r.latencyUs, 0.5),
            percentile(r.latencyUs, 0.99), t[QStringLiteral("median")].toDouble(),
            t[QStringLiteral("p99")].toDouble(),
            std::min(8192, t[QStringLiteral("count")].toInt()));
    }
    thread.stop();
    return 0;
}
