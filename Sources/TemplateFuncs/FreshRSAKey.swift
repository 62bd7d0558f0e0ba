// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import _CryptoExtras

/// A fresh RSA private key (e = 65537) from BoringSSL, through swift-crypto's `_CryptoExtras`, as Helm's
/// Sprig gets one from Go's `crypto/rsa.GenerateKey`. Sprig asks for 2048 bits (`genCA`, `genSignedCert`,
/// `genSelfSignedCert`) and 4096 bits (`genPrivateKey "rsa"`), sizes both libraries make.
enum FreshRSAKey {
    static func make(bits: Int) throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits))
    }
}
