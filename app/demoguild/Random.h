#pragma once

#include <QtGlobal>

#include <cmath>
#include <cstdint>
#include <vector>

namespace gavel::demoguild {

//! splitmix64 step: seeds the generator and derives independent streams from (seed, tag).
constexpr quint64 splitmix64(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

//! Mixes a seed with up to two tags into one 64-bit value (for per-item streams).
constexpr quint64 mixSeed(quint64 seed, quint64 a, quint64 b = 0)
{
    quint64 s = seed ^ (a * 0xd1b54a32d192ed03ULL) ^ (b * 0x8cb92ba72f3d8dd7ULL);
    splitmix64(s);
    return splitmix64(s);
}

/*!
 * xoshiro256** with the distributions the generator needs.
 * Written out here because std:: distributions differ between standard libraries, and the
 * demo guild must be byte-identical for the same seed wherever it is built.
 */
class Random
{
public:
    explicit Random(quint64 seed)
    {
        quint64 s = seed;
        for (quint64 &word : m_s)
            word = splitmix64(s);
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    //! Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    //! Uniform in (0, 1]: safe to take the logarithm of.
    double uniformPositive() { return 1.0 - uniform(); }

    //! Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    //! Unbiased integer in [0, n); n > 0.
    quint64 below(quint64 n)
    {
        const quint64 threshold = (0 - n) % n;
        for (;;) {
            const quint64 r = next();
            if (r >= threshold)
                return r % n;
        }
    }

    //! Integer in [lo, hi] (inclusive).
    qint64 range(qint64 lo, qint64 hi)
    {
        return lo + static_cast<qint64>(below(static_cast<quint64>(hi - lo) + 1));
    }

    int index(std::size_t size) { return static_cast<int>(below(size)); }

    bool chance(double p) { return uniform() < p; }

    //! Standard normal (Box-Muller, no cached second value so the stream stays simple).
    double normal()
    {
        const double u1 = uniformPositive();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    double logNormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }

    double exponential(double mean) { return -mean * std::log(uniformPositive()); }

    //! Pareto with scale xm and shape alpha: heavy-tailed activity.
    double pareto(double xm, double alpha) { return xm / std::pow(uniformPositive(), 1.0 / alpha); }

    //! Poisson: multiplication method for small means, rounded normal for large ones.
    int poisson(double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean < 30) {
            const double limit = std::exp(-mean);
            double product = uniform();
            int k = 0;
            while (product > limit) {
                product *= uniform();
                ++k;
            }
            return k;
        }
        const double v = std::floor(mean + std::sqrt(mean) * normal() + 0.5);
        return v < 0 ? 0 : static_cast<int>(v);
    }

    int binomial(int n, double p)
    {
        int k = 0;
        for (int i = 0; i < n; ++i)
            k += chance(p) ? 1 : 0;
        return k;
    }

    //! Geometric number of extra items: P(k) = (1-p)^k p, k >= 0.
    int geometric(double p)
    {
        int k = 0;
        while (!chance(p) && k < 1000)
            ++k;
        return k;
    }

    template<typename T>
    const T &pick(const std::vector<T> &items)
    {
        return items[below(items.size())];
    }

    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[below(N)];
    }

    template<typename T>
    void shuffle(std::vector<T> &items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            const std::size_t j = below(i);
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    static constexpr quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    quint64 m_s[4];
};

/*!
 * Walker/Vose alias table: O(1) draws from a fixed discrete distribution.
 * Used for "who posts" and "who reacts" over tens of thousands of members.
 */
class AliasTable
{
public:
    AliasTable() = default;
    explicit AliasTable(const std::vector<double> &weights) { build(weights); }

    void build(const std::vector<double> &weights)
    {
        const std::size_t n = weights.size();
        m_probability.assign(n, 0.0);
        m_alias.assign(n, 0);
        m_total = 0;
        for (double w : weights)
            m_total += w;
        if (n == 0 || m_total <= 0)
            return;
        std::vector<double> scaled(n);
        std::vector<int> small, large;
        small.reserve(n);
        large.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            scaled[i] = weights[i] * static_cast<double>(n) / m_total;
            (scaled[i] < 1.0 ? small : large).push_back(static_cast<int>(i));
        }
        while (!small.empty() && !large.empty()) {
            const int s = small.back();
            small.pop_back();
            const int l = large.back();
            m_probability[s] = scaled[s];
            m_alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                large.pop_back();
                small.push_back(l);
            }
        }
        for (int i : large)
            m_probability[i] = 1.0;
        for (int i : small)
            m_probability[i] = 1.0;
    }

    bool empty() const { return m_total <= 0; }
    double total() const { return m_total; }

    //! An index drawn with probability weight[i] / total; the table must not be empty.
    int sample(Random &rng) const
    {
        const int column = rng.index(m_probability.size());
        return rng.uniform() < m_probability[column] ? column : m_alias[column];
    }

private:
    std::vector<double> m_probability;
    std::vector<int> m_alias;
    double m_total = 0;
};

} // namespace gavel::demoguild
