// SPDX-License-Identifier: MIT
#pragma once

#include <openssl/evp.h>

#include <string>

// OpenSSL's libcrypto, loaded the first time a source digest is computed
// (dlopen) rather than linked: linked, its constructor and relocations cost
// about 1.5 ms of every storydiff process's start-up, a third of what a
// `storydiff diff` of two small files costs (docs/DEPENDENCIES.md).
namespace storydiff::cli::detail {

// The libcrypto functions sha256_hex calls, with OpenSSL's own signatures.
struct CryptoApi {
  decltype(&::EVP_Digest) digest;
  decltype(&::EVP_sha256) sha256;
};

// Loads libcrypto once (thread-safe). Returns null when it cannot, with the
// reason in `why` ("libcrypto.so.3: cannot open shared object file ...").
const CryptoApi* crypto_api(std::string& why);

} // namespace storydiff::cli::detail
