#include "StoreSampleGuild.h"
#include "StoreTestDatabase.h"
#include "common/Snowflake.h"
#include "store/CanonicalDump.h"
#include "store/Database.h"
#include "store/Repository.h"

#include <QTest>

#include <functional>
#include <map>

using namespace Qt::StringLiterals;
using namespace gavel;
using namespace gavel::store;
using gavel::test::SampleWriteOrder;
using gavel::test::StoreSampleGuild;
using gavel::test::StoreTestDatabase;

namespace {

QString text(const Result<void> &result)
{
    return result.ok() ? QString() : result.error().text();
}

template<typename T>
QString text(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().text();
}

//! Writes `sample` into a fresh database of `backend` and returns its dump (empty on failure,
//! with the reason in `error`).
QByteArray dumpOf(Backend backend, const StoreSampleGuild &sample, qint64 seenAt,
                  const SampleWriteOrder &order, QString &error,
                  const std::function<Result<void>(Repository &)> &after = {},
                  const OpenOptions &options = {})
{
    StoreTestDatabase tmp(backend);
    if (!tmp.isValid()) {
        error = tmp.error();
        return {};
    }
    auto db = tmp.open(options);
    if (!db) {
        error = db.error().text();
        return {};
    }
    Repository repo(**db);
    if (const Result<void> written = test::writeSampleGuild(repo, sample, seenAt, order);
        !written) {
        error = written.error().text();
        return {};
    }
    if (after) {
        if (const Result<void> done = after(repo); !done) {
            error = done.error().text();
            return {};
        }
    }
    const Result<QByteArray> dump = canonicalDump(**db, sample.guild.id);
    if (!dump) {
        error = dump.error().text();
        return {};
    }
    return *dump;
}

//! The first line where two dumps differ, for readable failures.
QByteArray firstDifference(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> left = a.split('\n');
    const QList<QByteArray> right = b.split('\n');
    for (qsizetype i = 0; i < std::max(left.size(), right.size()); ++i) {
        const QByteArray l = left.value(i);
        const QByteArray r = right.value(i);
        if (l != r)
            return "line " + QByteArray::number(i + 1) + ":\n  " + l + "\n  " + r;
    }
    return "no difference";
}

struct Mutation
{
    std::function<void(StoreSampleGuild &)> before;  // changes the data written
    std::function<Result<void>(Repository &)> after; // or changes it after writing
};

const std::map<QString, Mutation> &mutations()
{
    static const std::map<QString, Mutation> all = {
        {u"message content"_s, {[](StoreSampleGuild &s) { s.messages[5].content += u'!'; }, {}}},
        {u"message edited"_s, {[](StoreSampleGuild &s) { s.messages[6].editedAt = 1; }, {}}},
        {u"mention"_s,
         {[](StoreSampleGuild &s) { s.messages[7].mentionIds.append(s.users[2].id); }, {}}},
        {u"reaction burst"_s,
         {[](StoreSampleGuild &s) { s.reactions[0].burst = !s.reactions[0].burst; }, {}}},
        {u"extra reaction"_s,
         {[](StoreSampleGuild &s) {
              StoreSampleGuild::Reaction r = s.reactions[0];
              r.emojiKey = u"🦆"_s;
              s.reactions.append(r);
          },
          {}}},
        {u"member nick"_s, {[](StoreSampleGuild &s) { s.members[1].nick = u"renamed"_s; }, {}}},
        {u"member role"_s,
         {[](StoreSampleGuild &s) {
              QList<quint64> &roles = s.members[0].roleIds;
              if (roles.contains(s.roles[0].id))
                  roles.removeAll(s.roles[0].id);
              else
                  roles.append(s.roles[0].id);
          },
          {}}},
        {u"role permissions"_s, {[](StoreSampleGuild &s) { s.roles[1].permissions = u"8"_s; }, {}}},
        {u"channel topic"_s,
         {[](StoreSampleGuild &s) { s.channels[1].topic = u"new topic"_s; }, {}}},
        {u"user global name"_s, {[](StoreSampleGuild &s) { s.users[3].globalName = u"X"_s; }, {}}},
        {u"emoji available"_s, {[](StoreSampleGuild &s) { s.emojis[0].available = false; }, {}}},
        {u"guild raw json"_s, {[](StoreSampleGuild &s) { s.guild.rawJson += u' '; }, {}}},
        {u"message deleted"_s,
         {{},
          [](Repository &r) {
              return r.markMessagesDeleted({StoreSampleGuild::make().messages[4].id}, 5000);
          }}},
        {u"reactions removed"_s,
         {{},
          [](Repository &r) -> Result<void> {
              const StoreSampleGuild s = StoreSampleGuild::make();
              QList<quint64> ids;
              for (const StoreSampleGuild::Reaction &reaction : s.reactions)
                  ids.append(reaction.messageId);
              const Result<int> swept = r.sweepReactions(ids.mid(0, 1), 999999, 5000);
              if (!swept)
                  return swept.error();
              return {};
          }}},
        {u"member left"_s,
         {{},
          [](Repository &r) {
              const StoreSampleGuild s = StoreSampleGuild::make();
              return r.markMembersLeft(s.guild.id, {s.members[2].userId}, 5000);
          }}},
        {u"checkpoint"_s,
         {{},
          [](Repository &r) {
              return r.setCheckpoint(StoreSampleGuild::make().guild.id,
                                     {u"members"_s, u"42"_s, u"done"_s, 5000});
          }}},
    };
    return all;
}

} // namespace

//! canonicalDump(): order-independent, blind to observation times, sensitive to every stored
//! fact, identical on both backends, and in the documented format.
class TestStoreDump : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameDataAnyOrderSameDump_data();
    void sameDataAnyOrderSameDump();
    void observationTimesDoNotMatter_data();
    void observationTimesDoNotMatter();
    void anyDifferentFactChangesDump_data();
    void anyDifferentFactChangesDump();
    void backendsGiveIdenticalDumps();
    void sqliteBindingPathsGiveIdenticalDumps();
    void onlyTheRequestedGuild_data();
    void onlyTheRequestedGuild();
    void format_data();
    void format();
};

void TestStoreDump::sameDataAnyOrderSameDump_data()
{
    test::addBackendColumn();
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("pageSize");
    for (const Backend backend : {Backend::Sqlite, Backend::Postgres}) {
        const QString name = backend == Backend::Sqlite ? u"sqlite"_s : u"postgresql"_s;
        QTest::addRow("shuffled, pages of 10, %s", qPrintable(name)) << backend << 7u << 10;
        QTest::addRow("shuffled, one row per page, %s", qPrintable(name)) << backend << 99u << 1;
        QTest::addRow("shuffled, one page, %s", qPrintable(name)) << backend << 3u << 10000;
    }
}

void TestStoreDump::sameDataAnyOrderSameDump()
{
    QFETCH(Backend, backend);
    QFETCH(quint32, seed);
    QFETCH(int, pageSize);
    GAVEL_REQUIRE_BACKEND(backend);
    const StoreSampleGuild sample = StoreSampleGuild::make();
    QString error;
    const QByteArray natural = dumpOf(backend, sample, 1000, {}, error);
    QVERIFY2(!natural.isEmpty(), qPrintable(error));
    const QByteArray shuffled = dumpOf(backend, sample, 1000, {seed, pageSize}, error);
    QVERIFY2(!shuffled.isEmpty(), qPrintable(error));
    QVERIFY2(natural == shuffled, firstDifference(natural, shuffled).constData());
    // Not trivially equal: every message and reaction is in there.
    QVERIFY(natural.count('\n') > sample.messages.size() + sample.users.size());
}

void TestStoreDump::observationTimesDoNotMatter_data()
{
    test::addBackendColumn();
    test::addBackendRows();
}

void TestStoreDump::observationTimesDoNotMatter()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    const StoreSampleGuild sample = StoreSampleGuild::make();
    const quint64 deleted = sample.messages.at(3).id;
    auto laterWork = [&](qint64 at) {
        return [=](Repository &r) -> Result<void> {
            if (const Result<void> done = r.markMessagesDeleted({deleted}, at); !done)
                return done;
            const qint64 run = *r.startSyncRun(sample.guild.id, at);
            return r.finishSyncRun(run, SyncStatus::Ok, at + 1, u"{\"at\":%1}"_s.arg(at));
        };
    };
    QString error;
    const QByteArray early = dumpOf(backend, sample, 1000, {}, error, laterWork(2000));
    QVERIFY2(!early.isEmpty(), qPrintable(error));
    const QByteArray late = dumpOf(backend, sample, 77777, {5, 13}, error, laterWork(99999));
    QVERIFY2(!late.isEmpty(), qPrintable(error));
    QVERIFY2(early == late, firstDifference(early, late).constData());
}

void TestStoreDump::anyDifferentFactChangesDump_data()
{
    test::addBackendColumn();
    QTest::addColumn<QString>("mutation");
    for (const auto &[name, mutation] : mutations()) {
        QTest::addRow("%s sqlite", qPrintable(name)) << Backend::Sqlite << name;
        QTest::addRow("%s postgresql", qPrintable(name)) << Backend::Postgres << name;
    }
}

void TestStoreDump::anyDifferentFactChangesDump()
{
    QFETCH(Backend, backend);
    QFETCH(QString, mutation);
    GAVEL_REQUIRE_BACKEND(backend);
    const StoreSampleGuild sample = StoreSampleGuild::make();
    QString error;
    const QByteArray original = dumpOf(backend, sample, 1000, {}, error);
    QVERIFY2(!original.isEmpty(), qPrintable(error));

    const Mutation &change = mutations().at(mutation);
    StoreSampleGuild changed = sample;
    if (change.before)
        change.before(changed);
    const QByteArray different = dumpOf(backend, changed, 1000, {}, error, change.after);
    QVERIFY2(!different.isEmpty(), qPrintable(error));
    QVERIFY(original != different);
}

void TestStoreDump::backendsGiveIdenticalDumps()
{
    GAVEL_REQUIRE_BACKEND(Backend::Postgres);
    for (const quint32 seed : {1u, 2u}) {
        const StoreSampleGuild sample = StoreSampleGuild::make(seed, 20, 120);
        QString error;
        const QByteArray lite = dumpOf(Backend::Sqlite, sample, 1000, {}, error);
        QVERIFY2(!lite.isEmpty(), qPrintable(error));
        const QByteArray pg = dumpOf(Backend::Postgres, sample, 1000, {seed + 10, 7}, error);
        QVERIFY2(!pg.isEmpty(), qPrintable(error));
        QVERIFY2(lite == pg, firstDifference(lite, pg).constData());
    }
}

void TestStoreDump::sqliteBindingPathsGiveIdenticalDumps()
{
    // Bulk writes bind through SQLite's C API when available, through Qt otherwise.
    OpenOptions qtBinding;
    qtBinding.nativeSqliteBinding = false;
    {
        StoreTestDatabase tmp(Backend::Sqlite);
        QVERIFY(tmp.isValid());
        auto viaQt = tmp.open(qtBinding);
        QVERIFY(viaQt.ok());
        QVERIFY(!(*viaQt)->usesNativeBinding());
        viaQt = Error{};
        auto native = tmp.open();
        QVERIFY(native.ok());
        QCOMPARE((*native)->usesNativeBinding(), Database::nativeBindingAvailable());
    }
    if (!Database::nativeBindingAvailable())
        qInfo("built without SQLite's headers: both databases below bind through Qt");

    const StoreSampleGuild sample = StoreSampleGuild::make(4, 20, 150);
    QString error;
    const QByteArray native = dumpOf(Backend::Sqlite, sample, 1000, {9, 17}, error);
    QVERIFY2(!native.isEmpty(), qPrintable(error));
    const QByteArray qt = dumpOf(Backend::Sqlite, sample, 1000, {9, 17}, error, {}, qtBinding);
    QVERIFY2(!qt.isEmpty(), qPrintable(error));
    QVERIFY2(native == qt, firstDifference(native, qt).constData());
}

void TestStoreDump::onlyTheRequestedGuild_data()
{
    test::addBackendColumn();
    test::addBackendRows();
}

void TestStoreDump::onlyTheRequestedGuild()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    const StoreSampleGuild sample = StoreSampleGuild::make();
    // A second guild in the same database, sharing the users (ids shifted elsewhere).
    StoreSampleGuild other = StoreSampleGuild::make(8);
    auto shift = [](quint64 id) { return id + (quint64(1) << 40); };
    other.guild.id = shift(other.guild.id);
    for (RoleRecord &r : other.roles)
        r.id = shift(r.id);
    for (EmojiRecord &e : other.emojis)
        e.id = shift(e.id);
    QHash<quint64, quint64> channelMap;
    for (ChannelRecord &c : other.channels) {
        channelMap.insert(c.id, shift(c.id));
        c.id = shift(c.id);
        if (c.parentId)
            c.parentId = shift(*c.parentId);
    }
    for (MemberRecord &m : other.members) {
        for (quint64 &role : m.roleIds)
            role = shift(role);
    }
    for (MessageRecord &m : other.messages) {
        m.id = shift(m.id);
        m.channelId = channelMap.value(m.channelId);
        if (m.replyToMessageId)
            m.replyToMessageId = shift(*m.replyToMessageId);
    }
    for (StoreSampleGuild::Reaction &r : other.reactions) {
        r.messageId = shift(r.messageId);
        r.emojiKey.replace(u"sourcecred"_s, u"othercred"_s);
    }

    QString error;
    const QByteArray alone = dumpOf(backend, sample, 1000, {}, error);
    QVERIFY2(!alone.isEmpty(), qPrintable(error));
    const QByteArray together = dumpOf(backend, sample, 1000, {}, error, [&](Repository &r) {
        return test::writeSampleGuild(r, other, 2000);
    });
    QVERIFY2(!together.isEmpty(), qPrintable(error));
    QVERIFY2(alone == together, firstDifference(alone, together).constData());
}

void TestStoreDump::format_data()
{
    test::addBackendColumn();
    test::addBackendRows();
}

void TestStoreDump::format()
{
    QFETCH(Backend, backend);
    GAVEL_REQUIRE_BACKEND(backend);
    StoreTestDatabase tmp(backend);
    QVERIFY2(tmp.isValid(), qPrintable(tmp.error()));
    auto opened = tmp.open();
    QVERIFY2(opened.ok(), qPrintable(text(opened)));
    Database &db = **opened;
    Repository repo(db);

    const quint64 message = snowflake::fromMsecs(1609459200000) + 1;
    const Result<void> written = db.transaction([&]() -> Result<void> {
        GuildRecord guild;
        guild.id = 10;
        guild.name = u"Tab\there"_s;
        if (const auto done = repo.upsertGuild(guild); !done)
            return done;
        ChannelRecord channel;
        channel.id = 20;
        channel.name = u"general"_s;
        channel.position = 1;
        if (const auto done = repo.upsertChannels(10, {channel}); !done)
            return done;
        UserRecord user;
        user.id = 30;
        user.username = u"ann"_s;
        user.discriminator = u"0"_s;
        if (const auto done = repo.upsertUsers({user}, 5); !done)
            return done;
        if (const auto done = repo.upsertMembers(10, {{30, {}, 1000, {}, 0, false, {}}}, 5); !done)
            return done;
        MessageRecord m;
        m.id = message;
        m.channelId = 20;
        m.authorId = 30;
        m.content = u"line1\nline2 back\\slash\r"_s;
        m.mentionIds = {30};
        if (const auto done = repo.upsertMessages(10, {m}, 5); !done)
            return done;
        const Result<qint64> emoji = repo.internEmoji(ReactionEmoji::fromKey(u"👍"_s));
        if (!emoji)
            return emoji.error();
        return repo.upsertReactions({{message, *emoji, 30, true}}, 5);
    });
    QVERIFY2(written.ok(), qPrintable(text(written)));
    const Result<QByteArray> dump = canonicalDump(db, 10);
    QVERIFY2(dump.ok(), qPrintable(text(dump)));

    const QByteArray id = QByteArray::number(message);
    const QByteArray expected =
        "gavel-canonical-dump 1\n"
        "guild 10\n"
        "## guilds\tid\tname\ticon\towner_id\tsource\traw_json\n"
        "10\tTab\\there\t\\N\t\\N\tdiscord\t\\N\n"
        "## roles\tid\tname\tcolor\tposition\tpermissions\tmanaged\thoist\tmentionable\tdeleted\n"
        "## emojis\tid\tname\tanimated\tavailable\tdeleted\n"
        "## channels\tid\tparent_id\ttype\tname\tposition\ttopic\tlast_message_id\towner_id\t"
        "archived\tarchive_timestamp\tlocked\tmessage_count\treadable\tdeleted\traw_json\n"
        "20\t\\N\t0\tgeneral\t1\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t1\t0\t\\N\n"
        "## users\tid\tusername\tglobal_name\tdiscriminator\tavatar\tbot\tsystem\tcreated_at\n"
        "30\tann\t\\N\t0\t\\N\t0\t0\t1420070400000\n"
        "## members\tuser_id\tnick\tjoined_at\tpremium_since\tflags\tpending\tis_member\n"
        "30\t\\N\t1000\t\\N\t0\t0\t1\n"
        "## member_roles\tuser_id\trole_id\n"
        "## member_history\tuser_id\tseq\tevent\tat\n"
        "30\t1\tjoin\t1000\n"
        "## member_role_history\tuser_id\trole_id\tseq\taction\tat\tsource\n"
        "## reaction_emojis\tkey\tname\temoji_id\tanimated\n"
        "👍\t👍\t\\N\t0\n"
        "## messages\tid\tchannel_id\tauthor_id\ttype\tcontent\tcreated_at\tedited_at\t"
        "reply_to_message_id\treply_to_author_id\twebhook_id\tflags\tdeleted\n" +
        id +
        "\t20\t30\t0\tline1\\nline2 back\\\\slash\\r\t1609459200000\t\\N\t\\N\t\\N\t\\N\t0\t0\n"
        "## message_mentions\tmessage_id\tuser_id\n" +
        id +
        "\t30\n"
        "## reactions\tmessage_id\temoji\tuser_id\tburst\tchannel_id\tauthor_id\t"
        "message_created_at\tremoved\n" +
        id +
        "\t👍\t30\t1\t20\t30\t1609459200000\t0\n"
        "## sync_checkpoints\tscope\tcursor\tstate\n";
    QVERIFY2(*dump == expected, firstDifference(*dump, expected).constData());
}

QTEST_GUILESS_MAIN(TestStoreDump)
#include "tst_store_dump.moc"
