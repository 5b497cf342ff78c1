// The generator's own random numbers: reproducible streams and correct distributions.

#include "demoguild/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace gavel::demoguild;

class TestRandom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameStream();
    void seedsAndTagsDiffer();
    void uniformRange();
    void belowIsUniform_data();
    void belowIsUniform();
    void poissonMean_data();
    void poissonMean();
    void normalMoments();
    void aliasTableFrequencies();
    void aliasTableSkipsZeroWeights();
    void shuffleIsPermutation();
};

void TestRandom::sameSeedSameStream()
{
    Random a(12345);
    Random b(12345);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(a.next(), b.next());
    Random c(12345);
    Random d(12345);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(c.uniform(), d.uniform());
        QCOMPARE(c.poisson(3.5), d.poisson(3.5));
        QCOMPARE(c.normal(), d.normal());
    }
}

void TestRandom::seedsAndTagsDiffer()
{
    Random a(1);
    Random b(2);
    int same = 0;
    for (int i = 0; i < 100; ++i)
        same += a.next() == b.next() ? 1 : 0;
    QCOMPARE(same, 0);
    QVERIFY(mixSeed(1, 2) != mixSeed(1, 3));
    QVERIFY(mixSeed(1, 2, 0) != mixSeed(1, 2, 1));
    QVERIFY(mixSeed(1, 2) != mixSeed(2, 2));
}

void TestRandom::uniformRange()
{
    Random rng(7);
    double lo = 1, hi = 0, sum = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        QVERIFY(u >= 0 && u < 1);
        const double p = rng.uniformPositive();
        QVERIFY(p > 0 && p <= 1);
        lo = std::min(lo, u);
        hi = std::max(hi, u);
        sum += u;
    }
    QVERIFY(lo < 0.001 && hi > 0.999);
    QVERIFY(std::abs(sum / n - 0.5) < 0.005);
    for (int i = 0; i < 1000; ++i) {
        const qint64 v = rng.range(-3, 3);
        QVERIFY(v >= -3 && v <= 3);
    }
}

void TestRandom::belowIsUniform_data()
{
    QTest::addColumn<quint64>("n");
    QTest::newRow("2") << Q_UINT64_C(2);
    QTest::newRow("7") << Q_UINT64_C(7);
    QTest::newRow("100") << Q_UINT64_C(100);
}

void TestRandom::belowIsUniform()
{
    QFETCH(quint64, n);
    Random rng(99);
    std::vector<int> counts(n, 0);
    const int draws = 20000 * static_cast<int>(n);
    for (int i = 0; i < draws; ++i) {
        const quint64 v = rng.below(n);
        QVERIFY(v < n);
        ++counts[v];
    }
    // Chi-square with n-1 degrees of freedom; the bound is far in the tail (p < 1e-6).
    double chi = 0;
    const double expected = draws / static_cast<double>(n);
    for (int c : counts)
        chi += (c - expected) * (c - expected) / expected;
    const double dof = static_cast<double>(n - 1);
    QVERIFY2(chi < dof + 8 * std::sqrt(2 * dof) + 20, qPrintable(QString::number(chi)));
}

void TestRandom::poissonMean_data()
{
    QTest::addColumn<double>("mean");
    QTest::newRow("0.3") << 0.3;
    QTest::newRow("4") << 4.0;
    QTest::newRow("80 (normal approximation)") << 80.0;
}

void TestRandom::poissonMean()
{
    QFETCH(double, mean);
    Random rng(5);
    const int n = 100000;
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
        const int k = rng.poisson(mean);
        QVERIFY(k >= 0);
        sum += k;
        squares += static_cast<double>(k) * k;
    }
    const double m = sum / n;
    const double variance = squares / n - m * m;
    QVERIFY2(std::abs(m - mean) < 5 * std::sqrt(mean / n) + 1e-9, qPrintable(QString::number(m)));
    QVERIFY2(std::abs(variance - mean) < 0.05 * mean + 0.01, qPrintable(QString::number(variance)));
}

void TestRandom::normalMoments()
{
    Random rng(11);
    const int n = 200000;
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.normal();
        sum += x;
        squares += x * x;
    }
    QVERIFY(std::abs(sum / n) < 0.01);
    QVERIFY(std::abs(squares / n - 1.0) < 0.02);
}

void TestRandom::aliasTableFrequencies()
{
    const std::vector<double> weights = {1, 2, 3, 4, 0.5, 9.5};
    AliasTable table(weights);
    QCOMPARE(table.total(), 20.0);
    Random rng(3);
    std::vector<int> counts(weights.size(), 0);
    const int n = 400000;
    for (int i = 0; i < n; ++i)
        ++counts[table.sample(rng)];
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double p = weights[i] / 20.0;
        const double observed = counts[i] / static_cast<double>(n);
        QVERIFY2(std::abs(observed - p) < 5 * std::sqrt(p * (1 - p) / n),
                 qPrintable(QString::number(i)));
    }
}

void TestRandom::aliasTableSkipsZeroWeights()
{
    AliasTable table(std::vector<double>{0, 5, 0, 5});
    Random rng(4);
    for (int i = 0; i < 10000; ++i) {
        const int k = table.sample(rng);
        QVERIFY(k == 1 || k == 3);
    }
    QVERIFY(AliasTable(std::vector<double>{0, 0}).empty());
    QVERIFY(AliasTable().empty());
}

void TestRandom::shuffleIsPermutation()
{
    std::vector<int> items(1000);
    std::iota(items.begin(), items.end(), 0);
    Random rng(8);
    rng.shuffle(items);
    QVERIFY(!std::is_sorted(items.begin(), items.end()));
    std::sort(items.begin(), items.end());
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(items[static_cast<std::size_t>(i)], i);
}

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_demoguild_random.moc"
