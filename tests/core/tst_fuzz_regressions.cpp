// Replays every fuzz input kept in the repository through the fuzz targets' own entry points:
// fuzz/regressions/<target>/* (inputs that once crashed or broke a property, each fixed) and
// fuzz/corpus/<target>/* (the seeds). A regression aborts the test (trap or sanitizer report).

#include <QDir>
#include <QFile>
#include <QTest>

#include <cstddef>
#include <cstdint>

// Each target defines LLVMFuzzerTestOneInput; renamed here so that one executable holds all.
#define LLVMFuzzerTestOneInput fuzzPageParser
#include "../../fuzz/fuzz_pageparser.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzObjects
#include "../../fuzz/fuzz_objects.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzRateLimitHeaders
#include "../../fuzz/fuzz_ratelimitheaders.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzSnapshot
#include "../../fuzz/fuzz_snapshot.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzPolicy
#include "../../fuzz/fuzz_policy.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzzCsv
#include "../../fuzz/fuzz_csv.cpp"
#undef LLVMFuzzerTestOneInput

using namespace Qt::StringLiterals;

using FuzzEntry = int (*)(const uint8_t *, size_t);
Q_DECLARE_METATYPE(FuzzEntry)

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
};

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<FuzzEntry>("entry");
    QTest::addColumn<QString>("file");
    const QString source = qEnvironmentVariable("GAVEL_SOURCE_DIR");
    QVERIFY2(!source.isEmpty(), "GAVEL_SOURCE_DIR is not set (ctest sets it)");
    const QList<std::pair<QString, FuzzEntry>> targets{
        {u"fuzz_pageparser"_s, &fuzzPageParser},
        {u"fuzz_objects"_s, &fuzzObjects},
        {u"fuzz_ratelimitheaders"_s, &fuzzRateLimitHeaders},
        {u"fuzz_snapshot"_s, &fuzzSnapshot},
        {u"fuzz_policy"_s, &fuzzPolicy},
        {u"fuzz_csv"_s, &fuzzCsv},
    };
    int rows = 0;
    for (const auto &[target, entry] : targets) {
        for (const QString &kind : {u"regressions"_s, u"corpus"_s}) {
            const QDir dir(source + u"/fuzz/"_s + kind + u'/' + target);
            const QStringList files = dir.entryList(QDir::Files, QDir::Name);
            for (const QString &file : files) {
                const QString path = dir.filePath(file);
                QTest::newRow(qPrintable(target + u'/' + kind + u'/' + file)) << entry << path;
                ++rows;
            }
        }
    }
    // The seed corpora are in the repository: finding none means a wrong path, not no work.
    QVERIFY2(rows >= 6, "no fuzz inputs found under $GAVEL_SOURCE_DIR/fuzz");
}

void TestFuzzRegressions::replay()
{
    QFETCH(FuzzEntry, entry);
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
    const QByteArray data = f.readAll();
    QCOMPARE(entry(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size())), 0);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
