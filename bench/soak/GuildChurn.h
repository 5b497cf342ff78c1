#pragma once

#include <QString>

#include <random>

namespace gavel::emulator {
class Server;
}
namespace gavel::test {
class EmulatorClient;
}

namespace gavel::soak {

//! How much a guild changes between two soak rounds.
struct ChurnSizes
{
    int newMessages = 20;
    int edits = 5;
    int deletions = 3;
    int reactionsAdded = 15;
    int reactionsRemoved = 8;
    int joins = 2;
    int leaves = 1;
    int roleChanges = 3;
    //! Changes touch only the newest messages of a channel, so that an incremental sync (which
    //! re-reads at least the newest 1,000 per channel) can see them.
    int recentWindow = 200;
};

//! What one round of churn did (requests the admin API accepted).
struct ChurnCounts
{
    int newMessages = 0, edits = 0, deletions = 0;
    int reactionsAdded = 0, reactionsRemoved = 0;
    int joins = 0, leaves = 0, roleChanges = 0;
    int refused = 0; //!< admin requests answered with an error (listed on stderr)

    int total() const
    {
        return newMessages + edits + deletions + reactionsAdded + reactionsRemoved + joins +
               leaves + roleChanges;
    }
};

/*!
 * Changes an emulated guild the way a live community does between two syncs: new messages,
 * edits, deletions, reactions added and removed, members joining and leaving, and a moderator's
 * role changes. Targets are chosen from the live snapshot; every change goes through the
 * emulator's admin API (/_emulator/...), as `gavel emulate`'s users make them.
 */
class GuildChurn
{
public:
    GuildChurn(emulator::Server &server, test::EmulatorClient &admin, quint64 seed);

    ChurnCounts run(int round, const ChurnSizes &sizes);

private:
    bool request(const QByteArray &method, const QString &path, const QByteArray &body,
                 ChurnCounts &counts);

    emulator::Server &m_server;
    test::EmulatorClient &m_admin;
    std::mt19937_64 m_rng;
    quint64 m_nextUser = 0;
};

} // namespace gavel::soak
