// bench_demoguild: how long the demo-guild generator takes, and how much memory it needs.
//
//   bench_demoguild [--runs N] [--large] [--gzip] [--dir DIR] [--keep]
//
// Runs the default demo (2,000 members, 100,000 messages) N times and prints the median;
// --large adds the 1M-message guild (50,000 members), --gzip the .json.gz variants.
// Figures go in docs/demo-guild.md.

#include "demoguild/DemoGuild.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Sample
{
    qint64 wallMs = 0;
    qint64 cpuMs = 0;
    gavel::demoguild::Summary summary;
};

qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

bool run(const char *name, const gavel::demoguild::Options &options, const QString &path, int runs,
         bool keep)
{
    std::vector<Sample> samples;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const qint64 cpu0 = cpuMs();
        const auto result = gavel::demoguild::generate(options, path);
        if (!result) {
            std::fprintf(stderr, "bench_demoguild: %s\n", qPrintable(result.error().text()));
            return false;
        }
        samples.push_back({timer.elapsed(), cpuMs() - cpu0, *result});
        if (!keep) {
            QFile::remove(path);
            QFile::remove(result->truthPath);
        }
    }
    std::sort(samples.begin(), samples.end(),
              [](const Sample &a, const Sample &b) { return a.wallMs < b.wallMs; });
    const Sample &median = samples[samples.size() / 2];
    const gavel::demoguild::Summary &s = median.summary;
    const double seconds = median.wallMs / 1000.0;
    std::printf("%-22s %7d %9d %10lld %8.1f %8.1f %8.2f %8.2f %9.0f %9.0f %7.1f %6ld\n", name,
                s.members, s.messages,
                static_cast<long long>(s.reactionUsers + s.burstReactionUsers),
                s.uncompressedBytes / 1e6, s.snapshotBytes / 1e6, seconds, median.cpuMs / 1000.0,
                s.messages / seconds, (s.reactionUsers + s.burstReactionUsers) / seconds,
                s.uncompressedBytes / 1e6 / seconds, peakRssMb());
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times the demo-guild generator."_s);
    parser.addHelpOption();
    const QCommandLineOption runsOption(u"runs"_s, u"Runs of the default demo (median)."_s, u"N"_s,
                                        u"3"_s);
    const QCommandLineOption largeOption(u"large"_s, u"Also 50,000 members / 1M messages."_s);
    const QCommandLineOption gzipOption(u"gzip"_s, u"Also write .json.gz."_s);
    const QCommandLineOption dirOption(u"dir"_s, u"Where to write (default: a temp dir)."_s,
                                       u"DIR"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the files."_s);
    parser.addOptions({runsOption, largeOption, gzipOption, dirOption, keepOption});
    parser.process(app);

    QTemporaryDir temp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.path();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const bool keep = parser.isSet(keepOption);

    std::printf("%-22s %7s %9s %10s %8s %8s %8s %8s %9s %9s %7s %6s\n", "guild", "members",
                "messages", "reactions", "json MB", "file MB", "wall s", "cpu s", "msg/s",
                "react/s", "MB/s", "RSS MB");
    const gavel::demoguild::Options demo = gavel::demoguild::defaultDemoOptions();
    bool ok = run("default demo", demo, QDir(dir).filePath(u"demo.json"_s), runs, keep);
    if (ok && parser.isSet(gzipOption))
        ok = run("default demo (gzip)", demo, QDir(dir).filePath(u"demo.json.gz"_s), runs, keep);
    if (ok && parser.isSet(largeOption)) {
        gavel::demoguild::Options large;
        large.members = 50000;
        large.messages = 1000000;
        ok = run("1M messages", large, QDir(dir).filePath(u"large.json"_s), 1, keep);
        if (ok && parser.isSet(gzipOption))
            ok = run("1M messages (gzip)", large, QDir(dir).filePath(u"large.json.gz"_s), 1, keep);
    }
    return ok ? 0 : 1;
}
