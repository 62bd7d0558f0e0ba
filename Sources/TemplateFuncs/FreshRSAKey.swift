// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import RSAKeys
import _CryptoExtras

/// A fresh RSA private key: RSAKeys' generator for the sizes it makes (2048 and 4096 bits, any multiple of 128
/// from 2048 up), swift-crypto's (BoringSSL) otherwise.
enum FreshRSAKey {
    static func make(bits: Int) throws -> _RSA.Signing.PrivateKey {
        guard bits >= 2048, RSAKeyGenerator.supports(bits: bits) else {
            return try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits))
        }
        var der = try RSAKeyGenerator.pkcs1DER(bits: bits)
        defer { RSAKeyGenerator.wipe(&der) }
        return try _RSA.Signing.PrivateKey(derRepresentation: der)
    }
}
