#include "sync/PageParser.h"

#include "common/Snowflake.h"
#include "sync/Objects.h"

#include <algorithm>
#include <simdjson.h>

namespace gavel::sync {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

QString text(element e)
{
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString field(object o, std::string_view key)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return {};
    return text(e);
}

std::optional<quint64> idField(object o, std::string_view key)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return std::nullopt;
    std::string_view s;
    if (e.get_string().get(s) == simdjson::SUCCESS)
        return snowflake::parse(QByteArrayView(s.data(), qsizetype(s.size())));
    uint64_t v = 0;
    if (e.get_uint64().get(v) == simdjson::SUCCESS)
        return v;
    return std::nullopt;
}

qint64 intField(object o, std::string_view key)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return 0;
    int64_t v = 0;
    if (e.get_int64().get(v) == simdjson::SUCCESS)
        return v;
    double d = 0;
    if (e.get_double().get(d) == simdjson::SUCCESS)
        return qint64(d);
    return 0;
}

bool boolField(object o, std::string_view key, bool fallback = false)
{
    element e;
    bool v = fallback;
    if (o.at_key(key).get(e) != simdjson::SUCCESS || e.get_bool().get(v) != simdjson::SUCCESS)
        return fallback;
    return v;
}

bool user(object o, store::UserRecord &u)
{
    const auto id = idField(o, "id");
    if (!id)
        return false;
    u.id = *id;
    u.username = field(o, "username");
    u.globalName = field(o, "global_name");
    u.discriminator = field(o, "discriminator");
    u.avatar = field(o, "avatar");
    u.bot = boolField(o, "bot");
    u.system = boolField(o, "system");
    return true;
}

simdjson::dom::parser &parser()
{
    thread_local simdjson::dom::parser p;
    return p;
}

} // namespace

QString reactionKey(const QString &name, std::optional<quint64> id)
{
    return id ? name + u':' + snowflake::toString(*id) : name;
}

bool MessagePage::parse(QByteArrayView body, quint64 channelId)
{
    messages.clear();
    users.clear();
    received = 0;
    simdjson::dom::array array;
    if (parser().parse(body.data(), size_t(body.size()), true).get_array().get(array) !=
        simdjson::SUCCESS)
        return false;
    messages.reserve(qsizetype(array.size()));
    for (element e : array) {
        object o;
        if (e.get_object().get(o) != simdjson::SUCCESS)
            return false;
        PageMessage m;
        store::MessageRecord &r = m.record;
        const auto id = idField(o, "id");
        object author;
        if (!id || o["author"].get_object().get(author) != simdjson::SUCCESS)
            return false;
        r.id = *id;
        r.channelId = channelId;
        store::UserRecord a;
        if (!user(author, a))
            return false;
        r.authorId = a.id;
        users.append(std::move(a));
        r.type = int(intField(o, "type"));
        r.content = field(o, "content");
        element edited;
        std::string_view editedText;
        if (o.at_key("edited_timestamp").get(edited) == simdjson::SUCCESS &&
            edited.get_string().get(editedText) == simdjson::SUCCESS)
            r.editedAt = parseTimestamp(QByteArrayView(editedText.data(), editedText.size()));
        if (r.type == 19) {
            object ref;
            if (o["message_reference"].get_object().get(ref) == simdjson::SUCCESS)
                r.replyToMessageId = idField(ref, "message_id");
            object replied, repliedAuthor;
            if (o["referenced_message"].get_object().get(replied) == simdjson::SUCCESS &&
                replied["author"].get_object().get(repliedAuthor) == simdjson::SUCCESS)
                r.replyToAuthorId = idField(repliedAuthor, "id");
        }
        r.webhookId = idField(o, "webhook_id");
        r.flags = intField(o, "flags");
        simdjson::dom::array mentions;
        if (o["mentions"].get_array().get(mentions) == simdjson::SUCCESS) {
            for (element me : mentions) {
                object mo;
                store::UserRecord u;
                if (me.get_object().get(mo) != simdjson::SUCCESS || !user(mo, u))
                    return false;
                r.mentionIds.append(u.id);
                users.append(std::move(u));
            }
        }
        simdjson::dom::array reactions;
        if (o["reactions"].get_array().get(reactions) == simdjson::SUCCESS) {
            for (element re : reactions) {
                object ro, emoji;
                if (re.get_object().get(ro) != simdjson::SUCCESS ||
                    ro["emoji"].get_object().get(emoji) != simdjson::SUCCESS)
                    return false;
                ReactionCount c;
                c.emoji.name = field(emoji, "name");
                c.emoji.emojiId = idField(emoji, "id");
                c.emoji.animated = boolField(emoji, "animated");
                c.emoji.key = reactionKey(c.emoji.name, c.emoji.emojiId);
                object details;
                if (ro["count_details"].get_object().get(details) == simdjson::SUCCESS) {
                    c.normal = int(intField(details, "normal"));
                    c.burst = int(intField(details, "burst"));
                } else {
                    c.normal = int(intField(ro, "count"));
                }
                m.reactions.append(std::move(c));
            }
        }
        messages.append(std::move(m));
    }
    received = int(messages.size());
    std::sort(messages.begin(), messages.end(),
              [](const PageMessage &a, const PageMessage &b) { return a.record.id < b.record.id; });
    return true;
}

bool UserPage::parse(QByteArrayView body)
{
    users.clear();
    simdjson::dom::array array;
    if (parser().parse(body.data(), size_t(body.size()), true).get_array().get(array) !=
        simdjson::SUCCESS)
        return false;
    users.reserve(qsizetype(array.size()));
    for (element e : array) {
        object o;
        store::UserRecord u;
        if (e.get_object().get(o) != simdjson::SUCCESS || !user(o, u))
            return false;
        users.append(std::move(u));
    }
    return true;
}

} // namespace gavel::sync
