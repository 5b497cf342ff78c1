#include "ColorMap.h"

#include <QCoreApplication>

namespace gavel::ui {

namespace {
// Ten evenly spaced samples of matplotlib's maps (0, 1/9, ..., 1); the table interpolates
// linearly between them, which stays within a few units of the originals.
constexpr std::array<QRgb, 10> viridis = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
                                          0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
constexpr std::array<QRgb, 10> cividis = {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173,
                                          0x8a8678, 0xa59c74, 0xc3b369, 0xe1cc55, 0xfee838};
} // namespace

ColorMap::ColorMap(Kind kind)
    : m_kind(kind)
{
    const auto &anchors = kind == Kind::Viridis ? viridis : cividis;
    for (int i = 0; i < 256; ++i) {
        const double x = i / 255.0 * 9.0;
        const int k = qMin(8, int(x));
        const double f = x - k;
        const QRgb a = anchors[size_t(k)];
        const QRgb b = anchors[size_t(k + 1)];
        const auto mix = [f](int p, int q) { return int(p + (q - p) * f + 0.5); };
        m_table[size_t(i)] =
            qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
    }
}

QString ColorMap::name(Kind kind)
{
    return kind == Kind::Viridis ? QCoreApplication::translate("ColorMap", "Viridis")
                                 : QCoreApplication::translate("ColorMap", "Cividis");
}

} // namespace gavel::ui
