#include "DaimyoLadder.h"

#include <algorithm>

namespace gavel::demoguild {

namespace {

struct Standing
{
    int senpaiReactions = 0;         //!< :dojo: from Senpai or Sensei at the time
    int senseiReactions = 0;         //!< :dojo: from Sensei at the time
    int recentSensei = 0;            //!< the same, within the last 360 days
    std::vector<int> senpaiReactors; //!< distinct, sorted
    std::vector<int> senseiReactors;
    bool dirty = false;
};

void insertSorted(std::vector<int> &set, int value)
{
    const auto it = std::lower_bound(set.begin(), set.end(), value);
    if (it == set.end() || *it != value)
        set.insert(it, value);
}

} // namespace

int DaimyoLadder::requiredDistinct(int count, int basisPoints)
{
    const qint64 needed = (static_cast<qint64>(count) * basisPoints + 9999) / 10000;
    return static_cast<int>(std::max<qint64>(1, needed));
}

void DaimyoLadder::run(GuildModel &model)
{
    std::vector<Person> &people = model.people;
    const int n = static_cast<int>(people.size());
    std::vector<Standing> standing(static_cast<std::size_t>(n));
    std::vector<int> dirty;
    std::vector<bool> seeded(static_cast<std::size_t>(n), false);

    for (Person &p : people)
        p.level = p.core ? 2 : 0; // Felt holders are Sensei from the start and never decay

    const auto deactivated = [&](const Person &p, qint64 t) {
        return p.deactivatedMs != 0 && t >= p.deactivatedMs;
    };
    const auto counted = [&](const Person &p, qint64 t) { return !p.bot && p.activeAt(t); };

    const qint64 recentFrom = model.endMs - 360 * dayMs;
    qint64 nextCheck = (model.createdMs / dayMs + 1) * dayMs;

    const auto dailyCheck = [&](qint64 now) {
        for (int i = 0; i < n; ++i) {
            Person &p = people[i];
            if (p.deactivatedMs != 0 && now >= p.deactivatedMs && p.level > 0 && !p.core)
                p.level = 0;
            else if (p.seedSenpaiMs != 0 && now >= p.seedSenpaiMs && p.level == 0 &&
                     !deactivated(p, now) && !seeded[i]) {
                seeded[i] = true;
                p.level = 1;
                model.roleEvents.push_back({i, RoleSenpai, now});
            }
        }
        int senpaiOrSensei = 0;
        int sensei = 0;
        for (const Person &p : people) {
            if (!counted(p, now) || deactivated(p, now))
                continue;
            senpaiOrSensei += p.level >= 1 ? 1 : 0;
            sensei += p.level >= 2 ? 1 : 0;
        }
        const int needSenpai = requiredDistinct(senpaiOrSensei, 1000);
        const int needSensei = requiredDistinct(sensei, 2000);
        std::sort(dirty.begin(), dirty.end());
        for (int i : dirty) {
            Person &p = people[i];
            Standing &s = standing[i];
            s.dirty = false;
            if (!counted(p, now) || deactivated(p, now))
                continue;
            if (p.level == 0 && s.senpaiReactions >= 50 &&
                static_cast<int>(s.senpaiReactors.size()) >= needSenpai) {
                p.level = 1;
                model.roleEvents.push_back({i, RoleSenpai, now});
            }
            if (p.level == 1 && s.senseiReactions >= 30 &&
                static_cast<int>(s.senseiReactors.size()) >= needSensei) {
                p.level = 2;
                model.roleEvents.push_back({i, RoleSensei, now});
            }
        }
        dirty.clear();
    };

    const std::vector<Message> &messages = model.messages;
    for (int index : model.chronological) {
        const Message &m = messages[index];
        while (nextCheck <= m.ms && nextCheck <= model.rolesAsOfMs) {
            dailyCheck(nextCheck);
            nextCheck += dayMs;
        }
        const Person &author = people[m.author];
        if (author.bot || deactivated(author, m.ms))
            continue;
        for (quint32 r = m.reactionBegin; r < m.reactionEnd; ++r) {
            const Reaction &reaction = model.reactions[r];
            if (reaction.emoji != model.dojo || reaction.user == m.author)
                continue;
            const Person &reactor = people[reaction.user];
            if (reactor.bot || deactivated(reactor, m.ms) || reactor.level == 0)
                continue;
            // After the role snapshot the previous bot no longer ran: reactions still count
            // for the decay window, but no longer change anyone's standing for promotions.
            Standing &s = standing[m.author];
            if (reactor.level >= 2 && m.ms >= recentFrom)
                ++s.recentSensei;
            if (m.ms > model.rolesAsOfMs)
                continue;
            ++s.senpaiReactions;
            insertSorted(s.senpaiReactors, reaction.user);
            if (reactor.level >= 2) {
                ++s.senseiReactions;
                insertSorted(s.senseiReactors, reaction.user);
            }
            if (!s.dirty) {
                s.dirty = true;
                dirty.push_back(m.author);
            }
        }
    }
    while (nextCheck <= model.rolesAsOfMs) {
        dailyCheck(nextCheck);
        nextCheck += dayMs;
    }

    model.decayCandidates.clear();
    for (int i = 0; i < n; ++i) {
        const Person &p = people[i];
        if (p.level == 2 && !p.core && p.isMember() && standing[i].recentSensei < 30)
            model.decayCandidates.push_back(i);
    }
}

} // namespace gavel::demoguild
