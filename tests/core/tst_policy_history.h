#pragma once

// Hand-built histories for the policy tests: small guilds whose every reaction is chosen by
// the test, so that each worked example of product.md is reproduced from first principles.

#include "history/History.h"
#include "policy/Policy.h"

#include <QString>
#include <QStringList>

#include <algorithm>

namespace gavel::test {

using history::Index;
using history::NoIndex;
using history::NoTime;

inline constexpr qint64 Minute = 60LL * 1000;
inline constexpr qint64 Hour = 60 * Minute;
inline constexpr qint64 Day = 24 * Hour;
//! 2026-01-05T00:00:00Z, a Monday: weeks (R4 budgets) start here.
inline constexpr qint64 T0 = 1767571200000LL;

class HistoryBuilder
{
public:
    HistoryBuilder()
    {
        h.guildId = 900000000000000001ULL;
        h.guildName = QStringLiteral("Test Dojo");
        for (const char *name :
             {"Kohai", "Senpai", "Sensei", "Felt", "Deactivated", "Moderator", "Admin", "Artist"})
            role(QString::fromLatin1(name));
        for (const char *name : {"dojo", "sourcecred", "hive"})
            emoji(QString::fromLatin1(name), true);
        for (const char *name : {"👍", "🙏", "🙌", "❤️"})
            emoji(QString::fromUtf8(name), false);
        const Index community = channel(QStringLiteral("Community"), NoIndex, 4);
        channel(QStringLiteral("general"), community);
        channel(QStringLiteral("didathing"), community);
        channel(QStringLiteral("memes"), community);
        channel(QStringLiteral("off-topic"), community);
    }

    Index role(const QString &name)
    {
        h.roles.push_back({910000000000000000ULL + h.roles.size(), name,
                           static_cast<int>(h.roles.size()), false});
        return static_cast<Index>(h.roles.size() - 1);
    }
    Index roleNamed(const QString &name) const
    {
        for (std::size_t i = 0; i < h.roles.size(); ++i) {
            if (h.roles[i].name == name)
                return static_cast<Index>(i);
        }
        return NoIndex;
    }
    Index emoji(const QString &name, bool custom)
    {
        history::Emoji e;
        e.storeId = static_cast<qint64>(h.emojis.size() + 1);
        e.name = name;
        e.key = custom ? name + QStringLiteral(":92000000000000000%1").arg(h.emojis.size()) : name;
        h.emojis.push_back(e);
        return static_cast<Index>(h.emojis.size() - 1);
    }
    Index emojiNamed(const QString &name) const
    {
        for (std::size_t i = 0; i < h.emojis.size(); ++i) {
            if (h.emojis[i].name == name)
                return static_cast<Index>(i);
        }
        return NoIndex;
    }
    Index channel(const QString &name, Index parent = NoIndex, int type = 0)
    {
        history::Channel c;
        c.id = 930000000000000000ULL + h.channels.size();
        c.parent = parent;
        c.type = type;
        c.name = name;
        h.channels.push_back(c);
        return static_cast<Index>(h.channels.size() - 1);
    }
    Index channelNamed(const QString &name) const
    {
        for (std::size_t i = 0; i < h.channels.size(); ++i) {
            if (h.channels[i].name == name)
                return static_cast<Index>(i);
        }
        return NoIndex;
    }
    Index user(const QString &name = {}, bool bot = false)
    {
        history::User u;
        u.id = 940000000000000000ULL + h.users.size();
        u.username = name.isEmpty() ? QStringLiteral("user%1").arg(h.users.size()) : name;
        u.createdAt = T0 - 400 * Day;
        u.joinedAt = T0 - 400 * Day;
        u.member = true;
        u.bot = bot;
        h.users.push_back(u);
        return static_cast<Index>(h.users.size() - 1);
    }
    //! A member holding `roleName` over [from, until).
    void give(Index u, const QString &roleName, qint64 from = NoTime, qint64 until = NoTime)
    {
        h.roleSpans.push_back({u, roleNamed(roleName), from, until});
    }
    Index message(Index author, qint64 at, const QString &channelName = QStringLiteral("general"),
                  const QString &text = {}, const QList<Index> &mentions = {},
                  Index replyTo = NoIndex)
    {
        history::Message m;
        m.id = 950000000000000000ULL + h.messages.size();
        m.createdAt = at;
        m.author = author;
        m.channel = channelNamed(channelName);
        m.replyToAuthor = replyTo;
        m.firstMention = static_cast<quint32>(h.mentions.size());
        m.mentionCount = static_cast<quint32>(mentions.size());
        for (const Index u : mentions)
            h.mentions.push_back(u);
        h.messages.push_back(m);
        h.content.push_back(text);
        return static_cast<Index>(h.messages.size() - 1);
    }
    void react(Index reactor, Index msg, const QString &emojiName = QStringLiteral("dojo"),
               bool burst = false)
    {
        history::Reaction r;
        r.reactor = reactor;
        r.message = msg;
        r.author = h.messages[msg].author;
        r.channel = h.messages[msg].channel;
        r.emoji = emojiNamed(emojiName);
        r.burst = burst;
        r.at = h.messages[msg].createdAt;
        r.firstSeenAt = r.at;
        h.reactions.push_back(r);
    }
    //! Sorts as History::load does and rebuilds the id maps.
    history::History build()
    {
        history::History out = h;
        std::stable_sort(out.reactions.begin(), out.reactions.end(),
                         [](const history::Reaction &a, const history::Reaction &b) {
                             return std::tie(a.at, a.message, a.emoji, a.reactor) <
                                    std::tie(b.at, b.message, b.emoji, b.reactor);
                         });
        out.reindex();
        return out;
    }

    history::History h;
};

//! A policy from JSON text; QFAILs on a parse error.
inline policy::Policy policyFrom(const QByteArray &json)
{
    auto p = policy::Policy::parse(json, QStringLiteral("test"));
    if (!p)
        qFatal("%s", qPrintable(p.error().text()));
    return *p;
}

} // namespace gavel::test
