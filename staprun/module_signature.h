/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Detached module signatures (MODULE.ko.sgn), made and checked with NSS.
 *
 * The signed message binds the module's name to its bytes:
 *   "stap-module-signature-v1\n" NAME "\n" BYTES
 * so a renamed module (the file name is the module name staprun loads)
 * or a changed byte fails.  The file holds the signer's certificate and
 * the signature:
 *   "stap-module-signature-v1\n" u32 cert_len, cert (DER),
 *   u32 sig_len, sig (PKCS#1 v1.5, SHA-256)      (lengths big-endian)
 * A signature that verifies under its own certificate is then trusted
 * only if that certificate is in staprun's trust store.
 */
#ifndef STAPRUN_MODULE_SIGNATURE_H
#define STAPRUN_MODULE_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>
#include "load_decision.h"

#define STAP_SIGNATURE_MAX (64u << 10)
#define STAP_TRUST_STORE "/etc/stap/staprun"
#define STAP_SIGNER_NICKNAME "stap-module-signer"

/*
 * Checks @sig (the .sgn file's bytes) against @name and @data with the
 * NSS database @trust_dir (opened read-only, after checking it is
 * root-only).  Fills @text with the signer or the failure.
 */
enum signature_state stap_verify_signature(const char *name, const char *data,
					   size_t len, const char *sig,
					   size_t siglen,
					   const char *trust_dir, char *text,
					   size_t textlen);

/*
 * Writes @out_path (MODULE.ko.sgn) for module @name's bytes with @key,
 * carrying @cert; NSS must be initialised with the key's database.
 */
struct CERTCertificateStr;
struct SECKEYPrivateKeyStr;
bool stap_sign_module(const char *name, const char *data, size_t len,
		      struct CERTCertificateStr *cert,
		      struct SECKEYPrivateKeyStr *key, const char *out_path);

#endif /* STAPRUN_MODULE_SIGNATURE_H */
