// The streaming JSON writer, UTF-8 truncation and the atomic (optionally gzip) output file.

#include "demoguild/JsonWriter.h"
#include "demoguild/OutputFile.h"
#include "demoguild/TextBank.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <limits>
#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace gavel::demoguild;

namespace {

//! A sink that fails after a number of bytes, like a full disk.
class FailingSink : public ByteSink
{
public:
    explicit FailingSink(qsizetype capacity)
        : m_capacity(capacity)
    {}
    bool write(const char *, qsizetype size) override
    {
        m_used += size;
        return m_used <= m_capacity;
    }

private:
    qsizetype m_capacity;
    qsizetype m_used = 0;
};

std::string render(const std::function<void(JsonWriter &)> &body, qsizetype chunk = 1 << 20)
{
    StringSink sink;
    {
        JsonWriter w(sink, chunk);
        body(w);
    }
    return sink.text();
}

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaping_data();
    void escaping();
    void controlCharactersAreEscaped();
    void structure();
    void numbers();
    void timestamps_data();
    void timestamps();
    void smallChunksSameOutput();
    void failingSink();
    void truncateUtf8_data();
    void truncateUtf8();
    void outputFilePlain();
    void outputFileGzip();
    void outputFileCancel();
    void outputFileMissingDirectory();
};

void TestJsonWriter::escaping_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << u"hello world"_s;
    QTest::newRow("quote and backslash") << u"say \"hi\" C:\\Users\\me"_s;
    QTest::newRow("newline tab cr") << u"a\nb\tc\rd"_s;
    QTest::newRow("backspace formfeed") << u"a\bb\fc"_s;
    QTest::newRow("other controls") << QString::fromUtf16(u"\u0001\u001f\u0000x", 4);
    QTest::newRow("delete is not escaped") << QString(QChar(0x7f));
    QTest::newRow("non-BMP emoji") << u"😂 🐝 𝓐𝓵𝓲𝓬𝓮"_s;
    QTest::newRow("ZWJ sequence and flag") << u"🧑‍💻 🇧🇷 ❤️"_s;
    QTest::newRow("CJK and RTL") << u"田中 太郎 / محمد / שרה"_s;
    QTest::newRow("line separators") << QString::fromUtf16(u"a\u2028b\u2029c");
    QTest::newRow("slash") << u"</script>"_s;
}

void TestJsonWriter::escaping()
{
    QFETCH(QString, text);
    const std::string out = render([&](JsonWriter &w) {
        w.beginArray();
        w.string(QStringView(text));
        const QByteArray utf8 = text.toUtf8();
        w.string(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        w.endArray();
    });
    QJsonParseError error{};
    const QJsonArray parsed = QJsonDocument::fromJson(bytes(out), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.size(), 2);
    QCOMPARE(parsed[0].toString(), text);
    QCOMPARE(parsed[1].toString(), text);
}

void TestJsonWriter::controlCharactersAreEscaped()
{
    std::string all;
    for (int c = 0; c < 0x20; ++c)
        all.push_back(static_cast<char>(c));
    std::string out;
    JsonWriter::appendEscaped(out, all);
    for (char c : out)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, "no raw control character in output");
    QVERIFY(out.find("\\u0000") != std::string::npos);
    QVERIFY(out.find("\\u001f") != std::string::npos);
    QVERIFY(out.find("\\n") != std::string::npos);
}

void TestJsonWriter::structure()
{
    const std::string out = render([](JsonWriter &w) {
        w.beginObject();
        w.key("a");
        w.beginArray();
        w.number(1);
        w.number(2);
        w.beginObject();
        w.key("b");
        w.null();
        w.endObject();
        w.beginArray();
        w.endArray();
        w.endArray();
        w.key("c");
        w.beginObject();
        w.endObject();
        w.key("id");
        w.id(Q_UINT64_C(175928847299117063));
        w.key("none");
        w.idOrNull(0);
        w.key("raw");
        w.rawValue(R"({"x":true})");
        w.key("flag");
        w.boolean(false);
        w.endObject();
    });
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray(R"({"a":[1,2,{"b":null},[]],"c":{},"id":"175928847299117063",)"
                        R"("none":null,"raw":{"x":true},"flag":false})"));
}

void TestJsonWriter::numbers()
{
    const std::string out = render([](JsonWriter &w) {
        w.beginArray();
        w.number(std::numeric_limits<qint64>::min());
        w.number(std::numeric_limits<qint64>::max());
        w.number(std::numeric_limits<quint64>::max());
        w.number(0.5);
        w.number(1.6 + 3.0 * 0.25);
        w.number(std::numeric_limits<double>::quiet_NaN());
        w.endArray();
    });
    QVERIFY(out.find("-9223372036854775808,9223372036854775807,18446744073709551615,") == 1);
    const QJsonArray parsed = QJsonDocument::fromJson(bytes(out)).array();
    QCOMPARE(parsed.size(), 6);
    QCOMPARE(parsed[3].toDouble(), 0.5);
    QCOMPARE(parsed[4].toDouble(), 1.6 + 3.0 * 0.25); // shortest form that round-trips
    QVERIFY(parsed[5].isNull());
}

void TestJsonWriter::timestamps_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::newRow("unix epoch") << Q_INT64_C(0);
    QTest::newRow("discord epoch") << Q_INT64_C(1420070400000);
    QTest::newRow("default end") << Q_INT64_C(1793491200000);
    QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999),
                                           QTimeZone::utc())
                                     .toMSecsSinceEpoch();
    QTest::newRow("2000-03-01")
        << QDateTime(QDate(2000, 3, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    QTest::newRow("new year's eve")
        << QDateTime(QDate(2025, 12, 31), QTime(23, 0, 1, 7), QTimeZone::utc()).toMSecsSinceEpoch();
    QTest::newRow("2079") << QDateTime(QDate(2079, 7, 4), QTime(12, 30, 45, 120), QTimeZone::utc())
                                 .toMSecsSinceEpoch();
}

void TestJsonWriter::timestamps()
{
    QFETCH(qint64, msecs);
    const std::string text = JsonWriter::timestampString(msecs);
    // Discord's form: microseconds and an explicit +00:00 offset.
    const QString expected = QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc())
                                 .toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) +
                             u"000+00:00"_s;
    QCOMPARE(QString::fromStdString(text), expected);
    QCOMPARE(
        QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs).toMSecsSinceEpoch(),
        msecs);
}

void TestJsonWriter::smallChunksSameOutput()
{
    const auto body = [](JsonWriter &w) {
        w.beginObject();
        for (int i = 0; i < 500; ++i) {
            w.key("key" + std::to_string(i));
            w.string("välue 😂 \"quoted\"\n");
        }
        w.endObject();
    };
    QCOMPARE(render(body, 7), render(body));
}

void TestJsonWriter::failingSink()
{
    FailingSink sink(100);
    JsonWriter w(sink, 16);
    w.beginArray();
    for (int i = 0; i < 100; ++i)
        w.string("0123456789");
    w.endArray();
    QVERIFY(!w.flush());
    QVERIFY(!w.ok());
}

void TestJsonWriter::truncateUtf8_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short enough") << u"abc"_s << 5 << u"abc"_s;
    QTest::newRow("ascii cut") << u"abcdef"_s << 3 << u"abc"_s;
    QTest::newRow("inside a 2-byte char") << u"aé"_s << 2 << u"a"_s;
    QTest::newRow("inside an emoji") << u"ab🐝"_s << 4 << u"ab"_s;
    QTest::newRow("after an emoji") << u"ab🐝c"_s << 6 << u"ab🐝"_s;
    QTest::newRow("CJK") << u"田中太郎"_s << 7 << u"田中"_s;
}

void TestJsonWriter::truncateUtf8()
{
    QFETCH(QString, text);
    QFETCH(int, maxBytes);
    QFETCH(QString, expected);
    const QByteArray utf8 = text.toUtf8();
    const std::string out = TextBank::truncateUtf8(
        std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())),
        static_cast<std::size_t>(maxBytes));
    QVERIFY(out.size() <= static_cast<std::size_t>(maxBytes));
    QCOMPARE(QString::fromStdString(out), expected);
}

void TestJsonWriter::outputFilePlain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.json"_s);
    OutputFile file;
    QVERIFY(file.open(path).ok());
    QVERIFY(!file.compressed());
    QVERIFY(file.write("{\"a\":1}", 7));
    QVERIFY2(!QFile::exists(path), "the target appears only on commit");
    QVERIFY(file.commit().ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("{\"a\":1}"));
}

void TestJsonWriter::outputFileGzip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.json.GZ"_s);
    QByteArray payload;
    for (int i = 0; i < 20000; ++i)
        payload += "{\"n\":" + QByteArray::number(i) + "},";
    OutputFile file;
    QVERIFY(file.open(path).ok());
    QVERIFY(file.compressed());
    QVERIFY(file.write(payload.constData(), payload.size()));
    QVERIFY(file.commit().ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray compressed = f.readAll();
    QCOMPARE(qint64(compressed.size()), file.fileBytes());
    QVERIFY(compressed.size() < payload.size() / 4);
    z_stream z{};
    QCOMPARE(inflateInit2(&z, 15 + 16), Z_OK);
    QByteArray out(payload.size() + 16, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    z.avail_in = static_cast<uInt>(compressed.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    QCOMPARE(inflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(static_cast<qsizetype>(z.total_out));
    inflateEnd(&z);
    QCOMPARE(out, payload);
}

void TestJsonWriter::outputFileCancel()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"cancelled.json.gz"_s);
    {
        OutputFile file;
        QVERIFY(file.open(path).ok());
        QVERIFY(file.write("partial", 7));
        file.cancel();
    }
    {
        OutputFile file; // destroyed without commit: the same
        QVERIFY(file.open(path).ok());
        QVERIFY(file.write("partial", 7));
    }
    QVERIFY(!QFile::exists(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestJsonWriter::outputFileMissingDirectory()
{
    QTemporaryDir dir;
    OutputFile file;
    const auto opened = file.open(dir.filePath(u"missing/out.json"_s));
    QVERIFY(!opened.ok());
    QVERIFY(opened.error().message.contains(u"does not exist"));
    const auto isDir = file.open(dir.path());
    QVERIFY(!isDir.ok());
    QVERIFY(isDir.error().message.contains(u"directory"));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_demoguild_jsonwriter.moc"
