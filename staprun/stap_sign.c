// SPDX-License-Identifier: GPL-2.0
/*
 * stap-sign: module signing keys and staprun's trust store, with NSS.
 *
 *   stap-sign new-key [--not-before=DATE] [--not-after=DATE] KEYDIR
 *                                     a signing key and its certificate
 *                                     (KEYDIR/signer.cert) in a new NSS db,
 *                                     valid from now for ten years unless
 *                                     the dates (YYYY-MM-DD, UTC) say else
 *   stap-sign trust CERT [STORE]      add a signer's certificate to the
 *                                     trust store (/etc/stap/staprun)
 *   stap-sign sign KEYDIR MODULE.ko   write MODULE.ko.sgn
 *
 * `stap --sign-module=KEYDIR` runs the last one on the module it builds.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cert.h>
#include <cryptohi.h>
#include <keyhi.h>
#include <nss.h>
#include <pk11pub.h>
#include <prerror.h>
#include <secasn1.h>
#include <secder.h>
#include "common.h"
#include "module_image.h"
#include "module_signature.h"

#define PROG "stap-sign"
#define KEY_BITS 3072
#define VALID_YEARS 10

static int usage(void)
{
	fprintf(stderr, "usage: stap-sign new-key [--not-before=YYYY-MM-DD] "
			"[--not-after=YYYY-MM-DD] KEYDIR\n"
			"       stap-sign trust CERT [STORE]\n"
			"       stap-sign sign KEYDIR MODULE.ko\n");
	return 1;
}

static int nss_fail(const char *what)
{
	stap_warn(PROG, "%s failed (NSS error %d)", what, PR_GetError());
	return 1;
}

/* Opens (creating) the NSS db in @dir; a new db gets an empty password. */
static bool open_db(const char *dir, bool readonly)
{
	char spec[PATH_MAX + 8];
	PK11SlotInfo *slot;
	bool ok;

	snprintf(spec, sizeof(spec), "sql:%s", dir);
	if (NSS_Initialize(spec, "", "", SECMOD_DB,
			   (readonly ? NSS_INIT_READONLY : 0) |
				   NSS_INIT_NOROOTINIT) != SECSuccess) {
		nss_fail("opening the NSS database");
		return false;
	}
	slot = PK11_GetInternalKeySlot();
	ok = slot && (!PK11_NeedUserInit(slot) ||
		      PK11_InitPin(slot, NULL, "") == SECSuccess) &&
	     PK11_Authenticate(slot, PR_TRUE, NULL) == SECSuccess;
	if (slot)
		PK11_FreeSlot(slot);
	if (!ok)
		nss_fail("unlocking the NSS database");
	return ok;
}

static bool write_file(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wxe");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		stap_warn(PROG, "cannot write '%s': %s", path, strerror(errno));
		return false;
	}
	return true;
}

/* A random positive serial number: two keys made in the same second must
 * not share issuer and serial, or NSS refuses the second one as a
 * conflicting copy of the first. */
static unsigned long random_serial(void)
{
	unsigned long serial;

	if (PK11_GenerateRandom((unsigned char *)&serial, sizeof(serial)) !=
	    SECSuccess)
		return 0;
	serial &= LONG_MAX;
	return serial ? serial : 1;
}

/* A certificate's dates: from, until (microseconds since 1970, UTC). */
struct validity {
	PRTime from, until;
};

/* A self-signed certificate for @pub, signed with @priv. */
static CERTCertificate *self_signed(SECKEYPublicKey *pub,
				    SECKEYPrivateKey *priv,
				    const struct validity *dates)
{
	char host[256] = "localhost", subject[400];
	CERTSubjectPublicKeyInfo *spki;
	CERTCertificateRequest *req;
	CERTValidity *validity;
	CERTCertificate *cert;
	CERTName *name;
	unsigned long serial;
	SECItem der = { siBuffer, NULL, 0 };
	PLArenaPool *arena;

	gethostname(host, sizeof(host) - 1);
	snprintf(subject, sizeof(subject), "CN=stap module signer on %s, O=stap",
		 host);
	name = CERT_AsciiToName(subject);
	spki = SECKEY_CreateSubjectPublicKeyInfo(pub);
	req = name && spki ? CERT_CreateCertificateRequest(name, spki, NULL)
			   : NULL;
	validity = CERT_CreateValidity(dates->from, dates->until);
	serial = random_serial();
	cert = req && validity && serial
		       ? CERT_CreateCertificate(serial, name, validity, req)
		       : NULL;
	if (!cert)
		return NULL;
	arena = cert->arena;
	if (SEC_ASN1EncodeInteger(arena, &cert->version,
				  SEC_CERTIFICATE_VERSION_3) == NULL ||
	    SECOID_SetAlgorithmID(arena, &cert->signature,
				  SEC_OID_PKCS1_SHA256_WITH_RSA_ENCRYPTION,
				  NULL) != SECSuccess ||
	    !SEC_ASN1EncodeItem(arena, &der, cert,
				SEC_ASN1_GET(CERT_CertificateTemplate)) ||
	    SEC_DerSignData(arena, &cert->derCert, der.data, der.len, priv,
			    SEC_OID_PKCS1_SHA256_WITH_RSA_ENCRYPTION) !=
		    SECSuccess) {
		CERT_DestroyCertificate(cert);
		return NULL;
	}
	CERT_DestroyCertificateRequest(req);
	CERT_DestroyValidity(validity);
	return cert;
}

static int new_key(const char *dir, const struct validity *dates)
{
	PK11RSAGenParams params = { KEY_BITS, 65537 };
	SECKEYPublicKey *pub = NULL;
	SECKEYPrivateKey *priv;
	CERTCertificate *cert;
	PK11SlotInfo *slot;
	char path[PATH_MAX];

	if (mkdir(dir, 0700) && errno != EEXIST) {
		stap_warn(PROG, "cannot create '%s': %s", dir, strerror(errno));
		return 1;
	}
	if (!open_db(dir, false))
		return 1;
	slot = PK11_GetInternalKeySlot();
	priv = PK11_GenerateKeyPair(slot, CKM_RSA_PKCS_KEY_PAIR_GEN, &params,
				    &pub, PR_TRUE, PR_TRUE, NULL);
	if (!priv)
		return nss_fail("generating the key");
	cert = self_signed(pub, priv, dates);
	if (!cert)
		return nss_fail("creating the certificate");
	if (PK11_ImportDERCert(slot, &cert->derCert, CK_INVALID_HANDLE,
			       STAP_SIGNER_NICKNAME, PR_FALSE) != SECSuccess)
		return nss_fail("storing the certificate");
	snprintf(path, sizeof(path), "%s/signer.cert", dir);
	if (!write_file(path, cert->derCert.data, cert->derCert.len))
		return 1;
	printf("%s\n", path);
	CERT_DestroyCertificate(cert);
	SECKEY_DestroyPrivateKey(priv);
	SECKEY_DestroyPublicKey(pub);
	PK11_FreeSlot(slot);
	NSS_Shutdown();
	return 0;
}

static char *slurp(const char *path, size_t *len, size_t max)
{
	struct stat st;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (size_t)st.st_size <= max &&
	    (buf = malloc(st.st_size)) &&
	    read(fd, buf, st.st_size) == st.st_size) {
		*len = st.st_size;
	} else {
		stap_warn(PROG, "cannot read '%s'", path);
		free(buf);
		buf = NULL;
	}
	if (fd >= 0)
		close(fd);
	return buf;
}

static int trust(const char *cert_path, const char *store)
{
	unsigned char digest[32];
	char nick[64];
	SECItem der;
	size_t len;
	PK11SlotInfo *slot;
	char *data = slurp(cert_path, &len, STAP_SIGNATURE_MAX);
	int i;

	if (!data)
		return 1;
	if (mkdir(store, 0755) && errno != EEXIST) {
		stap_warn(PROG, "cannot create '%s': %s", store,
			  strerror(errno));
		return 1;
	}
	if (!open_db(store, false))
		return 1;
	der.type = siBuffer;
	der.data = (unsigned char *)data;
	der.len = len;
	/* A nickname per certificate: its SHA-256, shortened. */
	if (PK11_HashBuf(SEC_OID_SHA256, digest, der.data, der.len) !=
	    SECSuccess)
		return nss_fail("hashing the certificate");
	i = snprintf(nick, sizeof(nick), "stap-signer-");
	for (int k = 0; k < 8; k++)
		i += snprintf(nick + i, sizeof(nick) - i, "%02x", digest[k]);
	slot = PK11_GetInternalKeySlot();
	if (PK11_ImportDERCert(slot, &der, CK_INVALID_HANDLE, nick,
			       PR_FALSE) != SECSuccess)
		return nss_fail("adding the certificate to the trust store");
	printf("%s: added '%s' to %s\n", PROG, nick, store);
	PK11_FreeSlot(slot);
	NSS_Shutdown();
	return 0;
}

static int sign(const char *dir, const char *ko)
{
	struct module_image m;
	CERTCertificate *cert;
	SECKEYPrivateKey *key;
	char out[PATH_MAX + 8], file_name[STAP_MODNAME_MAX];
	int fd = open(ko, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		stap_warn(PROG, "cannot open '%s': %s", ko, strerror(errno));
		return 1;
	}
	if (!module_image_read(fd, ko, &m))
		return 1;
	close(fd);
	if (!stap_module_name(ko, file_name, sizeof(file_name)) ||
	    strcmp(file_name, m.name)) {
		stap_warn(PROG, "'%s' holds module '%s'; its file must be "
				"named '%s.ko'", ko, m.name, m.name);
		return 1;
	}
	if (!open_db(dir, true))
		return 1;
	cert = PK11_FindCertFromNickname(STAP_SIGNER_NICKNAME, NULL);
	key = cert ? PK11_FindKeyByAnyCert(cert, NULL) : NULL;
	if (!key) {
		stap_warn(PROG, "no signing key in '%s' (stap-sign new-key): "
				"%s, NSS error %d", dir,
			  cert ? "no key for the certificate" : "no certificate",
			  PR_GetError());
		return 1;
	}
	snprintf(out, sizeof(out), "%s.sgn", ko);
	unlink(out);
	if (!stap_sign_module(m.name, m.data, m.len, cert, key, out))
		return nss_fail("signing");
	printf("%s\n", out);
	SECKEY_DestroyPrivateKey(key);
	CERT_DestroyCertificate(cert);
	module_image_free(&m);
	NSS_Shutdown();
	return 0;
}

/* DATE: YYYY-MM-DD exactly, midnight UTC. */
static bool parse_date(const char *text, PRTime *t)
{
	struct tm tm = { 0 };
	const char *end = strptime(text, "%Y-%m-%d", &tm);
	time_t secs;

	if (!end || *end || strlen(text) != 10)
		return false;
	secs = timegm(&tm);
	*t = (PRTime)secs * PR_USEC_PER_SEC;
	return true;
}

/* new-key [--not-before=DATE] [--not-after=DATE] KEYDIR */
static int new_key_command(int argc, char **argv)
{
	PRTime now = PR_Now();
	struct validity dates = {
		now, now + (PRTime)VALID_YEARS * 365 * 24 * 3600 *
				   PR_USEC_PER_SEC
	};
	int i;

	for (i = 2; i < argc - 1; i++) {
		const char *v = strchr(argv[i], '=');
		PRTime *t = !strncmp(argv[i], "--not-before=", 13)
				    ? &dates.from
				    : !strncmp(argv[i], "--not-after=", 12)
					      ? &dates.until
					      : NULL;

		if (!t)
			return usage();
		if (!parse_date(v + 1, t)) {
			stap_warn(PROG, "'%s': the date must be YYYY-MM-DD",
				  argv[i]);
			return 1;
		}
	}
	if (argc < 3 || argv[argc - 1][0] == '-')
		return usage();
	if (dates.until <= dates.from) {
		stap_warn(PROG, "the certificate would never be valid: "
				"--not-after is not later than --not-before");
		return 1;
	}
	return new_key(argv[argc - 1], &dates);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "new-key"))
		return new_key_command(argc, argv);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "trust"))
		return trust(argv[2], argc == 4 ? argv[3] : STAP_TRUST_STORE);
	if (argc == 4 && !strcmp(argv[1], "sign"))
		return sign(argv[2], argv[3]);
	return usage();
}
