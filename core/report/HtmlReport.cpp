#include "report/HtmlReport.h"

#include "analysis/Audit.h"
#include "common/Snowflake.h"
#include "common/Version.h"
#include "policy/Evaluator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace gavel::report {

Pseudonyms::Pseudonyms(QByteArray salt)
    : m_salt(std::move(salt))
    , m_enabled(true)
{}

QString Pseudonyms::code(quint64 id, int hexDigits) const
{
    const QByteArray mac = QMessageAuthenticationCode::hash(snowflake::toString(id).toLatin1(),
                                                            m_salt, QCryptographicHash::Sha256);
    return QString::fromLatin1(mac.toHex().left(hexDigits).toUpper());
}

QString Pseudonyms::id(const history::History &h, Index user) const
{
    if (!m_enabled)
        return snowflake::toString(h.users[user].id);
    // 24 bits: collisions are rare among the few dozen people of a report, and then a longer
    // code is used for both (the report checks, see buildHtmlReport).
    return code(h.users[user].id, 6);
}

QString Pseudonyms::name(const history::History &h, Index user) const
{
    if (!m_enabled)
        return h.users[user].displayName();
    return u"Member "_s + id(h, user);
}

bool isPictographic(char32_t u)
{
    return (u >= 0x1F000 && u <= 0x1FAFF) || (u >= 0x2600 && u <= 0x27BF) ||
           (u >= 0x2300 && u <= 0x23FF) || (u >= 0x2B00 && u <= 0x2BFF) ||
           (u >= 0x2190 && u <= 0x21FF) || (u >= 0x25A0 && u <= 0x25FF) ||
           (u >= 0x2900 && u <= 0x297F) || u == 0x00A9 || u == 0x00AE || u == 0x203C ||
           u == 0x2049 || u == 0x2122 || u == 0x2139 || u == 0x24C2 || u == 0x3030 || u == 0x303D ||
           u == 0x3297 || u == 0x3299;
}

bool isEmojiModifier(char32_t u)
{
    return u == 0xFE0F || (u >= 0x1F3FB && u <= 0x1F3FF);
}

bool isEmojiJoiner(QStringView text, qsizetype i)
{
    if (i <= 0 || i + 1 >= text.size() || text[i].unicode() != 0x200D)
        return false;
    // The code point before, past modifiers.
    qsizetype j = i;
    char32_t before = 0;
    while (j > 0) {
        qsizetype start = j - 1;
        if (text[start].isLowSurrogate() && start > 0 && text[start - 1].isHighSurrogate())
            --start;
        before = QStringView(text).mid(start, j - start).toUcs4().value(0);
        j = start;
        if (!isEmojiModifier(before))
            break;
    }
    char32_t after = text[i + 1].unicode();
    if (text[i + 1].isHighSurrogate() && i + 2 < text.size() && text[i + 2].isLowSurrogate())
        after = QChar::surrogateToUcs4(text[i + 1], text[i + 2]);
    return isPictographic(before) && isPictographic(after);
}

QString escapeHtml(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char32_t u = c.unicode();
        switch (u) {
        case u'&':
            out += u"&amp;"_s;
            continue;
        case u'<':
            out += u"&lt;"_s;
            continue;
        case u'>':
            out += u"&gt;"_s;
            continue;
        case u'"':
            out += u"&quot;"_s;
            continue;
        case u'\'':
            out += u"&#39;"_s;
            continue;
        default:
            break;
        }
        // Bidi controls, zero-width and other invisible format characters (category Cf), and C0/C1
        // controls other than tab and newline, could reorder or hide the text around them.
        // A joiner inside an emoji sequence stays, so that 👨‍👩‍👧 renders as one emoji.
        const bool invisible = (c.category() == QChar::Other_Format && !isEmojiJoiner(text, i)) ||
                               (c.category() == QChar::Other_Control && u != u'\n' && u != u'\t');
        if (invisible) {
            out += u"<span class=\"ctl\" title=\"invisible character\">[U+%1]</span>"_s.arg(
                QString::number(u, 16).toUpper().rightJustified(4, u'0'));
            continue;
        }
        out += c;
    }
    return out;
}

std::vector<Index> neighbourhood(const history::History &h, const Evidence &e, int neighbours)
{
    std::map<Index, quint64> weight;
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (!e.inSubject[p.reactor])
            weight[p.reactor] += p.count;
        if (!e.inSubject[p.author])
            weight[p.author] += p.count;
    }
    std::vector<std::pair<Index, quint64>> outside(weight.begin(), weight.end());
    std::sort(outside.begin(), outside.end(), [&](const auto &a, const auto &b) {
        if (a.second != b.second)
            return a.second > b.second;
        return h.users[a.first].id < h.users[b.first].id;
    });
    std::vector<Index> shown = e.members;
    for (size_t i = 0; i < outside.size() && int(i) < neighbours; ++i)
        shown.push_back(outside[i].first);
    return shown;
}

std::vector<TimelineWeek> timeline(const history::History &h, const Evidence &e)
{
    std::map<qint64, TimelineWeek> weeks;
    for (Index i : e.matrix.counted()) {
        const history::Reaction &r = h.reactions[i];
        if (!e.inSubject[r.author])
            continue;
        const qint64 week = policy::weekOf(r.at);
        TimelineWeek &w = weeks[week];
        w.weekStart = policy::WeekOriginMs + week * policy::WeekMs;
        if (e.inSubject[r.reactor])
            ++w.inside;
        else
            ++w.outside;
    }
    std::vector<TimelineWeek> out;
    if (weeks.empty())
        return out;
    // Empty weeks are kept so that the chart's time axis is linear.
    for (qint64 w = weeks.begin()->first; w <= weeks.rbegin()->first; ++w) {
        auto it = weeks.find(w);
        TimelineWeek t;
        t.weekStart = policy::WeekOriginMs + w * policy::WeekMs;
        if (it != weeks.end())
            t = it->second;
        out.push_back(t);
    }
    return out;
}

namespace {

QString day(qint64 ms)
{
    if (ms == history::NoTime)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd"_s);
}

QString minute(qint64 ms)
{
    if (ms == history::NoTime)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 0) + u'%';
}

QString img(const QByteArray &png, const QString &name, const QString &alt, bool inlined)
{
    if (png.isEmpty())
        return {};
    const QString src =
        inlined ? u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64()) : name;
    return u"<p class=\"figure\"><img src=\"%1\" alt=\"%2\" width=\"640\"></p>\n"_s.arg(
        src, escapeHtml(alt));
}

const char *const style = R"css(
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1d2430; max-width: 56em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; color: #1d2430; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #c8cdd6; color: #2b3a55; }
.sub { color: #5a6478; }
.summary { background: #f3f5f9; border-left: 4px solid #2b6cb0; padding: 0.6em 1em; }
.note { color: #5a6478; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #c8cdd6; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #e8ecf3; }
td.n { text-align: right; }
.ctl { color: #b00020; background: #ffe8ec; font-family: monospace; font-size: 0.85em; }
.hash { font-family: monospace; word-break: break-all; }
)css";

} // namespace

QString buildHtmlReport(const history::History &h, const Evidence &e, const ReportImages &images,
                        const HtmlReportOptions &o)
{
    const Pseudonyms &ps = o.pseudonyms;
    auto name = [&](Index u) { return escapeHtml(ps.name(h, u)); };
    auto uid = [&](Index u) { return escapeHtml(ps.id(h, u)); };

    // Figures for the summary.
    quint64 inside = 0, received = 0, given = 0, givenInside = 0;
    qint64 first = history::NoTime, last = history::NoTime;
    for (Index u : e.members) {
        received += e.matrix.received(u);
        given += e.matrix.given(u);
    }
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (e.inSubject[p.reactor] && e.inSubject[p.author]) {
            inside += p.count;
            givenInside += p.count;
            const qint64 f = h.messages[p.firstMessage].createdAt;
            const qint64 l = h.messages[p.lastMessage].createdAt;
            first = first == history::NoTime ? f : std::min(first, f);
            last = last == history::NoTime ? l : std::max(last, l);
        }
    }
    quint32 topOutsider = 0;
    Index topOutsiderUser = NoIndex;
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (!e.inSubject[p.reactor] && e.inSubject[p.author] && p.count > topOutsider) {
            topOutsider = p.count;
            topOutsiderUser = p.reactor;
        }
    }

    QString t;
    t += u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         u"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src "
         u"data:; style-src 'unsafe-inline'\">\n"_s;
    t +=
        u"<title>"_s +
        escapeHtml(u"Gavel case report: "_s + (ps.enabled() && e.subject.kind == SubjectKind::Member
                                                   ? u"member "_s + ps.id(h, e.members.front())
                                                   : e.title)) +
        u"</title>\n<style>"_s + QString::fromLatin1(style) + u"</style>\n</head>\n<body>\n"_s;

    QString heading;
    if (e.cluster)
        heading = e.cluster->kind == analysis::ClusterKind::Ring
                      ? u"Possible reaction ring: cluster %1"_s.arg(e.cluster->id)
                      : u"Possible alternate accounts: cluster %1"_s.arg(e.cluster->id);
    else if (e.proposal)
        heading = u"Role change proposal %1: "_s.arg(e.proposal->id) + e.proposal->title;
    else
        heading = u"Member review: "_s + ps.name(h, e.members.front());
    t += u"<h1>"_s + escapeHtml(heading) + u"</h1>\n"_s;
    t += u"<p class=\"sub\">Guild "_s + escapeHtml(h.guildName) + u" &middot; "_s +
         QString::number(e.members.size()) + u" member"_s +
         (e.members.size() == 1 ? u""_s : u"s"_s) + u" &middot; scores under policy "_s +
         escapeHtml(e.policy.name + u' ' + e.policy.version) + u" at "_s + minute(e.options.at) +
         u"</p>\n"_s;

    // Summary in plain words.
    t += u"<h2>Summary</h2>\n<div class=\"summary\">\n"_s;
    if (e.cluster && e.cluster->kind == analysis::ClusterKind::Ring) {
        const analysis::RingFigures &f = e.cluster->ring;
        t += u"<p>Gavel's automatic check found <b>%1 members who mostly react to each other's "
             u"messages</b>. Between %2 and %3 they gave each other <b>%4 reactions</b>. "
             u"<b>%5 of all the reactions they received came from inside this group</b>, and each "
             u"member got on average %6 times more reactions from the others in the group than "
             u"from anyone outside it.</p>\n"_s.arg(e.members.size())
                 .arg(day(first), day(last))
                 .arg(inside)
                 .arg(percent(f.internalShare), QString::number(f.medianDominance, 'f', 1));
        t += u"<p>In an ordinary community, people receive reactions from many different "
             u"members. A small group that supplies most of its own reactions can raise its "
             u"members' reputation without the wider community's appreciation: this is the "
             u"pattern of a <i>like-for-like ring</i>. It can also be a close group of friends; "
             u"the tables below let you judge.</p>\n"_s;
    } else if (e.cluster) {
        const Index master = e.cluster->master;
        t += u"<p>Gavel's automatic check found <b>%1 accounts that look like alternate accounts "
             u"of one member</b>%2: they were created shortly before they joined, joined close "
             u"together, rarely post, and give most of their reactions to the same person.</p>\n"_s
                 .arg(e.members.size() - (master != NoIndex ? 1 : 0))
                 .arg(master != NoIndex ? u" (%1)"_s.arg(name(master)) : QString());
    } else if (e.proposal) {
        t += u"<p>This proposal asks to make <b>%1 role change%2</b> on Discord. It was proposed "
             u"by <b>%3</b> on %4 and is now <b>%5</b>.</p>\n"_s.arg(e.proposal->changes.size())
                 .arg(e.proposal->changes.size() == 1 ? u""_s : u"s"_s)
                 .arg(escapeHtml(ps.enabled() ? u"a moderator"_s : e.proposal->proposer),
                      minute(e.proposal->createdAt),
                      escapeHtml(e.proposalStatus ? e.proposalStatus->state
                                                  : e.proposal->storedState));
    } else {
        t += u"<p>This report shows the reactions %1 gave and received: <b>%2 counted reactions "
             u"received</b> and <b>%3 given</b>.</p>\n"_s.arg(name(e.members.front()))
                 .arg(received)
                 .arg(given);
    }
    if (topOutsiderUser != NoIndex)
        t += u"<p>The most active reactor from outside gave one member %1 reactions.</p>\n"_s.arg(
            topOutsider);
    t += u"<p><b>This is evidence for people to review, not a verdict.</b> Gavel never changes "
         u"roles on its own: any change needs a moderator's proposal and another person's "
         u"approval. Every number here can be checked in the evidence package (hash at the end "
         u"of this report).</p>\n</div>\n"_s;

    // Members.
    t +=
        u"<h2>Members</h2>\n<table>\n<tr><th>Member</th><th>Id</th><th>Reactions received</th>"
        u"<th>From inside</th><th>Given</th><th>To inside</th><th>Level</th><th>Score</th></tr>\n"_s;
    for (size_t k = 0; k < e.members.size(); ++k) {
        const Index u = e.members[k];
        quint64 recvIn = 0, giveIn = 0;
        for (quint32 i : e.pairs) {
            const analysis::Pair &p = e.matrix.pairs()[i];
            if (!(e.inSubject[p.reactor] && e.inSubject[p.author]))
                continue;
            if (p.author == u)
                recvIn += p.count;
            if (p.reactor == u)
                giveIn += p.count;
        }
        const quint32 r = e.matrix.received(u), g = e.matrix.given(u);
        const EvidenceScore *s = k < e.scores.size() ? &e.scores[k] : nullptr;
        t +=
            u"<tr><td>%1</td><td>%2</td><td class=\"n\">%3</td><td class=\"n\">%4</td>"
            u"<td class=\"n\">%5</td><td class=\"n\">%6</td><td>%7</td><td class=\"n\">%8</td></tr>\n"_s
                .arg(name(u), uid(u))
                .arg(r)
                .arg(r ? percent(double(recvIn) / r) : u"-"_s)
                .arg(g)
                .arg(g ? percent(double(giveIn) / g) : u"-"_s)
                .arg(s ? escapeHtml(s->levelName) : QString(),
                     s ? escapeHtml(s->score) : QString());
    }
    t += u"</table>\n"_s;

    t += u"<h2>Who reacts to whom</h2>\n"_s;
    t += img(images.heatmapPng, u"heatmap.png"_s,
             u"Heatmap of reactions between the members and their most active neighbours"_s,
             o.inlineImages);
    t += u"<p class=\"note\">Each square is the number of counted reactions from the member of "
         u"the row to messages of the member of the column; darker blue is none, yellow is the "
         u"most. The members of this case come first (inside the box), then the outsiders who "
         u"interact with them most.</p>\n"_s;
    t += u"<h2>Over time</h2>\n"_s;
    t += img(images.timelinePng, u"timeline.png"_s,
             u"Reactions received per week, from inside and from outside"_s, o.inlineImages);
    t += u"<p class=\"note\">Counted reactions the members received each week: from each other "
         u"and from everyone else.</p>\n"_s;

    // Evidence tables.
    t += u"<h2>Evidence: reactions between the members</h2>\n<table>\n<tr><th>From</th><th>To</th>"
         u"<th>Reactions</th><th>Back</th><th>Mutual</th><th>Share of what the receiver got</th>"
         u"<th>First</th><th>Last</th></tr>\n"_s;
    int outsideRows = 0;
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (!(e.inSubject[p.reactor] && e.inSubject[p.author]))
            continue;
        t += u"<tr><td>%1</td><td>%2</td><td class=\"n\">%3</td><td class=\"n\">%4</td>"
             u"<td class=\"n\">%5</td><td class=\"n\">%6</td><td>%7</td><td>%8</td></tr>\n"_s
                 .arg(name(p.reactor), name(p.author))
                 .arg(p.count)
                 .arg(p.reverseCount)
                 .arg(percent(p.reciprocity()), percent(e.matrix.shareOfReceiver(p)),
                      day(h.messages[p.firstMessage].createdAt),
                      day(h.messages[p.lastMessage].createdAt));
    }
    t += u"</table>\n"_s;
    t +=
        u"<h2>Evidence: the strongest links with outsiders</h2>\n<table>\n<tr><th>From</th>"
        u"<th>To</th><th>Reactions</th><th>Back</th><th>Share of what the receiver got</th></tr>\n"_s;
    for (quint32 i : e.pairs) {
        const analysis::Pair &p = e.matrix.pairs()[i];
        if (e.inSubject[p.reactor] && e.inSubject[p.author])
            continue;
        if (++outsideRows > 15)
            break;
        t += u"<tr><td>%1</td><td>%2</td><td class=\"n\">%3</td><td class=\"n\">%4</td>"
             u"<td class=\"n\">%5</td></tr>\n"_s.arg(name(p.reactor), name(p.author))
                 .arg(p.count)
                 .arg(p.reverseCount)
                 .arg(percent(e.matrix.shareOfReceiver(p)));
    }
    t += u"</table>\n"_s;
    if (e.cluster && !ps.enabled()) {
        t += u"<h2>What the detector saw</h2>\n<p>"_s + escapeHtml(e.cluster->evidence) +
             u"</p>\n<ul>\n"_s;
        for (const QString &line : e.cluster->memberEvidence)
            t += u"<li>"_s + escapeHtml(line) + u"</li>\n"_s;
        t += u"</ul>\n"_s;
    }
    if (e.cluster && e.cluster->kind == analysis::ClusterKind::Ring) {
        const analysis::RingFigures &f = e.cluster->ring;
        t += u"<table>\n<tr><th>Figure</th><th>Value</th><th>Meaning</th></tr>\n"_s;
        const QList<QStringList> rows{
            {u"Internal share"_s, percent(f.internalShare),
             u"of the reactions the members received came from each other"_s},
            {u"Kept inside"_s, percent(f.givenInsideShare),
             u"of the reactions the members gave went to each other"_s},
            {u"Reciprocity"_s, percent(f.reciprocity), u"how evenly the pairs return reactions"_s},
            {u"Density"_s, percent(f.density), u"of member pairs react to each other regularly"_s},
            {u"Dominance (median)"_s, QString::number(f.medianDominance, 'f', 1),
             u"mates' average support over the best outsider's"_s},
            {u"Detection score"_s, QString::number(e.cluster->score, 'f', 2),
             u"0 to 1, higher is stronger evidence"_s}};
        for (const QStringList &r : rows)
            t +=
                u"<tr><td>%1</td><td class=\"n\">%2</td><td>%3</td></tr>\n"_s.arg(r[0], r[1], r[2]);
        t += u"</table>\n"_s;
    }

    // Proposal: who proposed and approved what and when.
    if (e.proposal) {
        const moderation::Proposal &p = *e.proposal;
        t += u"<h2>The proposal</h2>\n<p>Proposed by <b>%1</b> on %2; expires %3. Approvals "
             u"needed: %4.</p>\n"_s.arg(escapeHtml(ps.enabled() ? u"a moderator"_s : p.proposer),
                                        minute(p.createdAt), minute(p.expiresAt),
                                        escapeHtml(p.approvalsRule));
        t += u"<table>\n<tr><th>Member</th><th>Change</th><th>Role</th><th>Why</th></tr>\n"_s;
        for (const moderation::Change &c : p.changes) {
            const Index u = h.userIndex(c.userId);
            const QString who = u != NoIndex   ? name(u)
                                : ps.enabled() ? u"(not in the history)"_s
                                               : escapeHtml(c.username);
            t += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n"_s.arg(
                who, escapeHtml(c.action), escapeHtml(c.roleName), escapeHtml(c.reason));
        }
        t += u"</table>\n"_s;
        if (e.proposalStatus) {
            t +=
                u"<table>\n<tr><th>When</th><th>Reviewer</th><th>Decision</th><th>Note</th></tr>\n"_s;
            t += u"<tr><td>%1</td><td>%2</td><td>proposed</td><td></td></tr>\n"_s.arg(
                minute(p.createdAt), escapeHtml(ps.enabled() ? u"moderator"_s : p.proposer));
            int n = 0;
            for (const moderation::Decision &d : e.proposalStatus->decisions)
                t += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n"_s.arg(
                    minute(d.at), escapeHtml(ps.enabled() ? u"reviewer %1"_s.arg(++n) : d.reviewer),
                    d.approve ? u"approved"_s : u"rejected"_s, escapeHtml(d.note));
            if (p.pushedAt)
                t += u"<tr><td>%1</td><td></td><td>applied on Discord</td><td></td></tr>\n"_s.arg(
                    minute(*p.pushedAt));
            t += u"</table>\n<p>State now: <b>%1</b>.</p>\n"_s.arg(
                escapeHtml(e.proposalStatus->state));
        }
    }

    // Scores.
    t += u"<h2>Scores under the "
         u"policy</h2>\n<table>\n<tr><th>Member</th><th>Level</th><th>Score</th>"
         u"<th>Why</th></tr>\n"_s;
    for (const EvidenceScore &s : e.scores)
        t += u"<tr><td>%1</td><td>%2</td><td class=\"n\">%3</td><td>%4</td></tr>\n"_s.arg(
            name(s.user), escapeHtml(s.levelName), escapeHtml(s.score),
            ps.enabled() ? u"(see the evidence package)"_s : escapeHtml(s.reason));
    t += u"</table>\n"_s;

    // Parameters.
    const analysis::RingOptions ring;
    t += u"<h2>Policy and parameters</h2>\n<table>\n"_s;
    const QList<QStringList> params{
        {u"Policy"_s, escapeHtml(e.policy.name + u' ' + e.policy.version)},
        {u"Policy hash"_s, u"<span class=\"hash\">"_s + escapeHtml(e.policy.hash) + u"</span>"_s},
        {u"Scores evaluated at"_s, minute(e.options.at)},
        {u"Window"_s,
         (e.options.since == history::NoTime ? u"start"_s : minute(e.options.since)) + u" to "_s +
             (e.options.until == history::NoTime ? u"end"_s : minute(e.options.until))},
        {u"Counting"_s, u"rule R1: no self-reactions, bots or webhooks; one per reactor, message "
                        u"and emoji; removed reactions excluded"_s},
        {u"Ring detection"_s,
         u"Leiden resolution %1, seed %2, pairs need %3 reactions each way, size %4-%5, "
         u"exclusivity &ge; %6"_s.arg(ring.resolution)
             .arg(ring.seed)
             .arg(ring.minPairReactions)
             .arg(ring.minSize)
             .arg(ring.maxSize)
             .arg(ring.minExclusivity)},
        {u"Names"_s, ps.enabled() ? u"pseudonymised (stable codes from a keyed hash of the id)"_s
                                  : u"as shown on Discord (nick, global name or username)"_s},
        {u"Gavel"_s, escapeHtml(versionString())},
    };
    for (const QStringList &r : params)
        t += u"<tr><th>%1</th><td>%2</td></tr>\n"_s.arg(r[0], r[1]);
    t += u"</table>\n"_s;

    t += u"<h2>Evidence package</h2>\n<p>Every reaction, pair, identity, role change and score "
         u"behind this report is in the evidence package%1. Its manifest's SHA-256 is</p>\n"
         u"<p class=\"hash\">%2</p>\n<p class=\"note\">Check it with <code>sha256sum "
         u"MANIFEST.sha256</code>, and the files with <code>sha256sum -c MANIFEST.sha256</code>."
         u"</p>\n"_s.arg(o.packageName.isEmpty() || ps.enabled()
                             ? QString()
                             : u" <code>"_s + escapeHtml(o.packageName) + u"</code>"_s,
                         o.packageHash.isEmpty() ? u"(not written)"_s : escapeHtml(o.packageHash));
    if (o.generatedAt)
        t += u"<p class=\"note\">Generated %1 by Gavel.</p>\n"_s.arg(minute(o.generatedAt));
    t += u"</body>\n</html>\n"_s;
    return t;
}

} // namespace gavel::report
