#include "SyntheticHistory.h"

#include <QRandomGenerator64>

#include <algorithm>

namespace gavel::bench {

history::History syntheticHistory(const SyntheticShape &shape)
{
    using history::Index;
    history::History h;
    h.guildId = 1;
    h.guildName = QStringLiteral("Synthetic");
    QRandomGenerator64 rng(shape.seed);
    const qint64 start = Q_INT64_C(1735689600000); // 2025-01-01
    const qint64 span = 365LL * 24 * 3600 * 1000;

    h.users.resize(size_t(shape.users));
    for (int u = 0; u < shape.users; ++u) {
        history::User &user = h.users[size_t(u)];
        user.id = (quint64(start - 1420070400000 - 86400000LL * (u % 900)) << 22) + quint64(u);
        user.username = QStringLiteral("user%1").arg(u);
        user.member = true;
        user.createdAt = start - 86400000LL * (u % 900);
        user.joinedAt = start;
    }
    h.channels.push_back({2, history::NoIndex, 0, QStringLiteral("general")});
    h.emojis.push_back({1, QStringLiteral("👍"), QStringLiteral("👍")});

    const int messages = shape.users * shape.messagesPerUser;
    std::vector<qint64> times(static_cast<size_t>(messages));
    for (qint64 &t : times)
        t = start + qint64(rng.bounded(quint64(span)));
    std::sort(times.begin(), times.end());
    h.messages.resize(size_t(messages));
    std::vector<std::vector<Index>> byAuthor(size_t(shape.users));
    for (int m = 0; m < messages; ++m) {
        history::Message &msg = h.messages[size_t(m)];
        msg.id = (quint64(times[size_t(m)] - 1420070400000) << 22) + quint64(m & 0x3fffff);
        msg.createdAt = times[size_t(m)];
        // Activity follows a skewed law: low user indexes post more.
        const double x = rng.generateDouble();
        msg.author = Index(double(shape.users) * x * x);
        msg.channel = 0;
        byAuthor[msg.author].push_back(Index(m));
    }

    std::vector<std::pair<Index, Index>> edges; // (reactor, message)
    const auto react = [&](Index reactor, Index author, int count) {
        const auto &posts = byAuthor[author];
        if (posts.empty() || reactor == author)
            return;
        for (int i = 0; i < count; ++i)
            edges.push_back({reactor, posts[rng.bounded(quint64(posts.size()))]});
    };
    for (int u = 0; u < shape.users; ++u) {
        for (int p = 0; p < shape.partnersPerUser; ++p) {
            const double x = rng.generateDouble();
            const Index author = Index(double(shape.users) * x * x);
            react(Index(u), author,
                  1 + int(rng.bounded(quint64(2 * shape.reactionsPerPartner - 1))));
        }
    }
    for (int r = 0; r < shape.rings; ++r) {
        std::vector<Index> ring;
        for (int i = 0; i < shape.ringSize; ++i)
            ring.push_back(Index(shape.users / 2 + r * shape.ringSize + i));
        for (Index a : ring) {
            for (Index b : ring) {
                if (a != b) {
                    for (Index m : byAuthor[b])
                        edges.push_back({a, m});
                    react(a, b, 0);
                }
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [&](const auto &x, const auto &y) {
        return x.second != y.second ? x.second < y.second : x.first < y.first;
    });
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    h.reactions.reserve(edges.size());
    for (const auto &[reactor, message] : edges) {
        history::Reaction r;
        r.reactor = reactor;
        r.message = message;
        r.author = h.messages[message].author;
        r.channel = 0;
        r.emoji = 0;
        r.at = h.messages[message].createdAt;
        r.firstSeenAt = r.at;
        h.reactions.push_back(r);
    }
    h.reindex();
    return h;
}

} // namespace gavel::bench
