// The SourceCred importer (core/imports/SourceCredImport): one input per run, written as the
// Discord plugin's graph (JSON, or gzip when it starts with gzip's magic) or, when it starts
// with SQLite's header, as its mirror database; imported into one SQLite store kept for the
// whole run (as a user's repeated imports are). --guild is given, so inputs without message
// links still reach the writing step.
#include "imports/SourceCredImport.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
struct State
{
    QTemporaryDir dir;
    std::unique_ptr<gavel::store::Database> db;
    QString graph;
    QString mirror;
};

State &state()
{
    static State *s = [] {
        static int argc = 1;
        static char name[] = "fuzz_sourcecred";
        static char *argv[] = {name, nullptr};
        new QCoreApplication(argc, argv); // Qt Sql wants an application object
        auto *st = new State;
        if (!st->dir.isValid())
            std::abort();
        auto db = gavel::store::Database::open(
            gavel::store::Location::sqliteFile(st->dir.filePath(u"fuzz.sqlite"_s)));
        if (!db)
            std::abort();
        st->db = std::move(*db);
        st->graph = st->dir.filePath(u"graph.json"_s);
        st->mirror = st->dir.filePath(u"discordMirror-910000000000000001.db"_s);
        return st;
    }();
    return *s;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    State &s = state();
    const bool sqlite = size >= 15 && std::memcmp(data, "SQLite format 3", 15) == 0;
    QFile file(sqlite ? s.mirror : s.graph);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();
    const auto summary = gavel::imports::importSourceCred(*s.db, {file.fileName()}, 1700000000000,
                                                          910000000000000001ULL);
    (void)summary;
    return 0;
}
