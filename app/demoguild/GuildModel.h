#pragma once

#include "DemoGuild.h"

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gavel::demoguild {

inline constexpr qint64 minuteMs = 60 * 1000;
inline constexpr qint64 hourMs = 60 * minuteMs;
inline constexpr qint64 dayMs = 24 * hourMs;

//! Discord permission bits the generator sets (see Discord's permissions documentation).
namespace permission {
inline constexpr quint64 createInstantInvite = 1ULL << 0;
inline constexpr quint64 kickMembers = 1ULL << 1;
inline constexpr quint64 banMembers = 1ULL << 2;
inline constexpr quint64 administrator = 1ULL << 3;
inline constexpr quint64 manageChannels = 1ULL << 4;
inline constexpr quint64 addReactions = 1ULL << 6;
inline constexpr quint64 viewAuditLog = 1ULL << 7;
inline constexpr quint64 viewChannel = 1ULL << 10;
inline constexpr quint64 sendMessages = 1ULL << 11;
inline constexpr quint64 manageMessages = 1ULL << 13;
inline constexpr quint64 embedLinks = 1ULL << 14;
inline constexpr quint64 attachFiles = 1ULL << 15;
inline constexpr quint64 readMessageHistory = 1ULL << 16;
inline constexpr quint64 mentionEveryone = 1ULL << 17;
inline constexpr quint64 useExternalEmojis = 1ULL << 18;
inline constexpr quint64 connect = 1ULL << 20;
inline constexpr quint64 speak = 1ULL << 21;
inline constexpr quint64 changeNickname = 1ULL << 26;
inline constexpr quint64 manageNicknames = 1ULL << 27;
inline constexpr quint64 manageRoles = 1ULL << 28;
inline constexpr quint64 useApplicationCommands = 1ULL << 31;
inline constexpr quint64 manageThreads = 1ULL << 34;
inline constexpr quint64 createPublicThreads = 1ULL << 35;
inline constexpr quint64 sendMessagesInThreads = 1ULL << 38;
inline constexpr quint64 moderateMembers = 1ULL << 40;
} // namespace permission

//! The guild's roles, in the order they are created (not their positions).
enum RoleSlot : int {
    RoleEveryone,
    RoleDeactivated,
    RoleKohai,
    RoleSenpai,
    RoleSensei,
    RoleTranslator,
    RoleArtist,
    RoleEventHost,
    RoleBooster,
    RoleTally,
    RoleHerald,
    RoleGavel,
    RoleFelt,
    RoleModerator,
    RoleAdmin,
    RoleCount
};

struct Role
{
    quint64 id = 0;
    std::string name;
    quint64 permissions = 0;
    int position = 0;
    int color = 0;
    bool hoist = false;
    bool managed = false;
    bool mentionable = false;
    quint64 botId = 0;    //!< tags.bot_id for a bot's managed role
    bool booster = false; //!< tags.premium_subscriber
};

struct Emoji
{
    quint64 id = 0; //!< 0 for a standard (unicode) emoji
    std::string name;
    bool animated = false;
    std::string key;         //!< reaction key: the unicode text, or name:id
    std::string json;        //!< the message reaction's "emoji" object
    std::string burstColors; //!< JSON array used when the emoji has super reactions
};

//! What a channel is for: decides who posts there, what they write and how others react.
enum class ChannelKind : std::uint8_t {
    Category,
    Rules,
    Announcements,
    ReleaseNotes,
    Introductions,
    General,
    DidAThing,
    Memes,
    OffTopic,
    Events,
    Help,
    Forum,
    Governance,
    ProposalsArchive,
    Staff,
    ModLog,
    BotCommands,
    Thread,        //!< public thread in a text channel (type 11)
    ForumPost,     //!< forum post (type 11 in a forum)
    PrivateThread, //!< type 12
};

struct Overwrite
{
    quint64 id = 0;
    int type = 0; //!< 0 role, 1 member
    quint64 allow = 0;
    quint64 deny = 0;
};

struct ForumTag
{
    quint64 id = 0;
    std::string name;
    std::string emoji;
};

struct Channel
{
    quint64 id = 0;
    int type = 0;
    ChannelKind kind = ChannelKind::General;
    std::string name;
    std::string topic;
    int parent = -1; //!< channel index
    int position = 0;
    std::vector<Overwrite> overwrites;
    bool readable = true;                       //!< whether the Gavel bot can read its history
    std::string unreadable;                     //!< why not, for the truth file
    ChannelKind flavour = ChannelKind::General; //!< threads: the kind of talk inside
    // Threads only.
    int owner = -1; //!< person index
    qint64 createdMs = 0;
    int starter = -1; //!< message whose id is the thread's id (-1: private thread)
    int autoArchiveMinutes = 1440;
    bool archived = false;
    bool locked = false;
    qint64 archiveMs = 0;
    std::vector<int> tags; //!< forum tag indices
    // Filled once the messages exist.
    std::vector<int> messages; //!< chronological message indices
    qint64 lastPinMs = 0;

    bool isThread() const { return type == 11 || type == 12; }
};

//! What a message says; decides its text and how people react to it.
enum class MessageKind : std::uint8_t {
    Chat,
    Greeting,
    Question,
    FollowUp,
    Answer,
    Thanks,      //!< thanks with <@id> mentions in the text
    ThanksReply, //!< thanks as a reply, no mention in the text
    DidAThing,
    Congrats,
    Meme,
    Proposal,
    Vote,
    Intro,
    Welcome,
    Announcement,
    ReleaseNote,
    PollResult,
    Rules,
    StaffTalk,
    ModLog,
    AltChatter,
};

namespace messageflag {
inline constexpr std::uint8_t edited = 1;
inline constexpr std::uint8_t pinned = 2;
inline constexpr std::uint8_t mentionEveryone = 4;
inline constexpr std::uint8_t replyPing = 8; //!< last mention is the reply's ping, not in the text
} // namespace messageflag

struct Message
{
    qint64 ms = 0;
    quint64 id = 0;
    int channel = -1;
    int author = -1;
    int replyTo = -1;      //!< message index (type 19)
    int conversation = -1; //!< who was talking around it (reactor candidates)
    int thread = -1;       //!< channel index of the thread this message started (text threads)
    quint32 mentionBegin = 0;
    std::uint8_t mentionCount = 0;
    MessageKind kind = MessageKind::Chat;
    std::uint8_t flags = 0;
    quint32 editedAfterSeconds = 0;
    quint32 reactionBegin = 0; //!< range in GuildModel::reactions (sorted)
    quint32 reactionEnd = 0;
};

struct Reaction
{
    int message = 0;
    int user = 0; //!< person index; people are sorted by id, so this orders by id too
    std::uint16_t emoji = 0;
    std::uint8_t burst = 0;
};

struct Person
{
    quint64 id = 0;
    qint64 createdMs = 0;
    qint64 joinedMs = 0;
    qint64 leftMs = 0;  //!< 0: still a member
    qint64 quietMs = 0; //!< 0: never went quiet
    std::string username;
    std::string globalName; //!< empty: null
    std::string nick;       //!< empty: null
    std::string avatar;     //!< empty: null
    std::string discriminator = "0";
    bool bot = false;
    quint32 publicFlags = 0;
    quint32 memberFlags = 0;
    qint64 premiumSinceMs = 0;
    double activity = 0;          //!< weight as a poster
    double reactivity = 0;        //!< weight as a reactor
    double appeal = 1;            //!< how much others react to their messages
    std::array<float, 8> prefs{}; //!< per TopicSlot: how much they like to post there
    int ring = -1;
    int altFamily = -1;
    bool alt = false;
    int friendGroup = -1;
    bool core = false;     //!< core team: holds Felt
    int staff = 0;         //!< 1 moderator, 2 admin
    bool oldGuard = false; //!< the Sensei who went quiet
    qint64 deactivatedMs = 0;
    qint64 seedSenpaiMs = 0; //!< made Senpai by hand at launch (the ladder's bootstrap)
    int cosmetic = -1;       //!< RoleSlot of a cosmetic role, or -1
    int level = 0;           //!< Daimyo ladder at the role snapshot: 0 Kohai, 1 Senpai, 2 Sensei
    int lookalikeOf = -1;
    quint32 roles = 0; //!< final roles, bit per RoleSlot

    bool isMember() const { return leftMs == 0; }
    bool activeAt(qint64 t) const { return t >= joinedMs && (leftMs == 0 || t < leftMs); }
};

//! Topic slots for Person::prefs.
enum TopicSlot : int {
    TopicGeneral,
    TopicHelp,
    TopicDidAThing,
    TopicMemes,
    TopicOffTopic,
    TopicGovernance,
    TopicIntroductions,
    TopicStaff,
};

struct Ring
{
    std::vector<int> members; //!< members[0] is the one who started it
    bool stealthy = false;
    qint64 formedMs = 0;
};

struct AltFamily
{
    int master = -1;
    std::vector<int> alts;
    qint64 joinedMs = 0;
};

struct FriendGroup
{
    std::vector<int> members;
    bool coreTeam = false;
};

struct RoleEvent
{
    int person = 0;
    int role = 0; //!< RoleSlot
    qint64 ms = 0;
};

struct SelfReaction
{
    int message = 0;
    int emoji = 0;
    bool burst = false;
};

//! Everything the generator decided, in compact form; the writer turns it into JSON.
struct GuildModel
{
    Options options; //!< resolved
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 createdMs = 0;
    qint64 rolesAsOfMs = 0; //!< when the previous bot last updated roles
    quint64 guildId = 0;

    std::vector<Role> roles;
    std::vector<Emoji> emojis;
    int dojo = 0;
    int sourcecred = 0;
    int thumbsUp = 0;

    std::vector<Person> people; //!< sorted by id
    int gavelBot = -1;
    int heraldBot = -1;
    int tallyBot = -1;
    int owner = -1;

    std::vector<Channel> channels;
    std::vector<ForumTag> forumTags;
    int rulesChannel = -1;
    int generalChannel = -1;
    int modLogChannel = -1;
    int exactly100Channel = -1;

    std::vector<Message> messages;
    std::vector<int> mentions;       //!< person indices, ranges per message
    std::vector<int> chronological;  //!< message indices by time
    std::vector<Reaction> reactions; //!< sorted by (message, emoji, burst, user)

    std::vector<Ring> rings;
    std::vector<AltFamily> altFamilies;
    std::vector<FriendGroup> friendGroups;
    std::vector<SelfReaction> selfReactions;
    std::vector<int> selfThanks; //!< message indices
    int decayingSensei = -1;
    std::vector<int> decayCandidates;
    std::vector<RoleEvent> roleEvents;
};

} // namespace gavel::demoguild
