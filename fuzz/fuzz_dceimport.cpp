// The DiscordChatExporter importer (core/imports/DceImport): one export file per input,
// imported into one SQLite database kept for the whole run (as a user's repeated imports are).
#include "imports/DceImport.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
struct State
{
    QTemporaryDir dir;
    std::unique_ptr<gavel::store::Database> db;
    QString file;
};

State &state()
{
    static State *s = [] {
        static int argc = 1;
        static char name[] = "fuzz_dceimport";
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
        st->file = st->dir.filePath(u"export.json"_s);
        return st;
    }();
    return *s;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    State &s = state();
    QFile file(s.file);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();
    const auto summary = gavel::imports::importDce(*s.db, {s.file}, 1700000000000);
    (void)summary;
    return 0;
}
