#pragma once

#include "GuildModel.h"
#include "Random.h"

#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gavel::demoguild {

/*!
 * Decides everything about the demo guild: people, roles, channels, who talks when, who
 * reacts to what, the planted rings, alt families and friend groups, and the role history.
 * The result is compact (indices, no JSON); SnapshotWriter serialises it.
 */
class GuildSimulator
{
public:
    //! options must be resolved() and valid; progress gets 0-100 and may return false to cancel.
    GuildSimulator(const Options &options, std::function<bool(int)> progress);

    //! Fills model; false when cancelled through the progress callback.
    bool run(GuildModel &model);

private:
    struct Sampler
    {
        AliasTable table;
        std::vector<int> people;
        std::vector<double> maxWeight;
    };

    struct Conversation
    {
        quint32 begin = 0;
        quint32 end = 0;
    };

    // Setup.
    void setupTime();
    void createRolesAndEmojis();
    void createChannels();
    void createPeople();
    void plantGroups(std::vector<int> &pool);
    void sortPeopleById();
    void buildSamplers();

    // Messages.
    bool generateMessages();
    void plantSelfThanks(int wanted);
    void fixedMessages();
    bool organicMessages(int budget);
    int chatConversation(int channel, qint64 t, int budget, int topic, ChannelKind flavour);
    int helpConversation(int channel, qint64 t, int budget, int asker, int firstMessage);
    int didAThingConversation(int channel, qint64 t, int budget);
    int governanceConversation(int channel, qint64 t, int budget);
    int introConversation(qint64 t, int budget);
    int memeConversation(qint64 t, int budget);
    int textThread(qint64 t, int budget);
    int forumPost(qint64 t, int budget);
    void plantedPosts();
    void assignMessageIds();

    // Reactions and roles.
    void generateReactions();
    void plantSelfReactions();
    void sortReactions();
    void runLadder();
    void assignRoles();
    void finalizeChannels();

    // Helpers.
    int addChannel(ChannelKind kind, int type, const std::string &name, int parent);
    int addThread(ChannelKind kind, int parent, int owner, qint64 createdMs, ChannelKind flavour);
    int addMessage(int channel, int author, qint64 ms, MessageKind kind, int conversation,
                   int replyTo = -1, std::initializer_list<int> mentions = {},
                   bool replyPing = false);
    int beginConversation(std::initializer_list<int> people);
    int beginConversation(const std::vector<int> &people);
    quint64 allocateId(qint64 ms, int worker);
    qint64 sampleTime();
    int bucketOf(qint64 t) const;
    double postWeight(const Person &p, qint64 t) const;
    double reactWeight(const Person &p, qint64 t) const;
    int pickPoster(qint64 t, int topic, const std::vector<int> &exclude);
    int pickStaff(qint64 t);
    std::vector<int> participants(qint64 t, int topic, int first, int extra);
    qint64 nextGap(Random &rng, qint64 meanMs) const;
    bool progress(int phasePercent);

    Options m_options;
    std::function<bool(int)> m_progress;
    GuildModel *m_model = nullptr;
    Random m_rng;
    qint64 m_bucketMs = 14 * dayMs;
    std::vector<Sampler> m_post;
    std::vector<Sampler> m_react;
    std::vector<double> m_bucketPostTotal;
    AliasTable m_bucketTable;
    std::vector<Conversation> m_conversations;
    std::vector<int> m_conversationPeople;
    std::vector<int> m_byJoin; //!< human people by join time (for introductions)
    std::vector<int> m_core;
    std::vector<int> m_staff;
    std::unordered_map<qint64, int> m_idCounters;
    std::unordered_set<std::string> m_usernames;
    std::vector<int> m_channelOf; //!< ChannelKind -> channel index
};

} // namespace gavel::demoguild
