// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The hot arithmetic of RSA key generation; see include/CBigNum.h. Written for this project.
//
// Constant time: no branch and no memory index depends on a value (only on sizes and on public positions);
// selections are made with masks that pass through value_barrier so the compiler cannot turn them back into
// branches.

#include "CBigNum.h"

#include <string.h>

typedef unsigned __int128 u128;

#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t value_barrier(uint64_t x) {
    __asm__("" : "+r"(x));
    return x;
}

/// All ones when x == 0, else 0.
INLINE uint64_t mask_is_zero(uint64_t x) {
    return value_barrier((uint64_t)0 - ((~x & (x - 1)) >> 63));
}

INLINE uint64_t sub_borrow(uint64_t a, uint64_t b, uint64_t bin, uint64_t *bout) {
    u128 d = (u128)a - b - bin;
    *bout = (uint64_t)(d >> 64) & 1;
    return (uint64_t)d;
}

/// r = v mod m for v = hi * 2^(64n) + t < 2m (hi is 0 or 1); r may alias t.
INLINE void reduce_once(uint64_t *r, const uint64_t *t, uint64_t hi, const uint64_t *m, size_t n) {
    uint64_t d[CBN_MAX_LIMBS];
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) d[i] = sub_borrow(t[i], m[i], borrow, &borrow);
    // Keep t exactly when v < m: no top word and the subtraction borrowed.
    uint64_t keep = value_barrier((uint64_t)0 - (borrow & ~hi & 1));
    for (size_t i = 0; i < n; i++) r[i] = (t[i] & keep) | (d[i] & ~keep);
}

uint64_t cbn_mont_n0(uint64_t m0) {
    uint64_t x = m0;  // m0 * m0 = 1 mod 8: three correct bits, doubled by each Newton step
    for (int i = 0; i < 5; i++) x *= 2 - m0 * x;
    return (uint64_t)0 - x;
}

// Montgomery multiplication, finely integrated operand scanning: each row adds a[i] * b and u * m in one pass
// with two carry chains, then drops the (zero) low word.
INLINE void mont_mul_impl(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t n0, size_t n) {
    uint64_t t[CBN_MAX_LIMBS + 1];
    for (size_t j = 0; j <= n; j++) t[j] = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t ai = a[i];
        u128 x = (u128)ai * b[0] + t[0];
        uint64_t u = (uint64_t)x * n0;
        u128 y = (u128)u * m[0] + (uint64_t)x;
        uint64_t c1 = (uint64_t)(x >> 64), c2 = (uint64_t)(y >> 64);
        for (size_t j = 1; j < n; j++) {
            x = (u128)ai * b[j] + t[j] + c1;
            c1 = (uint64_t)(x >> 64);
            y = (u128)u * m[j] + (uint64_t)x + c2;
            c2 = (uint64_t)(y >> 64);
            t[j - 1] = (uint64_t)y;
        }
        x = (u128)t[n] + c1 + c2;
        t[n - 1] = (uint64_t)x;
        t[n] = (uint64_t)(x >> 64);
    }
    reduce_once(r, t, t[n], m, n);
}

// Sizes used by 2048- and 4096-bit keys get their own fully unrolled copies.
static void mont_mul16(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t n0) {
    mont_mul_impl(r, a, b, m, n0, 16);
}
static void mont_mul32(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t n0) {
    mont_mul_impl(r, a, b, m, n0, 32);
}

void cbn_mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t n0, size_t n) {
    switch (n) {
    case 16: mont_mul16(r, a, b, m, n0); break;
    case 32: mont_mul32(r, a, b, m, n0); break;
    default: mont_mul_impl(r, a, b, m, n0, n); break;
    }
}

/// r = 2r mod m for r < m.
INLINE void mod_double(uint64_t *r, const uint64_t *m, size_t n) {
    uint64_t t[CBN_MAX_LIMBS];
    uint64_t top = 0;
    for (size_t i = 0; i < n; i++) {
        t[i] = (r[i] << 1) | top;
        top = r[i] >> 63;
    }
    reduce_once(r, t, top, m, n);
}

/// Bit length of m (public: only the size of a modulus).
static size_t bit_length(const uint64_t *m, size_t n) {
    for (size_t i = n; i > 0; i--) {
        if (m[i - 1] != 0) return 64 * (i - 1) + (64 - (size_t)__builtin_clzll(m[i - 1]));
    }
    return 0;
}

void cbn_mod_pow2(uint64_t *r, size_t k, const uint64_t *m, size_t n) {
    size_t b = bit_length(m, n);  // m > 2^(b-1) as m is odd and > 1
    size_t start = k < b ? k : b - 1;
    for (size_t i = 0; i < n; i++) r[i] = 0;
    r[start / 64] = (uint64_t)1 << (start % 64);
    for (size_t i = start; i < k; i++) mod_double(r, m, n);
}

/// rr = 2^(128n) mod m (to enter the Montgomery domain): R·2^t mod m by doublings, then j Montgomery squarings
/// (each doubles the power of two) where 64n = t·2^j.
static void mont_rr(uint64_t *rr, const uint64_t *m, uint64_t n0, size_t n) {
    size_t bits = 64 * n;
    size_t j = (size_t)__builtin_ctzll((unsigned long long)bits);
    size_t t = bits >> j;
    cbn_mod_pow2(rr, bits + t, m, n);
    for (size_t i = 0; i < j; i++) cbn_mont_mul(rr, rr, rr, m, n0, n);
}

/// Bits [pos, pos + 5) of a number of `limbs` limbs (zeros above it).
INLINE uint64_t window5(const uint64_t *e, size_t limbs, size_t pos) {
    size_t w = pos / 64, s = pos % 64;
    uint64_t v = e[w] >> s;
    if (s > 59 && w + 1 < limbs) v |= e[w + 1] << (64 - s);
    return v & 31;
}

/// x = am^exp in the Montgomery domain (am and one = R mod m in Montgomery form, am < m).
static void mont_pow(uint64_t *x, const uint64_t *am, const uint64_t *one, const uint64_t *exp, size_t expLimbs,
                     const uint64_t *m, uint64_t n0, size_t n) {
    uint64_t table[32][CBN_MAX_LIMBS];
    uint64_t pick[CBN_MAX_LIMBS];
    memcpy(table[0], one, n * 8);
    memcpy(table[1], am, n * 8);
    for (size_t i = 2; i < 32; i++) cbn_mont_mul(table[i], table[i - 1], am, m, n0, n);
    memcpy(x, one, n * 8);
    size_t bits = 64 * expLimbs;
    size_t windows = (bits + 4) / 5;
    for (size_t w = windows; w > 0; w--) {
        for (int s = 0; s < 5; s++) cbn_mont_mul(x, x, x, m, n0, n);
        uint64_t digit = window5(exp, expLimbs, 5 * (w - 1));
        for (size_t i = 0; i < n; i++) pick[i] = 0;
        for (uint64_t k = 0; k < 32; k++) {
            uint64_t sel = mask_is_zero(k ^ digit);
            for (size_t i = 0; i < n; i++) pick[i] |= table[k][i] & sel;
        }
        cbn_mont_mul(x, x, pick, m, n0, n);
    }
    cbn_cleanse(table, sizeof table);
    cbn_cleanse(pick, sizeof pick);
}

void cbn_mod_exp(uint64_t *r, const uint64_t *base, const uint64_t *exp, size_t expLimbs, const uint64_t *m, size_t n) {
    uint64_t n0 = cbn_mont_n0(m[0]);
    uint64_t rr[CBN_MAX_LIMBS], one[CBN_MAX_LIMBS], am[CBN_MAX_LIMBS], x[CBN_MAX_LIMBS], plain1[CBN_MAX_LIMBS];
    mont_rr(rr, m, n0, n);
    cbn_mod_pow2(one, 64 * n, m, n);
    cbn_mont_mul(am, base, rr, m, n0, n);
    mont_pow(x, am, one, exp, expLimbs, m, n0, n);
    for (size_t i = 0; i < n; i++) plain1[i] = 0;
    plain1[0] = 1;
    cbn_mont_mul(r, x, plain1, m, n0, n);
    cbn_cleanse(am, sizeof am);
    cbn_cleanse(x, sizeof x);
}

/// All ones when a == b (n limbs), else 0.
INLINE uint64_t mask_equal(const uint64_t *a, const uint64_t *b, size_t n) {
    uint64_t diff = 0;
    for (size_t i = 0; i < n; i++) diff |= a[i] ^ b[i];
    return mask_is_zero(diff);
}

int cbn_fermat2(const uint64_t *m, size_t n) {
    uint64_t n0 = cbn_mont_n0(m[0]);
    uint64_t one[CBN_MAX_LIMBS], x[CBN_MAX_LIMBS], d[CBN_MAX_LIMBS];
    cbn_mod_pow2(one, 64 * n, m, n);
    memcpy(x, one, n * 8);
    // Left to right over the bits of m - 1 (m with bit 0 cleared): square, and double where the bit is set.
    for (size_t i = 64 * n; i > 0; i--) {
        size_t bit = i - 1;
        cbn_mont_mul(x, x, x, m, n0, n);
        memcpy(d, x, n * 8);
        mod_double(d, m, n);
        uint64_t e = bit == 0 ? 0 : (m[bit / 64] >> (bit % 64)) & 1;
        uint64_t take = value_barrier((uint64_t)0 - e);
        for (size_t k = 0; k < n; k++) x[k] = (d[k] & take) | (x[k] & ~take);
    }
    int pass = (int)(mask_equal(x, one, n) & 1);
    cbn_cleanse(x, sizeof x);
    cbn_cleanse(d, sizeof d);
    return pass;
}

int cbn_miller_rabin(const uint64_t *m, const uint64_t *a, size_t n) {
    uint64_t n0 = cbn_mont_n0(m[0]);
    uint64_t rr[CBN_MAX_LIMBS], one[CBN_MAX_LIMBS], minus1[CBN_MAX_LIMBS], d[CBN_MAX_LIMBS], am[CBN_MAX_LIMBS],
        x[CBN_MAX_LIMBS];
    // m - 1 = d * 2^s. s is the one value this round does not hide (a loop bound).
    size_t s = 1;
    while (s < 64 * n && ((m[s / 64] >> (s % 64)) & 1) == 0) s++;
    for (size_t i = 0; i < n; i++) {
        size_t src = i + s / 64, sh = s % 64;
        uint64_t lo = src < n ? m[src] : 0, hi = src + 1 < n ? m[src + 1] : 0;
        d[i] = sh == 0 ? lo : (lo >> sh) | (hi << (64 - sh));
    }
    mont_rr(rr, m, n0, n);
    cbn_mod_pow2(one, 64 * n, m, n);
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) minus1[i] = sub_borrow(m[i], one[i], borrow, &borrow);
    cbn_mont_mul(am, a, rr, m, n0, n);
    mont_pow(x, am, one, d, n, m, n0, n);
    uint64_t pass = mask_equal(x, one, n) | mask_equal(x, minus1, n);
    for (size_t j = 1; j < s; j++) {
        cbn_mont_mul(x, x, x, m, n0, n);
        pass |= mask_equal(x, minus1, n);
    }
    cbn_cleanse(d, sizeof d);
    cbn_cleanse(am, sizeof am);
    cbn_cleanse(x, sizeof x);
    return (int)(pass & 1);
}

INLINE uint64_t rem128(uint64_t hi, uint64_t lo, uint64_t d) {  // hi < d
#if defined(__x86_64__)
    uint64_t q, r;
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d) : "cc");
    (void)q;
    return r;
#else
    return (uint64_t)((((u128)hi << 64) | lo) % d);
#endif
}

uint64_t cbn_mod_word(const uint64_t *a, size_t n, uint64_t d) {
    uint64_t r = 0;
    for (size_t i = n; i > 0; i--) r = rem128(r, a[i - 1], d);
    return r;
}

void cbn_mod_words(const uint64_t *a, size_t n, const uint64_t *d, uint64_t *out, size_t count) {
    size_t i = 0;
    // Four remainders at once: four independent division chains overlap in the divider.
    for (; i + 4 <= count; i += 4) {
        uint64_t r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        for (size_t k = n; k > 0; k--) {
            uint64_t limb = a[k - 1];
            r0 = rem128(r0, limb, d[i]);
            r1 = rem128(r1, limb, d[i + 1]);
            r2 = rem128(r2, limb, d[i + 2]);
            r3 = rem128(r3, limb, d[i + 3]);
        }
        out[i] = r0; out[i + 1] = r1; out[i + 2] = r2; out[i + 3] = r3;
    }
    for (; i < count; i++) out[i] = cbn_mod_word(a, n, d[i]);
}

void cbn_cleanse(void *p, size_t len) {
    memset(p, 0, len);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

// ---------------------------------------------------------------------------------------------------------
// Eight Fermat tests at once with AVX-512 IFMA: lane l of every vector belongs to modulus l. Numbers are 20
// limbs of 52 bits (1040 bits); Montgomery multiplication with R = 2^1040 is left "almost" reduced: inputs
// below 4m give a result below 2m (R > 16m), so no conditional subtraction is needed until the end.

#if defined(__x86_64__) && defined(__clang__)
#include <cpuid.h>
#include <immintrin.h>

#define L52 20
#define MASK52 ((1ULL << 52) - 1)
#define IFMA __attribute__((target("avx512f,avx512ifma")))

int cbn_have_fermat2_x8(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & (1u << 27))) return 0;  // OSXSAVE
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 0xE6) != 0xE6) return 0;  // XMM, YMM, opmask, ZMM state enabled by the OS
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 16)) && (b & (1u << 21));  // AVX512F, AVX512IFMA
}

// Fully unrolled, so that every accumulator index is a constant and the accumulators live in registers:
// row i works on acc[i .. i + L52]; its lowest word becomes zero and is carried up instead of shifted out.
IFMA __attribute__((noinline)) static void amm52x8(__m512i *r, const __m512i *a, const __m512i *b, const __m512i *m,
                                                 __m512i k0) {
    const __m512i zero = _mm512_setzero_si512();
    __m512i acc[2 * L52 + 1];
#pragma clang loop unroll(full)
    for (int j = 0; j <= 2 * L52; j++) acc[j] = zero;
#pragma clang loop unroll(full)
    for (int i = 0; i < L52; i++) {
        __m512i bi = b[i];
#pragma clang loop unroll(full)
        for (int j = 0; j < L52; j++) acc[i + j] = _mm512_madd52lo_epu64(acc[i + j], a[j], bi);
        __m512i u = _mm512_madd52lo_epu64(zero, acc[i], k0);
#pragma clang loop unroll(full)
        for (int j = 0; j < L52; j++) acc[i + j] = _mm512_madd52lo_epu64(acc[i + j], m[j], u);
#pragma clang loop unroll(full)
        for (int j = 0; j < L52; j++) acc[i + j + 1] = _mm512_madd52hi_epu64(acc[i + j + 1], a[j], bi);
#pragma clang loop unroll(full)
        for (int j = 0; j < L52; j++) acc[i + j + 1] = _mm512_madd52hi_epu64(acc[i + j + 1], m[j], u);
        // acc[i] is now 0 mod 2^52: carry its top into acc[i + 1].
        acc[i + 1] = _mm512_add_epi64(acc[i + 1], _mm512_srli_epi64(acc[i], 52));
    }
    const __m512i mask = _mm512_set1_epi64((long long)MASK52);
#pragma clang loop unroll(full)
    for (int j = L52; j + 1 < 2 * L52; j++) {
        acc[j + 1] = _mm512_add_epi64(acc[j + 1], _mm512_srli_epi64(acc[j], 52));
        acc[j] = _mm512_and_si512(acc[j], mask);
    }
#pragma clang loop unroll(full)
    for (int j = 0; j < L52; j++) r[j] = acc[L52 + j];
}

/// Bits [52k, 52k + 52) of a 16-limb number.
static uint64_t limb52(const uint64_t *v, int k) {
    int pos = 52 * k, w = pos / 64, s = pos % 64;
    uint64_t x = w < 16 ? v[w] >> s : 0;
    if (s > 12 && w + 1 < 16) x |= v[w + 1] << (64 - s);
    return x & MASK52;
}

/// The 52-bit limbs of eight 16-limb numbers (stride 16) as vectors.
IFMA static void load_lanes(__m512i *v, const uint64_t *vals) {
    uint64_t lanes[L52][8] __attribute__((aligned(64)));
    for (int l = 0; l < 8; l++)
        for (int k = 0; k < L52; k++) lanes[k][l] = limb52(vals + 16 * l, k);
    for (int k = 0; k < L52; k++) v[k] = _mm512_load_si512(lanes[k]);
    cbn_cleanse(lanes, sizeof lanes);
}

/// out[l] = lane l of x (normalized, below 2 * m[l]) reduced mod m[l] (moduli with stride `mstride`), 16 limbs.
IFMA static void reduce_lanes(uint64_t out[8][16], const __m512i *x, const uint64_t *m, size_t mstride) {
    uint64_t lanes[L52][8] __attribute__((aligned(64)));
    for (int k = 0; k < L52; k++) _mm512_store_si512(lanes[k], x[k]);
    for (int l = 0; l < 8; l++) {
        const uint64_t *ml = m + mstride * (size_t)l;
        uint64_t v[17] = {0};
        for (int k = 0; k < L52; k++) {
            int pos = 52 * k, w = pos / 64, s = pos % 64;
            v[w] |= lanes[k][l] << s;
            if (s > 12) v[w + 1] |= lanes[k][l] >> (64 - s);
        }
        uint64_t red[17], borrow = 0;
        for (int i = 0; i < 17; i++) red[i] = sub_borrow(v[i], i < 16 ? ml[i] : 0, borrow, &borrow);
        uint64_t keep = value_barrier((uint64_t)0 - borrow);  // v < m
        for (int i = 0; i < 16; i++) out[l][i] = (v[i] & keep) | (red[i] & ~keep);
        cbn_cleanse(v, sizeof v);
        cbn_cleanse(red, sizeof red);
    }
    cbn_cleanse(lanes, sizeof lanes);
}

IFMA void cbn_fermat2_x8(const uint64_t *mods, int *pass) {
    uint64_t lanes[16][8] __attribute__((aligned(64)));
    uint64_t target[8][16], k0[8] __attribute__((aligned(64))), red[8][16];
    __m512i m[L52], x[L52], d[L52], e[16];
    for (int l = 0; l < 8; l++) {
        k0[l] = cbn_mont_n0(mods[16 * l]) & MASK52;
        cbn_mod_pow2(target[l], 52 * L52, mods + 16 * l, 16);  // R mod m, the Montgomery form of 1
    }
    load_lanes(m, mods);
    load_lanes(x, &target[0][0]);
    // The exponent m - 1, one vector per 64-bit limb.
    for (int w = 0; w < 16; w++) {
        for (int l = 0; l < 8; l++) lanes[w][l] = mods[16 * l + w] & (w == 0 ? ~(uint64_t)1 : ~(uint64_t)0);
        e[w] = _mm512_load_si512(lanes[w]);
    }
    const __m512i kv = _mm512_load_si512(k0);
    const __m512i mask = _mm512_set1_epi64((long long)MASK52);
    for (int bit = 1023; bit >= 0; bit--) {
        amm52x8(x, x, x, m, kv);  // x < 2m
        d[0] = _mm512_and_si512(_mm512_slli_epi64(x[0], 1), mask);
        for (int k = 1; k < L52; k++)
            d[k] = _mm512_or_si512(_mm512_and_si512(_mm512_slli_epi64(x[k], 1), mask), _mm512_srli_epi64(x[k - 1], 51));
        __mmask8 take = _mm512_test_epi64_mask(e[bit / 64], _mm512_set1_epi64((long long)(1ULL << (bit % 64))));
        for (int k = 0; k < L52; k++) x[k] = _mm512_mask_blend_epi64(take, x[k], d[k]);  // x < 4m
    }
    // The last bit of m - 1 is 0, so x < 2m: it passes when x mod m is R mod m.
    reduce_lanes(red, x, mods, 16);
    for (int l = 0; l < 8; l++) pass[l] = (int)(mask_equal(red[l], target[l], 16) & 1);
    cbn_cleanse(lanes, sizeof lanes);
    cbn_cleanse(red, sizeof red);
    cbn_cleanse(x, sizeof x);
    cbn_cleanse(d, sizeof d);
    cbn_cleanse(e, sizeof e);
}

IFMA void cbn_miller_rabin_x8(const uint64_t *mod, const uint64_t *bases, int *pass) {
    uint64_t one[16], minus1[16], rr[16], d[16], red[8][16], mods[8][16];
    __m512i m[L52], x[L52], am[L52], pick[L52], rrv[L52];
    __m512i table[32][L52];
    // m - 1 = d * 2^s. s is the one value this round does not hide (a loop bound).
    size_t s = 1;
    while (s < 1024 && ((mod[s / 64] >> (s % 64)) & 1) == 0) s++;
    for (size_t i = 0; i < 16; i++) {
        size_t src = i + s / 64, sh = s % 64;
        uint64_t lo = src < 16 ? mod[src] : 0, hi = src + 1 < 16 ? mod[src + 1] : 0;
        d[i] = sh == 0 ? lo : (lo >> sh) | (hi << (64 - sh));
    }
    cbn_mod_pow2(one, 52 * L52, mod, 16);       // R mod m (R = 2^1040)
    cbn_mod_pow2(rr, 2 * 52 * L52, mod, 16);    // R^2 mod m
    uint64_t borrow = 0;
    for (int i = 0; i < 16; i++) minus1[i] = sub_borrow(mod[i], one[i], borrow, &borrow);
    for (int l = 0; l < 8; l++) memcpy(mods[l], mod, sizeof mods[l]);
    load_lanes(m, &mods[0][0]);
    for (int l = 0; l < 8; l++) memcpy(mods[l], rr, sizeof mods[l]);
    load_lanes(rrv, &mods[0][0]);
    for (int l = 0; l < 8; l++) memcpy(mods[l], one, sizeof mods[l]);
    load_lanes(table[0], &mods[0][0]);
    load_lanes(x, bases);
    const __m512i kv = _mm512_set1_epi64((long long)(cbn_mont_n0(mod[0]) & MASK52));
    amm52x8(am, x, rrv, m, kv);  // a·R mod m, below 2m
    for (int k = 0; k < L52; k++) table[1][k] = am[k];
    for (int i = 2; i < 32; i++) amm52x8(table[i], table[i - 1], am, m, kv);
    // x = a^d, fixed 5-bit windows over all 1024 bits, the whole table read at each step.
    for (int k = 0; k < L52; k++) x[k] = table[0][k];
    for (int w = 205; w > 0; w--) {
        for (int sq = 0; sq < 5; sq++) amm52x8(x, x, x, m, kv);
        uint64_t digit = window5(d, 16, 5 * (size_t)(w - 1));
        for (int k = 0; k < L52; k++) pick[k] = _mm512_setzero_si512();
        for (uint64_t t = 0; t < 32; t++) {
            __m512i sel = _mm512_set1_epi64((long long)mask_is_zero(t ^ digit));
            for (int k = 0; k < L52; k++) pick[k] = _mm512_or_si512(pick[k], _mm512_and_si512(table[t][k], sel));
        }
        amm52x8(x, x, pick, m, kv);
    }
    const uint64_t *m16 = &mods[0][0];
    for (int l = 0; l < 8; l++) memcpy(mods[l], mod, sizeof mods[l]);
    reduce_lanes(red, x, m16, 16);
    uint64_t ok[8];
    for (int l = 0; l < 8; l++) ok[l] = mask_equal(red[l], one, 16) | mask_equal(red[l], minus1, 16);
    for (size_t j = 1; j < s; j++) {
        amm52x8(x, x, x, m, kv);
        reduce_lanes(red, x, m16, 16);
        for (int l = 0; l < 8; l++) ok[l] |= mask_equal(red[l], minus1, 16);
    }
    for (int l = 0; l < 8; l++) pass[l] = (int)(ok[l] & 1);
    cbn_cleanse(d, sizeof d);
    cbn_cleanse(red, sizeof red);
    cbn_cleanse(x, sizeof x);
    cbn_cleanse(am, sizeof am);
    cbn_cleanse(pick, sizeof pick);
    cbn_cleanse(table, sizeof table);
}

#else

int cbn_have_fermat2_x8(void) { return 0; }

void cbn_fermat2_x8(const uint64_t *mods, int *pass) {
    for (int l = 0; l < 8; l++) pass[l] = cbn_fermat2(mods + 16 * l, 16);
}

void cbn_miller_rabin_x8(const uint64_t *m, const uint64_t *a, int *pass) {
    for (int l = 0; l < 8; l++) pass[l] = cbn_miller_rabin(m, a + 16 * l, 16);
}

#endif
