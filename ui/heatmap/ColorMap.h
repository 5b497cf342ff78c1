#pragma once

#include <QColor>
#include <QString>
#include <QtGlobal>

#include <array>

namespace gavel::ui {

//! A perceptually uniform colour map (viridis or cividis) as a 256-entry lookup table: both stay
//! readable with the common colour-vision deficiencies and in greyscale.
class ColorMap
{
public:
    enum class Kind { Viridis, Cividis };

    explicit ColorMap(Kind kind = Kind::Viridis);

    Kind kind() const { return m_kind; }
    static QString name(Kind kind);
    //! t in [0, 1] (clamped) as 0xAARRGGBB.
    QRgb rgb(double t) const
    {
        const int i = t <= 0 ? 0 : t >= 1 ? 255 : int(t * 255.0 + 0.5);
        return m_table[size_t(i)];
    }
    //! The colour at position i / 255.
    QRgb rgbAt(quint8 i) const { return m_table[i]; }
    QColor color(double t) const { return QColor::fromRgb(rgb(t)); }

private:
    Kind m_kind;
    std::array<QRgb, 256> m_table{};
};

} // namespace gavel::ui
