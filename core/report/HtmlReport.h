#pragma once

#include "history/History.h"
#include "report/Evidence.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace gavel::report {

/*!
 * Stable pseudonyms for public reports: a user id becomes "Member 3F9A2C" from the first
 * 24 bits of HMAC-SHA256(salt, decimal id). The same salt gives the same pseudonyms in every
 * report (so reports of one investigation agree); without the salt nobody can test a guessed id.
 */
class Pseudonyms
{
public:
    Pseudonyms() = default; //!< disabled: real names and ids
    explicit Pseudonyms(QByteArray salt);

    bool enabled() const { return m_enabled; }
    //! "Member 3F9A2C" (collisions within a report get a longer code).
    QString name(const history::History &history, Index user) const;
    //! The pseudonym's code in place of the id ("3F9A2C"), or the decimal id when disabled.
    QString id(const history::History &history, Index user) const;

private:
    QString code(quint64 id, int hexDigits) const;
    QByteArray m_salt;
    bool m_enabled = false;
};

//! Text that is safe inside HTML element content and attribute values: & < > " ' escaped, and
//! characters that reorder or hide text (bidi embeddings, overrides and isolates, zero-width
//! characters, other format and control characters) shown as visible [U+XXXX] markers.
QString escapeHtml(const QString &text);
//! True when text[i] is a zero-width joiner inside an emoji ZWJ sequence (👨‍👩‍👧,
//! 🏳️‍🌈): the code point before it (past U+FE0F and skin tone modifiers) and the one
//! after it are pictographic emoji. Such joiners are kept so the sequence renders as one emoji; any
//! other joiner is an invisible character like the rest of category Cf.
bool isEmojiJoiner(QStringView text, qsizetype i);
//! Emoji that take part in ZWJ sequences: Unicode's Extended_Pictographic blocks (Qt has no
//! emoji property, and the blocks are enough to tell an emoji from a letter or digit).
bool isPictographic(char32_t u);
//! The emoji presentation selector U+FE0F and the skin tone modifiers.
bool isEmojiModifier(char32_t u);

//! Images of a report as PNG bytes.
struct ReportImages
{
    QByteArray heatmapPng;
    QByteArray timelinePng;
};

struct HtmlReportOptions
{
    Pseudonyms pseudonyms;
    QString packageHash; //!< SHA-256 of the evidence package's manifest
    QString packageName; //!< where the package is (directory name)
    //! true: images inline as data: URIs (self-contained HTML). false: src="heatmap.png" and
    //! "timeline.png", for QTextDocument resources (PDF).
    bool inlineImages = true;
    qint64 generatedAt = 0;
};

//! The case report of a cluster or proposal (or a member) as one self-contained HTML document:
//! a plain-language summary, heatmap and timeline, evidence tables, who proposed and approved
//! what and when, the policy and parameters, and the evidence package's hash.
QString buildHtmlReport(const history::History &history, const Evidence &evidence,
                        const ReportImages &images, const HtmlReportOptions &options);

//! The members shown in the heatmap: the subject's, then up to `neighbours` outsiders with the
//! most counted reactions to or from them (ties by id).
std::vector<Index> neighbourhood(const history::History &history, const Evidence &evidence,
                                 int neighbours);

//! Counted reactions per ISO week (Monday 00:00 UTC) received by subject members, from inside
//! the subject and from outside: the timeline chart's data.
struct TimelineWeek
{
    qint64 weekStart = 0;
    int inside = 0;
    int outside = 0;
};
std::vector<TimelineWeek> timeline(const history::History &history, const Evidence &evidence);

} // namespace gavel::report
