#include "imports/SourceCredImport.h"

#include "common/Snowflake.h"
#include "imports/DataSource.h"
#include "store/Database.h"
#include "store/Repository.h"
#include "store/SqlValue.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <atomic>
#include <map>
#include <set>
#include <simdjson.h>
#include <tuple>
#include <zlib.h>

using namespace Qt::StringLiterals;

namespace gavel::imports {

Result<QByteArray> gunzip(const QByteArray &data, qint64 maxBytes)
{
    z_stream zs{};
    // 16 + MAX_WBITS: gzip framing only.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return Error{u"cannot start zlib"_s, {}};
    QByteArray out;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    char buffer[1 << 16];
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef *>(buffer);
        zs.avail_out = sizeof buffer;
        ret = inflate(&zs, Z_NO_FLUSH);
        if (ret == Z_BUF_ERROR) {
            inflateEnd(&zs);
            return Error{u"the gzip data is truncated"_s, {}};
        }
        if (ret != Z_OK && ret != Z_STREAM_END) {
            const QString why = zs.msg ? QString::fromUtf8(zs.msg) : u"truncated data"_s;
            inflateEnd(&zs);
            return Error{u"the gzip data is damaged: %1"_s.arg(why), {}};
        }
        const qsizetype produced = qsizetype(sizeof buffer - zs.avail_out);
        if (out.size() + produced > maxBytes) {
            inflateEnd(&zs);
            return Error{u"the gzip data inflates to more than %1 bytes"_s.arg(maxBytes), {}};
        }
        out.append(buffer, produced);
        if (ret == Z_OK && produced == 0 && zs.avail_in == 0) {
            inflateEnd(&zs);
            return Error{u"the gzip data is truncated"_s, {}};
        }
    }
    inflateEnd(&zs);
    return out;
}

namespace {

// Graphs of large instances are hundreds of MB; more than this is not a graph but a bomb.
constexpr qint64 maxGraphBytes = qint64(2) << 30;

const QString source = u"sourcecred"_s;

//! What the files hold, merged, before anything is written.
struct Parsed
{
    std::optional<quint64> guildId;
    QString guildFrom; //!< where the guild id was read, for the conflict message

    std::map<quint64, store::UserRecord> users;
    std::set<quint64> namedUsers; //!< users whose name the source gave
    std::set<quint64> members;
    std::map<quint64, QString> nicks;
    std::map<quint64, QList<quint64>> roles;
    bool rolesKnown = false;

    std::map<quint64, store::ChannelRecord> channels;
    struct Message
    {
        quint64 channel = 0;
        std::optional<quint64> author;
        QString content;
        bool fullText = false;
        bool webhook = false;
    };
    std::map<quint64, Message> messages;
    //! (message, emoji ref, reactor)
    std::set<std::tuple<quint64, QString, quint64>> reactions;
    std::map<quint64, std::set<quint64>> mentions;

    int graphs = 0;
    int mirrors = 0;
};

Error badGraph(const QString &file, const QString &why)
{
    return Error{u"%1 is not a SourceCred Discord graph: %2"_s.arg(file, why),
                 u"give output/graphs/<instance>/discord/graph.json (or .json.gz) of a SourceCred "
                 u"instance, or its discordMirror-<guild>.db"_s};
}

Error badMirror(const QString &file, const QString &why)
{
    return Error{
        u"%1 is not a SourceCred Discord mirror: %2"_s.arg(file, why),
        u"give the plugin's discordMirror-<guild>.db SQLite file as SourceCred wrote it"_s};
}

Result<void> setGuild(Parsed &p, quint64 id, const QString &where)
{
    if (p.guildId && *p.guildId != id)
        return Error{
            u"%1 names guild %2, but %3 names guild %4"_s.arg(
                where, snowflake::toString(id), p.guildFrom, snowflake::toString(*p.guildId)),
            u"import one guild's files per run (or give --guild to choose)"_s};
    if (!p.guildId) {
        p.guildId = id;
        p.guildFrom = where;
    }
    return {};
}

void noteUser(Parsed &p, quint64 id)
{
    if (!p.users.count(id)) {
        store::UserRecord u;
        u.id = id;
        u.discriminator = u"0"_s;
        p.users[id] = u;
    }
}

void nameUser(Parsed &p, quint64 id, const QString &username, const QString &discriminator,
              bool bot)
{
    store::UserRecord &u = p.users[id];
    u.id = id;
    u.username = username;
    u.discriminator = discriminator.isEmpty() ? u"0"_s : discriminator;
    u.bot = bot;
    p.namedUsers.insert(id);
}

//! SourceCred escapes descriptions with the `entities` package: named and numeric references.
QString unescapeEntities(const QString &text)
{
    if (!text.contains(u'&'))
        return text;
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const qsizetype semi = c == u'&' ? text.indexOf(u';', i) : -1;
        if (semi < 0 || semi - i > 10) {
            out += c;
            continue;
        }
        const QStringView name = QStringView(text).mid(i + 1, semi - i - 1);
        char32_t code = 0;
        if (name == u"amp")
            code = '&';
        else if (name == u"lt")
            code = '<';
        else if (name == u"gt")
            code = '>';
        else if (name == u"quot")
            code = '"';
        else if (name == u"apos")
            code = '\'';
        else if (name.startsWith(u"#x") || name.startsWith(u"#X"))
            code = name.mid(2).toUInt(nullptr, 16);
        else if (name.startsWith(u'#'))
            code = name.mid(1).toUInt(nullptr, 10);
        if (code == 0 || code > 0x10FFFF) {
            out += c;
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        i = semi;
    }
    return out;
}

std::optional<quint64> idPart(const QStringList &parts, qsizetype i)
{
    if (i < 0 || i >= parts.size())
        return std::nullopt;
    return snowflake::parse(QStringView(parts[i]));
}

struct GraphText
{
    QStringList address;
    QString description;
    bool isNode = false;
};

//! The graph's message links: https://discordapp.com/channels/<guild>/<channel>/<message>.
const QRegularExpression &linkPattern()
{
    static const QRegularExpression re(u"/channels/(\\d{1,20})/(\\d{1,20})/(\\d{1,20})\\)"_s);
    return re;
}

Result<void> readGraph(const QString &file, const QByteArray &raw, Parsed &p)
{
    QByteArray data = raw;
    if (data.startsWith("\x1f\x8b")) {
        auto inflated = gunzip(raw, maxGraphBytes);
        if (!inflated)
            return badGraph(file, inflated.error().message);
        data = std::move(*inflated);
    }
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string json(data.constData(), size_t(data.size()));
    if (const auto error = parser.parse(json).get(root); error != simdjson::SUCCESS)
        return badGraph(
            file, u"invalid JSON: %1"_s.arg(QString::fromUtf8(simdjson::error_message(error))));

    // Compat envelopes: [{type, version}, body]. A weighted graph wraps the graph in graphJSON.
    simdjson::dom::element graph;
    bool found = false;
    for (int depth = 0; depth < 4 && !found; ++depth) {
        simdjson::dom::array envelope;
        if (root.get_array().get(envelope) != simdjson::SUCCESS || envelope.size() != 2)
            return badGraph(file, u"expected SourceCred's [{type, version}, data] envelope"_s);
        std::string_view type;
        if (envelope.at(0)["type"].get_string().get(type) != simdjson::SUCCESS)
            return badGraph(file, u"the envelope has no type"_s);
        const simdjson::dom::element body = envelope.at(1);
        if (type == "sourcecred/graph") {
            graph = body;
            found = true;
        } else if (type == "sourcecred/weightedGraph") {
            if (body["graphJSON"].get(root) != simdjson::SUCCESS)
                return badGraph(file, u"a weighted graph without graphJSON"_s);
        } else if (body["weightedGraph"].get(root) != simdjson::SUCCESS) {
            return badGraph(file, u"unknown type '%1'"_s.arg(QString::fromUtf8(type)));
        }
    }
    if (!found)
        return badGraph(file, u"no sourcecred/graph inside"_s);

    simdjson::dom::array addressesJson, nodesJson, edgesJson;
    if (graph["sortedNodeAddresses"].get_array().get(addressesJson) != simdjson::SUCCESS ||
        graph["nodes"].get_array().get(nodesJson) != simdjson::SUCCESS ||
        graph["edges"].get_array().get(edgesJson) != simdjson::SUCCESS)
        return badGraph(file, u"no sortedNodeAddresses, nodes or edges"_s);

    auto partsOf = [](simdjson::dom::element e, QStringList &parts) {
        simdjson::dom::array a;
        if (e.get_array().get(a) != simdjson::SUCCESS)
            return false;
        parts.clear();
        for (simdjson::dom::element part : a) {
            std::string_view s;
            if (part.get_string().get(s) != simdjson::SUCCESS)
                return false;
            parts.append(QString::fromUtf8(s.data(), qsizetype(s.size())));
        }
        return true;
    };
    auto isDiscord = [](const QStringList &parts) {
        return parts.size() >= 3 && parts[0] == u"sourcecred" && parts[1] == u"discord";
    };

    std::vector<QStringList> addresses;
    addresses.reserve(addressesJson.size());
    for (simdjson::dom::element e : addressesJson) {
        QStringList parts;
        if (!partsOf(e, parts))
            return badGraph(file, u"a node address that is not an array of strings"_s);
        addresses.push_back(std::move(parts));
    }
    std::vector<QString> descriptions(addresses.size());
    for (simdjson::dom::element e : nodesJson) {
        uint64_t index = 0;
        std::string_view description;
        if (e["index"].get_uint64().get(index) != simdjson::SUCCESS || index >= addresses.size())
            return badGraph(file, u"a node whose index is missing or out of range"_s);
        if (e["description"].get_string().get(description) == simdjson::SUCCESS)
            descriptions[index] =
                QString::fromUtf8(description.data(), qsizetype(description.size()));
    }
    ++p.graphs;

    auto member = [&](const QStringList &parts, qsizetype kindAt) -> std::optional<quint64> {
        const auto id = idPart(parts, kindAt + 1);
        if (!id)
            return std::nullopt;
        noteUser(p, *id);
        if (parts[kindAt] == u"bot")
            p.users[*id].bot = true;
        p.members.insert(*id);
        return id;
    };
    auto message = [&](quint64 channel, quint64 id) -> Parsed::Message & {
        Parsed::Message &m = p.messages[id];
        m.channel = channel;
        if (!p.channels.count(channel)) {
            store::ChannelRecord c;
            c.id = channel;
            p.channels[channel] = c;
        }
        return m;
    };
    auto bad = [&](const QStringList &parts) {
        return badGraph(file, u"malformed address %1"_s.arg(parts.join(u'/')));
    };

    // Nodes: members with their names, messages with channel name, excerpt and guild link.
    for (size_t i = 0; i < addresses.size(); ++i) {
        const QStringList &parts = addresses[i];
        if (!isDiscord(parts))
            continue;
        const QString type = parts[2].toUpper();
        if (type == u"MEMBER") {
            const auto id = parts.size() == 5 ? member(parts, 3) : std::nullopt;
            if (!id)
                return bad(parts);
            if (descriptions[i].isEmpty())
                continue;
            QString name = unescapeEntities(descriptions[i]);
            if (name.startsWith(u"discord/"))
                name = name.mid(8);
            const qsizetype hash = name.lastIndexOf(u'#');
            nameUser(p, *id, hash > 0 ? name.left(hash) : name,
                     hash > 0 ? name.mid(hash + 1) : QString(), p.users[*id].bot);
        } else if (type == u"MESSAGE") {
            const auto channel = idPart(parts, 3), id = idPart(parts, 4);
            if (!channel || !id || parts.size() != 5)
                return bad(parts);
            Parsed::Message &m = message(*channel, *id);
            const QString &d = descriptions[i];
            if (d.isEmpty())
                continue;
            const auto link = linkPattern().match(d);
            if (link.hasMatch()) {
                const auto guild = snowflake::parse(QStringView(link.captured(1)));
                if (guild)
                    if (auto r = setGuild(p, *guild, file); !r)
                        return r.error();
            }
            const qsizetype nameEnd = d.indexOf(u" message [\""_s);
            if (d.startsWith(u'#') && nameEnd > 1 && p.channels[*channel].name.isEmpty())
                p.channels[*channel].name = unescapeEntities(d.mid(1, nameEnd - 1));
            const qsizetype textStart = nameEnd < 0 ? -1 : nameEnd + 11;
            const qsizetype textEnd = d.lastIndexOf(u"...\"]("_s);
            if (!m.fullText && textStart > 0 && textEnd >= textStart)
                m.content = unescapeEntities(d.mid(textStart, textEnd - textStart));
        } else if (type == u"REACTION") {
            // [REACTION, channel, emoji ref, reactor, message]
            const auto channel = idPart(parts, 3), reactor = idPart(parts, 5),
                       id = idPart(parts, 6);
            if (!channel || !reactor || !id || parts.size() != 7 || parts[4].isEmpty())
                return bad(parts);
            message(*channel, *id);
            noteUser(p, *reactor);
            p.reactions.insert({*id, parts[4], *reactor});
        }
    }

    // Edges: authorship, reactions (also those whose reaction node is missing) and mentions.
    for (simdjson::dom::element e : edgesJson) {
        QStringList parts;
        simdjson::dom::element address;
        if (e["address"].get(address) != simdjson::SUCCESS)
            return badGraph(file, u"an edge without address"_s);
        if (!partsOf(address, parts))
            return badGraph(file, u"an edge address that is not an array of strings"_s);
        if (!isDiscord(parts))
            continue;
        const QString type = parts[2].toUpper();
        const qsizetype n = parts.size();
        if (type == u"AUTHORS") {
            // [AUTHORS, (MESSAGE,) user|bot, author, channel, message]
            if (n < 7)
                return bad(parts);
            const auto author = member(parts, n - 4);
            const auto channel = idPart(parts, n - 2), id = idPart(parts, n - 1);
            if (!author || !channel || !id)
                return bad(parts);
            message(*channel, *id).author = *author;
        } else if (type == u"ADDS_REACTION") {
            // [ADDS_REACTION, user|bot, reactor, emoji ref, channel, message]
            if (n != 8)
                return bad(parts);
            const auto reactor = member(parts, 3);
            const auto channel = idPart(parts, 6), id = idPart(parts, 7);
            if (!reactor || !channel || !id || parts[5].isEmpty())
                return bad(parts);
            message(*channel, *id);
            p.reactions.insert({*id, parts[5], *reactor});
        } else if (type == u"REACTS_TO" || type == u"REACTED") {
            // [REACTS_TO, emoji ref, reactor, channel, message]
            if (n != 7)
                return bad(parts);
            const auto reactor = idPart(parts, 4), channel = idPart(parts, 5),
                       id = idPart(parts, 6);
            if (!reactor || !channel || !id || parts[3].isEmpty())
                return bad(parts);
            noteUser(p, *reactor);
            message(*channel, *id);
            p.reactions.insert({*id, parts[3], *reactor});
        } else if (type == u"MENTIONS" || type == u"PROPS") {
            // [MENTIONS, channel, author, message, user|bot, mentioned]
            if (n != 8)
                return bad(parts);
            const auto channel = idPart(parts, 3), id = idPart(parts, 5);
            const auto mentioned = member(parts, 6);
            if (!channel || !id || !mentioned)
                return bad(parts);
            message(*channel, *id);
            p.mentions[*id].insert(*mentioned);
        }
    }
    return {};
}

//! Reads one SQLite mirror through its own read-only connection.
class MirrorReader
{
public:
    MirrorReader(const QString &file, Parsed &p)
        : m_file(file)
        , m_p(p)
    {
        static std::atomic<int> counter{0};
        m_name = u"gavel-sourcecred-mirror-%1"_s.arg(++counter);
    }
    ~MirrorReader()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

    Result<void> read()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(m_file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            return badMirror(m_file, db.lastError().text());
        QSqlQuery tables(db);
        if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s))
            return badMirror(m_file, tables.lastError().text());
        while (tables.next())
            m_tables.insert(tables.value(0).toString());
        if (!m_tables.count(u"messages"_s) || !m_tables.count(u"message_reactions"_s) ||
            (!m_tables.count(u"members"_s) && !m_tables.count(u"users"_s)))
            return badMirror(m_file, u"no messages, message_reactions or members table"_s);
        ++m_p.mirrors;
        if (auto r = readGuild(db); !r)
            return r;
        for (auto step :
             {&MirrorReader::readChannels, &MirrorReader::readUsers, &MirrorReader::readMembers,
              &MirrorReader::readRoles, &MirrorReader::readMessages, &MirrorReader::readReactions,
              &MirrorReader::readMentions})
            if (auto r = (this->*step)(db); !r)
                return r;
        return {};
    }

private:
    bool hasColumn(QSqlDatabase &db, const QString &table, const QString &column)
    {
        return db.record(table).indexOf(column) >= 0;
    }

    //! Runs `sql` and calls `row` per result; ids are validated by the callers.
    Result<void> each(QSqlDatabase &db, const QString &table, const QString &sql,
                      const std::function<Result<void>(const QSqlQuery &)> &row)
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(sql))
            return badMirror(m_file,
                             u"cannot read table %1: %2"_s.arg(table, q.lastError().text()));
        while (q.next())
            if (auto r = row(q); !r)
                return r;
        return {};
    }

    Result<quint64> id(const QSqlQuery &q, int column, const QString &table)
    {
        const QString text = q.value(column).toString();
        if (const auto v = snowflake::parse(QStringView(text)))
            return *v;
        return badMirror(m_file,
                         u"table %1 has '%2' where an id belongs"_s.arg(table, text.left(40)));
    }

    Result<void> readGuild(QSqlDatabase &db)
    {
        if (m_tables.count(u"meta"_s)) {
            std::optional<quint64> guild;
            auto r = each(db, u"meta"_s, u"SELECT config FROM meta"_s,
                          [&](const QSqlQuery &q) -> Result<void> {
                              const QJsonObject config =
                                  QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
                              guild = snowflake::parse(QStringView(config[u"guild"_s].toString()));
                              return {};
                          });
            if (!r)
                return r;
            if (guild)
                return setGuild(m_p, *guild, m_file);
        }
        static const QRegularExpression name(u"^discordMirror-(\\d{1,20})\\.db$"_s);
        const auto match = name.match(QFileInfo(m_file).fileName());
        if (match.hasMatch())
            if (const auto guild = snowflake::parse(QStringView(match.captured(1))))
                return setGuild(m_p, *guild, m_file);
        return {};
    }

    Result<void> readChannels(QSqlDatabase &db)
    {
        if (!m_tables.count(u"channels"_s))
            return {};
        const bool parent = hasColumn(db, u"channels"_s, u"parent_id"_s);
        return each(db, u"channels"_s,
                    parent ? u"SELECT id, type, name, parent_id FROM channels"_s
                           : u"SELECT id, type, name FROM channels"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto cid = id(q, 0, u"channels"_s);
                        if (!cid)
                            return cid.error();
                        store::ChannelRecord &c = m_p.channels[*cid];
                        c.id = *cid;
                        c.name = q.value(2).toString();
                        c.type = channelType(q.value(1).toString());
                        if (parent)
                            c.parentId = snowflake::parse(QStringView(q.value(3).toString()));
                        return {};
                    });
    }

    static int channelType(const QString &type)
    {
        bool numeric = false;
        const int n = type.toInt(&numeric);
        if (numeric)
            return n;
        static const std::map<QString, int> names{{u"GUILD_TEXT"_s, 0},     {u"DM"_s, 1},
                                                  {u"GUILD_VOICE"_s, 2},    {u"GROUP_DM"_s, 3},
                                                  {u"GUILD_CATEGORY"_s, 4}, {u"GUILD_NEWS"_s, 5},
                                                  {u"GUILD_STORE"_s, 6}};
        const auto it = names.find(type);
        return it == names.end() ? 0 : it->second;
    }

    Result<void> readUsers(QSqlDatabase &db)
    {
        if (!m_tables.count(u"users"_s))
            return {};
        return each(db, u"users"_s, u"SELECT id, username, discriminator, bot FROM users"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto uid = id(q, 0, u"users"_s);
                        if (!uid)
                            return uid.error();
                        nameUser(m_p, *uid, q.value(1).toString(), q.value(2).toString(),
                                 q.value(3).toInt() == 1);
                        return {};
                    });
    }

    Result<void> readMembers(QSqlDatabase &db)
    {
        if (!m_tables.count(u"members"_s))
            return {};
        const bool named = hasColumn(db, u"members"_s, u"username"_s);
        return each(db, u"members"_s,
                    named ? u"SELECT user_id, nick, username, discriminator, bot FROM members"_s
                          : u"SELECT user_id, nick FROM members"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto uid = id(q, 0, u"members"_s);
                        if (!uid)
                            return uid.error();
                        if (named)
                            nameUser(m_p, *uid, q.value(2).toString(), q.value(3).toString(),
                                     q.value(4).toInt() == 1);
                        else
                            noteUser(m_p, *uid);
                        m_p.members.insert(*uid);
                        if (!q.value(1).isNull() && !q.value(1).toString().isEmpty())
                            m_p.nicks[*uid] = q.value(1).toString();
                        return {};
                    });
    }

    Result<void> readRoles(QSqlDatabase &db)
    {
        if (!m_tables.count(u"member_roles"_s))
            return {};
        m_p.rolesKnown = true;
        return each(db, u"member_roles"_s, u"SELECT user_id, role FROM member_roles"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto uid = id(q, 0, u"member_roles"_s);
                        auto role = id(q, 1, u"member_roles"_s);
                        if (!uid)
                            return uid.error();
                        if (!role)
                            return role.error();
                        if (!m_p.roles[*uid].contains(*role))
                            m_p.roles[*uid].append(*role);
                        return {};
                    });
    }

    Result<void> readMessages(QSqlDatabase &db)
    {
        const bool nonUser = hasColumn(db, u"messages"_s, u"non_user_author"_s);
        return each(
            db, u"messages"_s,
            nonUser ? u"SELECT id, channel_id, author_id, content, non_user_author FROM messages"_s
                    : u"SELECT id, channel_id, author_id, content FROM messages"_s,
            [&](const QSqlQuery &q) -> Result<void> {
                auto mid = id(q, 0, u"messages"_s);
                auto channel = id(q, 1, u"messages"_s);
                auto author = id(q, 2, u"messages"_s);
                for (const auto *r : {&mid, &channel, &author})
                    if (!*r)
                        return r->error();
                Parsed::Message &m = m_p.messages[*mid];
                m.channel = *channel;
                m.author = *author;
                m.content = q.value(3).toString();
                m.fullText = true;
                m.webhook = nonUser && q.value(4).toInt() == 1;
                noteUser(m_p, *author);
                if (m.webhook && !m_p.namedUsers.count(*author)) {
                    m_p.users[*author].username = u"webhook"_s;
                    m_p.users[*author].bot = true;
                }
                if (!m_p.channels.count(*channel)) {
                    store::ChannelRecord c;
                    c.id = *channel;
                    m_p.channels[*channel] = c;
                }
                return {};
            });
    }

    Result<void> readReactions(QSqlDatabase &db)
    {
        return each(db, u"message_reactions"_s,
                    u"SELECT message_id, author_id, emoji FROM message_reactions"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto mid = id(q, 0, u"message_reactions"_s);
                        auto reactor = id(q, 1, u"message_reactions"_s);
                        if (!mid)
                            return mid.error();
                        if (!reactor)
                            return reactor.error();
                        const QString emoji = q.value(2).toString();
                        if (emoji.isEmpty())
                            return badMirror(m_file, u"a reaction without emoji"_s);
                        noteUser(m_p, *reactor);
                        m_p.reactions.insert({*mid, emoji, *reactor});
                        return {};
                    });
    }

    Result<void> readMentions(QSqlDatabase &db)
    {
        if (!m_tables.count(u"message_mentions"_s))
            return {};
        return each(db, u"message_mentions"_s,
                    u"SELECT message_id, user_id FROM message_mentions"_s,
                    [&](const QSqlQuery &q) -> Result<void> {
                        auto mid = id(q, 0, u"message_mentions"_s);
                        auto user = id(q, 1, u"message_mentions"_s);
                        if (!mid)
                            return mid.error();
                        if (!user)
                            return user.error();
                        noteUser(m_p, *user);
                        m_p.mentions[*mid].insert(*user);
                        return {};
                    });
    }

    QString m_file;
    Parsed &m_p;
    QString m_name;
    std::set<QString> m_tables;
};

} // namespace

Result<ImportSummary> importSourceCred(store::Database &db, const QStringList &files,
                                       qint64 importedAt, std::optional<quint64> guildId)
{
    Parsed p;
    if (guildId) {
        p.guildId = guildId;
        p.guildFrom = u"--guild"_s;
    }
    if (files.isEmpty())
        return Error{
            u"no files to import"_s,
            u"name SourceCred's discord/graph.json(.gz) and/or discordMirror-<guild>.db"_s};
    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error{u"cannot read %1: %2"_s.arg(file, f.errorString()), u"check the path"_s};
        const QByteArray head = f.peek(16);
        if (head.startsWith("SQLite format 3")) {
            f.close();
            MirrorReader reader(file, p);
            if (auto r = reader.read(); !r)
                return r.error();
        } else {
            if (auto r = readGraph(file, f.readAll(), p); !r)
                return r.error();
        }
    }
    if (!p.guildId)
        return Error{u"%1: the files do not say which guild they are from (no mirror, and no "
                     u"message links in the graph)"_s.arg(files.join(u", "_s)),
                     u"give the guild id with --guild"_s};

    // Messages the source names without an author (a graph built after the author had left)
    // cannot be stored: their reactions are counted as missing.
    ImportSummary summary;
    summary.guildId = *p.guildId;
    summary.files = int(files.size());
    QList<store::MessageRecord> messages;
    qint64 excerpts = 0;
    std::set<quint64> authorless;
    for (const auto &[id, m] : p.messages) {
        if (!m.author) {
            authorless.insert(id);
            continue;
        }
        store::MessageRecord r;
        r.id = id;
        r.channelId = m.channel;
        r.authorId = *m.author;
        r.content = m.content;
        if (m.webhook)
            r.webhookId = *m.author;
        if (const auto it = p.mentions.find(id); it != p.mentions.end())
            r.mentionIds = QList<quint64>(it->second.begin(), it->second.end());
        excerpts += !m.fullText;
        messages.append(r);
    }
    struct Pending
    {
        quint64 message;
        QString emoji;
        quint64 reactor;
    };
    QList<Pending> reactions;
    std::set<quint64> skippedMessages;
    qint64 skipped = 0;
    for (const auto &[message, emoji, reactor] : p.reactions) {
        const auto it = p.messages.find(message);
        if (it == p.messages.end() || !it->second.author) {
            ++skipped;
            skippedMessages.insert(message);
            continue;
        }
        reactions.append({message, emoji, reactor});
    }
    qint64 unnamed = 0;
    for (const auto &[id, u] : p.users)
        unnamed += !p.namedUsers.count(id);

    // A guild synced from Discord keeps its source; imports go to guilds of their own.
    auto existing =
        db.scalar(u"SELECT source FROM guilds WHERE id = ?"_s, {store::sql::id(*p.guildId)});
    if (!existing)
        return existing.error();
    if (!existing->isNull() && existing->toString() != source)
        return Error{u"guild %1 is already in this database from source '%2'"_s.arg(
                         snowflake::toString(*p.guildId), existing->toString()),
                     u"import SourceCred data into a database of its own (--db NEW.db)"_s};
    auto existingName =
        db.scalar(u"SELECT name FROM guilds WHERE id = ?"_s, {store::sql::id(*p.guildId)});
    if (!existingName)
        return existingName.error();
    summary.guildName = existingName->toString().isEmpty()
                            ? u"SourceCred guild %1"_s.arg(snowflake::toString(*p.guildId))
                            : existingName->toString();

    if (p.graphs > 0 && p.mirrors == 0)
        summary.missing.append(
            u"reactions the instance did not weight and reactions by members who had left: "
            u"SourceCred's graph keeps only reactions it gave cred for (import the "
            u"discordMirror-<guild>.db too, if the instance kept it, for every reaction)"_s);
    if (excerpts > 0)
        summary.missing.append(u"the full text of %1 messages: the graph keeps the first 30 "
                               u"characters"_s.arg(excerpts));
    if (skipped > 0)
        summary.missing.append(
            u"%1 reactions on %2 messages whose author the files do not name (authors who had "
            u"left when SourceCred ran): not imported"_s.arg(skipped)
                .arg(skippedMessages.size()));
    if (unnamed > 0)
        summary.missing.append(u"the names of %1 users who reacted or were mentioned but were not "
                               u"members when SourceCred ran"_s.arg(unnamed));
    if (p.mirrors == 0)
        summary.missing.append(u"nicknames and roles: the graph has neither"_s);
    else if (!p.rolesKnown)
        summary.missing.append(u"roles: this mirror version did not keep them"_s);
    summary.missing.append(knownGaps(source));

    store::Repository repo(db);
    auto written = db.transaction([&]() -> Result<void> {
        store::GuildRecord guild;
        guild.id = *p.guildId;
        guild.name = summary.guildName;
        guild.source = source;
        if (auto r = repo.upsertGuild(guild); !r)
            return r;
        QList<store::UserRecord> users;
        for (const auto &[id, u] : p.users)
            users.append(u);
        if (auto r = repo.upsertUsers(users, importedAt); !r)
            return r;
        QList<store::ChannelRecord> channels;
        for (const auto &[id, c] : p.channels) {
            store::ChannelRecord record = c;
            if (record.name.isEmpty())
                record.name = snowflake::toString(id);
            // A parent the files do not list would break the channel tree.
            if (record.parentId && !p.channels.count(*record.parentId))
                record.parentId.reset();
            channels.append(record);
        }
        if (auto r = repo.upsertChannels(*p.guildId, channels); !r)
            return r;
        if (p.rolesKnown) {
            std::set<quint64> roleIds;
            for (const auto &[user, list] : p.roles)
                roleIds.insert(list.begin(), list.end());
            QList<store::RoleRecord> roles;
            for (quint64 id : roleIds) {
                store::RoleRecord role;
                role.id = id;
                role.name = u"role "_s + snowflake::toString(id);
                roles.append(role);
            }
            if (auto r = repo.replaceRoles(*p.guildId, roles, importedAt); !r)
                return r;
        }
        QList<store::MemberRecord> members;
        for (quint64 id : p.members) {
            store::MemberRecord m;
            m.userId = id;
            if (const auto it = p.nicks.find(id); it != p.nicks.end())
                m.nick = it->second;
            if (const auto it = p.roles.find(id); it != p.roles.end())
                m.roleIds = it->second;
            members.append(m);
        }
        if (auto r = repo.upsertMembers(*p.guildId, members, importedAt); !r)
            return r;
        if (auto r = repo.upsertMessages(*p.guildId, messages, importedAt); !r)
            return r;
        QList<store::ReactionRecord> records;
        records.reserve(reactions.size());
        for (const Pending &r : reactions) {
            auto emoji = repo.internEmoji(store::ReactionEmoji::fromKey(r.emoji));
            if (!emoji)
                return emoji.error();
            records.append({r.message, *emoji, r.reactor, false});
        }
        if (auto r = repo.upsertReactions(records, importedAt); !r)
            return r;
        return recordImport(repo, *p.guildId, source, files, summary.missing, importedAt);
    });
    if (!written)
        return written.error();
    summary.channels = int(p.channels.size());
    summary.users = qint64(p.users.size());
    summary.messages = messages.size();
    summary.reactions = reactions.size();
    return summary;
}

} // namespace gavel::imports
