#include "policy/Compare.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

using namespace Qt::StringLiterals;

namespace gavel::policy {

Result<std::vector<Group>> loadTruthGroups(const QString &path, const history::History &h)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{u"cannot read truth file %1: %2"_s.arg(path, f.errorString()),
                     u"Pass the <snapshot>.truth.json that gavel demo-guild wrote."_s};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject() ||
        doc.object().value(u"format"_s).toString() != u"gavel-demo-truth/1"_s)
        return Error{u"%1 is not a gavel-demo-truth/1 file"_s.arg(path),
                     u"Pass the <snapshot>.truth.json that gavel demo-guild wrote."_s};
    const QJsonObject root = doc.object();
    std::vector<Group> out;
    const auto members = [&](const QJsonArray &ids) {
        std::vector<Index> m;
        for (const QJsonValue &v : ids) {
            const Index u = h.userIndex(v.toString().toULongLong());
            if (u != NoIndex)
                m.push_back(u);
        }
        return m;
    };
    for (const QJsonValue &v : root.value(u"rings"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id"_s).isString()
                               ? o.value(u"id"_s).toString()
                               : QString::number(o.value(u"id"_s).toInteger());
        out.push_back({id.startsWith(u"ring"_s) ? id : u"ring-"_s + id, u"ring"_s,
                       members(o.value(u"members"_s).toArray())});
    }
    for (const QJsonValue &v : root.value(u"alt_families"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id"_s).isString()
                               ? o.value(u"id"_s).toString()
                               : QString::number(o.value(u"id"_s).toInteger());
        QJsonArray all = o.value(u"alts"_s).toArray();
        all.prepend(o.value(u"master"_s));
        out.push_back(
            {id.startsWith(u"alt"_s) ? id : u"alt-family-"_s + id, u"alt-family"_s, members(all)});
    }
    return out;
}

double spearman(const std::vector<double> &x, const std::vector<double> &y)
{
    const std::size_t n = x.size();
    if (n < 2 || y.size() != n)
        return 0;
    const auto ranks = [n](const std::vector<double> &v) {
        std::vector<std::size_t> idx(n);
        std::iota(idx.begin(), idx.end(), 0);
        std::sort(idx.begin(), idx.end(),
                  [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
        std::vector<double> r(n);
        std::size_t i = 0;
        while (i < n) {
            std::size_t j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]])
                ++j;
            const double avg = (double(i) + double(j)) / 2.0 + 1.0;
            for (std::size_t k = i; k <= j; ++k)
                r[idx[k]] = avg;
            i = j + 1;
        }
        return r;
    };
    const std::vector<double> rx = ranks(x), ry = ranks(y);
    const double mean = (double(n) + 1.0) / 2.0;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (rx[i] - mean) * (ry[i] - mean);
        sxx += (rx[i] - mean) * (rx[i] - mean);
        syy += (ry[i] - mean) * (ry[i] - mean);
    }
    if (sxx == 0 || syy == 0)
        return 0;
    return sxy / std::sqrt(sxx * syy);
}

double topShare(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end(), std::greater<double>());
    const double total = std::accumulate(values.begin(), values.end(), 0.0);
    if (total <= 0)
        return 0;
    const std::size_t k =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(fraction * values.size())));
    return std::accumulate(values.begin(), values.begin() + std::min(k, values.size()), 0.0) /
           total;
}

Comparison compare(const history::History &h, const Evaluation &a, const Evaluation &b,
                   const std::vector<Group> &groups)
{
    Comparison c;
    std::vector<double> xa, xb;
    double totalA = 0, totalB = 0;
    for (std::size_t u = 0; u < h.users.size(); ++u) {
        const double sa = a.members[u].score, sb = b.members[u].score;
        if (h.users[u].bot || (!h.users[u].member && sa == 0 && sb == 0))
            continue;
        xa.push_back(sa);
        xb.push_back(sb);
        totalA += sa;
        totalB += sb;
        if (a.targetRole(static_cast<Index>(u)) != b.targetRole(static_cast<Index>(u)))
            c.changes.push_back({static_cast<Index>(u), a.members[u].level, b.members[u].level});
    }
    c.population = static_cast<int>(xa.size());
    c.spearman = spearman(xa, xb);
    c.top1A = topShare(xa, 0.01);
    c.top10A = topShare(xa, 0.10);
    c.top1B = topShare(xb, 0.01);
    c.top10B = topShare(xb, 0.10);
    for (const Group &g : groups) {
        GroupGain gg{g, 0, 0, 0, 0};
        for (const Index u : g.members) {
            gg.scoreA += a.members[u].score;
            gg.scoreB += b.members[u].score;
        }
        gg.shareA = totalA > 0 ? gg.scoreA / totalA : 0;
        gg.shareB = totalB > 0 ? gg.scoreB / totalB : 0;
        c.groups.push_back(gg);
    }
    return c;
}

} // namespace gavel::policy
