#pragma once

#include "GuildModel.h"
#include "Random.h"

#include <string>
#include <string_view>

namespace gavel::demoguild {

//! What a message's text may refer to.
struct ContentContext
{
    MessageKind kind = MessageKind::Chat;
    ChannelKind channel = ChannelKind::General;
    const quint64 *mentionIds = nullptr; //!< ids to write as <@id>, in order
    int mentionCount = 0;
    quint64 dojoEmojiId = 0;
    quint64 partyEmojiId = 0;
    quint64 roleId = 0; //!< for <@&id> in announcements (0: none)
    const std::string *authorName = nullptr;
    bool mentionEveryone = false;
};

/*!
 * Word banks and templates for names and message text. Everything is drawn from a Random
 * passed in, so a message's text can be regenerated from its own seed (replies embed the
 * message they reply to).
 */
class TextBank
{
public:
    //! A lowercase Discord username (2-32 of [a-z0-9_.]); uniqueness is the caller's job.
    static std::string username(Random &rng);
    //! A display name: plain, accented, CJK, Cyrillic, RTL, emoji or "fancy" unicode.
    static std::string displayName(Random &rng, std::string_view username);
    //! Variants of a master's username for its alts ("cryptoking" -> "crypt0king", ...).
    static std::string altUsername(Random &rng, std::string_view master, int n);
    //! A look-alike of a display name: Latin letters swapped for Cyrillic homoglyphs.
    static std::string lookalike(std::string_view name);
    static std::string nickname(Random &rng, std::string_view display);
    static std::string avatarHash(Random &rng, bool animated);
    //! At most maxBytes of a UTF-8 string, never splitting a character.
    static std::string truncateUtf8(std::string_view text, std::size_t maxBytes);

    static std::string content(const ContentContext &context, Random &rng);
    static std::string threadName(ChannelKind flavour, Random &rng);
    static std::string channelTopic(ChannelKind kind);
};

} // namespace gavel::demoguild
