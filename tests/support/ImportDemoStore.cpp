#include "ImportDemoStore.h"

#include "SnapshotStore.h"
#include "demoguild/DemoGuild.h"
#include "store/Database.h"
#include "store/Location.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace gavel::test {

Result<QString> makeDemoStore(const QString &dir, int members, int messages, quint64 seed)
{
    demoguild::Options o;
    o.seed = seed;
    o.members = members;
    o.messages = messages;
    const QString snapshot = QDir(dir).filePath(u"demo.json"_s);
    auto s = demoguild::generate(o, snapshot);
    if (!s)
        return s.error();
    const QString path = QDir(dir).filePath(u"demo.db"_s);
    auto db = store::Database::open(store::Location::sqliteFile(path));
    if (!db)
        return db.error();
    // Seen a day after the history's end, as a sync right after it would.
    auto loaded = loadSnapshotIntoStore(snapshot, **db, o.endMs + 24LL * 3600 * 1000);
    if (!loaded)
        return loaded.error();
    return path;
}

} // namespace gavel::test
