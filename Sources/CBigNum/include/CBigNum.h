// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
#ifndef CBIGNUM_H
#define CBIGNUM_H

// The hot arithmetic of RSA key generation (RSAKeys): Montgomery multiplication, constant-time modular
// exponentiation, Fermat and Miller-Rabin rounds, and remainders by one word.
//
// Numbers are little-endian arrays of 64-bit limbs, `n` limbs each, 1 <= n <= CBN_MAX_LIMBS. Moduli are odd
// and greater than 1, with no other restriction. Every function runs in time that depends only on the sizes
// (n, exponent limbs) and never on the values, except cbn_mod_word / cbn_mod_words (the sieve's, on values
// that are not secret beyond what the sieve reveals anyway).

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CBN_MAX_LIMBS 64

/// -m0^-1 mod 2^64 for odd m0 (the Montgomery constant of a modulus whose lowest limb is m0).
uint64_t cbn_mont_n0(uint64_t m0);

/// r = a * b * 2^(-64n) mod m, for a * b < m * 2^(64n) (e.g. a, b < m); r may alias a or b.
void cbn_mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t n0, size_t n);

/// r = 2^k mod m.
void cbn_mod_pow2(uint64_t *r, size_t k, const uint64_t *m, size_t n);

/// r = base^exp mod m, where exp has expLimbs limbs (1 <= expLimbs <= CBN_MAX_LIMBS) and base any n-limb value.
/// Fixed 5-bit windows over all 64 * expLimbs exponent bits; the table is read whole at every step.
void cbn_mod_exp(uint64_t *r, const uint64_t *base, const uint64_t *exp, size_t expLimbs, const uint64_t *m, size_t n);

/// 1 when 2^(m-1) = 1 mod m (m passes the base-2 Fermat test), else 0.
int cbn_fermat2(const uint64_t *m, size_t n);

/// 1 when m passes one Miller-Rabin round with base a (2 <= a <= m-2), else 0.
int cbn_miller_rabin(const uint64_t *m, const uint64_t *a, size_t n);

/// 1 when this processor runs cbn_fermat2_x8 (AVX-512 IFMA), else 0.
int cbn_have_fermat2_x8(void);

/// Eight base-2 Fermat tests at once on 1024-bit moduli (16 limbs each, consecutive, top bit set): pass[i] is
/// cbn_fermat2(m + 16 * i, 16). Only when cbn_have_fermat2_x8() is 1.
void cbn_fermat2_x8(const uint64_t *m, int *pass);

/// Eight Miller-Rabin rounds at once on one 1024-bit modulus m (16 limbs, odd, > 3) with bases a (8 x 16
/// limbs, each 2 <= a <= m - 2): pass[i] is cbn_miller_rabin(m, a + 16 * i, 16). Only when
/// cbn_have_fermat2_x8() is 1.
void cbn_miller_rabin_x8(const uint64_t *m, const uint64_t *a, int *pass);

/// a mod d, for d > 0.
uint64_t cbn_mod_word(const uint64_t *a, size_t n, uint64_t d);

/// out[i] = a mod d[i] for i < count, each d[i] > 0.
void cbn_mod_words(const uint64_t *a, size_t n, const uint64_t *d, uint64_t *out, size_t count);

/// Overwrites len bytes with zeros in a way the compiler keeps.
void cbn_cleanse(void *p, size_t len);

#ifdef __cplusplus
}
#endif

#endif
