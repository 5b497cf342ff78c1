// Reads guild-snapshot/1 documents: simdjson On-Demand walks the (possibly 1 GB) file once,
// each guild object is cut out raw, minified, and parsed on its own with the DOM parser to
// pick out the fields the emulator indexes by. Nothing else of the file is kept.

#include "Json.h"
#include "Snapshot.h"
#include "common/Snowflake.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <simdjson.h>
#include <string>
#include <zlib.h>

namespace gavel::emulator {

namespace {

//! Reads a value when it is there and of the right type; leaves `out` alone otherwise.
template<typename R, typename T>
void readInto(R &&result, T &out)
{
    T value;
    if (std::forward<R>(result).get(value) == simdjson::SUCCESS)
        out = value;
}

namespace dom = simdjson::dom;
namespace od = simdjson::ondemand;

//! A JSON text followed by simdjson's padding; uninitialised so that untouched pages cost no RSS.
struct Buffer
{
    std::unique_ptr<char[]> data;
    size_t size = 0;
    size_t capacity = 0;

    static Buffer allocate(size_t bytes)
    {
        Buffer b;
        b.capacity = bytes + simdjson::SIMDJSON_PADDING;
        b.data.reset(new char[b.capacity]);
        return b;
    }

    void grow(size_t bytes)
    {
        Buffer bigger = allocate(bytes);
        std::memcpy(bigger.data.get(), data.get(), size);
        bigger.size = size;
        *this = std::move(bigger);
    }
};

struct LoadError
{
    QString message;
    QString hint;
};

constexpr size_t maxDocumentBytes = simdjson::SIMDJSON_MAXSIZE_BYTES;

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

bool isGzip(const char *data, size_t size)
{
    return size >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<Buffer> gunzip(const char *data, size_t size, const QString &source)
{
    // The gzip trailer holds the uncompressed size modulo 2^32: a good first guess.
    size_t guess = size * 6;
    if (size >= 18) {
        const auto *tail = reinterpret_cast<const unsigned char *>(data + size - 4);
        const size_t isize =
            size_t(tail[0]) | size_t(tail[1]) << 8 | size_t(tail[2]) << 16 | size_t(tail[3]) << 24;
        if (isize > 0)
            guess = isize;
    }
    Buffer out = Buffer::allocate(std::min(guess, maxDocumentBytes));

    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
        return Error{source + QStringLiteral(": cannot start gzip decompression"), {}};
    size_t consumed = 0;
    int ret = Z_OK;
    while (true) {
        if (zs.avail_in == 0 && consumed < size) {
            const size_t chunk = std::min<size_t>(size - consumed, 1u << 30);
            zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data + consumed));
            zs.avail_in = static_cast<uInt>(chunk);
            consumed += chunk;
        }
        const size_t room = out.capacity - simdjson::SIMDJSON_PADDING - out.size;
        if (room == 0) {
            if (out.size >= maxDocumentBytes) {
                inflateEnd(&zs);
                return Error{source + QStringLiteral(": decompresses to more than 4 GiB, which "
                                                     "the snapshot loader cannot parse"),
                             QStringLiteral("split the guild into smaller snapshots")};
            }
            out.grow(std::min(maxDocumentBytes, out.size * 2 + (1u << 20)));
            continue;
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data.get() + out.size);
        zs.avail_out = static_cast<uInt>(std::min<size_t>(room, 1u << 30));
        const uInt before = zs.avail_out;
        ret = inflate(&zs, Z_NO_FLUSH);
        out.size += before - zs.avail_out;
        if (ret == Z_STREAM_END) {
            // Concatenated gzip members are one stream to gunzip(1); do the same.
            if (zs.avail_in == 0 && consumed >= size)
                break;
            inflateReset(&zs);
            continue;
        }
        if (ret == Z_BUF_ERROR && zs.avail_in == 0 && consumed >= size) {
            inflateEnd(&zs);
            return Error{source + QStringLiteral(": the gzip data ends early (truncated file)"),
                         QStringLiteral("copy or generate the snapshot again")};
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            const QString why = zs.msg ? QString::fromLatin1(zs.msg) : QStringLiteral("corrupt");
            inflateEnd(&zs);
            return Error{source + QStringLiteral(": the gzip data is corrupt (") + why + u')',
                         QStringLiteral("copy or generate the snapshot again")};
        }
    }
    inflateEnd(&zs);
    return out;
}

Result<Buffer> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{QStringLiteral("cannot open snapshot %1: %2").arg(path, file.errorString()),
                     QStringLiteral("check the path given with --snapshot")};
    }
    const qint64 size = file.size();
    if (QFileInfo(path).isDir()) {
        return Error{QStringLiteral("cannot read snapshot %1: it is a directory").arg(path),
                     QStringLiteral("give the path of a .json or .json.gz file")};
    }
    Buffer raw = Buffer::allocate(static_cast<size_t>(size));
    qint64 got = 0;
    while (got < size) {
        const qint64 n = file.read(raw.data.get() + got, size - got);
        if (n <= 0) {
            return Error{
                QStringLiteral("cannot read snapshot %1: %2").arg(path, file.errorString()), {}};
        }
        got += n;
    }
    raw.size = static_cast<size_t>(size);
    if (isGzip(raw.data.get(), raw.size))
        return gunzip(raw.data.get(), raw.size, path);
    if (raw.size > maxDocumentBytes) {
        return Error{QStringLiteral("snapshot %1 is larger than 4 GiB, which the loader cannot "
                                    "parse")
                         .arg(path),
                     QStringLiteral("compress it or split the guild")};
    }
    return raw;
}

std::optional<quint64> parseId(std::string_view text)
{
    return snowflake::parse(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())));
}

} // namespace

//! Builds a Snapshot from one document; friend of Snapshot.
class SnapshotLoader
{
public:
    SnapshotLoader(const Buffer &buffer, QString source)
        : m_buffer(buffer)
        , m_source(std::move(source))
    {}

    Result<Snapshot> run()
    {
        try {
            walk();
            finish();
        } catch (const LoadError &e) {
            return Error{m_source + QStringLiteral(": ") + e.message, e.hint};
        } catch (const simdjson::simdjson_error &e) {
            return syntaxOrStructureError(e.error());
        }
        return std::move(m_snapshot);
    }

private:
    struct PendingReactions
    {
        quint64 channel;
        quint64 message;
        quint32 key;
        bool burst;
        std::vector<quint64> users;
    };
    struct ExpectedCounts
    {
        quint64 channel;
        quint64 message;
        quint32 key;
        quint64 normal;
        quint64 burst;
    };

    [[noreturn]] void fail(const QString &what, const QString &hint = {})
    {
        throw LoadError{what, hint};
    }

    QString where() const
    {
        QString w = QString::fromLatin1(m_section);
        if (!m_key.empty())
            w += QStringLiteral("[\"") + qs(m_key) + QStringLiteral("\"]");
        if (m_index >= 0)
            w += u'[' + QString::number(m_index) + u']';
        return w;
    }

    Error syntaxOrStructureError(simdjson::error_code code)
    {
        const std::string_view text(m_buffer.data.get(), m_buffer.size);
        if (const auto syntax = json::findSyntaxError(text)) {
            return Error{QStringLiteral("%1 is not valid JSON: %2 at byte %3 (line %4, column %5)")
                             .arg(m_source, syntax->what)
                             .arg(syntax->offset)
                             .arg(syntax->line)
                             .arg(syntax->column),
                         QStringLiteral("fix or regenerate the file")};
        }
        QString what = QString::fromUtf8(simdjson::error_message(code));
        if (code == simdjson::INCORRECT_TYPE)
            what = QStringLiteral("a value has the wrong JSON type");
        return Error{QStringLiteral("%1: %2 (in %3)").arg(m_source, what, where()),
                     QStringLiteral("the file must follow guild-snapshot/1 (docs/emulator.md)")};
    }

    //! Cuts out the object `value` is, minifies it, and parses it alone.
    dom::object object(od::value value, std::string_view what)
    {
        od::object o;
        if (value.get_object().get(o) != simdjson::SUCCESS)
            fail(where() + QStringLiteral(": ") + qs(what) + QStringLiteral(" must be an object"));
        const std::string_view raw = o.raw_json();
        if (m_scratch.size() < raw.size() + simdjson::SIMDJSON_PADDING)
            m_scratch.resize(raw.size() + simdjson::SIMDJSON_PADDING);
        size_t length = 0;
        if (simdjson::minify(raw.data(), raw.size(), m_scratch.data(), length) != simdjson::SUCCESS)
            throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
        m_minified = std::string_view(m_scratch.data(), length);
        dom::element element;
        const auto error = m_dom.parse(m_scratch.data(), length, false).get(element);
        if (error != simdjson::SUCCESS)
            throw simdjson::simdjson_error(error);
        return element.get_object().value_unsafe();
    }

    QByteArray minified() const { return json::bytes(m_minified); }

    QByteArray rawValue(od::value value)
    {
        std::string_view raw;
        switch (value.type()) {
        case od::json_type::object: {
            od::object o = value.get_object();
            raw = o.raw_json();
            break;
        }
        case od::json_type::array: {
            od::array a = value.get_array();
            raw = a.raw_json();
            break;
        }
        default:
            raw = value.raw_json_token();
        }
        std::string out(raw.size(), '\0');
        size_t length = 0;
        if (simdjson::minify(raw.data(), raw.size(), out.data(), length) != simdjson::SUCCESS)
            throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
        return {out.data(), static_cast<qsizetype>(length)};
    }

    quint64 requireId(dom::object o, std::string_view field, std::string_view what)
    {
        std::string_view text;
        if (o[field].get_string().get(text) != simdjson::SUCCESS) {
            fail(where() + QStringLiteral(": ") + qs(what) + QStringLiteral(" has no \"") +
                     qs(field) + QStringLiteral("\" string"),
                 QStringLiteral("ids are decimal strings in guild-snapshot/1"));
        }
        const auto id = parseId(text);
        if (!id || *id == 0) {
            fail(where() + QStringLiteral(": \"") + qs(field) + QStringLiteral("\" is \"") +
                 qs(text) + QStringLiteral("\", not a snowflake"));
        }
        return *id;
    }

    static quint64 optionalId(dom::element e)
    {
        return optionalId(simdjson::simdjson_result<dom::element>(std::move(e)));
    }

    static quint64 optionalId(simdjson::simdjson_result<dom::element> e)
    {
        std::string_view text;
        if (e.get_string().get(text) != simdjson::SUCCESS)
            return 0;
        return parseId(text).value_or(0);
    }

    static quint64 bitsField(simdjson::simdjson_result<dom::element> e)
    {
        std::string_view text;
        if (e.get_string().get(text) == simdjson::SUCCESS)
            return parseId(text).value_or(0);
        uint64_t n = 0;
        if (e.get_uint64().get(n) == simdjson::SUCCESS)
            return n;
        return 0;
    }

    static std::string_view stringOr(simdjson::simdjson_result<dom::element> e,
                                     std::string_view fallback = {})
    {
        std::string_view text;
        return e.get_string().get(text) == simdjson::SUCCESS ? text : fallback;
    }

    void walk()
    {
        od::document doc = m_parser.iterate(m_buffer.data.get(), m_buffer.size, m_buffer.capacity);
        od::object root;
        if (doc.get_object().get(root) != simdjson::SUCCESS) {
            if (auto syntax = json::findSyntaxError({m_buffer.data.get(), m_buffer.size}))
                throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
            fail(QStringLiteral("the document is not a JSON object"),
                 QStringLiteral("a guild-snapshot/1 file is one object with a \"format\" field"));
        }
        for (od::field field : root) {
            const std::string_view key = field.unescaped_key();
            od::value value = field.value();
            m_key.clear();
            m_index = -1;
            if (key == "format") {
                m_section = "format";
                std::string_view format;
                if (value.get_string().get(format) != simdjson::SUCCESS ||
                    format != "guild-snapshot/1") {
                    fail(QStringLiteral("\"format\" is not \"guild-snapshot/1\""),
                         QStringLiteral("this emulator reads guild-snapshot/1 files only"));
                }
                m_formatSeen = true;
            } else if (key == "guild") {
                m_section = "guild";
                readGuild(object(value, "guild"));
            } else if (key == "roles") {
                m_section = "roles";
                m_index = 0;
                for (od::value element : value.get_array()) {
                    readRole(object(element, "a role"));
                    ++m_index;
                }
            } else if (key == "members") {
                m_section = "members";
                m_index = 0;
                for (od::value element : value.get_array()) {
                    readMember(object(element, "a member"));
                    ++m_index;
                }
            } else if (key == "users") {
                m_section = "users";
                for (od::field user : value.get_object()) {
                    m_key = std::string(std::string_view(user.unescaped_key()));
                    const dom::object o = object(user.value(), "a user");
                    const quint64 id = requireId(o, "id", "the user");
                    if (parseId(m_key) != id)
                        fail(where() + QStringLiteral(": the key is not the user's id"));
                    m_snapshot.m_users.insert_or_assign(id, minified());
                    m_snapshot.noteId(id);
                }
            } else if (key == "channels") {
                m_section = "channels";
                m_index = 0;
                for (od::value element : value.get_array()) {
                    readChannel(object(element, "a channel"));
                    ++m_index;
                }
            } else if (key == "messages") {
                m_section = "messages";
                for (od::field channel : value.get_object()) {
                    m_key = std::string(std::string_view(channel.unescaped_key()));
                    const auto channelId = parseId(m_key);
                    if (!channelId)
                        fail(where() + QStringLiteral(": the key is not a channel id"));
                    auto &list = m_pendingMessages[*channelId];
                    m_index = 0;
                    for (od::value element : channel.value().get_array()) {
                        readMessage(*channelId, object(element, "a message"), list);
                        ++m_index;
                    }
                    m_index = -1;
                }
            } else if (key == "reactions" || key == "burst_reactions") {
                const bool burst = key == "burst_reactions";
                m_section = burst ? "burst_reactions" : "reactions";
                for (od::field list : value.get_object()) {
                    m_key = std::string(std::string_view(list.unescaped_key()));
                    readReactionList(burst, list.value());
                }
            } else if (key == "audit_log_entries") {
                m_section = "audit_log_entries";
                m_index = 0;
                for (od::value element : value.get_array()) {
                    readAuditEntry(object(element, "an audit log entry"));
                    ++m_index;
                }
            } else {
                m_section = "(unknown field)";
                m_snapshot.m_extraFields.emplace_back(json::bytes(key), rawValue(value));
            }
        }
        // On-Demand stops at the end of the root object; anything after it is an error too.
        size_t end = m_buffer.size;
        while (end > 0 && std::strchr(" \t\r\n", m_buffer.data[end - 1]))
            --end;
        if (end == 0 || m_buffer.data[end - 1] != '}')
            throw simdjson::simdjson_error(simdjson::TRAILING_CONTENT);
    }

    void readGuild(dom::object o)
    {
        m_guildSeen = true;
        m_snapshot.m_guildId = requireId(o, "id", "the guild");
        m_snapshot.m_ownerId = optionalId(o["owner_id"]);
        m_snapshot.m_guildJson = minified();
        m_snapshot.noteId(m_snapshot.m_guildId);
        dom::array emojis;
        if (o["emojis"].get_array().get(emojis) == simdjson::SUCCESS) {
            m_snapshot.m_emojisJson = QByteArray::fromStdString(simdjson::to_string(emojis));
            for (dom::element e : emojis) {
                Emoji emoji;
                emoji.id = optionalId(e["id"]);
                emoji.name = json::bytes(stringOr(e["name"]));
                bool animated = false;
                readInto(e["animated"].get_bool(), animated);
                emoji.animated = animated;
                m_snapshot.m_emojis.push_back(std::move(emoji));
            }
        } else {
            m_snapshot.m_emojisJson = QByteArrayLiteral("[]");
        }
    }

    void readRole(dom::object o)
    {
        Role role;
        role.id = requireId(o, "id", "the role");
        int64_t position = 0;
        readInto(o["position"].get_int64(), position);
        role.position = position;
        role.permissions = bitsField(o["permissions"]);
        bool managed = false;
        readInto(o["managed"].get_bool(), managed);
        role.managed = managed;
        role.name = json::bytes(stringOr(o["name"]));
        role.json = minified();
        m_snapshot.noteId(role.id);
        m_snapshot.m_roles.push_back(std::move(role));
    }

    void readMember(dom::object o)
    {
        Member member;
        dom::object user;
        if (o["user"].get_object().get(user) != simdjson::SUCCESS)
            fail(where() + QStringLiteral(": the member has no \"user\" object"));
        member.userId = requireId(user, "id", "the member's user");
        bool bot = false;
        readInto(user["bot"].get_bool(), bot);
        member.bot = bot;
        dom::array roles;
        if (o["roles"].get_array().get(roles) == simdjson::SUCCESS) {
            for (dom::element r : roles) {
                const quint64 id = optionalId(r);
                if (id == 0)
                    fail(where() + QStringLiteral(": \"roles\" holds something that is not a "
                                                  "role id string"));
                member.roles.push_back(id);
            }
        }
        member.json = minified();
        m_memberUsers.emplace_back(member.userId,
                                   QByteArray::fromStdString(simdjson::to_string(user)));
        m_snapshot.noteId(member.userId);
        m_snapshot.m_members.push_back(std::move(member));
    }

    void readChannel(dom::object o)
    {
        Channel channel;
        channel.id = requireId(o, "id", "the channel");
        int64_t type = 0;
        if (o["type"].get_int64().get(type) != simdjson::SUCCESS)
            fail(where() + QStringLiteral(": the channel has no integer \"type\""));
        channel.type = static_cast<int>(type);
        channel.parentId = optionalId(o["parent_id"]);
        channel.lastMessageId = optionalId(o["last_message_id"]);
        dom::array overwrites;
        if (o["permission_overwrites"].get_array().get(overwrites) == simdjson::SUCCESS) {
            for (dom::element e : overwrites) {
                Overwrite ow;
                ow.id = optionalId(e["id"]);
                int64_t owType = 0;
                std::string_view owTypeText;
                if (e["type"].get_int64().get(owType) != simdjson::SUCCESS &&
                    e["type"].get_string().get(owTypeText) == simdjson::SUCCESS) {
                    owType = owTypeText == "member" ? 1 : 0;
                }
                ow.type = static_cast<int>(owType);
                ow.allow = bitsField(e["allow"]);
                ow.deny = bitsField(e["deny"]);
                channel.overwrites.push_back(ow);
            }
        }
        dom::object meta;
        if (o["thread_metadata"].get_object().get(meta) == simdjson::SUCCESS) {
            bool archived = false;
            readInto(meta["archived"].get_bool(), archived);
            channel.archived = archived;
            const std::string_view stamp = stringOr(meta["archive_timestamp"]);
            if (!stamp.empty()) {
                const auto ms = Snapshot::parseTimestamp(stamp);
                if (!ms)
                    fail(where() + QStringLiteral(": thread_metadata.archive_timestamp \"") +
                         qs(stamp) + QStringLiteral("\" is not an ISO 8601 time"));
                channel.archiveMsecs = *ms;
            }
        }
        channel.json = minified();
        m_snapshot.noteId(channel.id);
        m_snapshot.m_channels.push_back(std::move(channel));
    }

    void readMessage(quint64 channelId, dom::object o, std::vector<Message> &list)
    {
        Message message;
        message.id = requireId(o, "id", "the message");
        const quint64 declared = optionalId(o["channel_id"]);
        if (declared != 0 && declared != channelId) {
            fail(where() + QStringLiteral(": message %1 says channel_id %2 but is listed under "
                                          "channel %3")
                               .arg(message.id)
                               .arg(declared)
                               .arg(channelId));
        }
        dom::array reactions;
        if (o["reactions"].get_array().get(reactions) == simdjson::SUCCESS) {
            for (dom::element r : reactions) {
                const quint64 emojiId = optionalId(r["emoji"]["id"]);
                const std::string_view name = stringOr(r["emoji"]["name"]);
                std::string key(name);
                if (emojiId != 0)
                    key += ':' + std::to_string(emojiId);
                if (key.empty())
                    fail(where() + QStringLiteral(": a reaction has an emoji without name or id"));
                uint64_t count = 0;
                readInto(r["count"].get_uint64(), count);
                uint64_t normal = count;
                uint64_t burst = 0;
                dom::object details;
                if (r["count_details"].get_object().get(details) == simdjson::SUCCESS) {
                    readInto(details["normal"].get_uint64(), normal);
                    readInto(details["burst"].get_uint64(), burst);
                }
                Reaction reaction;
                reaction.key = m_snapshot.internEmojiKey(key);
                for (const Reaction &existing : message.reactions) {
                    if (existing.key == reaction.key)
                        fail(where() + QStringLiteral(": the reactions summary lists \"") +
                             qs(key) + QStringLiteral("\" twice"));
                }
                message.reactions.push_back(std::move(reaction));
                m_expected.push_back(
                    {channelId, message.id, message.reactions.back().key, normal, burst});
            }
        }
        message.json = minified();
        m_snapshot.noteId(message.id);
        list.push_back(std::move(message));
    }

    void readReactionList(bool burst, od::value value)
    {
        const size_t slash1 = m_key.find('/');
        const size_t slash2 = slash1 == std::string::npos ? slash1 : m_key.find('/', slash1 + 1);
        if (slash2 == std::string::npos || slash2 + 1 >= m_key.size()) {
            fail(where() + QStringLiteral(": the key must be \"<channel id>/<message id>/<emoji "
                                          "key>\""));
        }
        const auto channel = parseId(std::string_view(m_key).substr(0, slash1));
        const auto message =
            parseId(std::string_view(m_key).substr(slash1 + 1, slash2 - slash1 - 1));
        if (!channel || !message)
            fail(where() + QStringLiteral(": the key does not start with two ids"));
        PendingReactions pending{
            *channel,
            *message,
            m_snapshot.internEmojiKey(std::string_view(m_key).substr(slash2 + 1)),
            burst,
            {}};
        for (od::value element : value.get_array()) {
            std::string_view text;
            if (element.get_string().get(text) != simdjson::SUCCESS || !parseId(text))
                fail(where() + QStringLiteral(": user ids must be decimal strings"));
            pending.users.push_back(*parseId(text));
        }
        std::sort(pending.users.begin(), pending.users.end());
        pending.users.erase(std::unique(pending.users.begin(), pending.users.end()),
                            pending.users.end());
        m_reactions.push_back(std::move(pending));
    }

    void readAuditEntry(dom::object o)
    {
        AuditEntry entry;
        entry.id = requireId(o, "id", "the entry");
        int64_t type = 0;
        readInto(o["action_type"].get_int64(), type);
        entry.actionType = static_cast<int>(type);
        entry.userId = optionalId(o["user_id"]);
        entry.targetId = optionalId(o["target_id"]);
        entry.json = minified();
        m_snapshot.noteId(entry.id);
        m_snapshot.m_audit.push_back(std::move(entry));
    }

    void finish()
    {
        m_section = "";
        m_key.clear();
        m_index = -1;
        Snapshot &s = m_snapshot;
        if (!m_formatSeen) {
            fail(QStringLiteral("no \"format\": \"guild-snapshot/1\" field"),
                 QStringLiteral("is this a guild snapshot? (docs/guild-snapshot.md)"));
        }
        if (!m_guildSeen)
            fail(QStringLiteral("no \"guild\" object"));

        s.rebuildChannelIndex();
        if (s.m_channelIndex.size() != static_cast<qsizetype>(s.m_channels.size()))
            fail(QStringLiteral("\"channels\" lists a channel id twice"));

        for (auto &[channelId, messages] : m_pendingMessages) {
            Channel *channel = s.channelMutable(channelId);
            if (!channel) {
                fail(QStringLiteral("messages[\"%1\"]: there is no channel %1 in \"channels\"")
                         .arg(channelId));
            }
            std::sort(messages.begin(), messages.end(),
                      [](const Message &a, const Message &b) { return a.id < b.id; });
            for (size_t i = 1; i < messages.size(); ++i) {
                if (messages[i].id == messages[i - 1].id)
                    fail(QStringLiteral("messages[\"%1\"] holds message %2 twice")
                             .arg(channelId)
                             .arg(messages[i].id));
            }
            channel->messages = std::move(messages);
        }
        m_pendingMessages.clear();

        std::sort(s.m_members.begin(), s.m_members.end(),
                  [](const Member &a, const Member &b) { return a.userId < b.userId; });
        for (size_t i = 1; i < s.m_members.size(); ++i) {
            if (s.m_members[i].userId == s.m_members[i - 1].userId)
                fail(QStringLiteral("\"members\" lists user %1 twice").arg(s.m_members[i].userId));
        }
        for (auto &[id, user] : m_memberUsers)
            s.m_users.insert_or_assign(id, std::move(user));
        m_memberUsers.clear();
        for (PendingReactions &pending : m_reactions) {
            const auto key = [&] {
                return QStringLiteral("%1[\"%2/%3/%4\"]")
                    .arg(QLatin1StringView(pending.burst ? "burst_reactions" : "reactions"))
                    .arg(pending.channel)
                    .arg(pending.message)
                    .arg(QString::fromUtf8(s.emojiKey(pending.key)));
            };
            Channel *channel = s.channelMutable(pending.channel);
            Message *message = nullptr;
            if (channel) {
                auto it = std::lower_bound(channel->messages.begin(), channel->messages.end(),
                                           pending.message,
                                           [](const Message &m, quint64 id) { return m.id < id; });
                if (it != channel->messages.end() && it->id == pending.message)
                    message = &*it;
            }
            if (!message) {
                fail(key() + QStringLiteral(": there is no message %1 in channel %2")
                                 .arg(pending.message)
                                 .arg(pending.channel),
                     QStringLiteral("every reactions key must name a message of the snapshot"));
            }
            auto reaction = std::find_if(message->reactions.begin(), message->reactions.end(),
                                         [&](const Reaction &r) { return r.key == pending.key; });
            if (reaction == message->reactions.end()) {
                fail(key() + QStringLiteral(": message %1 has no such emoji in its \"reactions\" "
                                            "summary")
                                 .arg(pending.message),
                     QStringLiteral("each message's reactions summary must agree with the "
                                    "reactions lists"));
            }
            for (quint64 user : pending.users) {
                if (!s.m_users.count(user)) {
                    fail(key() + QStringLiteral(": user %1 is neither a member nor in \"users\"")
                                     .arg(user),
                         QStringLiteral("add users who left to the \"users\" object"));
                }
            }
            (pending.burst ? reaction->burst : reaction->normal) = std::move(pending.users);
        }
        m_reactions.clear();

        for (const ExpectedCounts &expected : m_expected) {
            const Channel *channel = s.channel(expected.channel);
            const Message *message = Snapshot::message(*channel, expected.message);
            const Reaction *reaction = nullptr;
            for (const Reaction &r : message->reactions) {
                if (r.key == expected.key)
                    reaction = &r;
            }
            if (reaction->normal.size() != expected.normal ||
                reaction->burst.size() != expected.burst) {
                fail(QStringLiteral("message %1 in channel %2: the reactions summary for \"%3\" "
                                    "counts %4 normal and %5 burst, but the reactions lists hold "
                                    "%6 and %7 users")
                         .arg(expected.message)
                         .arg(expected.channel)
                         .arg(QString::fromUtf8(s.emojiKey(expected.key)))
                         .arg(expected.normal)
                         .arg(expected.burst)
                         .arg(reaction->normal.size())
                         .arg(reaction->burst.size()),
                     QStringLiteral("each message's reactions summary must agree with the "
                                    "reactions and burst_reactions lists"));
            }
        }
        m_expected.clear();

        std::sort(s.m_audit.begin(), s.m_audit.end(),
                  [](const AuditEntry &a, const AuditEntry &b) { return a.id < b.id; });
    }

    const Buffer &m_buffer;
    QString m_source;
    Snapshot m_snapshot;
    od::parser m_parser;
    dom::parser m_dom;
    std::vector<char> m_scratch;
    std::string_view m_minified;
    const char *m_section = "document";
    std::string m_key;
    qint64 m_index = -1;
    bool m_formatSeen = false;
    bool m_guildSeen = false;
    std::unordered_map<quint64, std::vector<Message>> m_pendingMessages;
    std::vector<PendingReactions> m_reactions;
    std::vector<ExpectedCounts> m_expected;
    std::vector<std::pair<quint64, QByteArray>> m_memberUsers;
};

Result<Snapshot> Snapshot::load(const QString &path)
{
    Result<Buffer> buffer = readFile(path);
    if (!buffer)
        return buffer.error();
    return SnapshotLoader(*buffer, path).run();
}

Result<Snapshot> Snapshot::fromJson(const QByteArray &data, const QString &source)
{
    if (isGzip(data.constData(), static_cast<size_t>(data.size()))) {
        Result<Buffer> buffer = gunzip(data.constData(), static_cast<size_t>(data.size()), source);
        if (!buffer)
            return buffer.error();
        return SnapshotLoader(*buffer, source).run();
    }
    Buffer buffer = Buffer::allocate(static_cast<size_t>(data.size()));
    std::memcpy(buffer.data.get(), data.constData(), static_cast<size_t>(data.size()));
    buffer.size = static_cast<size_t>(data.size());
    return SnapshotLoader(buffer, source).run();
}

} // namespace gavel::emulator
