#include "PolicyLibrary.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace gavel::ui {

QList<PolicyEntry> shippedPolicies()
{
    QList<PolicyEntry> entries;
    const QDir dir(u":/policies"_s);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        if (name == u"policy.schema.json")
            continue;
        const QString source = dir.filePath(name);
        auto policy = loadPolicy(source);
        // A shipped policy that does not parse is a build error the tests catch; skip it here
        // rather than offer a choice that cannot work.
        if (policy)
            entries.append({policyTitle(**policy), source});
    }
    return entries;
}

Result<std::shared_ptr<const policy::Policy>> loadPolicy(const QString &source)
{
    auto policy = policy::Policy::load(source);
    if (!policy)
        return policy.error();
    return std::make_shared<const policy::Policy>(std::move(*policy));
}

QString policyTitle(const policy::Policy &policy)
{
    return policy.version.isEmpty() ? policy.name : policy.name + u' ' + policy.version;
}

QByteArray policyBytes(const QString &source)
{
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace gavel::ui
