// SPDX-License-Identifier: GPL-2.0
/* See module_signature.h.  Shared by staprun (verify) and stap-sign. */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cert.h>
#include <cryptohi.h>
#include <keyhi.h>
#include <nss.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secerr.h>
#include "module_signature.h"
#include "trusted_path.h"

#define MAGIC "stap-module-signature-v1\n"
#define SIG_ALG SEC_OID_PKCS1_SHA256_WITH_RSA_ENCRYPTION

/* The parts of a .sgn file, pointing into it. */
struct parsed_signature {
	SECItem cert, sig;
};

static bool take(const unsigned char **p, const unsigned char *end,
		 SECItem *item)
{
	uint32_t n;

	if (end - *p < 4)
		return false;
	n = (uint32_t)(*p)[0] << 24 | (uint32_t)(*p)[1] << 16 |
	    (uint32_t)(*p)[2] << 8 | (*p)[3];
	*p += 4;
	if (n == 0 || (size_t)(end - *p) < n)
		return false;
	item->type = siBuffer;
	item->data = (unsigned char *)*p;
	item->len = n;
	*p += n;
	return true;
}

static bool parse(const char *sig, size_t len, struct parsed_signature *ps)
{
	const unsigned char *p = (const unsigned char *)sig, *end = p + len;

	if (len < strlen(MAGIC) || memcmp(sig, MAGIC, strlen(MAGIC)))
		return false;
	p += strlen(MAGIC);
	return take(&p, end, &ps->cert) && take(&p, end, &ps->sig) && p == end;
}

/* The signed message, piece by piece: magic, name, newline, bytes. */
static SECStatus feed(SECStatus (*update)(void *, const unsigned char *,
					  unsigned int),
		      void *ctx, const char *name, const char *data,
		      size_t len)
{
	SECStatus s = update(ctx, (const unsigned char *)MAGIC, strlen(MAGIC));

	if (s == SECSuccess)
		s = update(ctx, (const unsigned char *)name, strlen(name));
	if (s == SECSuccess)
		s = update(ctx, (const unsigned char *)"\n", 1);
	while (s == SECSuccess && len) {
		unsigned int n = len > (1u << 30) ? (1u << 30) : len;

		s = update(ctx, (const unsigned char *)data, n);
		data += n;
		len -= n;
	}
	return s;
}

/* "2021-01-01 00:00:00 UTC" */
static void format_time(PRTime t, char *buf, size_t size)
{
	time_t secs = (time_t)(t / PR_USEC_PER_SEC);
	struct tm tm;

	if (!gmtime_r(&secs, &tm) ||
	    !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "?");
}

/*
 * A signer in the store is trusted only within its certificate's dates;
 * false with the reason, naming the signer and the dates, otherwise.
 */
static bool signer_current(CERTCertificate *cert, char *text, size_t textlen)
{
	PRTime from, until, now = PR_Now();
	char a[40], b[40];

	if (CERT_GetCertTimes(cert, &from, &until) != SECSuccess) {
		snprintf(text, textlen, "its signer '%s' is in the trust "
					"store, but its certificate's dates "
					"cannot be read", cert->subjectName);
		return false;
	}
	if (now >= from && now <= until)
		return true;
	format_time(from, a, sizeof(a));
	format_time(until, b, sizeof(b));
	snprintf(text, textlen, "its signer '%s' is in the trust store, but "
				"its certificate %s (valid from %s to %s)",
		 cert->subjectName,
		 now < from ? "is not valid yet" : "has expired", a, b);
	return false;
}

static SECStatus vfy_update(void *ctx, const unsigned char *p, unsigned int n)
{
	return VFY_Update(ctx, p, n);
}

static SECStatus sgn_update(void *ctx, const unsigned char *p, unsigned int n)
{
	return SGN_Update(ctx, p, n);
}

/* The trust store, read-only, if it is there and root-only. */
static bool open_store(const char *dir, char *text, size_t n)
{
	char why[PATH_MAX + 256], spec[PATH_MAX + 8];
	struct stat st;
	int fd = stap_open_trusted(dir, O_RDONLY | O_DIRECTORY, why,
				   sizeof(why));

	if (fd >= 0 && (fstat(fd, &st) || !stap_root_only(&st))) {
		snprintf(why, sizeof(why), "'%s' is not root-only", dir);
		close(fd);
		fd = -1;
	}
	if (fd >= 0) {
		close(fd);
		snprintf(spec, sizeof(spec), "sql:%s", dir);
		if (NSS_Initialize(spec, "", "", SECMOD_DB,
				   NSS_INIT_READONLY | NSS_INIT_NOROOTINIT |
					   NSS_INIT_OPTIMIZESPACE) ==
		    SECSuccess)
			return true;
		snprintf(why, sizeof(why), "NSS cannot open '%s': error %d",
			 dir, PR_GetError());
	}
	snprintf(text, n, "; trust store unusable: %s", why);
	NSS_NoDB_Init(NULL);
	return false;
}

enum signature_state stap_verify_signature(const char *name, const char *data,
					   size_t len, const char *sig,
					   size_t siglen,
					   const char *trust_dir, char *text,
					   size_t textlen)
{
	struct parsed_signature ps;
	char store_note[PATH_MAX + 600] = "";
	enum signature_state state = SIGNATURE_BAD;
	CERTCertificate *known, *cert = NULL;
	SECKEYPublicKey *key = NULL;
	VFYContext *ctx = NULL;
	bool store;

	store = open_store(trust_dir, store_note, sizeof(store_note));
	if (!NSS_IsInitialized()) {
		snprintf(text, textlen, "NSS cannot start");
		return SIGNATURE_BAD;
	}
	if (!parse(sig, siglen, &ps)) {
		snprintf(text, textlen, "its signature file is malformed");
		goto out;
	}
	known = store ? CERT_FindCertByDERCert(CERT_GetDefaultCertDB(),
					       &ps.cert)
		      : NULL;
	cert = known ? known
		     : CERT_NewTempCertificate(CERT_GetDefaultCertDB(),
					       &ps.cert, NULL, PR_FALSE,
					       PR_TRUE);
	key = cert ? CERT_ExtractPublicKey(cert) : NULL;
	ctx = key ? VFY_CreateContext(key, &ps.sig, SIG_ALG, NULL) : NULL;
	if (!ctx) {
		snprintf(text, textlen, "its signature's certificate is not "
					"usable (NSS error %d)", PR_GetError());
		goto out;
	}
	if (VFY_Begin(ctx) != SECSuccess ||
	    feed(vfy_update, ctx, name, data, len) != SECSuccess ||
	    VFY_End(ctx) != SECSuccess) {
		snprintf(text, textlen, "its signature does not match the "
					"module '%s' (changed or renamed)", name);
		goto out;
	}
	if (known && known->isperm &&
	    !signer_current(cert, text, textlen)) {
		state = SIGNATURE_UNTRUSTED;
	} else if (known && known->isperm) {
		state = SIGNATURE_TRUSTED;
		snprintf(text, textlen, "it is signed by '%s' (trusted)",
			 cert->subjectName);
	} else {
		state = SIGNATURE_UNTRUSTED;
		snprintf(text, textlen, "its signer '%s' is not in the trust "
					"store %s%s", cert->subjectName,
			 trust_dir, store_note);
	}
out:
	if (ctx)
		VFY_DestroyContext(ctx, PR_TRUE);
	if (key)
		SECKEY_DestroyPublicKey(key);
	if (cert)
		CERT_DestroyCertificate(cert);
	return state;
}

static void put_len(FILE *f, unsigned int n)
{
	unsigned char b[4] = { n >> 24, n >> 16, n >> 8, n };

	fwrite(b, 1, 4, f);
}

bool stap_sign_module(const char *name, const char *data, size_t len,
		      struct CERTCertificateStr *cert,
		      struct SECKEYPrivateKeyStr *key,
		      const char *out_path)
{
	SGNContext *ctx = SGN_NewContext(SIG_ALG, key);
	SECItem sig = { siBuffer, NULL, 0 };
	bool ok = false;
	FILE *f;
	int fd;

	if (!ctx || SGN_Begin(ctx) != SECSuccess ||
	    feed(sgn_update, ctx, name, data, len) != SECSuccess ||
	    SGN_End(ctx, &sig) != SECSuccess)
		goto out;
	fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
				    O_CLOEXEC, 0644);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		goto out;
	fputs(MAGIC, f);
	put_len(f, cert->derCert.len);
	fwrite(cert->derCert.data, 1, cert->derCert.len, f);
	put_len(f, sig.len);
	fwrite(sig.data, 1, sig.len, f);
	ok = fclose(f) == 0;
out:
	if (ctx)
		SGN_DestroyContext(ctx, PR_TRUE);
	SECITEM_FreeItem(&sig, PR_FALSE);
	return ok;
}
