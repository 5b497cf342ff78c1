// R4: cred minting with every anti-gaming rule of seeds 000 and 001 (Evaluator::cred).

#include "policy/Evaluator.h"

#include <QMutexLocker>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>

using namespace Qt::StringLiterals;

namespace gavel::policy {

using history::History;

namespace {

QString refusalOf(const HistoryIndex &x, const CompiledPolicy &c, const history::Reaction &r)
{
    const History &h = x.history();
    if (r.removedAt != NoTime && !c.policy.countRemovedReactions)
        return u"removed by the reactor"_s;
    if (r.reactor >= h.users.size() || r.author >= h.users.size())
        return u"reactor or author unknown"_s;
    if (h.users[r.reactor].bot)
        return u"the reactor is a bot"_s;
    if (h.users[r.author].bot)
        return u"the author is a bot"_s;
    if (r.message < h.messages.size() && h.messages[r.message].webhook)
        return u"a webhook message"_s;
    if (r.reactor == r.author)
        return u"self-reaction"_s;
    if (c.excludedUser[r.reactor] || c.excludedUser[r.author])
        return u"reactor or author excluded by the policy"_s;
    return deactivationReason(x, c, r.reactor, r.author, r.at);
}

QString num(double v)
{
    return QString::number(v, 'g', 4);
}

} // namespace

CredBase::Key CredBase::keyOf(const CompiledPolicy &c, qint64 at)
{
    const CredRules &p = c.policy.cred;
    return {at,
            c.policy.countRemovedReactions,
            c.policy.onePerMessage,
            p.multiReactDropoff,
            p.defaultChannelWeightBp,
            p.defaultRoleWeightBp,
            c.deactivatedRole,
            c.emojiWeightBp,
            c.channelWeightBp,
            c.roleWeightsBp,
            c.excludedUser,
            c.deactivatedSince,
            c.reactivated,
            c.recorded};
}

bool CredBase::matches(const CompiledPolicy &c, qint64 at) const
{
    return key == keyOf(c, at);
}

void Evaluator::buildCredBase(const CompiledPolicy &c, qint64 T, CredBase &base, Trace trace,
                              const std::function<void(std::size_t, const QString &)> &note) const
{
    const CredRules &p = c.policy.cred;
    const History &h = m_index.history();
    const bool tracing = trace.items != nullptr;
    std::vector<CredEvent> &events = base.events;
    events.reserve(m_index.order.size() / 2);
    base.firstWeight.reserve(m_index.order.size() / 2 + 1);
    base.firstWeight.push_back(0);
    base.weights.reserve(m_index.order.size());
    std::vector<double> weights;

    const auto reactorRoleBp = [&](Index reactor, qint64 at) {
        int best = -1;
        for (const auto &[role, w] : c.roleWeightsBp) {
            if (w > best && m_index.heldRole(reactor, role, at))
                best = w;
        }
        return best < 0 ? p.defaultRoleWeightBp : best;
    };

    const std::size_t n = m_index.order.size();
    std::size_t i = 0;
    while (i < n) {
        const history::Reaction &head = h.reactions[m_index.order[i]];
        if (head.at > T)
            break;
        std::size_t j = i + 1;
        while (j < n && h.reactions[m_index.order[j]].message == head.message &&
               h.reactions[m_index.order[j]].reactor == head.reactor)
            ++j;
        const bool traced = tracing && head.author == trace.user;
        weights.clear();
        QStringList why;
        for (std::size_t k = i; k < j; ++k) {
            const quint32 ri = m_index.order[k];
            const history::Reaction &r = h.reactions[ri];
            const QString refused = refusalOf(m_index, c, r);
            if (!refused.isEmpty()) {
                if (traced)
                    trace.items->push_back({ri, r.message, r.reactor, r.at, 0, false, refused});
                continue;
            }
            const int ebp = r.emoji < c.emojiWeightBp.size() ? c.emojiWeightBp[r.emoji] : 0;
            const int cbp = r.channel < c.channelWeightBp.size() ? c.channelWeightBp[r.channel]
                                                                 : p.defaultChannelWeightBp;
            const int rbp = reactorRoleBp(r.reactor, r.at);
            const double w = (ebp / 10000.0) * (cbp / 10000.0) * (rbp / 10000.0);
            if (w <= 0) {
                if (traced)
                    trace.items->push_back(
                        {ri, r.message, r.reactor, r.at, 0, false,
                         u"weight 0: emoji %1 x channel %2 x reactor role %3"_s.arg(
                             num(ebp / 1e4), num(cbp / 1e4), num(rbp / 1e4))});
                continue;
            }
            weights.push_back(w);
            if (traced)
                why.append(u"emoji %1 x channel %2 x role %3 = %4"_s.arg(
                    num(ebp / 1e4), num(cbp / 1e4), num(rbp / 1e4), num(w)));
        }
        if (!weights.empty()) {
            std::sort(weights.begin(), weights.end(), std::greater<double>());
            if (traced && weights.size() > 1) {
                if (p.multiReactDropoff)
                    why.append(u"multi-react dropoff: %1 reactions sorted by weight, the i-th "
                               u"x%2^i"_s.arg(QString::number(weights.size()),
                                              num(p.multiReactFactorBp / 1e4)));
                else if (c.policy.onePerMessage)
                    why.append(u"one reaction per message: the heaviest counts"_s);
            }
            if (traced)
                note(events.size(), why.join(u"; "_s));
            events.push_back({head.at, head.reactor, head.author, head.message, head.channel,
                              m_index.pairOf[m_index.order[i]], m_index.order[i]});
            base.weights.insert(base.weights.end(), weights.begin(), weights.end());
            base.firstWeight.push_back(static_cast<quint32>(base.weights.size()));
        }
        i = j;
    }
}

namespace {

//! Per event, the per-pair dropoff factor (A -> B across messages, in time order). It depends
//! only on the events' times and pairs and the dropoff parameters, not on any weight.
template<class Traced, class Annotate>
std::vector<double> pairFactors(const std::vector<CredEvent> &events, std::size_t pairs,
                                const CredRules &p, Traced traced, Annotate annotate)
{
    std::vector<double> out(events.size(), 1.0);
    const double f = p.pairFactorBp / 10000.0;
    // One record per pair: a single cache miss per event on 3.6M pairs.
    struct State
    {
        qint64 start = NoTime;
        double level = 1.0; // hard reset: next factor; recovery: floor
        int k = 0;
    };
    std::vector<State> state(pairs);
    const qint64 window = p.pairWindowMinutes * 60000;
    const qint64 recovery = p.pairRecoveryMinutes * 60000;
    for (std::size_t ev = 0; ev < events.size(); ++ev) {
        const CredEvent &x = events[ev];
        State &s = state[x.pair];
        double factor = 1;
        if (p.pairDropoff == PairDropoff::HardReset) {
            if (s.start == NoTime || x.at - s.start >= window) {
                s.start = x.at;
                s.level = 1.0;
                s.k = 0;
            }
            factor = s.level;
            s.level *= f;
            ++s.k;
            if (traced(ev))
                annotate(ev, u"per-pair dropoff: reaction %1 from this reactor in the window "
                             u"(x%2)"_s.arg(QString::number(s.k), num(factor)));
        } else {
            if (s.start == NoTime || x.at - s.start >= recovery) {
                factor = 1;
                s.level = f;
            } else {
                factor = 1 - (1 - s.level) *
                                 recoveryRemaining(x.at - s.start, recovery, p.pairRecoveryShapeBp);
                s.level *= f;
            }
            s.start = x.at;
            if (traced(ev))
                annotate(ev, u"per-pair dropoff with recovery: allowance x%1"_s.arg(num(factor)));
        }
        out[ev] = factor;
    }
    return out;
}

//! Per event: the mutual volume of its pair over the whole evaluated history, min(events of
//! the pair, events of the reverse pair) (pairwise coordination discount).
std::vector<quint32> mutualVolumes(const std::vector<CredEvent> &events, const HistoryIndex &x)
{
    std::vector<quint32> volume(x.pairReactor.size(), 0);
    for (const CredEvent &ev : events)
        ++volume[ev.pair];
    std::vector<quint32> out(events.size());
    for (std::size_t ev = 0; ev < events.size(); ++ev) {
        const quint32 rev = x.reversePair[events[ev].pair];
        out[ev] = rev == NoIndex ? 0 : std::min(volume[events[ev].pair], volume[rev]);
    }
    return out;
}

//! Merit sources: which events come from a source-role holder, and when each member was
//! verified (reacted to N times by source-role holders).
std::shared_ptr<const CredStages::Merit> meritOf(const std::vector<CredEvent> &events,
                                                 const HistoryIndex &x, const CompiledPolicy &c)
{
    auto m = std::make_shared<CredStages::Merit>();
    m->roles = c.meritRoles;
    m->reactions = c.policy.cred.meritReactions;
    const std::size_t users = x.history().users.size();
    m->verifiedAt.assign(users, NoTime);
    m->fromMerit.assign(events.size(), false);
    std::vector<int> fromSources(users, 0);
    for (std::size_t ev = 0; ev < events.size(); ++ev) {
        const CredEvent &e = events[ev];
        const bool source = x.heldAny(e.reactor, c.meritRoles, e.at);
        m->fromMerit[ev] = source;
        if (m->verifiedAt[e.author] != NoTime)
            continue;
        if (source && ++fromSources[e.author] >= m->reactions)
            m->verifiedAt[e.author] = e.at;
    }
    return m;
}

std::atomic<quint64> credGenerations{0};

} // namespace

void Evaluator::cred(Evaluation &e, Trace trace) const
{
    const CompiledPolicy &c = *e.policy;
    const CredRules &p = c.policy.cred;
    const History &h = m_index.history();
    const qint64 T = e.at;
    const bool tracing = trace.items != nullptr;

    // Tracing only: the reasons of the traced member's events, in the order the stages add them.
    std::map<std::size_t, QStringList> notes;

    // Stage 1: one event per (reactor, message) with its reactions' base weights. It depends
    // only on the weights, exclusions, deactivations and T, so the lab's later-stage changes
    // (dropoff factors, budgets, tiers, discounts) reuse it from the last evaluation, together
    // with what the later stages computed from it that the change does not touch.
    std::shared_ptr<const CredBase> base;
    CredStages stages;
    if (!tracing) {
        QMutexLocker lock(&m_cacheMutex);
        if (m_credBase && m_credBase->matches(c, T)) {
            base = m_credBase;
            if (m_credStages && m_credStages->generation == base->generation)
                stages = *m_credStages;
        }
    }
    if (!base) {
        auto built = std::make_shared<CredBase>(CredBase::keyOf(c, T));
        built->generation = ++credGenerations;
        buildCredBase(c, T, *built, trace, [&](std::size_t ev, const QString &text) {
            if (!text.isEmpty())
                notes[ev].append(text);
        });
        if (!tracing) {
            QMutexLocker lock(&m_cacheMutex);
            m_credBase = built;
            m_credStages.reset();
        }
        base = std::move(built);
    }
    stages.generation = base->generation;
    const std::vector<CredEvent> &events = base->events;

    // Multi-react dropoff: the i-th heaviest reaction of an event counts x factor^i.
    std::vector<double> value(events.size());
    for (std::size_t ev = 0; ev < events.size(); ++ev) {
        const double *w = base->weights.data() + base->firstWeight[ev];
        const std::size_t count = base->firstWeight[ev + 1] - base->firstWeight[ev];
        double v = 0;
        if (p.multiReactDropoff) {
            double f = 1;
            for (std::size_t k = 0; k < count; ++k) {
                v += w[k] * f;
                f *= p.multiReactFactorBp / 10000.0;
            }
        } else if (c.policy.onePerMessage) {
            v = w[0];
        } else {
            for (std::size_t k = 0; k < count; ++k)
                v += w[k];
        }
        value[ev] = v;
    }

    // Reasons are only built for the traced member: formatting them for 5M events is slow.
    const auto traced = [&](std::size_t ev) { return tracing && events[ev].author == trace.user; };
    const auto annotate = [&](std::size_t ev, const QString &text) { notes[ev].append(text); };

    // Per-pair dropoff (A -> B across messages), in time order.
    const std::size_t pairs = m_index.pairReactor.size();
    if (p.pairDropoff != PairDropoff::Off) {
        const CredStages::PairKey key{p.pairDropoff, p.pairFactorBp, p.pairRecoveryShapeBp,
                                      p.pairWindowMinutes, p.pairRecoveryMinutes};
        if (tracing) {
            stages.pairFactor = std::make_shared<const std::vector<double>>(
                pairFactors(events, pairs, p, traced, annotate));
        } else if (!stages.pairFactor || !(stages.pairKey == key)) {
            stages.pairFactor = std::make_shared<const std::vector<double>>(pairFactors(
                events, pairs, p, [](std::size_t) { return false; },
                [](std::size_t, const QString &) {}));
        }
        stages.pairKey = key;
        const std::vector<double> &factor = *stages.pairFactor;
        for (std::size_t ev = 0; ev < events.size(); ++ev)
            value[ev] *= factor[ev];
    }

    // Pairwise coordination discount: mutual volume over the whole evaluated history.
    if (p.pairDiscount && !stages.mutual)
        stages.mutual =
            std::make_shared<const std::vector<quint32>>(mutualVolumes(events, m_index));

    // Merit sources: a reactor mints once source-role holders reacted to it N times.
    if (p.meritSources && (!stages.merit || stages.merit->roles != c.meritRoles ||
                           stages.merit->reactions != p.meritReactions))
        stages.merit = meritOf(events, m_index, c);
    const std::vector<bool> *fromMerit = p.meritSources ? &stages.merit->fromMerit : nullptr;
    const std::vector<qint64> *verifiedAt = p.meritSources ? &stages.merit->verifiedAt : nullptr;
    const auto merit = [&](std::size_t ev) { return fromMerit && (*fromMerit)[ev]; };

    if (!tracing) {
        QMutexLocker lock(&m_cacheMutex);
        if (m_credBase == base)
            m_credStages = std::make_shared<const CredStages>(stages);
    }

    // Week by week: trust tiers use the scores of the weeks before; budgets scale each week.
    std::vector<double> score(h.users.size(), 0.0);
    std::vector<double> reactorSum(h.users.size(), 0.0);
    std::vector<double> channelSum(c.channelBudgets.size(), 0.0);
    std::vector<Index> touched;
    std::size_t weekBegin = 0;
    while (weekBegin < events.size()) {
        const qint64 week = weekOf(events[weekBegin].at);
        std::size_t weekEnd = weekBegin;
        while (weekEnd < events.size() && weekOf(events[weekEnd].at) == week)
            ++weekEnd;
        touched.clear();
        for (std::size_t ev = weekBegin; ev < weekEnd; ++ev) {
            const CredEvent &x = events[ev];
            double v = value[ev];
            // Merit sources are the trusted seeds: tiers start from them, so they mint in full.
            if (p.trustTiers && !merit(ev)) {
                int bp = p.tiers.front().weightBp;
                for (const TrustTier &t : p.tiers) {
                    if (score[x.reactor] + 1e-9 >= double(t.min))
                        bp = t.weightBp;
                }
                v *= bp / 10000.0;
                if (traced(ev))
                    annotate(ev,
                             u"trust tier of the reactor (score %1 before this week): x%2"_s.arg(
                                 num(score[x.reactor]), num(bp / 1e4)));
            }
            if (p.meritSources && !merit(ev) &&
                ((*verifiedAt)[x.reactor] == NoTime || x.at < (*verifiedAt)[x.reactor])) {
                v = 0;
                if (traced(ev))
                    annotate(ev,
                             u"the reactor is not yet verified by a merit source: mints nothing"_s);
            }
            value[ev] = v;
            if (reactorSum[x.reactor] == 0 && v > 0)
                touched.push_back(x.reactor);
            reactorSum[x.reactor] += v;
        }
        // Reactor budget and the new-member ramp: past the cap, the cap is shared evenly.
        const auto capOf = [&](Index reactor, std::size_t ev) {
            double cap = p.reactorBudget ? double(p.reactorBudgetPerWeek) : -1;
            if (p.meritSources && !p.ramp.empty() && (*verifiedAt)[reactor] != NoTime &&
                !merit(ev)) {
                const qint64 n = week - weekOf((*verifiedAt)[reactor]) + 1;
                for (const RampStep &s : p.ramp) {
                    if (s.week == n)
                        cap = cap < 0 ? double(s.cap) : std::min(cap, double(s.cap));
                }
            }
            return cap;
        };
        const double k = double(p.pairDiscountK);
        for (std::size_t ev = weekBegin; ev < weekEnd; ++ev) {
            const CredEvent &x = events[ev];
            double &v = value[ev];
            if (v <= 0)
                continue;
            const double cap = capOf(x.reactor, ev);
            if (cap >= 0 && reactorSum[x.reactor] > cap) {
                const double s = cap / reactorSum[x.reactor];
                v *= s;
                if (traced(ev))
                    annotate(ev,
                             u"reactor budget: %1 minted this week against a cap of %2, shared "
                             u"evenly (x%3)"_s.arg(num(reactorSum[x.reactor]), num(cap), num(s)));
            }
            if (p.pairDiscount) {
                const double discount = k / (k + double((*stages.mutual)[ev]));
                v *= discount;
                if (discount < 1 && traced(ev))
                    annotate(ev,
                             u"pairwise coordination discount k/(k+M) = x%1"_s.arg(num(discount)));
            }
        }
        for (const Index r : touched)
            reactorSum[r] = 0;
        // Channel and platform budgets scale a scope's weights down uniformly.
        double platform = 0;
        std::fill(channelSum.begin(), channelSum.end(), 0.0);
        for (std::size_t ev = weekBegin; ev < weekEnd; ++ev) {
            const double v = value[ev];
            platform += v;
            const Index ch = events[ev].channel;
            if (ch < c.channelBudgetScope.size() && c.channelBudgetScope[ch] != NoIndex)
                channelSum[c.channelBudgetScope[ch]] += v;
        }
        const double platformScale =
            p.platformBudgetPerWeek > 0 && platform > double(p.platformBudgetPerWeek)
                ? double(p.platformBudgetPerWeek) / platform
                : 1.0;
        for (std::size_t ev = weekBegin; ev < weekEnd; ++ev) {
            const CredEvent &x = events[ev];
            double v = value[ev];
            const Index ch = x.channel;
            if (ch < c.channelBudgetScope.size() && c.channelBudgetScope[ch] != NoIndex) {
                const quint32 s = c.channelBudgetScope[ch];
                if (channelSum[s] > double(c.channelBudgets[s])) {
                    const double f = double(c.channelBudgets[s]) / channelSum[s];
                    v *= f;
                    if (traced(ev))
                        annotate(ev, u"channel budget of %1: x%2"_s.arg(c.channelBudgetNames[s],
                                                                        num(f)));
                }
            }
            if (platformScale < 1) {
                v *= platformScale;
                if (traced(ev))
                    annotate(ev, u"platform budget: x%1"_s.arg(num(platformScale)));
            }
            if (v > 0) {
                score[x.author] += v;
                ++e.members[x.author].received;
            }
            if (tracing && x.author == trace.user) {
                const auto it = notes.find(ev);
                trace.items->push_back({x.firstReaction, x.message, x.reactor, x.at, v, v > 0,
                                        it == notes.end() ? QString() : it->second.join(u"; "_s)});
            }
        }
        weekBegin = weekEnd;
    }
    for (std::size_t u = 0; u < h.users.size(); ++u)
        e.members[u].score = score[u];
}

std::vector<double> reactionWeights(const CompiledPolicy &c, const HistoryIndex &index)
{
    const History &h = index.history();
    std::vector<double> out(h.reactions.size(), 0.0);
    for (std::size_t i = 0; i < h.reactions.size(); ++i) {
        const history::Reaction &r = h.reactions[i];
        switch (c.policy.scoring) {
        case Scoring::Daimyo:
            out[i] = r.emoji < c.daimyoEmoji.size() && c.daimyoEmoji[r.emoji] ? 1.0 : 0.0;
            break;
        case Scoring::Karma:
            out[i] = r.emoji < c.karmaEmoji.size() && c.karmaEmoji[r.emoji] ? 1.0 : 0.0;
            break;
        case Scoring::Conversation:
            out[i] = 1.0;
            break;
        case Scoring::Cred: {
            const CredRules &p = c.policy.cred;
            const int ebp = r.emoji < c.emojiWeightBp.size() ? c.emojiWeightBp[r.emoji] : 0;
            const int cbp = r.channel < c.channelWeightBp.size() ? c.channelWeightBp[r.channel]
                                                                 : p.defaultChannelWeightBp;
            int rbp = -1;
            for (const auto &[role, w] : c.roleWeightsBp) {
                if (w > rbp && index.heldRole(r.reactor, role, r.at))
                    rbp = w;
            }
            if (rbp < 0)
                rbp = p.defaultRoleWeightBp;
            out[i] = (ebp / 10000.0) * (cbp / 10000.0) * (rbp / 10000.0);
            break;
        }
        }
        // A member deactivated at the time (policy file, recorded by the moderation workflow,
        // or holding the deactivated role) neither mints nor receives under any scoring.
        if (out[i] != 0.0 && !deactivationReason(index, c, r.reactor, r.author, r.at).isEmpty())
            out[i] = 0.0;
    }
    return out;
}

} // namespace gavel::policy
