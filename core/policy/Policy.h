#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

//! Reputation policies (product.md R1-R5): the `gavel-policy/1` file format, its parser and
//! its content hash. See docs/policies.md for the format, field by field.
namespace gavel::policy {

//! Which rule family turns history into scores.
enum class Scoring { Daimyo, Karma, Cred, Conversation };

QString scoringName(Scoring scoring);

//! A score threshold and the role that goes with it (karma, cred and conversation levels).
struct Level
{
    int number = 0;
    qint64 min = 0; //!< lowest score of the level, inclusive
    QString role;   //!< role name or id; empty = the level has no role
};

//! One rung of the Daimyo ladder (R2).
struct DaimyoRung
{
    QString role;
    int reactions = 0;        //!< qualifying reactions needed
    int distinctBp = 0;       //!< distinct reactors, as basis points of the holder count
    QStringList reactorRoles; //!< roles a reactor must hold at reaction time
};

struct DaimyoRules
{
    QStringList emoji; //!< emoji names or keys that count (":dojo:")
    QString baseRole;  //!< Kohai: automatic, never removed
    DaimyoRung senpai;
    DaimyoRung sensei;
    bool decay = true;
    int decayWindowDays = 360;
    int decayReactions = 30;
    QString exemptRole; //!< Felt: Sensei and never decays; empty = none
};

struct KarmaRules
{
    QStringList triggerWords; //!< whole words or phrases, case-insensitive
    bool thanksByMention = true;
    bool thanksByReply = true;
    QStringList reactionEmoji; //!< +1 per such reaction on the helper's message
    qint64 cooldownMinutes = 720;
    bool cooldownSymmetric = false;
    QStringList excludedChannels; //!< names or ids; categories apply to their channels
};

enum class PairDropoff { Off, HardReset, Recovery };

//! A trust tier: reactors whose score is at least `min` mint with `weightBp`.
struct TrustTier
{
    qint64 min = 0;
    int weightBp = 10000;
};

//! The new-member ramp: in week `week` after becoming a minter, at most `cap` per week.
struct RampStep
{
    int week = 1;
    qint64 cap = 0;
};

struct CredRules
{
    QList<QPair<QString, int>> emojiWeightsBp; //!< emoji name or key -> weight
    int defaultEmojiWeightBp = 0;
    QList<QPair<QString, int>> channelWeightsBp; //!< channel/category name or id -> weight
    int defaultChannelWeightBp = 10000;
    QList<QPair<QString, int>> roleWeightsBp; //!< reactor role -> weight (maximum counts)
    int defaultRoleWeightBp = 10000;

    bool multiReactDropoff = false;
    int multiReactFactorBp = 5000;

    PairDropoff pairDropoff = PairDropoff::Off;
    int pairFactorBp = 5000;
    qint64 pairWindowMinutes = 1440;  //!< hard reset
    qint64 pairRecoveryMinutes = 720; //!< exponential recovery
    int pairRecoveryShapeBp = 5000;   //!< curvature of the recovery curve (see docs)

    bool reactorBudget = false;
    qint64 reactorBudgetPerWeek = 10;

    bool trustTiers = false;
    std::vector<TrustTier> tiers;

    bool meritSources = false;
    QStringList meritRoles;
    int meritReactions = 1;
    std::vector<RampStep> ramp;

    QList<QPair<QString, qint64>> channelBudgetsPerWeek;
    qint64 platformBudgetPerWeek = 0; //!< 0 = none

    bool pairDiscount = false;
    qint64 pairDiscountK = 10;
};

struct ConversationRules
{
    int sessionGapMinutes = 10;
    int charsPerMinute = 200;
    int perMessageDeduction = 10;
    int deletedPenaltyBp = 11000;
    int minMessages = 2;
    int minChars = 50;
    QStringList excludedChannels;
};

//! A deactivation the policy carries (SourceCred's ledger: stops minting and receiving).
struct Deactivation
{
    quint64 user = 0;
    qint64 since = 0;
    QString note;
};

//! A parsed, validated policy file. Role, emoji and channel references are still names or
//! ids: they are resolved against a guild by `compile()` (Evaluator.h).
struct Policy
{
    QString name;
    QString version;
    QString description;
    Scoring scoring = Scoring::Daimyo;

    // R1
    bool onePerMessage = true;
    bool countRemovedReactions = false;
    QList<quint64> excludedUsers;

    // roles
    QStringList managedRoles;
    QStringList exemptRoles;
    QString deactivatedRole;
    std::vector<Deactivation> deactivations;
    QList<quint64> reactivations;

    std::vector<Level> levels; //!< karma, cred, conversation
    DaimyoRules daimyo;
    KarmaRules karma;
    CredRules cred;
    ConversationRules conversation;

    QByteArray canonicalJson; //!< the canonical serialisation the hash is taken of
    QString hash;             //!< "sha256:<hex>" of canonicalJson

    //! Parses a policy document. `source` names the file in error messages.
    static Result<Policy> parse(const QByteArray &json, const QString &source);
    static Result<Policy> load(const QString &path);
};

/*!
 * The canonical serialisation of a JSON value that the policy hash is taken of: RFC 8785
 * (JCS) restricted to what policies contain: object members sorted by the UTF-16 code units
 * of their names, no whitespace, strings with only `"`, `\` and control characters escaped
 * (as \b \f \n \r \t or \u00xx), integers in plain decimal. Policies contain no fractions.
 */
QByteArray canonicalJson(const QJsonValue &value);

} // namespace gavel::policy
