#include "GuildSimulator.h"

#include "DaimyoLadder.h"
#include "JsonWriter.h"
#include "TextBank.h"
#include "common/Snowflake.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gavel::demoguild {

namespace {

// Discord launched in 2015: no account is older than mid-2015, which also keeps every id at
// 17 or more digits.
constexpr qint64 oldestAccountMs = Q_INT64_C(1433116800000); // 2015-06-01

// Id "worker" bits per kind of object, so ids of different kinds never collide.
constexpr int guildWorker = 0;
constexpr int userWorker = 1;
constexpr int messageWorker = 2;

enum class Slot : int {
    General,
    Help,
    DidAThing,
    OffTopic,
    Memes,
    Governance,
    Introductions,
    ForumPost,
    TextThread,
    Count
};

constexpr double slotWeights[] = {0.27, 0.12, 0.10, 0.11, 0.08, 0.05, 0.04, 0.05, 0.04};

struct EmojiSpec
{
    const char *name;
    bool custom;
    bool animated;
};

constexpr EmojiSpec emojiSpecs[] = {
    {"dojo", true, false},    {"sourcecred", true, false}, {"hive", true, false},
    {"gm", true, false},      {"ser", true, false},        {"lfg", true, false},
    {"sadge", true, false},   {"party_blob", true, true},  {"👍", false, false},
    {"❤️", false, false}, {"😂", false, false},         {"🔥", false, false},
    {"🎉", false, false},      {"🙏", false, false},         {"✅", false, false},
    {"👀", false, false},      {"💯", false, false},         {"🚀", false, false},
    {"💀", false, false},      {"🤣", false, false},      {"👏", false, false},
    {"🐝", false, false},      {"👎", false, false},         {"🗳️", false, false},
    {"🤔", false, false},   {"👋", false, false},
};

int emojiIndex(std::string_view name)
{
    for (std::size_t i = 0; i < std::size(emojiSpecs); ++i) {
        if (name == emojiSpecs[i].name)
            return static_cast<int>(i);
    }
    return 0;
}

struct EmojiWeight
{
    const char *name;
    double weight;
};

// Which emoji people use where: :dojo: dominates #didathing and #help, memes get laughs.
std::vector<EmojiWeight> emojiMix(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::DidAThing:
        return {{"dojo", 55}, {"sourcecred", 15}, {"🔥", 12},        {"🎉", 10},
                {"👏", 8},     {"🚀", 5},           {"party_blob", 5}};
    case ChannelKind::Help:
    case ChannelKind::Forum:
        return {{"dojo", 38},  {"👍", 25},         {"🙏", 15}, {"✅", 12},
                {"❤️", 8}, {"sourcecred", 5}, {"👀", 5}};
    case ChannelKind::Memes:
        return {{"😂", 35}, {"💀", 25}, {"🤣", 20}, {"sadge", 8}, {"dojo", 4}, {"🔥", 8}};
    case ChannelKind::OffTopic:
        return {{"😂", 30}, {"❤️", 20}, {"👍", 20}, {"👀", 10}, {"dojo", 5}, {"🐝", 15}};
    case ChannelKind::Governance:
        return {{"👍", 35},    {"👎", 15},         {"🗳️", 10}, {"🤔", 10},
                {"dojo", 15}, {"sourcecred", 8}, {"👀", 10}};
    case ChannelKind::Announcements:
    case ChannelKind::ReleaseNotes:
        return {{"🎉", 35}, {"🚀", 25}, {"❤️", 15}, {"party_blob", 10}, {"dojo", 5}, {"lfg", 10}};
    case ChannelKind::Introductions:
        return {{"👋", 40}, {"❤️", 20}, {"hive", 20}, {"dojo", 5}, {"🎉", 15}};
    case ChannelKind::Staff:
        return {{"👍", 50}, {"👀", 30}, {"✅", 20}};
    case ChannelKind::Rules:
        return {{"✅", 70}, {"❤️", 30}};
    default:
        return {{"👍", 22}, {"❤️", 15}, {"😂", 15}, {"dojo", 20}, {"🔥", 10},
                {"👀", 8},  {"💯", 6},       {"🐝", 6},  {"gm", 6}};
    }
}

// How much a kind of message attracts reactions, before the author's appeal and noise.
double kindAppeal(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Chat:
        return 0.55;
    case MessageKind::Greeting:
        return 0.5;
    case MessageKind::Question:
        return 0.45;
    case MessageKind::FollowUp:
        return 0.2;
    case MessageKind::Answer:
        return 1.5;
    case MessageKind::Thanks:
    case MessageKind::ThanksReply:
        return 0.45;
    case MessageKind::DidAThing:
        return 3.0;
    case MessageKind::Congrats:
        return 0.35;
    case MessageKind::Meme:
        return 1.6;
    case MessageKind::Proposal:
        return 3.0;
    case MessageKind::Vote:
        return 0.7;
    case MessageKind::Intro:
        return 2.0;
    case MessageKind::Welcome:
        return 0.3;
    case MessageKind::Announcement:
        return 6.0;
    case MessageKind::ReleaseNote:
        return 3.0;
    case MessageKind::PollResult:
        return 1.5;
    case MessageKind::Rules:
        return 5.0;
    case MessageKind::StaffTalk:
        return 0.4;
    case MessageKind::ModLog:
        return 0.0;
    case MessageKind::AltChatter:
        return 0.3;
    }
    return 0.5;
}

double ignoredShare(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Chat:
    case MessageKind::Greeting:
    case MessageKind::FollowUp:
    case MessageKind::Congrats:
    case MessageKind::Welcome:
    case MessageKind::Vote:
    case MessageKind::Thanks:
    case MessageKind::ThanksReply:
    case MessageKind::AltChatter:
    case MessageKind::StaffTalk:
        return 0.6;
    default:
        return 0.2;
    }
}

constexpr const char *burstPalettes[] = {
    R"(["#f8c630","#fde68a"])", R"(["#5865f2","#a5b4fc"])", R"(["#ed4245","#fca5a5"])",
    R"(["#57f287","#bbf7d0"])", R"(["#eb459e","#fbcfe8"])",
};

} // namespace

GuildSimulator::GuildSimulator(const Options &options, std::function<bool(int)> progress)
    : m_options(options)
    , m_progress(std::move(progress))
    , m_rng(mixSeed(options.seed, 0x6a7e1))
{}

bool GuildSimulator::progress(int phasePercent)
{
    return !m_progress || m_progress(phasePercent);
}

bool GuildSimulator::run(GuildModel &model)
{
    m_model = &model;
    model = GuildModel();
    model.options = m_options;
    setupTime();
    createRolesAndEmojis();
    createChannels();
    createPeople();
    sortPeopleById();
    buildSamplers();
    if (!progress(5))
        return false;
    if (!generateMessages() || !progress(40))
        return false;
    assignMessageIds();
    if (!progress(50))
        return false;
    generateReactions();
    plantSelfReactions();
    sortReactions();
    if (!progress(85))
        return false;
    runLadder();
    assignRoles();
    finalizeChannels();
    return progress(100);
}

// ---------------------------------------------------------------------------------------
// Setup

void GuildSimulator::setupTime()
{
    GuildModel &m = *m_model;
    m.endMs = m_options.endMs;
    m.startMs = m.endMs - static_cast<qint64>(m_options.days) * dayMs;
    m.createdMs = m.startMs - 2 * dayMs;
    m.rolesAsOfMs = m.endMs - 10 * dayMs;
    m.guildId = allocateId(m.createdMs, guildWorker);
}

quint64 GuildSimulator::allocateId(qint64 ms, int worker)
{
    for (;;) {
        int &counter = m_idCounters[ms * 32 + worker];
        if (counter < 4096) {
            const int increment = counter++;
            return snowflake::fromMsecs(ms) | (static_cast<quint64>(worker) << 17) |
                   static_cast<quint64>(increment);
        }
        ++ms;
    }
}

void GuildSimulator::createRolesAndEmojis()
{
    GuildModel &m = *m_model;
    using namespace permission;
    const quint64 everyone = createInstantInvite | addReactions | viewChannel | sendMessages |
                             embedLinks | attachFiles | readMessageHistory | useExternalEmojis |
                             connect | speak | changeNickname | useApplicationCommands |
                             createPublicThreads | sendMessagesInThreads;
    struct Spec
    {
        const char *name;
        quint64 permissions;
        int color;
        bool hoist;
        bool mentionable;
    };
    const Spec specs[RoleCount] = {
        {"@everyone", everyone, 0, false, false},
        {"Deactivated", 0, 0x95a5a6, false, false},
        {"Kohai", 0, 0x71c3a0, false, false},
        {"Senpai", 0, 0x3498db, true, true},
        {"Sensei", 0, 0x9b59b6, true, true},
        {"Translator", 0, 0xe67e22, false, true},
        {"Artist", 0, 0xe91e63, false, true},
        {"Event Host", 0, 0xf1c40f, false, true},
        {"Server Booster", 0, 0xf47fff, false, false},
        {"Tally", viewChannel | sendMessages | embedLinks | readMessageHistory | addReactions, 0,
         false, false},
        {"Herald",
         viewChannel | sendMessages | embedLinks | attachFiles | readMessageHistory |
             mentionEveryone | addReactions,
         0, false, false},
        {"Gavel",
         viewChannel | sendMessages | embedLinks | readMessageHistory | addReactions | manageRoles |
             viewAuditLog,
         0x2c3e50, false, false},
        {"Felt", 0, 0xc27c0e, true, false},
        {"Moderator",
         everyone | kickMembers | banMembers | manageMessages | manageThreads | moderateMembers |
             viewAuditLog | manageNicknames | mentionEveryone,
         0x2ecc71, true, true},
        {"Admin", everyone | administrator, 0xe74c3c, true, false},
    };
    m.roles.resize(RoleCount);
    for (int slot = 0; slot < RoleCount; ++slot) {
        Role &role = m.roles[slot];
        role.name = specs[slot].name;
        role.permissions = specs[slot].permissions;
        role.color = specs[slot].color;
        role.hoist = specs[slot].hoist;
        role.mentionable = specs[slot].mentionable;
        // Positions follow the slots: reputation roles below the bot's, staff above it.
        role.position = slot;
        qint64 createdAt = m.createdMs + slot * 7 * minuteMs;
        if (slot == RoleBooster)
            createdAt = m.createdMs + 20 * dayMs;
        else if (slot == RoleHerald)
            createdAt = m.createdMs + hourMs;
        else if (slot == RoleTally)
            createdAt = m.createdMs + 40 * dayMs;
        else if (slot == RoleGavel)
            createdAt = m.endMs - 30 * dayMs;
        role.id = slot == RoleEveryone ? m.guildId : allocateId(createdAt, guildWorker);
        role.managed =
            slot == RoleBooster || slot == RoleHerald || slot == RoleTally || slot == RoleGavel;
        role.booster = slot == RoleBooster;
    }

    Random rng(mixSeed(m_options.seed, 0xe30));
    for (std::size_t i = 0; i < std::size(emojiSpecs); ++i) {
        const EmojiSpec &spec = emojiSpecs[i];
        Emoji e;
        e.name = spec.name;
        e.animated = spec.animated;
        std::string json;
        if (spec.custom) {
            e.id = allocateId(m.createdMs + static_cast<qint64>(i + 1) * 3 * hourMs, guildWorker);
            e.key = e.name + ":" + std::to_string(e.id);
            json = "{\"id\":\"" + std::to_string(e.id) + "\",\"name\":";
            JsonWriter::appendEscaped(json, e.name);
            if (e.animated)
                json += ",\"animated\":true";
            json += "}";
        } else {
            e.key = e.name;
            json = "{\"id\":null,\"name\":";
            JsonWriter::appendEscaped(json, e.name);
            json += "}";
        }
        e.json = json;
        e.burstColors = rng.pick(burstPalettes);
        m.emojis.push_back(std::move(e));
    }
    m.dojo = emojiIndex("dojo");
    m.sourcecred = emojiIndex("sourcecred");
    m.thumbsUp = emojiIndex("👍");
}

int GuildSimulator::addChannel(ChannelKind kind, int type, const std::string &name, int parent)
{
    GuildModel &m = *m_model;
    Channel c;
    c.kind = kind;
    c.flavour = kind;
    c.type = type;
    c.name = name;
    c.parent = parent;
    c.topic = TextBank::channelTopic(kind);
    c.createdMs = m.createdMs + static_cast<qint64>(m.channels.size() + 1) * 11 * minuteMs;
    c.id = allocateId(c.createdMs, guildWorker);
    c.position = static_cast<int>(m.channels.size());
    m.channels.push_back(std::move(c));
    const int index = static_cast<int>(m.channels.size()) - 1;
    if (kind != ChannelKind::Category)
        m_channelOf[static_cast<int>(kind)] = index;
    return index;
}

int GuildSimulator::addThread(ChannelKind kind, int parent, int owner, qint64 createdMs,
                              ChannelKind flavour)
{
    GuildModel &m = *m_model;
    Channel c;
    c.kind = kind;
    c.flavour = flavour;
    c.type = kind == ChannelKind::PrivateThread ? 12 : 11;
    c.parent = parent;
    c.owner = owner;
    c.createdMs = createdMs;
    Random rng(mixSeed(m_options.seed, 0x7a1, m.channels.size()));
    c.name = TextBank::threadName(flavour, rng);
    const double u = rng.uniform();
    c.autoArchiveMinutes = u < 0.6 ? 1440 : (u < 0.75 ? 4320 : 10080);
    m.channels.push_back(std::move(c));
    return static_cast<int>(m.channels.size()) - 1;
}

void GuildSimulator::createChannels()
{
    GuildModel &m = *m_model;
    using namespace permission;
    m_channelOf.assign(32, -1);
    const quint64 everyoneId = m.guildId;
    const quint64 moderatorId = m.roles[RoleModerator].id;
    const quint64 gavelId = m.roles[RoleGavel].id;
    const quint64 heraldId = m.roles[RoleHerald].id;

    const int welcome = addChannel(ChannelKind::Category, 4, "Welcome", -1);
    m.rulesChannel = addChannel(ChannelKind::Rules, 0, "rules", welcome);
    m.channels[m.rulesChannel].overwrites = {{everyoneId, 0, 0, sendMessages}};
    const int announcements = addChannel(ChannelKind::Announcements, 5, "announcements", welcome);
    m.channels[announcements].overwrites = {{everyoneId, 0, 0, sendMessages},
                                            {heraldId, 0, sendMessages, 0}};
    m.exactly100Channel = addChannel(ChannelKind::ReleaseNotes, 0, "release-notes", welcome);
    m.channels[m.exactly100Channel].overwrites = m.channels[announcements].overwrites;
    addChannel(ChannelKind::Introductions, 0, "introductions", welcome);

    const int community = addChannel(ChannelKind::Category, 4, "Community", -1);
    m.generalChannel = addChannel(ChannelKind::General, 0, "general", community);
    addChannel(ChannelKind::DidAThing, 0, "didathing", community);
    addChannel(ChannelKind::Memes, 0, "memes", community);
    addChannel(ChannelKind::OffTopic, 0, "off-topic", community);
    addChannel(ChannelKind::Events, 0, "events", community);

    const int support = addChannel(ChannelKind::Category, 4, "Support", -1);
    addChannel(ChannelKind::Help, 0, "help", support);
    const int forum = addChannel(ChannelKind::Forum, 15, "questions", support);
    m.channels[forum].topic = "One post per question. Tag it, and mark it solved when it is.";
    const char *tagSpecs[][2] = {
        {"question", "❓"}, {"solved", "✅"}, {"bug", "🐛"}, {"showcase", "✨"}};
    for (const auto &spec : tagSpecs) {
        ForumTag tag;
        tag.id = allocateId(m.channels[forum].createdMs + minuteMs, guildWorker);
        tag.name = spec[0];
        tag.emoji = spec[1];
        m.forumTags.push_back(std::move(tag));
    }

    const int governance = addChannel(ChannelKind::Category, 4, "Governance", -1);
    addChannel(ChannelKind::Governance, 0, "governance", governance);
    addChannel(ChannelKind::ProposalsArchive, 0, "proposals-archive", governance);

    // Staff channels: hidden from @everyone. #staff is not opened to the Gavel role at all;
    // #mod-log lets it see the channel but not read the history.
    const std::vector<Overwrite> staffOnly = {
        {everyoneId, 0, 0, viewChannel},
        {moderatorId, 0, viewChannel | sendMessages | readMessageHistory, 0}};
    const int staff = addChannel(ChannelKind::Category, 4, "Staff", -1);
    m.channels[staff].overwrites = staffOnly;
    const int staffChannel = addChannel(ChannelKind::Staff, 0, "staff", staff);
    m.channels[staffChannel].overwrites = staffOnly;
    m.channels[staffChannel].readable = false;
    m.channels[staffChannel].unreadable =
        "VIEW_CHANNEL denied to @everyone and not allowed to the Gavel role";
    m.modLogChannel = addChannel(ChannelKind::ModLog, 0, "mod-log", staff);
    m.channels[m.modLogChannel].overwrites = staffOnly;
    m.channels[m.modLogChannel].overwrites.push_back({gavelId, 0, viewChannel, readMessageHistory});
    m.channels[m.modLogChannel].overwrites.push_back(
        {heraldId, 0, viewChannel | sendMessages | readMessageHistory, 0});
    m.channels[m.modLogChannel].readable = false;
    m.channels[m.modLogChannel].unreadable =
        "the Gavel role may view the channel but READ_MESSAGE_HISTORY is denied";

    addChannel(ChannelKind::BotCommands, 0, "bot-commands", -1);
}

// ---------------------------------------------------------------------------------------
// People

void GuildSimulator::createPeople()
{
    GuildModel &m = *m_model;
    const Options &o = m_options;
    Random rng(mixSeed(o.seed, 0x9e091e));
    const int humansCurrent = o.members - 3;
    const int humansLeft = static_cast<int>(std::llround(o.members * o.leftFraction));
    const int humans = humansCurrent + humansLeft;
    const qint64 span = m.endMs - m.startMs;

    const auto uniqueName = [&](std::string name) {
        if (name.size() < 2)
            name += "xy";
        if (name.size() > 32)
            name.resize(32);
        std::string candidate = name;
        for (int attempt = 0; !m_usernames.insert(candidate).second; ++attempt) {
            candidate = name.substr(0, 26) + std::to_string(rng.range(10, 9999));
            if (attempt > 20)
                candidate = name.substr(0, 20) + std::to_string(rng.next() % 1000000000ULL);
        }
        return candidate;
    };

    m.people.reserve(static_cast<std::size_t>(humans) + 3);
    for (int i = 0; i < humans; ++i) {
        Person p;
        const double u = rng.uniform();
        double x;
        if (u < 0.12)
            x = rng.uniform(0, 7.0 * dayMs / static_cast<double>(span)); // launch wave
        else if (u < 0.19)
            x = std::clamp(0.4 + rng.normal() * 0.01, 0.0, 1.0); // a hype spike
        else
            x = rng.chance(0.5) ? rng.uniform() : std::sqrt(rng.uniform()); // growth
        p.joinedMs = m.startMs + static_cast<qint64>(x * static_cast<double>(span - hourMs));
        if (rng.chance(0.06))
            p.createdMs = p.joinedMs - rng.range(30 * minuteMs, 7 * dayMs);
        else
            p.createdMs = p.joinedMs - static_cast<qint64>(std::exp(rng.uniform(
                                           std::log(30.0 * dayMs), std::log(2700.0 * dayMs))));
        p.createdMs = std::max(p.createdMs, oldestAccountMs + rng.range(0, 30 * dayMs));
        p.username = uniqueName(TextBank::username(rng));
        p.globalName = TextBank::displayName(rng, p.username);
        if (rng.chance(0.1))
            p.nick = TextBank::nickname(rng, p.globalName.empty() ? p.username : p.globalName);
        if (rng.chance(0.75))
            p.avatar = TextBank::avatarHash(rng, rng.chance(0.04));
        const double flags = rng.uniform();
        if (flags < 0.05)
            p.publicFlags = 1u << (6 + rng.below(3)); // HypeSquad houses
        else if (flags < 0.06)
            p.publicFlags = 1u << 22; // active developer
        else if (flags < 0.065)
            p.publicFlags = 1u << 9; // early supporter
        if (rng.chance(0.02))
            p.memberFlags = 1; // DID_REJOIN

        // Heavy tails: most members lurk, a few post most of the messages.
        const bool lurker = rng.chance(0.42);
        p.activity = lurker ? 0.0 : std::min(300.0, rng.pareto(1.0, 1.15));
        if (lurker)
            p.reactivity = rng.chance(0.35) ? 0.0 : rng.logNormal(-1.0, 1.0);
        else
            p.reactivity = 0.5 + std::sqrt(p.activity) * rng.logNormal(-0.3, 0.6);
        p.appeal = rng.logNormal(0.0, 0.45) * (1.0 + 0.15 * std::log1p(p.activity));
        const float base[8] = {1.0f, 0.5f, 0.3f, 0.4f, 0.6f, 0.25f, 1.0f, 0.0f};
        for (int s = 0; s < 8; ++s)
            p.prefs[s] = std::min(1.0f, base[s] * static_cast<float>(rng.logNormal(0.0, 0.6)));
        if (!lurker && rng.chance(0.2)) {
            const qint64 quiet = p.joinedMs + static_cast<qint64>(rng.exponential(150.0 * dayMs));
            if (quiet < m.endMs)
                p.quietMs = quiet;
        }
        if (rng.chance(0.015))
            p.premiumSinceMs = rng.range(p.joinedMs, m.endMs - hourMs);
        if (rng.chance(0.04))
            p.cosmetic = RoleTranslator + static_cast<int>(rng.below(3));
        m.people.push_back(std::move(p));
    }

    // Who left: their users stay in the snapshot's "users" map, their history remains.
    std::vector<int> order(static_cast<std::size_t>(humans));
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    for (int k = 0; k < humansLeft; ++k) {
        Person &p = m.people[order[k]];
        if (p.joinedMs > m.endMs - 20 * dayMs)
            p.joinedMs = m.startMs + rng.range(0, span - 20 * dayMs);
        p.createdMs = std::min(p.createdMs, p.joinedMs - hourMs);
        const qint64 stay = dayMs + static_cast<qint64>(rng.exponential(100.0 * dayMs));
        p.leftMs = std::min(p.joinedMs + stay, m.endMs - hourMs - rng.range(0, 5 * dayMs));
        p.leftMs = std::max(p.leftMs, p.joinedMs + hourMs);
        p.premiumSinceMs = 0;
    }
    std::vector<int> pool(order.begin() + humansLeft, order.end());
    plantGroups(pool);

    // Bots: the Gavel bot (the member whose role can manage roles), an announcer and a poll bot.
    const auto addBot = [&](const char *name, const char *discriminator, qint64 created,
                            qint64 joined) {
        Person p;
        p.bot = true;
        p.username = uniqueName(name);
        p.discriminator = discriminator;
        p.createdMs = created;
        p.joinedMs = joined;
        p.avatar = TextBank::avatarHash(rng, false);
        p.publicFlags = 1u << 16; // verified bot
        m.people.push_back(std::move(p));
        return static_cast<int>(m.people.size()) - 1;
    };
    m.gavelBot = addBot("gavel", "4821", m.endMs - 200 * dayMs, m.endMs - 30 * dayMs);
    m.people[m.gavelBot].publicFlags = 0;
    m.heraldBot = addBot("herald", "0937", Q_INT64_C(1561939200000), m.createdMs + hourMs);
    m.tallyBot = addBot("tally", "1554", Q_INT64_C(1617235200000), m.createdMs + 40 * dayMs);
}

void GuildSimulator::plantGroups(std::vector<int> &pool)
{
    GuildModel &m = *m_model;
    const Options &o = m_options;
    Random rng(mixSeed(o.seed, 0x91a47));
    const qint64 span = m.endMs - m.startMs;
    std::vector<Person> &people = m.people;

    // Takes a member from the pool, preferring one that fits; planted roles never overlap.
    const auto take = [&](const std::function<bool(const Person &)> &fits) {
        const std::size_t start = rng.below(pool.size());
        std::size_t chosen = start;
        for (std::size_t k = 0; k < pool.size(); ++k) {
            const std::size_t at = (start + k) % pool.size();
            if (fits(people[pool[at]])) {
                chosen = at;
                break;
            }
        }
        const int person = pool[chosen];
        pool[chosen] = pool.back();
        pool.pop_back();
        return person;
    };
    // Planted people are placed within the guild's own activity distribution, so that they
    // stand out as much at 300 members as at 50,000.
    std::vector<double> postActivity, reactActivity;
    for (int i : pool) {
        if (people[i].activity > 0)
            postActivity.push_back(people[i].activity);
        if (people[i].reactivity > 0)
            reactActivity.push_back(people[i].reactivity);
    }
    std::sort(postActivity.begin(), postActivity.end());
    std::sort(reactActivity.begin(), reactActivity.end());
    const auto quantile = [](const std::vector<double> &sorted, double q) {
        if (sorted.empty())
            return 1.0;
        const auto at = static_cast<std::size_t>(q * static_cast<double>(sorted.size()));
        return sorted[std::min(at, sorted.size() - 1)];
    };
    const auto posting = [&](double q) { return quantile(postActivity, q); };
    const auto reacting = [&](double q) { return quantile(reactActivity, q); };
    const auto oldAccount = [&](Person &p) {
        p.createdMs = std::max(oldestAccountMs + rng.range(0, 60 * dayMs),
                               p.joinedMs - rng.range(400 * dayMs, 2500 * dayMs));
    };
    const auto normalPrefs = [&](Person &p) {
        const float base[8] = {1.0f, 0.6f, 0.5f, 0.3f, 0.5f, 0.4f, 0.6f, 0.0f};
        for (int s = 0; s < 8; ++s)
            p.prefs[s] = std::min(1.0f, base[s] * static_cast<float>(rng.logNormal(0.0, 0.3)));
    };

    // Core team: founders who hold Felt; the first friend group when there is one.
    for (int k = 0; k < 5; ++k) {
        const int i = take([](const Person &) { return true; });
        Person &p = people[i];
        p.core = true;
        p.joinedMs = m.createdMs + (k == 0 ? 0 : rng.range(10 * minuteMs, 40 * hourMs));
        oldAccount(p);
        p.activity = posting(0.985) * rng.uniform(0.9, 1.3);
        p.appeal = rng.uniform(4.0, 5.5);
        p.reactivity = reacting(0.995) * rng.uniform(1.0, 1.5);
        p.quietMs = 0;
        const float prefs[8] = {1.0f, 0.9f, 0.7f, 0.3f, 0.5f, 0.9f, 0.8f, 1.0f};
        std::copy(std::begin(prefs), std::end(prefs), p.prefs.begin());
        m_core.push_back(i);
    }
    m.owner = m_core[0];
    people[m.owner].staff = 2;
    if (o.friendGroups > 0) {
        FriendGroup g;
        g.members = m_core;
        g.coreTeam = true;
        for (int i : m_core)
            people[i].friendGroup = 0;
        m.friendGroups.push_back(std::move(g));
    }

    // Staff: a second admin and the moderators, long-standing active members.
    const auto early = [&](double share) {
        return [&m, share, span](const Person &p) {
            return p.activity > 0 &&
                   p.joinedMs < m.startMs + static_cast<qint64>(share * static_cast<double>(span));
        };
    };
    // Senpai the admins gave by hand at launch (the ladder's bootstrap, as in Daimyo's spec).
    int seeded = 0;
    const auto seed = [&](int i) {
        Person &p = people[i];
        p.seedSenpaiMs = std::max(p.joinedMs, m.startMs) + rng.range(2 * dayMs, 10 * dayMs);
        p.quietMs = 0;
        p.reactivity = std::max(p.reactivity, reacting(0.9));
        ++seeded;
    };
    m_staff.push_back(m.owner);
    {
        const int i = take(early(0.2));
        people[i].staff = 2;
        people[i].activity = std::max(people[i].activity, posting(0.8));
        people[i].quietMs = 0;
        people[i].prefs[TopicStaff] = 1.0f;
        m_staff.push_back(i);
    }
    const int moderators = std::clamp(o.members / 400, 2, 25);
    for (int k = 0; k < moderators; ++k) {
        const int i = take(early(0.6));
        people[i].staff = 1;
        people[i].activity = std::max(people[i].activity, posting(0.6));
        people[i].quietMs = 0;
        people[i].prefs[TopicStaff] = 1.0f;
        m_staff.push_back(i);
    }

    // The Sensei who went quiet: very active in the first months, then (almost) silent.
    {
        const int i = take([](const Person &) { return true; });
        Person &p = people[i];
        p.oldGuard = true;
        p.joinedMs = m.startMs + rng.range(0, 5 * dayMs);
        oldAccount(p);
        p.activity = posting(0.995) * 1.5;
        p.appeal = 2.5;
        p.reactivity = reacting(0.9);
        p.quietMs = m.startMs + std::min<qint64>(150 * dayMs, static_cast<qint64>(0.28 * span));
        p.prefs[TopicHelp] = 1.0f;
        p.prefs[TopicDidAThing] = 1.0f;
    }

    // Rings: the first blatant one has five members, the first stealthy one four.
    const int stealthyRings = static_cast<int>(std::floor(o.rings * o.stealthyRingFraction + 1e-9));
    bool firstBlatant = true;
    bool firstStealthy = true;
    for (int r = 0; r < o.rings; ++r) {
        Ring ring;
        ring.stealthy = r >= o.rings - stealthyRings;
        int size;
        if (ring.stealthy)
            size = firstStealthy ? 4 : static_cast<int>(rng.range(3, 8));
        else
            size = firstBlatant ? 5 : static_cast<int>(rng.range(3, 8));
        const bool firstBlatantRing = !ring.stealthy && firstBlatant;
        (ring.stealthy ? firstStealthy : firstBlatant) = false;
        const int ringIndex = static_cast<int>(m.rings.size());
        if (!ring.stealthy) {
            // A legitimate member recruits friends from elsewhere (old accounts, not alts);
            // from then on their :dojo: go to each other and the guild mostly ignores them.
            ring.formedMs = m.startMs + static_cast<qint64>(rng.uniform(0.12, 0.35) * span);
            // It starts with early contributors the admins made Senpai at launch: their
            // :dojo: qualify, and while Senpai are few one or two reactors are enough.
            const int founders = firstBlatantRing ? 2 : 1;
            for (int k = 0; k < founders; ++k) {
                const int i = take(early(0.04));
                people[i].activity = std::max(people[i].activity, posting(0.9));
                seed(i);
                ring.members.push_back(i);
            }
            const qint64 formed = ring.formedMs;
            for (int k = founders; k < size; ++k) {
                const int i = take([](const Person &) { return true; });
                Person &p = people[i];
                p.joinedMs = std::max(m.startMs, formed - rng.range(0, 21 * dayMs));
                oldAccount(p);
                p.activity = rng.uniform(posting(0.85), posting(0.95));
                ring.members.push_back(i);
            }
            for (int i : ring.members) {
                Person &p = people[i];
                p.appeal = rng.uniform(0.8, 1.2);
                p.reactivity = std::max(p.reactivity, 2.0);
                p.quietMs = 0;
                const float prefs[8] = {0.4f, 0.15f, 1.0f, 0.2f, 0.2f, 0.1f, 0.5f, 0.0f};
                std::copy(std::begin(prefs), std::end(prefs), p.prefs.begin());
            }
        } else {
            // Established members who keep behaving normally and also pump each other.
            qint64 latestJoin = 0;
            for (int k = 0; k < size; ++k) {
                const int i = take(early(0.5));
                Person &p = people[i];
                p.activity = rng.uniform(posting(0.75), posting(0.92));
                // Busy reactors everywhere, which is what hides their mutual boosting.
                p.reactivity = std::max(p.reactivity, reacting(0.9) * rng.uniform(1.0, 1.5));
                p.quietMs = 0;
                normalPrefs(p);
                latestJoin = std::max(latestJoin, p.joinedMs);
                ring.members.push_back(i);
            }
            ring.formedMs =
                std::min(latestJoin + rng.range(7 * dayMs, 45 * dayMs), m.endMs - 120 * dayMs);
            ring.formedMs = std::max(ring.formedMs, m.startMs);
        }
        for (int i : ring.members)
            people[i].ring = ringIndex;
        m.rings.push_back(std::move(ring));
    }

    const int seeds = std::clamp(o.members / 100, 3, 300);
    while (seeded < seeds) {
        const double threshold = posting(0.7);
        const int i = take([&m, span, threshold](const Person &p) {
            return p.activity >= threshold && p.joinedMs < m.startMs + span / 25;
        });
        seed(i);
    }

    // Alt families: young accounts that join within two days of each other and react to
    // their master; the first family has three alts.
    for (int f = 0; f < o.alts; ++f) {
        AltFamily family;
        family.master = take(early(0.6));
        Person &master = people[family.master];
        master.activity = std::max(master.activity, rng.uniform(posting(0.7), posting(0.88)));
        master.quietMs = 0;
        master.altFamily = f;
        normalPrefs(master);
        master.prefs[TopicDidAThing] = 0.8f;
        family.joinedMs = std::max(master.joinedMs + 7 * dayMs,
                                   m.startMs + static_cast<qint64>(rng.uniform(0.25, 0.8) * span));
        family.joinedMs = std::min(family.joinedMs, m.endMs - 60 * dayMs);
        const int count = f == 0 ? 3 : static_cast<int>(rng.range(2, 5));
        const std::string masterName = master.username;
        const std::string masterDisplay = master.globalName;
        for (int k = 0; k < count; ++k) {
            const int i = take([](const Person &) { return true; });
            Person &p = people[i];
            p.alt = true;
            p.altFamily = f;
            p.joinedMs = family.joinedMs + rng.range(0, 48 * hourMs);
            p.createdMs = p.joinedMs - rng.range(20 * minuteMs, 3 * dayMs);
            m_usernames.erase(p.username);
            std::string name = TextBank::altUsername(rng, masterName, k);
            if (name.size() > 32)
                name.resize(32);
            std::string candidate = name;
            for (int attempt = 0; !m_usernames.insert(candidate).second; ++attempt)
                candidate = name.substr(0, 28) + std::to_string(attempt + 2);
            p.username = candidate;
            p.globalName = (!masterDisplay.empty() && rng.chance(0.5))
                               ? masterDisplay + " " + std::to_string(k + 2)
                               : std::string();
            p.nick.clear();
            p.avatar.clear();
            p.publicFlags = 0;
            p.activity = 0;
            p.reactivity = 0.6;
            p.appeal = 0.3;
            p.quietMs = 0;
            p.premiumSinceMs = 0;
            p.cosmetic = -1;
            family.alts.push_back(i);
        }
        m.altFamilies.push_back(std::move(family));
    }

    // Honest friend groups: popular helpers who react to each other and to everyone.
    for (int g = 1; g < o.friendGroups; ++g) {
        FriendGroup group;
        const int size = static_cast<int>(rng.range(4, 6));
        for (int k = 0; k < size; ++k) {
            const int i = take(early(0.55));
            Person &p = people[i];
            p.activity = rng.uniform(posting(0.93), posting(0.985));
            p.appeal = rng.uniform(4.0, 5.5);
            p.reactivity = reacting(0.97) * rng.uniform(1.0, 1.4);
            p.quietMs = 0;
            normalPrefs(p);
            p.friendGroup = static_cast<int>(m.friendGroups.size());
            group.members.push_back(i);
        }
        m.friendGroups.push_back(std::move(group));
    }

    // Members deactivated in an earlier review: they keep Kohai and hold Deactivated.
    const int deactivated = std::max(1, o.members / 1000);
    for (int k = 0; k < deactivated; ++k) {
        const int i = take([](const Person &p) { return p.activity > 0; });
        Person &p = people[i];
        p.deactivatedMs = m.startMs + static_cast<qint64>(rng.uniform(0.35, 0.9) * span);
        p.deactivatedMs = std::min(p.deactivatedMs, m.endMs - 20 * dayMs);
        if (p.deactivatedMs < p.joinedMs + 20 * dayMs) {
            // Joined too late to have been reviewed: move the join back.
            p.joinedMs = std::max(m.createdMs, p.deactivatedMs - 30 * dayMs);
            p.createdMs = std::min(p.createdMs, p.joinedMs - dayMs);
        }
    }

    // Impersonators: display names that look like a staff member's.
    const int lookalikes = std::max(1, o.members / 1500);
    for (int k = 0; k < lookalikes; ++k) {
        const int i = take([](const Person &p) { return p.activity < 2; });
        const int target = m_staff[static_cast<std::size_t>(k) % m_staff.size()];
        Person &p = people[i];
        const Person &s = people[target];
        p.lookalikeOf = target;
        m_usernames.erase(p.username);
        std::string name = s.username;
        const auto l = name.find('l');
        if (l != std::string::npos)
            name[l] = '1';
        else
            name += "_";
        std::string candidate = name;
        for (int attempt = 0; !m_usernames.insert(candidate).second; ++attempt)
            candidate = name.substr(0, 28) + std::to_string(attempt + 2);
        p.username = candidate;
        p.globalName = TextBank::lookalike(s.globalName.empty() ? s.username : s.globalName);
        p.nick.clear();
    }
}

void GuildSimulator::sortPeopleById()
{
    GuildModel &m = *m_model;
    for (Person &p : m.people)
        p.id = allocateId(p.createdMs, userWorker);
    const int n = static_cast<int>(m.people.size());
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return m.people[a].id < m.people[b].id; });
    std::vector<int> newIndex(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
        newIndex[order[k]] = k;
    std::vector<Person> sorted;
    sorted.reserve(m.people.size());
    for (int k = 0; k < n; ++k)
        sorted.push_back(std::move(m.people[order[k]]));
    m.people = std::move(sorted);

    const auto remap = [&](int &i) {
        if (i >= 0)
            i = newIndex[i];
    };
    remap(m.gavelBot);
    remap(m.heraldBot);
    remap(m.tallyBot);
    remap(m.owner);
    for (Ring &r : m.rings) {
        for (int &i : r.members)
            remap(i);
    }
    for (AltFamily &f : m.altFamilies) {
        remap(f.master);
        for (int &i : f.alts)
            remap(i);
    }
    for (FriendGroup &g : m.friendGroups) {
        for (int &i : g.members)
            remap(i);
    }
    for (int &i : m_core)
        remap(i);
    for (int &i : m_staff)
        remap(i);
    for (Person &p : m.people)
        remap(p.lookalikeOf);

    m.roles[RoleGavel].botId = m.people[m.gavelBot].id;
    m.roles[RoleHerald].botId = m.people[m.heraldBot].id;
    m.roles[RoleTally].botId = m.people[m.tallyBot].id;

    m_byJoin.clear();
    for (int i = 0; i < n; ++i) {
        if (!m.people[i].bot)
            m_byJoin.push_back(i);
    }
    std::sort(m_byJoin.begin(), m_byJoin.end(), [&](int a, int b) {
        return m.people[a].joinedMs != m.people[b].joinedMs
                   ? m.people[a].joinedMs < m.people[b].joinedMs
                   : a < b;
    });
}

// ---------------------------------------------------------------------------------------
// Sampling who is around

double GuildSimulator::postWeight(const Person &p, qint64 t) const
{
    if (p.bot || !p.activeAt(t))
        return 0;
    if (p.quietMs != 0 && t >= p.quietMs)
        return p.activity * (p.oldGuard ? 0.003 : 0.03);
    return p.activity;
}

double GuildSimulator::reactWeight(const Person &p, qint64 t) const
{
    if (p.bot || !p.activeAt(t))
        return 0;
    return p.quietMs != 0 && t >= p.quietMs ? p.reactivity * 0.15 : p.reactivity;
}

int GuildSimulator::bucketOf(qint64 t) const
{
    const qint64 b = (t - m_model->createdMs) / m_bucketMs;
    return static_cast<int>(std::clamp<qint64>(b, 0, static_cast<qint64>(m_post.size()) - 1));
}

void GuildSimulator::buildSamplers()
{
    const GuildModel &m = *m_model;
    const qint64 span = m.endMs - m.createdMs;
    const int buckets = static_cast<int>((span + m_bucketMs - 1) / m_bucketMs);
    m_post.assign(static_cast<std::size_t>(buckets), Sampler());
    m_react.assign(static_cast<std::size_t>(buckets), Sampler());
    m_bucketPostTotal.assign(static_cast<std::size_t>(buckets), 0.0);
    std::vector<double> bucketWeights(static_cast<std::size_t>(buckets), 0.0);
    const int n = static_cast<int>(m.people.size());
    for (int b = 0; b < buckets; ++b) {
        const qint64 b0 = m.createdMs + b * m_bucketMs;
        const qint64 b1 = std::min(m.endMs, b0 + m_bucketMs);
        std::vector<double> postW, reactW;
        for (int i = 0; i < n; ++i) {
            const Person &p = m.people[i];
            if (p.bot)
                continue;
            const qint64 from = std::max(b0, p.joinedMs);
            const qint64 to = std::min(b1, p.leftMs != 0 ? p.leftMs : b1);
            if (from >= to)
                continue;
            // The largest weight the person has within the bucket; draws are thinned to
            // the weight at the drawn time, which makes the sampling exact.
            const bool quietAll = p.quietMs != 0 && p.quietMs <= from;
            const double post = quietAll ? p.activity * 0.03 : p.activity;
            const double react = quietAll ? p.reactivity * 0.15 : p.reactivity;
            if (post > 0) {
                m_post[b].people.push_back(i);
                m_post[b].maxWeight.push_back(post);
                postW.push_back(post);
                // Time-weighted share of the bucket, for choosing when conversations start.
                bucketWeights[b] += post * static_cast<double>(to - from) / m_bucketMs;
            }
            if (react > 0) {
                m_react[b].people.push_back(i);
                m_react[b].maxWeight.push_back(react);
                reactW.push_back(react);
            }
        }
        m_post[b].table.build(postW);
        m_react[b].table.build(reactW);
        m_bucketPostTotal[b] = bucketWeights[b];
    }
    m_bucketTable.build(bucketWeights);
}

qint64 GuildSimulator::sampleTime()
{
    const GuildModel &m = *m_model;
    for (int attempt = 0;; ++attempt) {
        const int b = m_bucketTable.sample(m_rng);
        const qint64 b0 = m.createdMs + b * m_bucketMs;
        const qint64 b1 = std::min(m.endMs - 2 * minuteMs, b0 + m_bucketMs);
        if (b1 <= b0)
            continue;
        const qint64 t = b0 + static_cast<qint64>(m_rng.uniform() * static_cast<double>(b1 - b0));
        // Busier in the (European/American) afternoon and on weekdays.
        const double hour = static_cast<double>(t % dayMs) / hourMs;
        const double daily = 0.55 + 0.45 * std::cos(6.283185307179586 * (hour - 17.0) / 24.0);
        const int weekday = static_cast<int>((t / dayMs + 3) % 7); // 0 = Monday
        const double weekly = weekday >= 5 ? 0.8 : 1.0;
        if (attempt > 30 || m_rng.uniform() < daily * weekly)
            return t;
    }
}

int GuildSimulator::pickPoster(qint64 t, int topic, const std::vector<int> &exclude)
{
    const GuildModel &m = *m_model;
    const Sampler &s = m_post[bucketOf(t)];
    if (!s.table.empty()) {
        for (int attempt = 0; attempt < 80; ++attempt) {
            const int k = s.table.sample(m_rng);
            const int i = s.people[k];
            const Person &p = m.people[i];
            const double w = postWeight(p, t);
            if (w <= 0 || m_rng.uniform() * s.maxWeight[k] >= w)
                continue;
            if (m_rng.uniform() >= p.prefs[topic])
                continue;
            if (std::find(exclude.begin(), exclude.end(), i) != exclude.end())
                continue;
            return i;
        }
    }
    for (int i : m_core) {
        if (m.people[i].activeAt(t) &&
            std::find(exclude.begin(), exclude.end(), i) == exclude.end())
            return i;
    }
    return -1;
}

int GuildSimulator::pickStaff(qint64 t)
{
    const GuildModel &m = *m_model;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int i = m_staff[m_rng.below(m_staff.size())];
        if (m.people[i].activeAt(t))
            return i;
    }
    return m.owner;
}

std::vector<int> GuildSimulator::participants(qint64 t, int topic, int first, int extra)
{
    std::vector<int> people;
    if (first >= 0)
        people.push_back(first);
    for (int k = 0; k < extra; ++k) {
        const int p = pickPoster(t, topic, people);
        if (p >= 0)
            people.push_back(p);
    }
    return people;
}

qint64 GuildSimulator::nextGap(Random &rng, qint64 meanMs) const
{
    // Mostly minutes apart (one R5 session), sometimes a pause that ends the session.
    if (rng.chance(0.06))
        return rng.range(12 * minuteMs, 50 * minuteMs);
    return 5000 + static_cast<qint64>(rng.exponential(static_cast<double>(meanMs)));
}

int GuildSimulator::beginConversation(std::initializer_list<int> people)
{
    return beginConversation(std::vector<int>(people));
}

int GuildSimulator::beginConversation(const std::vector<int> &people)
{
    Conversation c;
    c.begin = static_cast<quint32>(m_conversationPeople.size());
    for (int p : people) {
        if (p >= 0)
            m_conversationPeople.push_back(p);
    }
    c.end = static_cast<quint32>(m_conversationPeople.size());
    m_conversations.push_back(c);
    return static_cast<int>(m_conversations.size()) - 1;
}

int GuildSimulator::addMessage(int channel, int author, qint64 ms, MessageKind kind,
                               int conversation, int replyTo, std::initializer_list<int> mentions,
                               bool replyPing)
{
    GuildModel &m = *m_model;
    Message msg;
    msg.channel = channel;
    msg.author = author;
    msg.ms = ms;
    msg.kind = kind;
    msg.conversation = conversation;
    msg.replyTo = replyTo;
    msg.mentionBegin = static_cast<quint32>(m.mentions.size());
    for (int p : mentions) {
        if (p >= 0 && msg.mentionCount < 8) {
            m.mentions.push_back(p);
            ++msg.mentionCount;
        }
    }
    if (replyPing && replyTo >= 0) {
        const int target = m.messages[replyTo].author;
        if (target != author) {
            m.mentions.push_back(target);
            ++msg.mentionCount;
            msg.flags |= messageflag::replyPing;
        }
    }
    if (!m.people[author].bot && m_rng.chance(0.06)) {
        const qint64 delay = 20000 + static_cast<qint64>(m_rng.exponential(240000.0));
        if (ms + delay < m.endMs) {
            msg.flags |= messageflag::edited;
            msg.editedAfterSeconds = static_cast<quint32>(delay / 1000);
        }
    }
    m.messages.push_back(msg);
    return static_cast<int>(m.messages.size()) - 1;
}

// ---------------------------------------------------------------------------------------
// Messages

bool GuildSimulator::generateMessages()
{
    GuildModel &m = *m_model;
    const int total = m_options.messages;
    m.messages.reserve(static_cast<std::size_t>(total));
    fixedMessages();
    plantedPosts();
    const int selfThanks = std::clamp(total / 20000, 2, 50);
    if (!organicMessages(total - static_cast<int>(m.messages.size()) - selfThanks))
        return false;
    plantSelfThanks(selfThanks);
    // Top up to the exact count (a self-thanks may not have found its question).
    while (static_cast<int>(m.messages.size()) < total) {
        const int missing = total - static_cast<int>(m.messages.size());
        chatConversation(m.generalChannel, sampleTime(), missing, TopicGeneral,
                         ChannelKind::General);
    }
    return true;
}

void GuildSimulator::plantSelfThanks(int wanted)
{
    // Self-thanks (R3 ignores them): an asker replying "thanks" to their own question, or
    // thanking themselves by mention.
    GuildModel &m = *m_model;
    Random rng(mixSeed(m_options.seed, 0x5e1f7));
    const int n = static_cast<int>(m.messages.size());
    for (int attempt = 0; static_cast<int>(m.selfThanks.size()) < wanted && attempt < 20000;
         ++attempt) {
        const int i = static_cast<int>(rng.below(static_cast<quint64>(n)));
        const Message q = m.messages[i];
        if (q.kind != MessageKind::Question || !m.channels[q.channel].readable)
            continue;
        const qint64 t = q.ms + rng.range(2 * minuteMs, 30 * minuteMs);
        if (t >= m.endMs || !m.people[q.author].activeAt(t))
            continue;
        const int k = rng.chance(0.5) ? addMessage(q.channel, q.author, t, MessageKind::ThanksReply,
                                                   q.conversation, i)
                                      : addMessage(q.channel, q.author, t, MessageKind::Thanks,
                                                   q.conversation, -1, {q.author});
        m.selfThanks.push_back(k);
    }
}

void GuildSimulator::fixedMessages()
{
    GuildModel &m = *m_model;
    const int total = m_options.messages;
    const qint64 span = m.endMs - m.startMs;
    std::vector<int> admins;
    std::vector<int> moderators;
    for (int i : m_staff)
        (m.people[i].staff == 2 ? admins : moderators).push_back(i);
    // Someone from the list who is a member at time t (staff joined at different times).
    const auto presentOf = [&](const std::vector<int> &people, qint64 t, int fallback) {
        std::vector<int> present;
        for (int i : people) {
            if (m.people[i].activeAt(t))
                present.push_back(i);
        }
        return present.empty() ? fallback : present[m_rng.below(present.size())];
    };

    // #rules: three pinned posts by the owner before the public launch.
    for (int k = 0; k < 3; ++k) {
        const int conv = beginConversation({m.owner});
        const int i = addMessage(m.rulesChannel, m.owner, m.createdMs + hourMs + k * 5 * minuteMs,
                                 MessageKind::Rules, conv);
        m.messages[i].flags |= messageflag::pinned;
    }

    // #release-notes: exactly 100 messages, whatever the size (the pagination edge).
    for (int k = 0; k < 100; ++k) {
        const qint64 slot = span / 100;
        const qint64 t = m.startMs + k * slot + m_rng.range(0, slot - hourMs);
        const int author = m_rng.chance(0.7) ? m.heraldBot : presentOf(admins, t, m.heraldBot);
        addMessage(m.exactly100Channel, author, t, MessageKind::ReleaseNote,
                   beginConversation({author}));
    }

    // #announcements (type 5): the announcer bot and the admins.
    const int announcements = std::max(8, total / 250);
    const int announcementChannel = m_channelOf[static_cast<int>(ChannelKind::Announcements)];
    for (int k = 0; k < announcements; ++k) {
        const qint64 t = m.startMs + m_rng.range(0, span - hourMs);
        const int author = m_rng.chance(0.6) ? m.heraldBot : presentOf(admins, t, m.heraldBot);
        const int i = addMessage(announcementChannel, author, t, MessageKind::Announcement,
                                 beginConversation({author}));
        const double u = m_rng.uniform();
        if (u < 0.15)
            m.messages[i].flags |= messageflag::mentionEveryone;
        else if (u < 0.2)
            m.messages[i].flags |= messageflag::pinned;
    }

    // Poll results from the poll bot in #governance.
    const int polls = std::max(3, total / 700);
    const int governance = m_channelOf[static_cast<int>(ChannelKind::Governance)];
    const qint64 tallyJoined = m.people[m.tallyBot].joinedMs;
    for (int k = 0; k < polls; ++k) {
        const qint64 t = tallyJoined + hourMs + m_rng.range(0, m.endMs - tallyJoined - 2 * hourMs);
        addMessage(governance, m.tallyBot, t, MessageKind::PollResult,
                   beginConversation({m.tallyBot}));
    }

    // #mod-log: automod and moderators (the Gavel bot sees the channel but not its history).
    const int modLog = std::max(5, total / 125);
    for (int k = 0; k < modLog; ++k) {
        const qint64 t = m.startMs + m_rng.range(0, span - hourMs);
        const int author = m_rng.chance(0.5) ? m.heraldBot : presentOf(moderators, t, m.heraldBot);
        int target = -1;
        if (m_rng.chance(0.7)) {
            const int candidate = m_byJoin[m_rng.below(m_byJoin.size())];
            if (m.people[candidate].activeAt(t))
                target = candidate;
        }
        addMessage(m.modLogChannel, author, t, MessageKind::ModLog, beginConversation({author}), -1,
                   {target});
    }

    // #staff: conversations among staff, hidden from the bot.
    const int staffChannel = m_channelOf[static_cast<int>(ChannelKind::Staff)];
    int staffBudget = std::max(10, total / 50);
    while (staffBudget > 0) {
        const qint64 t = m.startMs + m_rng.range(0, span - 2 * hourMs);
        staffBudget -= std::max(
            1, chatConversation(staffChannel, t, staffBudget, TopicStaff, ChannelKind::Staff));
    }

    // One private thread in #general: moderators following up with a member.
    {
        const qint64 created = m.endMs - 5 * dayMs + m_rng.range(0, dayMs);
        const int mod1 = moderators.empty() ? m.owner : moderators[0];
        const int mod2 = admins.size() > 1 ? admins[1] : m.owner;
        int member = m.rings.empty() ? m_byJoin[0] : m.rings[0].members[0];
        if (!m.people[member].activeAt(created))
            member = m.owner;
        const int thread = addThread(ChannelKind::PrivateThread, m.generalChannel, mod1, created,
                                     ChannelKind::Staff);
        Channel &c = m.channels[thread];
        c.name = "warning follow-up";
        c.autoArchiveMinutes = 10080;
        c.id = allocateId(created, guildWorker);
        const int conv = beginConversation({mod1, mod2, member});
        qint64 t = created + minuteMs;
        const int speakers[] = {mod1, member, mod1, mod2, member, mod1, member, mod2, mod1, member};
        for (int speaker : speakers) {
            const MessageKind kind =
                m.people[speaker].staff != 0 ? MessageKind::StaffTalk : MessageKind::Chat;
            addMessage(thread, speaker, t, kind, conv);
            t += nextGap(m_rng, 3 * minuteMs);
        }
    }
}

void GuildSimulator::plantedPosts()
{
    GuildModel &m = *m_model;
    const int total = m_options.messages;
    const int didathing = m_channelOf[static_cast<int>(ChannelKind::DidAThing)];
    const int help = m_channelOf[static_cast<int>(ChannelKind::Help)];

    // Keep planted posts well below half of the guild even at the smallest sizes.
    int oldGuardPosts = std::clamp(total / 500, 30, 200);
    int ringPosts = std::clamp(total / 800, 8, 300);
    int ringMembers = 0;
    for (const Ring &r : m.rings) {
        if (!r.stealthy)
            ringMembers += static_cast<int>(r.members.size());
    }
    const int room = total * 3 / 10;
    if (oldGuardPosts + ringPosts * ringMembers > room) {
        const double f = room / static_cast<double>(oldGuardPosts + ringPosts * ringMembers);
        oldGuardPosts = std::max(5, static_cast<int>(oldGuardPosts * f));
        ringPosts = std::max(3, static_cast<int>(ringPosts * f));
    }

    for (int i = 0; i < static_cast<int>(m.people.size()); ++i) {
        const Person &p = m.people[i];
        if (!p.oldGuard)
            continue;
        const qint64 from = std::max(p.joinedMs + hourMs, m.startMs);
        for (int k = 0; k < oldGuardPosts; ++k) {
            const qint64 t = from + m_rng.range(0, p.quietMs - from);
            const bool post = m_rng.chance(0.6);
            addMessage(post ? didathing : help, i, t,
                       post ? MessageKind::DidAThing : MessageKind::Answer, beginConversation({i}));
        }
    }

    // The blatant rings post their "did a thing"s in #didathing once they have formed.
    for (const Ring &r : m.rings) {
        if (r.stealthy)
            continue;
        for (int i : r.members) {
            const qint64 from = std::max({r.formedMs, m.people[i].joinedMs + hourMs, m.startMs});
            for (int k = 0; k < ringPosts; ++k) {
                const qint64 t = from + m_rng.range(0, m.endMs - hourMs - from);
                addMessage(didathing, i, t, MessageKind::DidAThing, beginConversation({i}));
            }
        }
    }

    // A master keeps posting once the alts are there (that is what they are for), at any size.
    const int masterPosts = std::clamp(total / 1000, 12, 150);
    for (const AltFamily &f : m.altFamilies) {
        const qint64 from = f.joinedMs + 2 * dayMs;
        for (int k = 0; k < masterPosts; ++k) {
            const qint64 t = from + m_rng.range(0, m.endMs - hourMs - from);
            const bool post = m_rng.chance(0.5);
            addMessage(post ? didathing : m.generalChannel, f.master, t,
                       post ? MessageKind::DidAThing : MessageKind::Chat,
                       beginConversation({f.master}));
        }
    }

    // Alts rarely speak: a "gm" or two after joining.
    for (const AltFamily &f : m.altFamilies) {
        for (int i : f.alts) {
            const int posts = static_cast<int>(m_rng.range(0, 3));
            for (int k = 0; k < posts; ++k) {
                const qint64 t = std::min(m.people[i].joinedMs + m_rng.range(hourMs, 30 * dayMs),
                                          m.endMs - minuteMs);
                addMessage(m.generalChannel, i, t, MessageKind::AltChatter, beginConversation({i}));
            }
        }
    }
}

bool GuildSimulator::organicMessages(int budget)
{
    AliasTable slots(std::vector<double>(std::begin(slotWeights), std::end(slotWeights)));
    const int target = budget;
    int lastPercent = -1;
    while (budget > 0) {
        const qint64 t = sampleTime();
        int used = 0;
        switch (static_cast<Slot>(slots.sample(m_rng))) {
        case Slot::General:
            used = chatConversation(m_model->generalChannel, t, budget, TopicGeneral,
                                    ChannelKind::General);
            break;
        case Slot::OffTopic:
            used = chatConversation(m_channelOf[static_cast<int>(ChannelKind::OffTopic)], t, budget,
                                    TopicOffTopic, ChannelKind::OffTopic);
            break;
        case Slot::Help:
            used = helpConversation(m_channelOf[static_cast<int>(ChannelKind::Help)], t, budget, -1,
                                    -1);
            break;
        case Slot::DidAThing:
            used = didAThingConversation(m_channelOf[static_cast<int>(ChannelKind::DidAThing)], t,
                                         budget);
            break;
        case Slot::Memes:
            used = memeConversation(t, budget);
            break;
        case Slot::Governance:
            used = governanceConversation(m_channelOf[static_cast<int>(ChannelKind::Governance)], t,
                                          budget);
            break;
        case Slot::Introductions:
            used = introConversation(t, budget);
            break;
        case Slot::ForumPost:
            used = forumPost(t, budget);
            break;
        case Slot::TextThread:
        case Slot::Count:
            used = textThread(t, budget);
            break;
        }
        budget -= used;
        const int percent = 5 + 35 * (target - budget) / std::max(1, target);
        if (percent != lastPercent) {
            lastPercent = percent;
            if (!progress(percent))
                return false;
        }
    }
    return true;
}

int GuildSimulator::chatConversation(int channel, qint64 t, int budget, int topic,
                                     ChannelKind flavour)
{
    GuildModel &m = *m_model;
    const bool staff = flavour == ChannelKind::Staff;
    const int first = staff ? pickStaff(t) : pickPoster(t, topic, {});
    if (first < 0)
        return 0;
    std::vector<int> people{first};
    const int extra = std::min(5, 1 + m_rng.geometric(0.45));
    if (staff) {
        for (int k = 0; k < extra; ++k) {
            const int s = pickStaff(t);
            if (std::find(people.begin(), people.end(), s) == people.end())
                people.push_back(s);
        }
    } else {
        people = participants(t, topic, first, extra);
    }
    const int conv = beginConversation(people);
    const bool offTopic = flavour == ChannelKind::OffTopic;
    const int length =
        std::min({budget, offTopic ? 1 + m_rng.geometric(0.2) : 2 + m_rng.geometric(0.15), 40});
    std::vector<int> recent;
    int prev = -1;
    int used = 0;
    for (int k = 0; k < length; ++k) {
        int speaker = first;
        if (k > 0) {
            speaker = (m_rng.chance(0.35) || people.size() < 2)
                          ? prev
                          : people[m_rng.below(people.size())];
        }
        if (!m.people[speaker].activeAt(t) || t >= m.endMs)
            break;
        MessageKind kind =
            staff ? MessageKind::StaffTalk
                  : (k == 0 && m_rng.chance(0.2) ? MessageKind::Greeting : MessageKind::Chat);
        int replyTo = -1;
        bool ping = false;
        int mention = -1;
        const int prevAuthor = recent.empty() ? -1 : m.messages[recent.back()].author;
        if (!staff && k > 0 && prevAuthor != speaker && prevAuthor >= 0 &&
            m_rng.chance(offTopic ? 0.03 : 0.012)) {
            // A thanks in passing (it counts for karma, except in the excluded #off-topic).
            kind = MessageKind::Thanks;
            mention = prevAuthor;
        } else if (k > 0 && m_rng.chance(0.18)) {
            std::vector<int> candidates;
            for (int r : recent) {
                if (m.messages[r].author != speaker)
                    candidates.push_back(r);
            }
            if (!candidates.empty()) {
                replyTo = candidates[m_rng.below(candidates.size())];
                ping = m_rng.chance(0.7);
            }
        } else if (m_rng.chance(staff ? 0.15 : 0.07)) {
            if (staff) {
                const int ring =
                    m.rings.empty() ? -1 : static_cast<int>(m_rng.below(m.rings.size()));
                mention = ring >= 0 && m_rng.chance(0.5) ? m.rings[ring].members[0]
                                                         : m_byJoin[m_rng.below(m_byJoin.size())];
            } else if (people.size() > 1) {
                const int other = people[m_rng.below(people.size())];
                if (other != speaker)
                    mention = other;
            }
        }
        const int i = addMessage(channel, speaker, t, kind, conv, replyTo, {mention}, ping);
        recent.push_back(i);
        if (recent.size() > 5)
            recent.erase(recent.begin());
        prev = speaker;
        ++used;
        t += nextGap(m_rng, 70 * 1000);
    }
    return used;
}

int GuildSimulator::helpConversation(int channel, qint64 t, int budget, int asker, int question)
{
    GuildModel &m = *m_model;
    if (asker < 0)
        asker = pickPoster(t, TopicHelp, {});
    if (asker < 0)
        return 0;
    int used = 0;
    std::vector<int> helpers =
        participants(t, TopicHelp, asker, std::min(4, 1 + m_rng.geometric(0.55)));
    helpers.erase(helpers.begin());
    std::vector<int> people{asker};
    people.insert(people.end(), helpers.begin(), helpers.end());
    const int conv = question >= 0 ? m.messages[question].conversation : beginConversation(people);
    if (question >= 0) {
        // The question came first (a thread starter): widen its conversation to the helpers.
        Conversation &c = m_conversations[conv];
        if (c.end == m_conversationPeople.size()) {
            for (int h : helpers)
                m_conversationPeople.push_back(h);
            c.end = static_cast<quint32>(m_conversationPeople.size());
        }
    } else {
        question = addMessage(channel, asker, t, MessageKind::Question, conv);
        ++used;
    }
    if (helpers.empty())
        return used;
    const bool sameChannel = m.messages[question].channel == channel;
    const int answers = std::min(12, 1 + m_rng.geometric(0.3));
    std::vector<int> answered; // message indices of answers
    int prev = asker;
    t = std::max(t, m.messages[question].ms) + 20000 +
        static_cast<qint64>(m_rng.exponential(6.0 * minuteMs));
    for (int k = 0; k < answers && used < budget; ++k) {
        int speaker;
        if (prev == asker)
            speaker = helpers[m_rng.below(helpers.size())];
        else if (m_rng.chance(0.35))
            speaker = asker;
        else
            speaker = m_rng.chance(0.4) ? prev : helpers[m_rng.below(helpers.size())];
        if (!m.people[speaker].activeAt(t) || t >= m.endMs)
            break;
        int i;
        if (speaker == asker) {
            const int target = answered.empty() ? -1 : answered.back();
            const bool reply = target >= 0 && m_rng.chance(0.3);
            i = addMessage(channel, speaker, t, MessageKind::FollowUp, conv, reply ? target : -1,
                           {}, reply && m_rng.chance(0.5));
        } else {
            const double u = m_rng.uniform();
            if (sameChannel && u < 0.35)
                i = addMessage(channel, speaker, t, MessageKind::Answer, conv, question, {},
                               m_rng.chance(0.8));
            else if (u < 0.45)
                i = addMessage(channel, speaker, t, MessageKind::Answer, conv, -1, {asker});
            else
                i = addMessage(channel, speaker, t, MessageKind::Answer, conv);
            answered.push_back(i);
        }
        ++used;
        prev = speaker;
        t += nextGap(m_rng, 90 * 1000);
    }
    // The asker says thanks (R3): by mentioning the helper, or by replying to their answer.
    if (!answered.empty() && used < budget && t < m.endMs && m.people[asker].activeAt(t) &&
        m_rng.chance(0.6)) {
        const int answer =
            m_rng.chance(0.7) ? answered.back() : answered[m_rng.below(answered.size())];
        const int helper = m.messages[answer].author;
        t += static_cast<qint64>(m_rng.exponential(4.0 * minuteMs));
        if (t < m.endMs) {
            if (m_rng.chance(0.5)) {
                int second = -1;
                for (int a : answered) {
                    if (m.messages[a].author != helper && m_rng.chance(0.15))
                        second = m.messages[a].author;
                }
                addMessage(channel, asker, t, MessageKind::Thanks, conv, -1, {helper, second});
            } else {
                addMessage(channel, asker, t, MessageKind::ThanksReply, conv, answer, {},
                           m_rng.chance(0.8));
            }
            ++used;
            // Now and then a second thanks within minutes: the 12-hour cooldown case.
            if (used < budget && m_rng.chance(0.08)) {
                t += 30000 + static_cast<qint64>(m_rng.exponential(3.0 * minuteMs));
                if (t < m.endMs) {
                    addMessage(channel, asker, t, MessageKind::Thanks, conv, -1, {helper});
                    ++used;
                }
            }
        }
    }
    return used;
}

int GuildSimulator::didAThingConversation(int channel, qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const int poster = pickPoster(t, TopicDidAThing, {});
    if (poster < 0)
        return 0;
    const std::vector<int> people =
        participants(t, TopicDidAThing, poster, std::min(4, m_rng.geometric(0.55)));
    const int conv = beginConversation(people);
    const int post = addMessage(channel, poster, t, MessageKind::DidAThing, conv);
    int used = 1;
    for (std::size_t k = 1; k < people.size() && used < budget; ++k) {
        t += 20000 + static_cast<qint64>(m_rng.exponential(4.0 * minuteMs));
        if (t >= m.endMs || !m.people[people[k]].activeAt(t))
            break;
        const double u = m_rng.uniform();
        if (u < 0.4)
            addMessage(channel, people[k], t, MessageKind::Congrats, conv, post, {},
                       m_rng.chance(0.8));
        else if (u < 0.55)
            addMessage(channel, people[k], t, MessageKind::Congrats, conv, -1, {poster});
        else
            addMessage(channel, people[k], t, MessageKind::Congrats, conv);
        ++used;
    }
    return used;
}

int GuildSimulator::governanceConversation(int channel, qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const int proposer = pickPoster(t, TopicGovernance, {});
    if (proposer < 0)
        return 0;
    const std::vector<int> people =
        participants(t, TopicGovernance, proposer, std::min(7, 1 + m_rng.geometric(0.35)));
    const int conv = beginConversation(people);
    const int proposal = addMessage(channel, proposer, t, MessageKind::Proposal, conv);
    if (m_rng.chance(0.08))
        m.messages[proposal].flags |= messageflag::pinned;
    int used = 1;
    const int votes = std::min(budget - 1, 1 + m_rng.geometric(0.25));
    for (int k = 0; k < votes; ++k) {
        t += nextGap(m_rng, 4 * minuteMs);
        const int speaker = people[m_rng.below(people.size())];
        if (t >= m.endMs || !m.people[speaker].activeAt(t))
            break;
        const bool reply = speaker != proposer && m_rng.chance(0.25);
        addMessage(channel, speaker, t, MessageKind::Vote, conv, reply ? proposal : -1, {},
                   reply && m_rng.chance(0.6));
        ++used;
    }
    return used;
}

int GuildSimulator::introConversation(qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const int channel = m_channelOf[static_cast<int>(ChannelKind::Introductions)];
    // Introductions come from people who just joined (lurkers included: often their only post).
    const auto joinedBefore = [&](qint64 time) {
        return std::lower_bound(m_byJoin.begin(), m_byJoin.end(), time,
                                [&](int i, qint64 v) { return m.people[i].joinedMs < v; });
    };
    const auto from = joinedBefore(t - 3 * dayMs);
    const auto to = joinedBefore(t);
    if (from == to)
        return 0;
    const int newcomer = *(from + static_cast<std::ptrdiff_t>(m_rng.below(to - from)));
    const Person &n = m.people[newcomer];
    if (n.alt || !n.activeAt(t))
        return 0;
    const std::vector<int> people =
        participants(t, TopicIntroductions, newcomer, static_cast<int>(m_rng.below(3)));
    const int conv = beginConversation(people);
    const int intro = addMessage(channel, newcomer, t, MessageKind::Intro, conv);
    int used = 1;
    for (std::size_t k = 1; k < people.size() && used < budget; ++k) {
        t += 30000 + static_cast<qint64>(m_rng.exponential(10.0 * minuteMs));
        if (t >= m.endMs || !m.people[people[k]].activeAt(t))
            break;
        const double u = m_rng.uniform();
        if (u < 0.5)
            addMessage(channel, people[k], t, MessageKind::Welcome, conv, -1, {newcomer});
        else if (u < 0.8)
            addMessage(channel, people[k], t, MessageKind::Welcome, conv, intro, {}, true);
        else
            addMessage(channel, people[k], t, MessageKind::Welcome, conv);
        ++used;
    }
    return used;
}

int GuildSimulator::memeConversation(qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const int channel = m_channelOf[static_cast<int>(ChannelKind::Memes)];
    const int poster = pickPoster(t, TopicMemes, {});
    if (poster < 0)
        return 0;
    const std::vector<int> people =
        participants(t, TopicMemes, poster, std::min(3, m_rng.geometric(0.5)));
    const int conv = beginConversation(people);
    addMessage(channel, poster, t, MessageKind::Meme, conv);
    int used = 1;
    for (std::size_t k = 1; k < people.size() && used < budget; ++k) {
        t += nextGap(m_rng, 2 * minuteMs);
        if (t >= m.endMs || !m.people[people[k]].activeAt(t))
            break;
        addMessage(channel, people[k], t, MessageKind::Meme, conv);
        ++used;
    }
    return used;
}

int GuildSimulator::textThread(qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const double u = m_rng.uniform();
    const ChannelKind parentKind =
        u < 0.45 ? ChannelKind::General : (u < 0.8 ? ChannelKind::Help : ChannelKind::Governance);
    const int parent = m_channelOf[static_cast<int>(parentKind)];
    const int topic = parentKind == ChannelKind::General
                          ? TopicGeneral
                          : (parentKind == ChannelKind::Help ? TopicHelp : TopicGovernance);
    const int author = pickPoster(t, topic, {});
    if (author < 0 || budget < 2)
        return 0;
    const MessageKind starterKind =
        parentKind == ChannelKind::General
            ? MessageKind::Chat
            : (parentKind == ChannelKind::Help ? MessageKind::Question : MessageKind::Proposal);
    const int conv = beginConversation({author});
    const int starter = addMessage(parent, author, t, starterKind, conv);
    const qint64 created = t + m_rng.range(minuteMs, 20 * minuteMs);
    if (created >= m.endMs - minuteMs)
        return 1;
    const int thread = addThread(ChannelKind::Thread, parent, author, created, parentKind);
    m.channels[thread].starter = starter;
    m.messages[starter].thread = thread;
    int used = 1;
    if (parentKind == ChannelKind::Help) {
        used += helpConversation(thread, created + 30000, budget - used, author, starter);
    } else {
        used += chatConversation(thread, created + 30000, budget - used, topic, parentKind);
    }
    return used;
}

int GuildSimulator::forumPost(qint64 t, int budget)
{
    GuildModel &m = *m_model;
    const int forum = m_channelOf[static_cast<int>(ChannelKind::Forum)];
    const bool showcase = m_rng.chance(0.15);
    const int asker = pickPoster(t, showcase ? TopicDidAThing : TopicHelp, {});
    if (asker < 0)
        return 0;
    const int thread = addThread(ChannelKind::ForumPost, forum, asker, t,
                                 showcase ? ChannelKind::DidAThing : ChannelKind::Forum);
    Channel &c = m.channels[thread];
    c.tags.push_back(showcase ? 3 : 0);
    if (!showcase && m_rng.chance(0.2))
        c.tags.push_back(2);
    const int conv = beginConversation({asker});
    // A forum post is a thread whose first message has the thread's id.
    const int starter = addMessage(thread, asker, t,
                                   showcase ? MessageKind::DidAThing : MessageKind::Question, conv);
    m.channels[thread].starter = starter;
    int used = 1;
    if (showcase) {
        // Congratulations, like #didathing but inside the post.
        const std::vector<int> people =
            participants(t, TopicDidAThing, asker, std::min(3, m_rng.geometric(0.5)));
        for (std::size_t k = 1; k < people.size() && used < budget; ++k) {
            t += 20000 + static_cast<qint64>(m_rng.exponential(6.0 * minuteMs));
            if (t >= m.endMs || !m.people[people[k]].activeAt(t))
                break;
            addMessage(thread, people[k], t, MessageKind::Congrats, conv);
            ++used;
        }
        return used;
    }
    used += helpConversation(thread, t, budget - used, asker, starter);
    return used;
}

void GuildSimulator::assignMessageIds()
{
    GuildModel &m = *m_model;
    const int n = static_cast<int>(m.messages.size());
    m.chronological.resize(static_cast<std::size_t>(n));
    std::iota(m.chronological.begin(), m.chronological.end(), 0);
    std::stable_sort(m.chronological.begin(), m.chronological.end(),
                     [&](int a, int b) { return m.messages[a].ms < m.messages[b].ms; });
    qint64 lastMs = -1;
    quint64 increment = 0;
    for (int i : m.chronological) {
        Message &msg = m.messages[i];
        increment = msg.ms == lastMs ? increment + 1 : 0;
        lastMs = msg.ms;
        // Process bits vary like real ids do; the increment keeps ids unique within a ms.
        const quint64 process = static_cast<quint64>(msg.channel) & 31;
        msg.id = snowflake::fromMsecs(msg.ms) | (static_cast<quint64>(messageWorker) << 17) |
                 (process << 12) | (increment & 4095);
    }
    // A thread started from a message (or a forum post) has that message's id.
    for (Channel &c : m.channels) {
        if (c.isThread() && c.starter >= 0)
            c.id = m.messages[c.starter].id;
    }
}

// ---------------------------------------------------------------------------------------
// Reactions

void GuildSimulator::generateReactions()
{
    GuildModel &m = *m_model;
    const Options &o = m_options;
    const int n = static_cast<int>(m.messages.size());

    // Per-channel emoji mixes, by the channel's flavour (threads take their parent's).
    std::vector<AliasTable> mixes(32);
    std::vector<std::vector<int>> mixEmoji(32);
    for (int k = 0; k < 32; ++k) {
        std::vector<double> weights;
        for (const EmojiWeight &w : emojiMix(static_cast<ChannelKind>(k))) {
            mixEmoji[k].push_back(emojiIndex(w.name));
            weights.push_back(w.weight);
        }
        mixes[k].build(weights);
    }
    const int heart = emojiIndex("❤️");
    const int pray = emojiIndex("🙏");
    const int gm = emojiIndex("gm");
    const int wave = emojiIndex("👋");
    const int fire = emojiIndex("🔥");
    const int party = emojiIndex("🎉");

    // First pass: how reactable each message is; the scale makes the organic mean exact.
    std::vector<float> appeal(static_cast<std::size_t>(n));
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const Message &msg = m.messages[i];
        Random rng(mixSeed(o.seed, 0xa11, static_cast<quint64>(i)));
        const Person &author = m.people[msg.author];
        double a =
            kindAppeal(msg.kind) * (author.bot ? 1.0 : author.appeal) * rng.logNormal(0.0, 1.5);
        // Most small talk goes unnoticed; posts and answers rarely do.
        if (rng.chance(ignoredShare(msg.kind)))
            a *= 0.03;
        appeal[i] = static_cast<float>(a);
        sum += a;
    }
    const double scale = sum > 0 ? o.reactionsPerMessage * n / sum : 0.0;

    const auto blatantRingActive = [&](const Person &p, qint64 t) {
        return p.ring >= 0 && !m.rings[p.ring].stealthy && t >= m.rings[p.ring].formedMs;
    };
    const auto ringActive = [&](const Person &p, qint64 t) {
        return p.ring >= 0 && t >= m.rings[p.ring].formedMs;
    };

    std::vector<int> chosen;
    std::vector<quint64> seen;
    m.reactions.reserve(static_cast<std::size_t>(o.reactionsPerMessage * n * 1.3) + 1024);
    int lastPercent = -1;
    for (int i = 0; i < n; ++i) {
        const Message &msg = m.messages[i];
        const Channel &channel = m.channels[msg.channel];
        const int authorIndex = msg.author;
        const Person &author = m.people[authorIndex];
        const qint64 t = msg.ms;
        Random rng(mixSeed(o.seed, 0xb22, static_cast<quint64>(i)));
        chosen.clear();
        seen.clear();

        const auto add = [&](int user, int emoji) {
            const quint64 key = (static_cast<quint64>(user) << 16) | static_cast<quint64>(emoji);
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                return;
            seen.push_back(key);
            Reaction r;
            r.message = i;
            r.user = user;
            r.emoji = static_cast<std::uint16_t>(emoji);
            r.burst = rng.chance(0.012) ? 1 : 0;
            m.reactions.push_back(r);
        };

        const int flavour = static_cast<int>(channel.flavour == ChannelKind::Thread ||
                                                     channel.flavour == ChannelKind::ForumPost
                                                 ? ChannelKind::General
                                                 : channel.flavour);
        const AliasTable &mix = mixes[flavour];
        const std::vector<int> &mixIds = mixEmoji[flavour];
        int primary = mixIds[mix.sample(rng)];
        if ((msg.kind == MessageKind::Thanks || msg.kind == MessageKind::ThanksReply) &&
            rng.chance(0.6))
            primary = rng.chance(0.5) ? heart : pray;
        else if (msg.kind == MessageKind::Greeting && rng.chance(0.5))
            primary = gm;
        else if (msg.kind == MessageKind::Intro && rng.chance(0.5))
            primary = wave;
        else if (msg.kind == MessageKind::Proposal && rng.chance(0.5))
            primary = m.thumbsUp;

        // Organic reactions: people around at the time, often those in the conversation.
        if (channel.kind != ChannelKind::ModLog) {
            int k = std::min(rng.poisson(scale * appeal[i]), 400);
            if (blatantRingActive(author, t))
                k = rng.binomial(k, o.ringOutsiderRate);
            const Conversation &conv = m_conversations[msg.conversation];
            const int convSize = static_cast<int>(conv.end - conv.begin);
            const Sampler &sampler = m_react[bucketOf(t)];
            for (int attempt = 0; static_cast<int>(chosen.size()) < k && attempt < 12 * k + 20;
                 ++attempt) {
                int r;
                if (convSize > 1 && rng.chance(0.35)) {
                    r = m_conversationPeople[conv.begin +
                                             rng.below(static_cast<quint64>(convSize))];
                    if (reactWeight(m.people[r], t) <= 0)
                        continue;
                } else {
                    if (sampler.table.empty())
                        break;
                    const int s = sampler.table.sample(rng);
                    r = sampler.people[s];
                    if (rng.uniform() * sampler.maxWeight[s] >= reactWeight(m.people[r], t))
                        continue;
                }
                if (r == authorIndex)
                    continue;
                const Person &reactor = m.people[r];
                // Reactions within a ring or friend group are planted below, with exactly the
                // configured probabilities; organic draws would double them.
                if ((reactor.ring >= 0 && reactor.ring == author.ring) ||
                    (reactor.friendGroup >= 0 && reactor.friendGroup == author.friendGroup))
                    continue;
                if (blatantRingActive(reactor, t) && reactor.ring != author.ring &&
                    !rng.chance(o.ringOutsiderRate))
                    continue;
                if (reactor.alt && !rng.chance(0.02))
                    continue;
                if (std::find(chosen.begin(), chosen.end(), r) != chosen.end())
                    continue;
                chosen.push_back(r);
            }
            for (int r : chosen) {
                const Person &reactor = m.people[r];
                int e = rng.chance(0.75) ? primary : mixIds[mix.sample(rng)];
                // The core team recognises work with :dojo: more than anyone.
                if (reactor.core && rng.chance(0.4))
                    e = m.dojo;
                // Ring members and alts keep their :dojo: for their own.
                const bool hoards =
                    (blatantRingActive(reactor, t) && reactor.ring != author.ring) ||
                    (reactor.alt && reactor.altFamily != author.altFamily);
                if (e == m.dojo && hoards && rng.chance(0.85))
                    e = m.thumbsUp;
                add(r, e);
                if (rng.chance(0.08)) {
                    const int second = mixIds[mix.sample(rng)];
                    if (second != e && !(second == m.dojo && hoards))
                        add(r, second);
                }
            }
        }

        // Planted behaviour on top of the organic reactions.
        if (author.bot || channel.kind == ChannelKind::ModLog)
            continue;
        if (ringActive(author, t) && channel.kind != ChannelKind::Announcements) {
            for (int mate : m.rings[author.ring].members) {
                if (mate == authorIndex || !m.people[mate].activeAt(t))
                    continue;
                if (rng.chance(o.ringDensity)) {
                    add(mate, m.dojo);
                    if (rng.chance(0.3))
                        add(mate, rng.chance(0.5) ? m.sourcecred : fire);
                }
            }
        }
        if (author.altFamily >= 0 && !author.alt) {
            for (int alt : m.altFamilies[author.altFamily].alts) {
                if (!m.people[alt].activeAt(t))
                    continue;
                if (rng.chance(0.8)) {
                    add(alt, m.dojo);
                    if (rng.chance(0.25))
                        add(alt, fire);
                }
            }
        }
        if (author.friendGroup >= 0) {
            for (int friendIndex : m.friendGroups[author.friendGroup].members) {
                if (friendIndex == authorIndex || !m.people[friendIndex].activeAt(t))
                    continue;
                // Friends answer each other's posts; their small talk gets a third as much.
                const double smallTalk = ignoredShare(msg.kind) > 0.5 ? 0.35 : 1.0;
                if (rng.chance(o.friendReciprocity * smallTalk)) {
                    const double u = rng.uniform();
                    add(friendIndex,
                        u < 0.45 ? m.dojo : (u < 0.65 ? heart : (u < 0.8 ? party : primary)));
                }
            }
        }
        if (author.oldGuard && t < author.quietMs) {
            for (int core : m_core) {
                if (m.people[core].activeAt(t) && rng.chance(0.55))
                    add(core, m.dojo);
            }
        }
        const int percent = 50 + 30 * i / std::max(1, n);
        if (percent != lastPercent) {
            lastPercent = percent;
            progress(percent);
        }
    }
}

void GuildSimulator::plantSelfReactions()
{
    GuildModel &m = *m_model;
    Random rng(mixSeed(m_options.seed, 0x5e1f));
    const int wanted = std::clamp(m_options.messages / 4000, 4, 250);
    const int n = static_cast<int>(m.messages.size());
    std::vector<char> used(static_cast<std::size_t>(n), 0);
    for (int attempt = 0;
         static_cast<int>(m.selfReactions.size()) < wanted && attempt < 50 * wanted; ++attempt) {
        const int i = static_cast<int>(rng.below(static_cast<quint64>(n)));
        const Message &msg = m.messages[i];
        const Person &author = m.people[msg.author];
        if (used[i] || author.bot || !m.channels[msg.channel].readable)
            continue;
        used[i] = 1;
        SelfReaction self;
        self.message = i;
        self.emoji = rng.chance(0.6) ? m.dojo : m.thumbsUp;
        self.burst = rng.chance(0.1);
        Reaction r;
        r.message = i;
        r.user = msg.author;
        r.emoji = static_cast<std::uint16_t>(self.emoji);
        r.burst = self.burst ? 1 : 0;
        m.reactions.push_back(r);
        m.selfReactions.push_back(self);
    }
    std::sort(m.selfReactions.begin(), m.selfReactions.end(),
              [](const SelfReaction &a, const SelfReaction &b) { return a.message < b.message; });
}

void GuildSimulator::sortReactions()
{
    GuildModel &m = *m_model;
    std::sort(m.reactions.begin(), m.reactions.end(), [](const Reaction &a, const Reaction &b) {
        if (a.message != b.message)
            return a.message < b.message;
        if (a.emoji != b.emoji)
            return a.emoji < b.emoji;
        if (a.burst != b.burst)
            return a.burst < b.burst;
        return a.user < b.user;
    });
    std::size_t r = 0;
    for (int i = 0; i < static_cast<int>(m.messages.size()); ++i) {
        Message &msg = m.messages[i];
        msg.reactionBegin = static_cast<quint32>(r);
        while (r < m.reactions.size() && m.reactions[r].message == i)
            ++r;
        msg.reactionEnd = static_cast<quint32>(r);
    }
}

// ---------------------------------------------------------------------------------------
// Roles and channels

void GuildSimulator::runLadder()
{
    DaimyoLadder::run(*m_model);
    GuildModel &m = *m_model;
    m.decayingSensei = -1;
    for (int i : m.decayCandidates) {
        if (m.people[i].oldGuard)
            m.decayingSensei = i;
    }
    if (m.decayingSensei < 0 && !m.decayCandidates.empty())
        m.decayingSensei = m.decayCandidates.front();
}

void GuildSimulator::assignRoles()
{
    GuildModel &m = *m_model;
    for (int i = 0; i < static_cast<int>(m.people.size()); ++i) {
        Person &p = m.people[i];
        quint32 roles = 0;
        const auto give = [&roles](int slot) { roles |= 1u << slot; };
        if (i == m.gavelBot)
            give(RoleGavel);
        else if (i == m.heraldBot)
            give(RoleHerald);
        else if (i == m.tallyBot)
            give(RoleTally);
        if (!p.bot) {
            give(RoleKohai);
            if (p.core) {
                give(RoleFelt);
                give(RoleSensei);
            } else if (p.deactivatedMs != 0 && p.deactivatedMs <= m.rolesAsOfMs) {
                give(RoleDeactivated);
            } else if (p.level == 2) {
                give(RoleSensei);
            } else if (p.level == 1) {
                give(RoleSenpai);
            }
            if (p.staff == 2)
                give(RoleAdmin);
            else if (p.staff == 1)
                give(RoleModerator);
            if (p.cosmetic >= 0)
                give(p.cosmetic);
            if (p.premiumSinceMs != 0)
                give(RoleBooster);
        }
        p.roles = roles;
    }
}

void GuildSimulator::finalizeChannels()
{
    GuildModel &m = *m_model;
    for (Channel &c : m.channels)
        c.messages.clear();
    for (int i : m.chronological) {
        Message &msg = m.messages[i];
        Channel &c = m.channels[msg.channel];
        c.messages.push_back(i);
        if (msg.flags & messageflag::pinned)
            c.lastPinMs = std::max(c.lastPinMs, msg.ms);
    }
    Random rng(mixSeed(m_options.seed, 0xa2c));
    for (Channel &c : m.channels) {
        if (!c.isThread())
            continue;
        const qint64 last = c.messages.empty() ? c.createdMs : m.messages[c.messages.back()].ms;
        const qint64 idle = static_cast<qint64>(c.autoArchiveMinutes) * minuteMs;
        if (c.kind != ChannelKind::PrivateThread && last + idle < m.endMs) {
            c.archived = true;
            c.archiveMs = last + idle;
            c.locked = c.kind == ChannelKind::ForumPost && rng.chance(0.1);
        } else {
            c.archiveMs = c.createdMs;
        }
        if (c.kind == ChannelKind::ForumPost) {
            for (int i : c.messages) {
                const Message &msg = m.messages[i];
                if ((msg.kind == MessageKind::Thanks || msg.kind == MessageKind::ThanksReply) &&
                    msg.author == c.owner) {
                    c.tags.push_back(1); // solved
                    break;
                }
            }
        }
    }
}

} // namespace gavel::demoguild
