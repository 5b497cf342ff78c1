#include "GuildChurn.h"

#include "EmulatorClient.h"
#include "common/Snowflake.h"
#include "emulator/Server.h"

#include <QDateTime>
#include <QSet>
#include <QTextStream>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace gavel::soak {

namespace {

struct ReactionView
{
    QByteArray key;
    std::vector<quint64> normal, burst;
};

struct MessageView
{
    quint64 channel = 0;
    quint64 id = 0;
    std::vector<ReactionView> reactions;
};

//! What the churn picks from, copied out of the live snapshot on the server's thread.
struct GuildView
{
    std::vector<quint64> channels;   //!< text channels the bot reads
    std::vector<MessageView> recent; //!< their newest messages
    std::vector<quint64> members;    //!< humans other than the owner
    QHash<quint64, QSet<quint64>> memberRoles;
    std::vector<quint64> roles; //!< roles a moderator can hand out
};

GuildView viewOf(emulator::Server &server, int recentWindow)
{
    GuildView view;
    const quint64 bot = server.botUserId();
    server.withSnapshot([&](emulator::Snapshot &s) {
        const quint64 readable =
            emulator::permission::ViewChannel | emulator::permission::ReadMessageHistory;
        for (const emulator::Channel &c : s.channels()) {
            // Threads are left alone: an incremental sync need not re-read archived ones.
            if ((c.type != 0 && c.type != 5) || c.messages.empty() ||
                (s.channelPermissions(bot, c) & readable) != readable)
                continue;
            view.channels.push_back(c.id);
            const size_t from =
                c.messages.size() > size_t(recentWindow) ? c.messages.size() - recentWindow : 0;
            for (size_t i = from; i < c.messages.size(); ++i) {
                MessageView m{c.id, c.messages[i].id, {}};
                for (const emulator::Reaction &r : c.messages[i].reactions)
                    m.reactions.push_back({s.emojiKey(r.key), r.normal, r.burst});
                view.recent.push_back(std::move(m));
            }
        }
        for (const emulator::Member &m : s.members()) {
            if (m.bot || m.userId == s.ownerId())
                continue;
            view.members.push_back(m.userId);
            view.memberRoles.insert(m.userId, QSet<quint64>(m.roles.begin(), m.roles.end()));
        }
        for (const emulator::Role &r : s.roles()) {
            if (r.id != s.guildId() && !r.managed)
                view.roles.push_back(r.id);
        }
    });
    return view;
}

QString id(quint64 value)
{
    return snowflake::toString(value);
}

} // namespace

GuildChurn::GuildChurn(emulator::Server &server, test::EmulatorClient &admin, quint64 seed)
    : m_server(server)
    , m_admin(admin)
    , m_rng(seed)
{}

bool GuildChurn::request(const QByteArray &method, const QString &path, const QByteArray &body,
                         ChurnCounts &counts)
{
    const test::EmulatorReply reply = m_admin.admin(method, path, body);
    if (reply.status >= 200 && reply.status < 300)
        return true;
    ++counts.refused;
    QTextStream(stderr) << "gavel_soak: the emulator refused " << method << " /_emulator" << path
                        << ": " << reply.status << ' ' << QString::fromUtf8(reply.body) << '\n';
    return false;
}

ChurnCounts GuildChurn::run(int round, const ChurnSizes &sizes)
{
    ChurnCounts counts;
    GuildView view = viewOf(m_server, sizes.recentWindow);
    if (view.channels.empty() || view.members.empty() || view.recent.empty())
        return counts;
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(m_rng); };
    auto member = [&] { return view.members[pick(view.members.size())]; };

    for (int i = 0; i < sizes.newMessages; ++i) {
        const QByteArray body = R"({"author_id": ")" + id(member()).toUtf8() +
                                R"(", "content": "soak round )" + QByteArray::number(round) +
                                ", message " + QByteArray::number(i) + "\"}";
        if (request("POST",
                    u"/channels/%1/messages"_s.arg(id(view.channels[pick(view.channels.size())])),
                    body, counts))
            ++counts.newMessages;
    }
    for (int i = 0; i < sizes.edits; ++i) {
        const MessageView &m = view.recent[pick(view.recent.size())];
        const QByteArray body =
            R"({"content": "edited in soak round )" + QByteArray::number(round) + "\"}";
        if (request("PATCH", u"/channels/%1/messages/%2"_s.arg(id(m.channel), id(m.id)), body,
                    counts))
            ++counts.edits;
    }
    static const QByteArray emoji[] = {"👍", "🎉", "🔥", "❤️"};
    for (int i = 0; i < sizes.reactionsAdded; ++i) {
        MessageView &m = view.recent[pick(view.recent.size())];
        const QByteArray key = emoji[pick(std::size(emoji))];
        const quint64 user = member();
        const bool burst = pick(10) == 0;
        const QString path = u"/channels/%1/messages/%2/reactions/%3/%4?type=%5"_s.arg(
            id(m.channel), id(m.id),
            QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(key))), id(user),
            burst ? u"1"_s : u"0"_s);
        if (request("PUT", path, {}, counts))
            ++counts.reactionsAdded;
    }
    std::vector<MessageView *> reacted;
    for (MessageView &m : view.recent) {
        if (!m.reactions.empty())
            reacted.push_back(&m);
    }
    for (int i = 0; i < sizes.reactionsRemoved && !reacted.empty(); ++i) {
        MessageView &m = *reacted[pick(reacted.size())];
        ReactionView &r = m.reactions[pick(m.reactions.size())];
        const bool burst = r.normal.empty() || (!r.burst.empty() && pick(4) == 0);
        std::vector<quint64> &users = burst ? r.burst : r.normal;
        if (users.empty())
            continue;
        const size_t at = pick(users.size());
        const QString path = u"/channels/%1/messages/%2/reactions/%3/%4?type=%5"_s.arg(
            id(m.channel), id(m.id),
            QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(r.key))), id(users[at]),
            burst ? u"1"_s : u"0"_s);
        users.erase(users.begin() + qsizetype(at));
        if (request("DELETE", path, {}, counts))
            ++counts.reactionsRemoved;
    }
    // Deletions come after edits and reactions, so they never target a message already gone.
    for (int i = 0; i < sizes.deletions && !view.recent.empty(); ++i) {
        const size_t at = pick(view.recent.size());
        const MessageView m = view.recent[at];
        view.recent.erase(view.recent.begin() + qsizetype(at));
        if (request("DELETE", u"/channels/%1/messages/%2"_s.arg(id(m.channel), id(m.id)), {},
                    counts))
            ++counts.deletions;
    }
    for (int i = 0; i < sizes.roleChanges && !view.roles.empty(); ++i) {
        const quint64 user = member();
        const quint64 role = view.roles[pick(view.roles.size())];
        const bool add = !view.memberRoles.value(user).contains(role);
        const QString path = u"/members/%1/roles/%2?reason=soak%20round%20%3"_s.arg(
            id(user), id(role), QString::number(round));
        if (request(add ? "PUT" : "DELETE", path, {}, counts)) {
            ++counts.roleChanges;
            if (add)
                view.memberRoles[user].insert(role);
            else
                view.memberRoles[user].remove(role);
        }
    }
    for (int i = 0; i < sizes.leaves && view.members.size() > 10; ++i) {
        const size_t at = pick(view.members.size());
        const quint64 user = view.members[at];
        view.members.erase(view.members.begin() + qsizetype(at));
        if (request("DELETE", u"/members/%1"_s.arg(id(user)), {}, counts))
            ++counts.leaves;
    }
    for (int i = 0; i < sizes.joins; ++i) {
        // Ids from the clock, like Discord's, and never reused within a run.
        m_nextUser = std::max(m_nextUser + 1,
                              snowflake::fromMsecs(QDateTime::currentMSecsSinceEpoch()) | 0x3ff000);
        const QByteArray user = id(m_nextUser).toUtf8();
        const QByteArray body = R"({"user": {"id": ")" + user + R"(", "username": "soak-)" + user +
                                R"(", "discriminator": "0", "global_name": "Soak )" +
                                QByteArray::number(round) + "-" + QByteArray::number(i) +
                                R"(", "avatar": null}, "roles": []})";
        if (request("POST", u"/members"_s, body, counts))
            ++counts.joins;
    }
    return counts;
}

} // namespace gavel::soak
