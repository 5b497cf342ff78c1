#include "TextBank.h"

#include <cctype>
#include <charconv>

namespace gavel::demoguild {

namespace {

using Bank = std::initializer_list<std::string_view>;

std::string_view pickFrom(Random &rng, Bank bank)
{
    return bank.begin()[rng.below(bank.size())];
}

template<std::size_t N>
std::string_view pickFrom(Random &rng, const std::string_view (&bank)[N])
{
    return bank[rng.below(N)];
}

constexpr std::string_view firstNames[] = {
    "alice",   "bob",    "carol",  "dave",  "erin",  "frank",  "grace", "heidi", "ivan",   "judy",
    "mallory", "nina",   "oscar",  "peggy", "quinn", "rupert", "sybil", "trent", "ursula", "victor",
    "wendy",   "xavier", "yara",   "zane",  "maya",  "leo",    "sam",   "noah",  "emma",   "liam",
    "olivia",  "lucas",  "mia",    "ethan", "ava",   "james",  "sofia", "mateo", "aria",   "kai",
    "luna",    "omar",   "fatima", "yuki",  "hiro",  "chen",   "wei",   "priya", "arjun",  "tomas",
    "ines",    "jonas",  "elif",   "ana",   "pedro", "lena",   "felix", "nora",  "hugo",   "ada",
};

constexpr std::string_view lastNames[] = {
    "smith",  "garcia", "mueller", "rossi",   "silva",  "kim",   "nguyen", "kowalski", "jensen",
    "okafor", "haddad", "tanaka",  "ivanova", "dubois", "novak", "santos", "costa",    "berg",
};

constexpr std::string_view adjectives[] = {
    "cosmic", "lazy",   "honey",  "quiet",  "rapid", "golden", "tiny",  "brave", "crypto", "degen",
    "based",  "fuzzy",  "lunar",  "solar",  "pixel", "silent", "spicy", "wild",  "sleepy", "clever",
    "humble", "frosty", "mellow", "nimble", "shiny", "rusty",  "lucky", "cosy",  "grumpy", "jolly",
};

constexpr std::string_view nouns[] = {
    "bee",    "fox",     "otter",  "panda",  "wizard",  "builder", "farmer", "whale",
    "ape",    "owl",     "koala",  "tiger",  "hive",    "node",    "block",  "gardener",
    "sprout", "dragon",  "ninja",  "ronin",  "pilgrim", "nomad",   "falcon", "badger",
    "comet",  "lantern", "quokka", "walrus", "heron",   "maple",
};

// Display names beyond ASCII: accents, CJK, Cyrillic, Greek, RTL scripts.
constexpr std::string_view unicodeNames[] = {
    "Zoë",       "José",     "Łukasz",     "Søren",   "Ayşe",  "Nguyễn Văn An",
    "Björk",     "François", "Małgorzata", "Jürgen",  "Ñandú", "Ólafur",
    "田中 太郎", "王伟",     "김민준",     "さくら",  "李娜",  "佐藤",
    "Алексей",   "Дмитрий",  "Ольга",      "Наталья", "Σοφία", "Νίκος",
};

constexpr std::string_view rtlNames[] = {
    "محمد", "فاطمة", "علي", "ليلى", "יוסי", "שרה", "דוד", "נועה", "أحمد الحسن", "רונית",
};

constexpr std::string_view emojiDecorations[] = {
    "🐝", "🦊", "⚡️", "🌙", "🧑‍💻", "🇧🇷", "🌻", "🍯", "🐢", "✨", "🔥", "🌊", "🎨", "🚀", "🦉",
};

// "Fancy" names many guilds see: mathematical script (outside the BMP) and small caps.
constexpr std::string_view fancyNames[] = {
    "𝓐𝓵𝓲𝓬𝓮", "𝕭𝖊𝖊𝖐𝖊𝖊𝖕𝖊𝖗", "𝙽𝚘𝚍𝚎 𝚁𝚞𝚗𝚗𝚎𝚛", "ᴍɪʟᴏ", "ｓａｍ", "Ⓛⓤⓝⓐ",
};

constexpr std::string_view things[] = {
    "the honey pot",
    "conviction voting",
    "the faucet",
    "the bridge",
    "the subgraph",
    "the frontend",
    "the docs",
    "the treasury dashboard",
    "the Discord bot",
    "SourceCred scores",
    "the wiki",
    "the forum",
    "the staking contract",
    "the airdrop checker",
    "gardens",
    "the token list",
    "the translation repo",
    "the onboarding guide",
    "the grants program",
    "the testnet",
    "the multisig",
    "the analytics page",
    "the newsletter",
    "the mobile app",
    "the API",
    "the CI pipeline",
    "the smart contract",
    "the governance app",
};

constexpr std::string_view verbs[] = {
    "deploy", "configure", "update", "sync",   "connect", "install", "migrate", "debug",
    "build",  "run",       "verify", "bridge", "stake",   "claim",   "export",  "reset",
};

constexpr std::string_view problems[] = {
    "keeps timing out",   "shows a blank page",   "throws a 403",
    "won't load",         "is stuck at 99%",      "returns the wrong balance",
    "crashes on startup", "doesn't show my role", "says invalid signature",
    "hangs forever",      "double counts",        "is super slow today",
};

constexpr std::string_view adjectiveOpinions[] = {
    "underrated", "overkill",           "really nice", "kind of broken", "the future",
    "confusing",  "so much better now", "a bit slow",  "wild",           "great for newcomers",
};

constexpr std::string_view links[] = {
    "https://docs.hivedojo.example/guides/getting-started",
    "https://forum.hivedojo.example/t/proposal-discussion/1842",
    "https://github.com/hivedojo/app/issues/517",
    "https://github.com/hivedojo/app/pull/1203",
    "https://hivedojo.example/blog/season-3?utm_source=discord&ref=%F0%9F%90%9D",
    "https://docs.hivedojo.example/faq#why-is-my-score-zero",
    "https://notes.hivedojo.example/community-call-notes",
};

constexpr std::string_view gifs[] = {
    "https://tenor.com/view/this-is-fine-dog-fire-gif-5263684",
    "https://tenor.com/view/bee-movie-ya-like-jazz-gif-14163584",
    "https://media.giphy.com/media/3o7btPCcdNniyf0ArS/giphy.gif",
    "https://i.imgur.com/2wFp8Qe.png",
};

constexpr std::string_view unicodeEmoji[] = {
    "😂", "🔥", "🚀", "❤️", "🙏", "👀", "💯", "🎉", "🐝", "😅", "🤔", "✅", "🙌", "💀", "☕",
};

constexpr std::string_view errors[] = {
    "Error: execution reverted: insufficient allowance\n    at send "
    "(node_modules/ethers/lib/provider.js:1203:19)",
    "TypeError: Cannot read properties of undefined (reading 'balance')\n    at Dashboard.render "
    "(src/Dashboard.tsx:88:31)",
    "HTTP 429 Too Many Requests\nretry_after: 1.337\n\"global\": false",
    "panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 "
    "[running]:\nmain.main()\n\t/app/main.go:42 +0x1d",
    "fatal: unable to access 'https://github.com/hivedojo/app.git/': Could not resolve host",
    "error[E0502]: cannot borrow `state` as mutable because it is also borrowed as immutable",
};

constexpr std::string_view windowsPaths[] = {
    "C:\\Users\\me\\AppData\\Roaming\\HiveDojo\\config.json",
    "D:\\projects\\hive\\node_modules\\.bin\\hardhat.cmd",
    "C:\\Program Files\\HiveDojo\\logs\\2025-01-03.log",
};

constexpr std::string_view commands[] = {
    "npm ci && npm run build",
    "git pull --rebase",
    "yarn hardhat compile",
    "docker compose up -d",
    "cargo build --release",
    "rm -rf node_modules",
    "npx hardhat verify --network gnosis",
};

constexpr std::string_view versions[] = {"1.4.2", "2.0.0-rc.1", "0.9.13",
                                         "3.1.0", "2.7.5",      "1.0.1"};

constexpr std::string_view languages[] = {"Spanish",  "Portuguese", "Turkish",
                                          "Japanese", "Hindi",      "French"};

constexpr std::string_view places[] = {"Lisbon",  "Buenos Aires", "Lagos",  "Seoul",   "Berlin",
                                       "Toronto", "Istanbul",     "Manila", "Nairobi", "Kraków"};

constexpr std::string_view jobs[] = {
    "build frontends", "do design",          "write smart contracts", "study economics",
    "run a small DAO", "do community stuff", "translate docs",        "work in data science",
};

constexpr std::string_view events[] = {"community call",     "hackathon",       "AMA",
                                       "translation sprint", "governance call", "workshop",
                                       "onboarding session"};

constexpr std::string_view days[] = {"Monday",   "Tuesday", "Wednesday",
                                     "Thursday", "Friday",  "the weekend"};

constexpr std::string_view proposals[] = {
    "raise the weekly mint budget to 12",   "fund the translation guild for Q3",
    "move the community call to Thursdays", "add a merit-source role",
    "cap reactions per pair per day",       "sunset the old faucet",
    "pay reviewers for PR reviews",         "create a #research channel",
};

constexpr std::string_view reasons[] = {
    "it rewards the people actually doing the work",
    "it makes gaming the scores harder",
    "the budget is already tight",
    "we tried something similar last season and it went badly",
    "newcomers need a clearer path",
    "it's simple and easy to audit",
};

constexpr std::string_view sentences[] = {
    "I went through the whole thread before posting this.",
    "The short version is that the numbers don't add up yet.",
    "Happy to pair on it if anyone wants.",
    "This came up in the last community call too.",
    "Not a blocker, just something to keep in mind.",
    "I tested it on testnet first and it looked fine.",
    "The docs say one thing and the code does another.",
    "Would love a second pair of eyes on this.",
    "We should write this down somewhere people can find it.",
    "It's been like this since the last release as far as I can tell.",
    "Overall I think we're heading in the right direction.",
    "Let's not overthink it, we can always iterate.",
};

constexpr std::string_view changes[] = {
    "fixed a crash when the wallet disconnects",
    "faster dashboard loading",
    "new leaderboard filters",
    "translations: Turkish and Hindi",
    "reaction counts now skip bots",
    "dark mode for the forum embed",
    "exports include the policy hash",
    "better error messages on claim",
};

void appendNumber(std::string &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void appendMention(std::string &out, quint64 id)
{
    out.append("<@");
    appendNumber(out, static_cast<qint64>(id));
    out.push_back('>');
}

void appendSentences(std::string &out, Random &rng, int count)
{
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out.push_back(' ');
        out.append(pickFrom(rng, sentences));
    }
}

/*!
 * Expands {placeholders} in a template. Mentions ({m}, {m2}) come from the context in
 * order, so a template with two mentions is only chosen when there are two.
 */
int expand(std::string &out, std::string_view tmpl, const ContentContext &ctx, Random &rng,
           int nextMention = 0)
{
    std::size_t i = 0;
    while (i < tmpl.size()) {
        const std::size_t open = tmpl.find('{', i);
        if (open == std::string_view::npos) {
            out.append(tmpl.substr(i));
            return nextMention;
        }
        out.append(tmpl.substr(i, open - i));
        const std::size_t close = tmpl.find('}', open);
        const std::string_view name = tmpl.substr(open + 1, close - open - 1);
        i = close + 1;
        if (name == "m" || name == "m2") {
            if (nextMention < ctx.mentionCount)
                appendMention(out, ctx.mentionIds[nextMention++]);
        } else if (name == "thing" || name == "thing2") {
            out.append(pickFrom(rng, things));
        } else if (name == "verb" || name == "verb2") {
            out.append(pickFrom(rng, verbs));
        } else if (name == "problem") {
            out.append(pickFrom(rng, problems));
        } else if (name == "opinion") {
            out.append(pickFrom(rng, adjectiveOpinions));
        } else if (name == "adj") {
            out.append(pickFrom(rng, adjectives));
        } else if (name == "link") {
            out.append(pickFrom(rng, links));
        } else if (name == "gif") {
            out.append(pickFrom(rng, gifs));
        } else if (name == "emoji") {
            out.append(pickFrom(rng, unicodeEmoji));
        } else if (name == "err") {
            out.append(pickFrom(rng, errors));
        } else if (name == "path") {
            out.append(pickFrom(rng, windowsPaths));
        } else if (name == "cmd") {
            out.append(pickFrom(rng, commands));
        } else if (name == "ver") {
            out.append(pickFrom(rng, versions));
        } else if (name == "lang") {
            out.append(pickFrom(rng, languages));
        } else if (name == "place") {
            out.append(pickFrom(rng, places));
        } else if (name == "job") {
            out.append(pickFrom(rng, jobs));
        } else if (name == "event") {
            out.append(pickFrom(rng, events));
        } else if (name == "day") {
            out.append(pickFrom(rng, days));
        } else if (name == "proposal") {
            out.append(pickFrom(rng, proposals));
        } else if (name == "reason") {
            out.append(pickFrom(rng, reasons));
        } else if (name == "change") {
            out.append(pickFrom(rng, changes));
        } else if (name == "first") {
            std::string first(pickFrom(rng, firstNames));
            first[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(first[0])));
            out.append(first);
        } else if (name == "n") {
            appendNumber(out, rng.range(2, 40));
        } else if (name == "pct") {
            appendNumber(out, rng.range(51, 93));
        } else if (name == "long") {
            appendSentences(out, rng, static_cast<int>(rng.range(2, 6)));
        } else if (name == "dojo") {
            out.append("<:dojo:");
            appendNumber(out, static_cast<qint64>(ctx.dojoEmojiId));
            out.push_back('>');
        } else if (name == "party") {
            out.append("<a:party_blob:");
            appendNumber(out, static_cast<qint64>(ctx.partyEmojiId));
            out.push_back('>');
        } else if (name == "role") {
            out.append("<@&");
            appendNumber(out, static_cast<qint64>(ctx.roleId));
            out.push_back('>');
        } else if (name == "accomplishment") {
            static constexpr std::string_view accomplishments[] = {
                "wrote a guide on {thing}",
                "translated the onboarding docs into {lang}",
                "reviewed {n} PRs for {thing}",
                "fixed the bug where {thing} {problem}",
                "hosted the {event} and posted the notes",
                "designed new banners for {thing}",
                "ran the {event} with {n} people",
                "updated the FAQ about {thing}",
                "onboarded {n} new folks in #help",
                "set up a dashboard for {thing}",
            };
            nextMention = expand(out, pickFrom(rng, accomplishments), ctx, rng, nextMention);
        } else {
            out.append(name);
        }
    }
    return nextMention;
}

std::string_view templateFor(const ContentContext &ctx, Random &rng)
{
    const int m = ctx.mentionCount;
    switch (ctx.kind) {
    case MessageKind::Greeting:
        if (m > 0)
            return pickFrom(rng, Bank{"gm {m}", "gm {m} ☀️", "hey {m}!"});
        return pickFrom(rng, Bank{"gm", "gm gm ☀️", "gm frens", "good morning everyone", "gn 🌙",
                                  "hey all", "hello hello", "yo", "morning {emoji}"});
    case MessageKind::Chat:
        if (ctx.channel == ChannelKind::OffTopic && rng.chance(0.2))
            return pickFrom(rng, Bank{"anyone watching the game tonight?",
                                      "what are you all eating today",
                                      "my cat just walked over my keyboard 🐈", "weekend plans?",
                                      "ok this song is stuck in my head now", "{gif}"});
        if (m > 0)
            return pickFrom(
                rng, Bank{"{m} what do you think about {thing}?", "{m} did you see this? {link}",
                          "{m} I think {thing} {problem} again", "cc {m}", "{m} +1 to that"});
        if (rng.chance(0.12))
            return pickFrom(
                rng, Bank{"{long}", "Long one, sorry. {long}", "Some thoughts on {thing}: {long}"});
        return pickFrom(rng, Bank{"has anyone tried {thing} yet?",
                                  "I think {thing} is {opinion} tbh",
                                  "just saw the update on {thing}, looks {opinion}",
                                  "lol",
                                  "same",
                                  "agreed",
                                  "that's {opinion}",
                                  "wait, is {thing} down again?",
                                  "anyone around to look at {thing}?",
                                  "ngl {thing} has been {opinion} lately",
                                  "{emoji}",
                                  "{emoji}{emoji}",
                                  "this",
                                  "true",
                                  "haha yeah",
                                  "not sure about {thing}, but {thing2} works for me",
                                  "are we doing the {event} this week?",
                                  "I'll be at the {event} later",
                                  "what's everyone working on today?",
                                  "working on {thing} today, wish me luck",
                                  "coffee first ☕",
                                  "brb",
                                  "back",
                                  "the {thing} docs could really use some love",
                                  "who's the right person to ask about {thing}?",
                                  "{dojo}",
                                  "\"{thing}\" is {opinion}"});
    case MessageKind::Question:
        return pickFrom(
            rng, Bank{"how do I {verb} {thing}?", "anyone know why {thing} {problem}?",
                      "getting this when I try to {verb} {thing}:\n```\n{err}\n```\nany ideas?",
                      "is there a way to {verb} {thing} without having to {verb2} {thing2}?",
                      "noob question: what's the difference between {thing} and {thing2}?",
                      "my setup {problem} after I updated to {ver}, what am I missing?",
                      "I'm on Windows, the config is at {path} and {thing} {problem}",
                      "Question about {thing}: {long} Any pointers?"});
    case MessageKind::FollowUp:
        return pickFrom(rng,
                        Bank{"I tried that but it still {problem}",
                             "ok that worked, but now {thing} {problem}", "which version?",
                             "on {ver}", "let me try", "hmm, no luck",
                             "here's the full log:\n```\n{err}\n```", "oh wait, I think I see it"});
    case MessageKind::Answer:
        if (m > 0)
            return pickFrom(rng, Bank{"{m} try `{cmd}` first", "{m} see {link}",
                                      "{m} you need to {verb} {thing} first"});
        return pickFrom(
            rng, Bank{"you need to {verb} {thing} first, then {verb2} {thing2}", "try `{cmd}`",
                      "that's a known issue with {thing}, see {link}", "check the docs: {link}",
                      "did you {verb} {thing}? that usually fixes it",
                      "it {problem} when the cache is stale; run `{cmd}` and it should pick it up",
                      "I had the same thing. {long}",
                      "Here's what worked for me:\n```\n{cmd}\n```\nthen restart and {verb} again.",
                      "Long answer: {long} Short answer: `{cmd}`."});
    case MessageKind::Thanks:
        if (m >= 2)
            return pickFrom(rng, Bank{"thanks {m} and {m2}!", "thank you {m} {m2} 🙏",
                                      "ty {m} {m2}, all sorted"});
        if (ctx.channel == ChannelKind::OffTopic)
            return pickFrom(rng, Bank{"thx {m}", "ty {m} lol", "thanks {m} 😄"});
        return pickFrom(rng, Bank{"thanks {m}!", "thank you {m}, that fixed it 🙏", "ty {m}",
                                  "thx {m} 🙌", "Thanks a lot {m}! works now",
                                  "{m} thank you so much", "ty {m} ❤️", "thanks {m} {dojo}"});
    case MessageKind::ThanksReply:
        return pickFrom(rng, Bank{"thanks!", "thank you, that fixed it", "ty!", "thx 🙏",
                                  "Thanks, works now 🎉", "thank you so much",
                                  "omg that was it, thanks"});
    case MessageKind::DidAThing:
        return pickFrom(rng,
                        Bank{"Did a thing: {accomplishment}", "just shipped it: {accomplishment} 🚀",
                             "{accomplishment}, feedback welcome: {link}",
                             "this week I {accomplishment} and {accomplishment}",
                             "Did a thing: {accomplishment}. {long}"});
    case MessageKind::Congrats:
        if (m > 0)
            return pickFrom(rng,
                            Bank{"great job {m}", "{m} this is awesome", "nice one {m} {dojo}"});
        return pickFrom(rng, Bank{"nice work!", "🔥🔥🔥", "huge, thanks for doing this", "{dojo}",
                                  "love this", "well deserved", "amazing 🙌", "this is so helpful",
                                  "{party}"});
    case MessageKind::Meme:
        return pickFrom(rng,
                        Bank{"{gif}", "when {thing} {problem} 💀", "me after the {event}: {gif}",
                             "{emoji} {emoji}", "this is fine 🔥🐶🔥",
                             "pov: you {verb} {thing} on a friday", "lmao", "😂😂😂", "I can't 💀"});
    case MessageKind::Proposal:
        return pickFrom(rng,
                        Bank{"**Proposal: {proposal}**\n\n{long}\n\nVote with 👍 / 👎 until {day}.",
                             "Draft: {proposal}. {long}", "RFC: {proposal}. thoughts?"});
    case MessageKind::Vote:
        return pickFrom(rng,
                        Bank{"I support this, {reason}", "against, {reason}", "+1",
                             "what's the quorum for this?", "can we split this into two proposals?",
                             "I'd rather {verb} {thing} first", "{long}", "abstaining, {reason}"});
    case MessageKind::Intro:
        return pickFrom(
            rng,
            Bank{"hi all, I'm {first} from {place}. I {job} and found this place through a friend. "
                 "excited to help with {thing}!",
                 "hey 👋 {first} here, I {job}", "שלום לכולם! I'm {first}, I {job}",
                 "مرحبا! I'm {first} from {place}",
                 "こんにちは、{first}です。よろしくお願いします！", "Hello from {place} 🌍"});
    case MessageKind::Welcome:
        if (m > 0)
            return pickFrom(rng,
                            Bank{"welcome {m}!", "welcome aboard {m} 👋", "glad to have you {m}"});
        return pickFrom(
            rng, Bank{"welcome!", "welcome! check out #help if you get stuck", "hey, welcome 🐝"});
    case MessageKind::Announcement:
        if (ctx.mentionEveryone)
            return pickFrom(rng, Bank{"@everyone the {event} starts in 1 hour! {link}",
                                      "@everyone new season of rewards starts {day} {emoji}"});
        if (ctx.roleId != 0)
            return "{role} reminder: role review happens on {day}. {long}";
        return pickFrom(rng, Bank{"📣 **{event} recap**\n{long}\nNotes: {link}",
                                  "📣 **New in {thing}**\n{long}",
                                  "Reminder: the {event} is on {day}. {link}"});
    case MessageKind::ReleaseNote:
        return pickFrom(rng, Bank{"**v{ver}**\n• {change}\n• {change}\n• {change}",
                                  "hotfix v{ver}: {change}", "**v{ver}** — {change}; {change}"});
    case MessageKind::PollResult:
        return "📊 Poll closed: **{proposal}** — 👍 {pct}% ({n} votes)";
    case MessageKind::Rules:
        return pickFrom(
            rng,
            Bank{"**Rules**\n1. Be kind.\n2. No spam, no shilling.\n3. Reactions are for saying "
                 "thanks, not for trading.\n4. One account per person.",
                 "**Reputation**\nReact with {dojo} to say a message helped you. Kohai → Senpai → "
                 "Sensei are earned from {dojo} reactions. Gaming the system gets you deactivated.",
                 "**Getting help**\nAsk in #help or open a post in #questions. Say thanks when it "
                 "works!"});
    case MessageKind::StaffTalk:
        if (m > 0)
            return pickFrom(
                rng,
                Bank{
                    "I think {m} and their friends are reacting to each other a lot, worth a look?",
                    "{m} asked about their Senpai role again",
                    "can someone check {m}'s reactions in #didathing?"});
        return pickFrom(rng, Bank{"can someone look at the reports in #mod-log?",
                                  "let's do the role review on {day}", "agree", "I'll handle it",
                                  "{long}", "the new ladder rules go live {day}"});
    case MessageKind::ModLog:
        if (m > 0)
            return pickFrom(rng,
                            Bank{"[automod] deleted a message from {m} in #general (link spam)",
                                 "{m} was timed out for 10 minutes (spam)", "warned {m}: {reason}",
                                 "{m} joined", "{m} left"});
        return "[automod] blocked a message with a phishing link";
    case MessageKind::AltChatter:
        return pickFrom(rng, Bank{"gm", "gm ser", "nice", "wen rewards", "🔥", "agreed", "same"});
    }
    return "hi";
}

} // namespace

std::string TextBank::username(Random &rng)
{
    std::string out;
    const auto number = [&](qint64 lo, qint64 hi) { appendNumber(out, rng.range(lo, hi)); };
    switch (rng.below(8)) {
    case 0:
        out.append(pickFrom(rng, firstNames));
        number(1, 99);
        break;
    case 1:
        out.append(pickFrom(rng, firstNames)).append(".").append(pickFrom(rng, lastNames));
        break;
    case 2:
        out.append(pickFrom(rng, adjectives)).append("_").append(pickFrom(rng, nouns));
        break;
    case 3:
        out.append(pickFrom(rng, adjectives)).append(pickFrom(rng, nouns));
        number(1, 999);
        break;
    case 4:
        out.append(pickFrom(rng, nouns));
        number(1990, 2009);
        break;
    case 5:
        out.append("the").append(pickFrom(rng, nouns)).append(pickFrom(rng, nouns));
        break;
    case 6:
        out.append(pickFrom(rng, firstNames)).append("_").append(pickFrom(rng, adjectives));
        break;
    default:
        out.append(pickFrom(rng, firstNames)).append(pickFrom(rng, lastNames));
        break;
    }
    return out;
}

std::string TextBank::displayName(Random &rng, std::string_view username)
{
    const double u = rng.uniform();
    std::string out;
    if (u < 0.25)
        return out; // null: the client shows the username
    if (u < 0.62) {
        std::string first(pickFrom(rng, firstNames));
        first[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(first[0])));
        out = first;
        if (rng.chance(0.4)) {
            std::string last(pickFrom(rng, lastNames));
            last[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(last[0])));
            out.append(" ").append(last);
        }
        return out;
    }
    if (u < 0.74)
        return std::string(pickFrom(rng, unicodeNames));
    if (u < 0.84) {
        std::string base(username.substr(0, 16));
        return rng.chance(0.5) ? std::string(pickFrom(rng, emojiDecorations)) + " " + base
                               : base + " " + std::string(pickFrom(rng, emojiDecorations));
    }
    if (u < 0.91)
        return std::string(pickFrom(rng, rtlNames));
    if (u < 0.95)
        return std::string(pickFrom(rng, fancyNames));
    // Cased variants of the username with a separator, e.g. "Lazy Otter".
    for (std::size_t i = 0; i < username.size(); ++i) {
        char c = username[i];
        if (c == '_' || c == '.') {
            out.push_back(' ');
            continue;
        }
        if (i == 0 || username[i - 1] == '_' || username[i - 1] == '.')
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(c);
    }
    return out;
}

std::string TextBank::altUsername(Random &rng, std::string_view master, int n)
{
    std::string base(master.substr(0, 24));
    switch ((n + static_cast<int>(rng.below(2))) % 5) {
    case 0:
        appendNumber(base, rng.range(2, 9));
        return base;
    case 1:
        for (char &c : base) {
            if (c == 'o')
                c = '0';
            else if (c == 'i')
                c = '1';
            else if (c == 'e')
                c = '3';
        }
        if (base == master)
            base.append("_");
        return base;
    case 2:
        return base + "_alt";
    case 3:
        return "real" + base;
    default:
        return base + "." + std::string(pickFrom(rng, nouns));
    }
}

std::string TextBank::lookalike(std::string_view name)
{
    // Latin letters and the Cyrillic letters that render the same in most fonts.
    static constexpr std::pair<char, std::string_view> homoglyphs[] = {
        {'a', "а"}, {'e', "е"}, {'o', "о"}, {'p', "р"}, {'c', "с"}, {'x', "х"}, {'i', "і"},
        {'A', "А"}, {'E', "Е"}, {'O', "О"}, {'P', "Р"}, {'C', "С"}, {'M', "М"}, {'T', "Т"},
    };
    std::string out;
    bool swapped = false;
    for (char c : name) {
        std::string_view replacement;
        if (!swapped) {
            for (const auto &[latin, cyrillic] : homoglyphs) {
                if (latin == c)
                    replacement = cyrillic;
            }
        }
        if (!replacement.empty()) {
            out.append(replacement);
            swapped = true;
        } else {
            out.push_back(c);
        }
    }
    if (!swapped)
        out.append("\u200b"); // a zero-width space: looks identical, compares different
    return out;
}

std::string TextBank::nickname(Random &rng, std::string_view display)
{
    std::string base = truncateUtf8(display, 20);
    switch (rng.below(4)) {
    case 0:
        return base + " (she/her)";
    case 1:
        return base + " (he/him)";
    case 2:
        return base + " | " + std::string(pickFrom(rng, places));
    default:
        return base + " 🐝";
    }
}

std::string TextBank::truncateUtf8(std::string_view text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return std::string(text);
    std::size_t end = maxBytes;
    // Back off over continuation bytes (10xxxxxx) so no character is cut in half.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end));
}

std::string TextBank::avatarHash(Random &rng, bool animated)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = animated ? "a_" : "";
    for (int i = 0; i < 32; ++i)
        out.push_back(hex[rng.below(16)]);
    return out;
}

std::string TextBank::content(const ContentContext &context, Random &rng)
{
    std::string out;
    out.reserve(128);
    const int placed = expand(out, templateFor(context, rng), context, rng);
    // Every mention in the message's "mentions" array also appears in its text.
    for (int i = placed; i < context.mentionCount; ++i) {
        out.push_back(' ');
        appendMention(out, context.mentionIds[i]);
    }
    return out;
}

std::string TextBank::threadName(ChannelKind flavour, Random &rng)
{
    std::string out;
    ContentContext ctx;
    switch (flavour) {
    case ChannelKind::Help:
    case ChannelKind::Forum:
        expand(
            out,
            pickFrom(rng, Bank{"{thing} {problem}", "how to {verb} {thing}?",
                               "help: {verb} {thing}", "{thing} on {ver}", "can't {verb} {thing}"}),
            ctx, rng);
        break;
    case ChannelKind::Governance:
        expand(out, pickFrom(rng, Bank{"Proposal: {proposal}", "Discussion: {proposal}"}), ctx,
               rng);
        break;
    default:
        expand(out,
               pickFrom(rng, Bank{"{thing} discussion", "{event} planning", "ideas for {thing}",
                                  "{thing} feedback", "{event} 🎉"}),
               ctx, rng);
        break;
    }
    return truncateUtf8(out, 90);
}

std::string TextBank::channelTopic(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::Rules:
        return "Read me first.";
    case ChannelKind::Announcements:
        return "News from the team. Follow this channel to get it in your server.";
    case ChannelKind::ReleaseNotes:
        return "What changed in each release.";
    case ChannelKind::Introductions:
        return "Say hi 👋";
    case ChannelKind::General:
        return "Anything about the project.";
    case ChannelKind::DidAThing:
        return "Post what you did; react with :dojo: to recognise it.";
    case ChannelKind::Memes:
        return "No reputation here: memes weigh 0.";
    case ChannelKind::OffTopic:
        return "Everything else. Thanks here do not count for karma.";
    case ChannelKind::Events:
        return "Upcoming calls and events.";
    case ChannelKind::Help:
        return "Ask anything. Say thanks to the person who helped.";
    case ChannelKind::Governance:
        return "Proposals and votes.";
    case ChannelKind::Staff:
        return "Staff only.";
    case ChannelKind::ModLog:
        return "Moderation log.";
    default:
        return {};
    }
}

} // namespace gavel::demoguild
