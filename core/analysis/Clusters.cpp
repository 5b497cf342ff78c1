#include "Clusters.h"

#include "common/Snowflake.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <igraph/igraph.h>
#include <numeric>

using namespace Qt::StringLiterals;

namespace gavel::analysis {

namespace {

bool inGroup(const std::vector<Index> &sortedGroup, Index user)
{
    return std::binary_search(sortedGroup.begin(), sortedGroup.end(), user);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

QString day(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd"_s);
}

QString percent(double share)
{
    return QString::number(std::lround(share * 100.0)) + u'%';
}

QString nameOf(const history::History &history, Index user)
{
    const history::User &u = history.users[user];
    const QString display = u.displayName();
    return display == u.username ? u.username : u"%1 (%2)"_s.arg(u.username, display);
}

double clamp01(double x)
{
    return x < 0 ? 0.0 : (x > 1 ? 1.0 : x);
}

// Leiden (CPM) communities of the mutual-share graph, as groups of user indexes.
std::vector<std::vector<Index>> leidenCommunities(const std::vector<Index> &from,
                                                  const std::vector<Index> &to,
                                                  const std::vector<double> &weights,
                                                  double resolution, quint64 seed)
{
    std::vector<std::vector<Index>> groups;
    if (from.empty())
        return groups;
    // Dense node ids for the users that have at least one edge.
    std::vector<Index> nodes(from);
    nodes.insert(nodes.end(), to.begin(), to.end());
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    auto node = [&](Index user) {
        return static_cast<igraph_integer_t>(std::lower_bound(nodes.begin(), nodes.end(), user) -
                                             nodes.begin());
    };

    igraph_vector_int_t edges;
    igraph_vector_int_init(&edges, static_cast<igraph_integer_t>(2 * from.size()));
    for (size_t i = 0; i < from.size(); ++i) {
        VECTOR(edges)[2 * i] = node(from[i]);
        VECTOR(edges)[2 * i + 1] = node(to[i]);
    }
    igraph_t graph;
    igraph_create(&graph, &edges, static_cast<igraph_integer_t>(nodes.size()), IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);

    igraph_vector_t w;
    igraph_vector_init(&w, static_cast<igraph_integer_t>(weights.size()));
    for (size_t i = 0; i < weights.size(); ++i)
        VECTOR(w)[i] = weights[i];
    igraph_vector_int_t membership;
    igraph_vector_int_init(&membership, 0);
    igraph_integer_t count = 0;
    igraph_real_t quality = 0;
    // igraph's RNG is global: seed it right before the call so the result is reproducible.
    igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed));
    const igraph_error_t rc = igraph_community_leiden(&graph, &w, nullptr, resolution, 0.01, false,
                                                      -1, &membership, &count, &quality);
    if (rc == IGRAPH_SUCCESS) {
        groups.resize(static_cast<size_t>(count));
        for (size_t i = 0; i < nodes.size(); ++i)
            groups[static_cast<size_t>(VECTOR(membership)[static_cast<igraph_integer_t>(i)])]
                .push_back(nodes[i]);
    }
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&w);
    igraph_destroy(&graph);
    return groups;
}

bool memberPasses(const RingMemberFigures &m, const RingOptions &o)
{
    // A third of the group threshold: a ring's weakest members (busy elsewhere, or with a
    // loyal outside fan) stay, while members only loosely attached are peeled off.
    return m.internalShare() * std::min(m.dominance(), 50.0) >= o.minExclusivity / 3.0 &&
           m.dominance() >= 1.0;
}

bool groupPasses(const RingFigures &f, const RingOptions &o)
{
    return f.density >= o.minDensity && f.medianDominance >= o.minMedianDominance &&
           f.internalShare >= o.minInternalShare && f.exclusivity() >= o.minExclusivity;
}

double ringScore(const RingFigures &f, const RingOptions &o)
{
    const double e = f.exclusivity();
    return clamp01(f.density) * e / (e + o.minExclusivity);
}

void describeRing(const history::History &history, Cluster &c)
{
    const RingFigures &f = c.ring;
    quint64 received = 0;
    quint32 bestOutsider = 0;
    double mateMean = 0;
    for (const RingMemberFigures &m : f.members) {
        received += m.received;
        bestOutsider = std::max(bestOutsider, m.topOutsider);
        mateMean += m.mateMean;
    }
    mateMean /= double(std::max<size_t>(1, f.members.size()));
    const size_t k = f.members.size();
    const int linked = static_cast<int>(std::lround(f.density * double(k * (k - 1))));
    c.evidence =
        u"%1 members; %2 of the %3 reactions they received came from each other, and %4 of "
        u"the reactions they gave went to each other. Each member got %5 reactions from a "
        u"group mate on average, while the most any one outsider gave a member was %6 (median "
        u"member: mates give %7x the best outsider). Internal pairs are %8 reciprocal; %9 of "
        u"%10 possible directions have at least a few reactions. Internal reactions run from "
        u"%11 to %12 (half of them after %13)."_s
            .arg(QString::number(k), percent(f.internalShare), QString::number(received),
                 percent(f.givenInsideShare))
            .arg(QString::number(mateMean, 'f', 1), QString::number(bestOutsider),
                 QString::number(f.medianDominance, 'f', 1), percent(f.reciprocity),
                 QString::number(linked), QString::number(k * (k - 1)))
            .arg(day(f.firstInternalAt), day(f.lastInternalAt), day(f.medianInternalAt));
    c.memberEvidence.clear();
    for (const RingMemberFigures &m : f.members) {
        const history::User &u = history.users[m.user];
        c.memberEvidence.append(
            u"%1: %2 of %3 received reactions from the group (%4 per mate, best outsider %5, "
            u"top-%6 concentration %7); gives %8 of %9 reactions to the group; joined %10"_s
                .arg(nameOf(history, m.user), percent(m.internalShare()),
                     QString::number(m.received), QString::number(m.mateMean, 'f', 1),
                     QString::number(m.topOutsider), QString::number(k - 1),
                     percent(m.concentration), percent(m.givenInsideShare()))
                .arg(QString::number(m.given),
                     u.joinedAt == NoTime ? u"(unknown)"_s : day(u.joinedAt)));
    }
}

// Message times of the internal reactions of every cluster, in one pass over the reactions.
void addTiming(const history::History &history, const PairMatrix &matrix,
               std::vector<Cluster> &clusters)
{
    std::vector<int> clusterOf(history.users.size(), -1);
    for (size_t c = 0; c < clusters.size(); ++c)
        for (Index u : clusters[c].members)
            clusterOf[u] = static_cast<int>(c);
    std::vector<std::vector<qint64>> times(clusters.size());
    for (Index r : matrix.counted()) {
        const history::Reaction &reaction = history.reactions[r];
        const int c = clusterOf[reaction.reactor];
        if (c >= 0 && clusterOf[reaction.author] == c)
            times[size_t(c)].push_back(reaction.at);
    }
    for (size_t c = 0; c < clusters.size(); ++c) {
        auto &t = times[c];
        if (t.empty())
            continue;
        // Reactions come in message order, so the times are sorted.
        clusters[c].ring.firstInternalAt = t.front();
        clusters[c].ring.lastInternalAt = t.back();
        clusters[c].ring.medianInternalAt = t[t.size() / 2];
    }
}

int levenshtein(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    std::iota(row.begin(), row.end(), 0);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)] = std::min(
                {up + 1, row[size_t(j) - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[size_t(b.size())];
}

QString foldName(const QString &name)
{
    QString folded;
    for (QChar ch : name.toCaseFolded()) {
        switch (ch.unicode()) {
        case u'0':
            folded += u'o';
            break;
        case u'1':
            folded += u'l';
            break;
        case u'3':
            folded += u'e';
            break;
        case u'4':
            folded += u'a';
            break;
        case u'5':
            folded += u's';
            break;
        case u'7':
            folded += u't';
            break;
        case u'_':
        case u'.':
        case u'-':
        case u' ':
            break;
        default:
            folded += ch;
        }
    }
    return folded;
}

} // namespace

QString kindName(ClusterKind kind)
{
    return kind == ClusterKind::Ring ? u"ring"_s : u"alt-family"_s;
}

double nameSimilarity(const QString &a, const QString &b)
{
    const QString x = foldName(a);
    const QString y = foldName(b);
    const qsizetype longest = std::max(x.size(), y.size());
    if (longest == 0)
        return 0.0;
    return 1.0 - double(levenshtein(x, y)) / double(longest);
}

RingFigures ringFigures(const history::History &history, const PairMatrix &matrix,
                        std::vector<Index> group, quint32 minPairReactions)
{
    Q_UNUSED(history);
    std::sort(group.begin(), group.end());
    RingFigures f;
    const size_t k = group.size();
    quint64 received = 0, receivedInside = 0, given = 0, givenInside = 0;
    double reciprocitySum = 0;
    int pairsSeen = 0, linked = 0;
    std::vector<double> dominance;
    for (Index j : group) {
        RingMemberFigures m;
        m.user = j;
        m.received = matrix.received(j);
        m.given = matrix.given(j);
        for (quint32 p : matrix.incoming(j)) {
            const Pair &pair = matrix.pairs()[p];
            if (inGroup(group, pair.reactor))
                m.receivedInside += pair.count;
            else
                m.topOutsider = std::max(m.topOutsider, pair.count);
        }
        for (Index i : group) {
            if (i == j)
                continue;
            if (const Pair *out = matrix.find(j, i)) {
                m.givenInside += out->count;
                if (out->count >= minPairReactions)
                    ++linked;
            }
            if (j < i) {
                const Pair *out = matrix.find(j, i);
                reciprocitySum += out ? out->reciprocity() : 0.0;
                ++pairsSeen;
            }
        }
        m.mateMean = k > 1 ? double(m.receivedInside) / double(k - 1) : 0.0;
        m.concentration = matrix.concentration(j, int(k > 1 ? k - 1 : 1));
        received += m.received;
        receivedInside += m.receivedInside;
        given += m.given;
        givenInside += m.givenInside;
        f.internalReactions += m.receivedInside;
        dominance.push_back(m.dominance());
        f.members.push_back(m);
    }
    f.internalShare = received ? double(receivedInside) / double(received) : 0.0;
    f.givenInsideShare = given ? double(givenInside) / double(given) : 0.0;
    f.reciprocity = pairsSeen ? reciprocitySum / pairsSeen : 0.0;
    f.density = k > 1 ? double(linked) / double(k * (k - 1)) : 0.0;
    f.medianDominance = median(dominance);
    f.minDominance =
        dominance.empty() ? 0.0 : *std::min_element(dominance.begin(), dominance.end());
    return f;
}

std::vector<Cluster> detectRings(const history::History &history, const PairMatrix &matrix,
                                 const RingOptions &options)
{
    // The mutual graph: a pair is linked when both directions reach minPairReactions; its
    // weight is the smaller of the two shares of the receiver, so that mutual pairs of
    // members whom everybody supports weigh little.
    std::vector<Index> from, to;
    std::vector<double> weights;
    for (const Pair &p : matrix.pairs()) {
        if (p.reactor >= p.author || p.count < options.minPairReactions ||
            p.reverseCount < options.minPairReactions)
            continue;
        const double ab = double(p.count) / double(std::max<quint32>(1, matrix.received(p.author)));
        const double ba =
            double(p.reverseCount) / double(std::max<quint32>(1, matrix.received(p.reactor)));
        from.push_back(p.reactor);
        to.push_back(p.author);
        weights.push_back(std::min(ab, ba));
    }
    const auto communities = leidenCommunities(from, to, weights, options.resolution, options.seed);

    std::vector<Cluster> rings;
    for (std::vector<Index> group : communities) {
        if (int(group.size()) < options.minSize)
            continue;
        std::sort(group.begin(), group.end());
        // Peel: drop the weakest member until every member is carried by the group.
        RingFigures f = ringFigures(history, matrix, group, options.minPairReactions);
        while (int(group.size()) >= options.minSize) {
            size_t worst = 0;
            bool allPass = true;
            for (size_t i = 0; i < f.members.size(); ++i) {
                if (!memberPasses(f.members[i], options))
                    allPass = false;
                const auto key = [](const RingMemberFigures &m) {
                    return std::min(m.dominance(), 10.0) * m.internalShare();
                };
                if (key(f.members[i]) < key(f.members[worst]))
                    worst = i;
            }
            if (allPass && int(group.size()) <= options.maxSize)
                break;
            group.erase(group.begin() + std::ptrdiff_t(worst));
            f = ringFigures(history, matrix, group, options.minPairReactions);
        }
        if (int(group.size()) < options.minSize || !groupPasses(f, options))
            continue;
        Cluster c;
        c.kind = ClusterKind::Ring;
        c.members = group;
        c.ring = f;
        c.score = ringScore(f, options);
        rings.push_back(std::move(c));
    }
    std::sort(rings.begin(), rings.end(), [](const Cluster &a, const Cluster &b) {
        return a.score != b.score ? a.score > b.score : a.members < b.members;
    });
    addTiming(history, matrix, rings);
    for (Cluster &c : rings)
        describeRing(history, c);
    return rings;
}

std::vector<Cluster> detectAltFamilies(const history::History &history, const PairMatrix &matrix,
                                       const AltOptions &options)
{
    const size_t users = history.users.size();
    // Each author's message times (messages are in time order).
    std::vector<std::vector<qint64>> postedAt(users);
    for (const history::Message &m : history.messages)
        if (m.author < users)
            postedAt[m.author].push_back(m.createdAt);

    struct Candidate
    {
        Index alt;
        Index master;
        double share;
        double coverage;
        quint32 toMaster;
    };
    std::vector<Candidate> candidates;
    for (Index u = 0; u < users; ++u) {
        const history::User &user = history.users[u];
        if (user.bot || user.joinedAt == NoTime)
            continue;
        if (user.joinedAt - user.createdAt > options.maxAccountAgeAtJoin)
            continue;
        if (postedAt[u].size() > size_t(options.maxMessages))
            continue;
        const std::vector<quint32> top = matrix.mostReactedTo(u, 1);
        if (top.empty())
            continue;
        const Pair &pair = matrix.pairs()[top.front()];
        if (pair.count < options.minReactionsToMaster)
            continue;
        const double share = matrix.shareOfReactor(pair);
        if (share < options.minShareToMaster)
            continue;
        const auto &posts = postedAt[pair.author];
        const auto after =
            posts.end() - std::lower_bound(posts.begin(), posts.end(), user.joinedAt);
        const double coverage = after > 0 ? std::min(1.0, double(pair.count) / double(after)) : 0.0;
        if (coverage < options.minCoverage)
            continue;
        candidates.push_back({u, pair.author, share, coverage, pair.count});
    }
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate &a, const Candidate &b) {
        if (a.master != b.master)
            return a.master < b.master;
        return history.users[a.alt].joinedAt < history.users[b.alt].joinedAt;
    });

    std::vector<Cluster> families;
    for (size_t i = 0; i < candidates.size();) {
        // A run of alts of one master whose joins follow each other within the window.
        size_t j = i + 1;
        while (j < candidates.size() && candidates[j].master == candidates[i].master &&
               history.users[candidates[j].alt].joinedAt -
                       history.users[candidates[j - 1].alt].joinedAt <=
                   options.joinWindow)
            ++j;
        if (int(j - i) >= options.minAlts) {
            Cluster c;
            c.kind = ClusterKind::AltFamily;
            const Index master = candidates[i].master;
            c.master = master;
            const history::User &m = history.users[master];
            double share = 0, coverage = 0, similarity = 0;
            const qint64 firstJoin = history.users[candidates[i].alt].joinedAt;
            const qint64 lastJoin = history.users[candidates[j - 1].alt].joinedAt;
            QStringList lines;
            for (size_t k = i; k < j; ++k) {
                const Candidate &a = candidates[k];
                const history::User &alt = history.users[a.alt];
                share += a.share;
                coverage += a.coverage;
                const double sim = std::max({nameSimilarity(alt.username, m.username),
                                             nameSimilarity(alt.displayName(), m.displayName()),
                                             nameSimilarity(alt.globalName, m.globalName)});
                similarity += sim;
                c.members.push_back(a.alt);
                const double ageHours = double(alt.joinedAt - alt.createdAt) / 3600000.0;
                lines.append(
                    u"%1: account %2 old when it joined on %3; %4 messages; %5 of its %6 "
                    u"reactions went to the master, covering %7 of the master's messages since; "
                    u"name similarity %8"_s.arg(
                        nameOf(history, a.alt),
                        ageHours < 48 ? u"%1 hours"_s.arg(std::lround(ageHours))
                                      : u"%1 days"_s.arg(std::lround(ageHours / 24)),
                        day(alt.joinedAt), QString::number(postedAt[a.alt].size()),
                        percent(a.share), QString::number(matrix.given(a.alt)), percent(a.coverage),
                        QString::number(sim, 'f', 2)));
            }
            const double n = double(j - i);
            share /= n;
            coverage /= n;
            similarity /= n;
            const double spread = double(lastJoin - firstJoin) / double(options.joinWindow);
            c.score = clamp01(0.35 * share + 0.35 * coverage + 0.15 * (1.0 - clamp01(spread)) +
                              0.15 * similarity);
            c.members.push_back(master);
            std::sort(c.members.begin(), c.members.end());
            for (Index member : c.members) {
                if (member == master) {
                    c.memberEvidence.append(u"%1: master; %2 messages; member since %3"_s.arg(
                        nameOf(history, master), QString::number(postedAt[master].size()),
                        m.joinedAt == NoTime ? u"(unknown)"_s : day(m.joinedAt)));
                } else {
                    for (size_t k = i; k < j; ++k)
                        if (candidates[k].alt == member)
                            c.memberEvidence.append(lines[qsizetype(k - i)]);
                }
            }
            c.evidence =
                u"%1 young accounts joined between %2 and %3 (accounts created at most %4 days "
                u"before joining), rarely post, and give on average %5 of their reactions to "
                u"%6, reacting to %7 of that member's messages after joining; mean name "
                u"similarity to the master %8."_s.arg(
                    QString::number(j - i), day(firstJoin), day(lastJoin),
                    QString::number(options.maxAccountAgeAtJoin / 86400000), percent(share),
                    nameOf(history, master), percent(coverage),
                    QString::number(similarity, 'f', 2));
            families.push_back(std::move(c));
        }
        i = j;
    }
    std::sort(families.begin(), families.end(), [](const Cluster &a, const Cluster &b) {
        return a.score != b.score ? a.score > b.score : a.members < b.members;
    });
    return families;
}

std::vector<Cluster> detectClusters(const history::History &history, const PairMatrix &matrix,
                                    const RingOptions &rings, const AltOptions &alts)
{
    std::vector<Cluster> all = detectRings(history, matrix, rings);
    std::vector<Cluster> families = detectAltFamilies(history, matrix, alts);
    all.insert(all.end(), std::make_move_iterator(families.begin()),
               std::make_move_iterator(families.end()));
    for (size_t i = 0; i < all.size(); ++i)
        all[i].id = int(i + 1);
    return all;
}

std::vector<Index> reciprocityBaseline(const PairMatrix &matrix, double threshold,
                                       quint32 minReactions)
{
    std::vector<Index> flagged;
    for (const Pair &p : matrix.pairs()) {
        if (p.count >= minReactions && p.reverseCount >= minReactions &&
            p.reciprocity() >= threshold) {
            flagged.push_back(p.reactor);
            flagged.push_back(p.author);
        }
    }
    std::sort(flagged.begin(), flagged.end());
    flagged.erase(std::unique(flagged.begin(), flagged.end()), flagged.end());
    return flagged;
}

} // namespace gavel::analysis
