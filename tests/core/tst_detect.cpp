// Detection quality in CTest: demo guilds of 500 members from two seeds, stored as a complete
// sync leaves them, must give ring and alt-family member recall and precision of at least 0.95
// and flag no honest friend group. Larger sizes and more seeds: bench/analysis
// (detection_quality), figures in docs/detection.md.

#include "../../bench/analysis/DetectionQuality.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel;

class TestDetect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quality_data();
    void quality();
};

void TestDetect::quality_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 1") << quint64(1);
    QTest::newRow("seed 2") << quint64(2);
}

void TestDetect::quality()
{
    QFETCH(quint64, seed);
    QTemporaryDir work;
    QVERIFY(work.isValid());
    quality::RunOptions options;
    options.workDir = work.path();
    options.guild.seed = seed;
    options.guild.members = 500;
    options.guild.messages = 25000;
    const auto result = quality::run(options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().text()));
    const quality::Evaluation &e = *result;
    const QString notes = e.notes.join(u'\n');
    QVERIFY(e.rings.truth >= 6); // at least two rings of 3-8
    QVERIFY(e.alts.truth >= 3);
    QVERIFY(e.friendGroups >= 1);
    QVERIFY2(e.rings.recall() >= 0.95, qPrintable(notes));
    QVERIFY2(e.rings.precision() >= 0.95, qPrintable(notes));
    QVERIFY2(e.alts.recall() >= 0.95, qPrintable(notes));
    QVERIFY2(e.alts.precision() >= 0.95, qPrintable(notes));
    QVERIFY2(e.friendGroupsFlagged == 0, qPrintable(notes));
    // The baseline is what the detector must beat: it flags the friend groups.
    QVERIFY(e.baseline.precision() < e.rings.precision());
}

QTEST_GUILESS_MAIN(TestDetect)
#include "tst_detect.moc"
