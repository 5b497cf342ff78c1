#pragma once

#include "common/Result.h"
#include "history/History.h"
#include "report/Evidence.h"
#include "report/HtmlReport.h"

#include <QImage>
#include <QString>

//! Report images and PDF: what needs QtGui (core/report builds the HTML text).
namespace gavel::report {

//! The heatmap of the subject and its neighbourhood (neighbourhood()): counted reactions from
//! row to column on a viridis scale, the subject's members boxed, names on both axes.
QImage renderHeatmap(const history::History &history, const Evidence &evidence,
                     const Pseudonyms &pseudonyms, int neighbours = 12);
//! Counted reactions received per week by the subject's members, from inside and outside.
QImage renderTimeline(const history::History &history, const Evidence &evidence);

//! Both images as PNG.
ReportImages renderImages(const history::History &history, const Evidence &evidence,
                          const Pseudonyms &pseudonyms);

//! Prints the report (built with HtmlReportOptions::inlineImages = false) to an A4 PDF with
//! Qt's PDF writer; the images are given to the document as resources.
Result<void> writePdf(const QString &html, const ReportImages &images, const QString &path,
                      const QString &title);

} // namespace gavel::report
