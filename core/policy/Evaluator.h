#pragma once

#include "common/Result.h"
#include "history/History.h"
#include "policy/Policy.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace gavel::policy {

using history::Index;
using history::NoIndex;
using history::NoTime;

inline constexpr qint64 WeekMs = 7LL * 24 * 3600 * 1000;
//! Weeks start on Monday 00:00 UTC (1970-01-05 was a Monday).
inline constexpr qint64 WeekOriginMs = 4LL * 24 * 3600 * 1000;
inline qint64 weekOf(qint64 t)
{
    const qint64 d = t - WeekOriginMs;
    return d >= 0 ? d / WeekMs : -((-d + WeekMs - 1) / WeekMs);
}

//! Policy-independent indexes over one History, built once and shared by every evaluation.
class HistoryIndex
{
public:
    explicit HistoryIndex(const history::History &history);

    const history::History &history() const { return *m_history; }

    //! Reaction indexes ordered by (time, message, reactor, emoji, burst).
    std::vector<quint32> order;
    //! Per reaction: dense index of its (reactor, author) pair.
    std::vector<quint32> pairOf;
    //! Per pair: reactor and author.
    std::vector<Index> pairReactor, pairAuthor;
    //! Per pair: the pair of the opposite direction, or NoIndex.
    std::vector<quint32> reversePair;
    //! Per message: visible characters (R5: mentions and custom emoji as shown); -1 = no text.
    std::vector<qint32> visibleChars;
    //! Messages of each author ordered by time: CSR, messagesOfAuthor[first[u] .. first[u+1]).
    std::vector<quint32> firstMessageOfAuthor;
    std::vector<quint32> messagesOfAuthor;

    //! Whether `user` held `role` at `at` (RoleSpan semantics of history/History.h).
    bool heldRole(Index user, Index role, qint64 at) const;
    bool heldAny(Index user, const std::vector<Index> &roles, qint64 at) const;

private:
    const history::History *m_history;
    std::vector<quint32> m_firstSpan; //!< CSR over m_spans by user
    //! Per user: bit (role % 64) set when the user has any span of that role. Most users hold
    //! no reputation role, so most lookups end here without touching the spans.
    std::vector<quint64> m_roleMask;
    std::vector<quint32> m_spans; //!< roleSpans indexes sorted by (user, role, from)
};

//! A deactivation recorded in the database by the moderation workflow (not the policy file):
//! the member mints and receives nothing in [from, until), under every policy.
struct RecordedDeactivation
{
    quint64 user = 0;
    qint64 from = 0;
    qint64 until = NoTime; //!< NoTime: still deactivated
    qint64 proposal = 0;   //!< the proposal whose push deactivated them; 0 = none recorded

    friend bool operator==(const RecordedDeactivation &, const RecordedDeactivation &) = default;
};

//! A policy resolved against one guild: role, emoji and channel names become indexes.
struct CompiledPolicy
{
    Policy policy;
    std::vector<Index> managedRoles, exemptRoles;
    Index deactivatedRole = NoIndex;
    std::vector<Index> levelRoles; //!< per level (Daimyo: Kohai, Senpai, Sensei)
    QList<quint64> levelRoleIds;   //!< per level: the role's snowflake, 0 = none
    QStringList levelNames;        //!< per level
    std::vector<int> levelNumbers; //!< per level, as shown
    // Daimyo
    std::vector<bool> daimyoEmoji; //!< per emoji
    std::vector<Index> senpaiReactorRoles, senseiReactorRoles;
    Index exemptRole = NoIndex;
    // karma
    std::vector<bool> karmaEmoji;
    std::vector<bool> excludedChannel; //!< per channel (karma, conversation)
    // cred
    std::vector<int> emojiWeightBp;   //!< per emoji
    std::vector<int> channelWeightBp; //!< per channel, with category fallback
    std::vector<QPair<Index, int>> roleWeightsBp;
    std::vector<Index> meritRoles;
    std::vector<quint32> channelBudgetScope; //!< per channel: index into channelBudgets or NoIndex
    std::vector<qint64> channelBudgets;
    QStringList channelBudgetNames;
    // R1
    std::vector<bool> excludedUser;
    std::vector<qint64> deactivatedSince; //!< per user: from the policy file; NoTime = not
    std::vector<bool> reactivated;
    //! Deactivations recorded in the database, by user index then time: CSR,
    //! recorded[firstRecorded[u] .. firstRecorded[u+1]); both empty when there are none.
    std::vector<quint32> firstRecorded;
    std::vector<RecordedDeactivation> recorded;

    //! The recorded deactivation covering `user` at `at`, if any.
    const RecordedDeactivation *recordedAt(Index user, qint64 at) const;
    //! Whether the policy file or a recorded deactivation has `user` deactivated at `at`
    //! (the deactivated role is checked separately: it needs the role history).
    bool deactivatedByRecordAt(Index user, qint64 at) const;
    //! Why `user` mints nothing at `at` ("deactivated since 2026-11-01 (proposal 4)"); empty
    //! when neither the policy file nor a recorded deactivation covers that time.
    QString deactivationNote(Index user, qint64 at) const;
};

Result<CompiledPolicy> compile(const Policy &policy, const history::History &history);
//! compile() with the deactivations the moderation workflow recorded (GuildLoader.h reads them).
Result<CompiledPolicy> compile(const Policy &policy, const history::History &history,
                               const std::vector<RecordedDeactivation> &recorded);

//! One member's result under a policy at a time.
struct MemberResult
{
    double score = 0;    //!< Daimyo: Senpai-qualifying reactions; karma/R5: integer points
    int level = 0;       //!< index into CompiledPolicy::levelNames
    qint64 received = 0; //!< reactions (or karma events, R5 sessions) counted before weights
    // Daimyo detail
    qint32 kohaiReactions = 0, senpaiReactions = 0, senpaiDistinct = 0;
    qint32 senseiReactions = 0, senseiDistinct = 0, senseiRecent = 0;
    bool decayed = false;
    bool exempt = false;
};

//! Scores and levels of every user under one policy at one time.
struct Evaluation
{
    std::shared_ptr<const CompiledPolicy> policy;
    qint64 at = 0;
    std::vector<MemberResult> members; //!< by user index
    // Daimyo context at `at`
    int senpaiHolders = 0; //!< holders of Senpai or Sensei (or the exempt role)
    int senseiHolders = 0;
    int senpaiRequired = 1, senseiRequired = 1;
    // cred: what each reactor minted per week (for the budget property)
    double totalScore = 0;

    QString levelName(Index user) const { return policy->levelNames.value(members[user].level); }
    Index targetRole(Index user) const { return policy->levelRoles[members[user].level]; }
    //! Extra CSV columns after user_id,score,level for this scoring.
    QStringList extraColumns() const;
    QStringList extraValues(Index user) const;
    QString scoreText(Index user) const;
    //! One readable sentence: why this member is at this level.
    QString reason(Index user) const;
};

//! One reaction (or karma thanks, or R5 session) that touched a member's score.
struct BreakdownItem
{
    Index reaction = NoIndex;
    Index message = NoIndex;
    Index giver = NoIndex; //!< reactor or thanker; NoIndex for R5 sessions
    qint64 at = 0;
    double weight = 0; //!< what it added to the score
    bool counted = false;
    QString reason; //!< why it counted this much or not at all
};

struct Breakdown
{
    Index user = NoIndex;
    MemberResult result;
    std::vector<BreakdownItem> items;
};

//! One cred event: a reactor's reactions to one message, combined (multi-react dropoff).
struct CredEvent
{
    qint64 at;
    Index reactor, author, message;
    Index channel; //!< the message's (channel budgets)
    quint32 pair;
    quint32 firstReaction; //!< for the breakdown
};

//! Cred's first stage for one policy and time: the events and each one's base weights (emoji x
//! channel x reactor role, heaviest first). Kept by the Evaluator so that a change of a later
//! stage's parameter (dropoff factors, budgets, tiers, discounts) does not redo it.
struct CredBase
{
    //! Everything the first stage reads.
    struct Key
    {
        qint64 at = 0;
        bool countRemoved = false, onePerMessage = true, multiReact = false;
        int defaultChannelBp = 0, defaultRoleBp = 0;
        Index deactivatedRole = NoIndex;
        std::vector<int> emojiBp, channelBp;
        std::vector<QPair<Index, int>> roleBp;
        std::vector<bool> excludedUser;
        std::vector<qint64> deactivatedSince;
        std::vector<bool> reactivated;
        std::vector<RecordedDeactivation> recorded;

        bool operator==(const Key &) const = default;
    };
    static Key keyOf(const CompiledPolicy &policy, qint64 at);
    bool matches(const CompiledPolicy &policy, qint64 at) const;

    explicit CredBase(Key k)
        : key(std::move(k))
    {}
    Key key;
    quint64 generation = 0;           //!< tells the later stages' caches which base they are of
    std::vector<CredEvent> events;    //!< in time order
    std::vector<quint32> firstWeight; //!< CSR over weights: event e has [first[e], first[e+1])
    std::vector<double> weights;
};

/*!
 * What cred's later stages compute from a CredBase with few parameters, kept by the Evaluator
 * next to it (for the base `generation`), so that moving one slider in the lab recomputes only
 * what reads it. The parts are shared and immutable: copies of this struct are cheap.
 */
struct CredStages
{
    quint64 generation = 0;
    //! Per event: min(events of its pair, events of the reverse pair); pairwise discount.
    std::shared_ptr<const std::vector<quint32>> mutual;
    //! Per-pair dropoff: the parameters `pairFactor` was computed with, and per event the factor.
    struct PairKey
    {
        PairDropoff mode = PairDropoff::Off;
        int factorBp = 0, shapeBp = 0;
        qint64 window = 0, recovery = 0;
        bool operator==(const PairKey &) const = default;
    };
    PairKey pairKey;
    std::shared_ptr<const std::vector<double>> pairFactor;
    //! Merit sources: per event whether the reactor held a source role, per user the time they
    //! were verified; for these roles and number of reactions.
    struct Merit
    {
        std::vector<Index> roles;
        int reactions = 0;
        std::vector<bool> fromMerit;
        std::vector<qint64> verifiedAt;
    };
    std::shared_ptr<const Merit> merit;
};

/*!
 * Evaluates policies over one History: R1 counting, the Daimyo ladder (R2), karma (R3), cred
 * minting with every anti-gaming rule (R4) and conversation contribution (R5). Pure: the same
 * history, policy and time give the same result. The indexes are built once in the
 * constructor; each evaluation is linear in the reactions (or messages) up to `at`.
 */
class Evaluator
{
public:
    explicit Evaluator(const history::History &history);

    const HistoryIndex &index() const { return m_index; }

    //! Recorded deactivations that evaluate(const Policy &, ...) compiles policies with.
    void setRecordedDeactivations(std::vector<RecordedDeactivation> recorded)
    {
        m_recorded = std::move(recorded);
    }

    //! Forgets what evaluations keep for the next one (cred's first stage), so that the next
    //! evaluation is measured from scratch (bench_policy).
    void dropCaches() const
    {
        const QMutexLocker lock(&m_cacheMutex);
        m_credBase.reset();
        m_credStages.reset();
    }

    Result<Evaluation> evaluate(const Policy &policy, qint64 at) const;
    Evaluation evaluate(std::shared_ptr<const CompiledPolicy> policy, qint64 at) const;
    //! Every item that counted (or was refused) for `user`'s score, with the reason.
    Breakdown explain(std::shared_ptr<const CompiledPolicy> policy, Index user, qint64 at) const;
    //! explain() that also hands back the whole evaluation it ran (every member's result, the
    //! Daimyo holder counts the reason sentence needs), so one run gives both.
    Breakdown explain(std::shared_ptr<const CompiledPolicy> policy, Index user, qint64 at,
                      Evaluation &evaluation) const;

private:
    struct Trace
    {
        Index user = NoIndex;
        std::vector<BreakdownItem> *items = nullptr;
    };
    Evaluation run(std::shared_ptr<const CompiledPolicy> policy, qint64 at, Trace trace) const;
    void daimyo(Evaluation &e, Trace trace) const;
    void karma(Evaluation &e, Trace trace) const;
    void cred(Evaluation &e, Trace trace) const;
    void buildCredBase(const CompiledPolicy &c, qint64 at, CredBase &base, Trace trace,
                       const std::function<void(std::size_t, const QString &)> &note) const;
    void conversation(Evaluation &e, Trace trace) const;
    void assignLevels(Evaluation &e) const;
    const std::vector<bool> &thanksMessages(const QStringList &words) const;

    HistoryIndex m_index;
    std::vector<RecordedDeactivation> m_recorded;
    mutable QMutex m_cacheMutex;
    mutable QHash<QString, std::shared_ptr<std::vector<bool>>> m_thanksCache;
    mutable std::shared_ptr<const CredBase> m_credBase;     //!< the last untraced cred evaluation's
    mutable std::shared_ptr<const CredStages> m_credStages; //!< the same evaluation's later stages
};

/*!
 * Each reaction's weight under a policy before any per-pair, budget or time rule: cred's
 * emoji x channel x reactor-role weight (role at reaction time), 1 or 0 for whether the emoji
 * counts for Daimyo or karma, 1 for conversation. For weighted reactor-pair matrices
 * (`gavel pairs --policy`, analysis::CountOptions::weights); 0 when the reactor or the author
 * is deactivated at the reaction's time; the rest of R1 filtering is the caller's.
 */
std::vector<double> reactionWeights(const CompiledPolicy &policy, const HistoryIndex &index);

//! Why a reaction (or thanks) from `giver` to `receiver` at `at` counts nothing because either
//! is deactivated ("the author is deactivated since 2026-11-01 (proposal 4)"); empty when
//! neither is: the policy file, recorded deactivations and the deactivated role.
QString deactivationReason(const HistoryIndex &index, const CompiledPolicy &policy, Index giver,
                           Index receiver, qint64 at, QStringView giverName = u"reactor",
                           QStringView receiverName = u"author");

//! ceil(holders x basisPoints / 10000) in integers, at least 1 (R2's distinct-reactor minimum).
int requiredDistinct(int holders, int basisPoints);

//! The recovery curve of per-pair dropoff option 1 (docs/policies.md): the share of the drop
//! still missing after `elapsed` of `recovery`, 1 at 0 and 0 at `recovery`.
double recoveryRemaining(qint64 elapsedMs, qint64 recoveryMs, int shapeBp);

} // namespace gavel::policy
