package signing

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// AlgorithmV3 is the name of the ACS3-HMAC-SHA256 ("V3") signature, the
// first word of its Authorization header.
const AlgorithmV3 = "ACS3-HMAC-SHA256"

// EmptyPayloadHash is the hex SHA-256 of an empty body, the
// x-acs-content-sha256 of a request whose parameters are all in the query.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// HashPayload returns the hex SHA-256 of body, the value of
// x-acs-content-sha256.
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// CanonicalRequestV3 returns the V3 canonical request and its signed-header
// list. headers are the headers to sign, by any case of name; each becomes
// "name:value\n" with the name in lower case and the value trimmed, sorted
// by name. The path is always "/", as for every RPC API.
func CanonicalRequestV3(method, canonicalQuery string, headers map[string]string, payloadHash string) (canonical, signedHeaders string) {
	names := make([]string, 0, len(headers))
	lower := make(map[string]string, len(headers))
	for k, v := range headers {
		n := strings.ToLower(k)
		names = append(names, n)
		lower[n] = strings.TrimSpace(v)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(method)
	b.WriteString("\n/\n")
	b.WriteString(canonicalQuery)
	b.WriteByte('\n')
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte(':')
		b.WriteString(lower[n])
		b.WriteByte('\n')
	}
	signedHeaders = strings.Join(names, ";")
	b.WriteByte('\n')
	b.WriteString(signedHeaders)
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String(), signedHeaders
}

// StringToSignV3 returns "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical)).
func StringToSignV3(canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return AlgorithmV3 + "\n" + hex.EncodeToString(sum[:])
}

// HMACSHA256 returns hex(HMAC-SHA256(secret, stringToSign)), the V3
// signature. Unlike HMAC-SHA1, the key is the secret alone.
func HMACSHA256(secret, stringToSign string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(stringToSign))
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0]))
}

// AuthorizationV3 returns the value of the Authorization header.
func AuthorizationV3(accessKeyID, signedHeaders, signature string) string {
	return AlgorithmV3 + " Credential=" + accessKeyID + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature
}

// SignV3 signs a request with ACS3-HMAC-SHA256 and returns every header to
// set on it, names in lower case: host, x-acs-action, x-acs-version,
// x-acs-date (t in UTC), x-acs-signature-nonce, x-acs-content-sha256,
// x-acs-security-token when cred has a token, and authorization. query holds
// the request's parameters, which stay in the URL (encode them with
// CanonicalQuery); payloadHash is HashPayload of the body. All of them but
// authorization are signed.
func SignV3(method, host, action, version string, query map[string]string, payloadHash string, cred Credentials, t time.Time, nonce string) map[string]string {
	h := map[string]string{
		"host":                  host,
		"x-acs-action":          action,
		"x-acs-version":         version,
		"x-acs-date":            t.UTC().Format(TimeFormat),
		"x-acs-signature-nonce": nonce,
		"x-acs-content-sha256":  payloadHash,
	}
	if cred.SecurityToken != "" {
		h["x-acs-security-token"] = cred.SecurityToken
	}
	canonical, signed := CanonicalRequestV3(method, CanonicalQuery(query), h, payloadHash)
	h["authorization"] = AuthorizationV3(cred.AccessKeyID, signed, HMACSHA256(cred.AccessKeySecret, StringToSignV3(canonical)))
	return h
}
