package signing

import (
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
	m := sha256MACs.get(secret)
	defer sha256MACs.put(m)
	m.writeString(stringToSign)
	return hex.EncodeToString(m.result())
}

// AuthorizationV3 returns the value of the Authorization header.
func AuthorizationV3(accessKeyID, signedHeaders, signature string) string {
	return AlgorithmV3 + " Credential=" + accessKeyID + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature
}

// V3Headers are the headers of a request signed with ACS3-HMAC-SHA256,
// besides host, which is signed as the request sends it.
type V3Headers struct {
	Action        string // x-acs-action
	Version       string // x-acs-version
	Date          string // x-acs-date
	Nonce         string // x-acs-signature-nonce
	ContentSHA256 string // x-acs-content-sha256
	SecurityToken string // x-acs-security-token; empty: not sent, not signed
	Authorization string // Authorization
}

// The signed-header lists of SignV3Headers, sorted.
const (
	signedV3      = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
	signedV3Token = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
)

// SignV3Headers signs a request with ACS3-HMAC-SHA256 and returns the headers
// to set. canonicalQuery is CanonicalQuery of the parameters the URL
// carries; payloadHash is HashPayload of the body. It computes what
// CanonicalRequestV3, StringToSignV3, HMACSHA256 and AuthorizationV3 do, in
// one pass and without building the intermediate strings.
func SignV3Headers(method, host, action, version, canonicalQuery, payloadHash string, cred Credentials, t time.Time, nonce string) V3Headers {
	h := V3Headers{
		Action: action, Version: version, Date: t.UTC().Format(TimeFormat), Nonce: nonce,
		ContentSHA256: payloadHash, SecurityToken: cred.SecurityToken,
	}
	signed := signedV3
	if h.SecurityToken != "" {
		signed = signedV3Token
	}
	// Canonical request, header lines in sorted name order.
	var arr [1024]byte
	b := append(arr[:0], method...)
	b = append(b, "\n/\n"...)
	b = append(b, canonicalQuery...)
	b = append(b, "\nhost:"...)
	b = append(b, strings.TrimSpace(host)...)
	b = append(b, "\nx-acs-action:"...)
	b = append(b, strings.TrimSpace(action)...)
	b = append(b, "\nx-acs-content-sha256:"...)
	b = append(b, strings.TrimSpace(payloadHash)...)
	b = append(b, "\nx-acs-date:"...)
	b = append(b, h.Date...)
	if h.SecurityToken != "" {
		b = append(b, "\nx-acs-security-token:"...)
		b = append(b, strings.TrimSpace(h.SecurityToken)...)
	}
	b = append(b, "\nx-acs-signature-nonce:"...)
	b = append(b, strings.TrimSpace(nonce)...)
	b = append(b, "\nx-acs-version:"...)
	b = append(b, strings.TrimSpace(version)...)
	b = append(b, "\n\n"...)
	b = append(b, signed...)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	sum := sha256.Sum256(b)

	m := sha256MACs.get(cred.AccessKeySecret)
	defer sha256MACs.put(m)
	m.writeString(AlgorithmV3 + "\n")
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sum[:])
	m.h.Write(hexSum[:])
	var sig [2 * sha256.Size]byte
	hex.Encode(sig[:], m.result())
	// The Authorization value, built in one allocation.
	var auth strings.Builder
	auth.Grow(len(AlgorithmV3) + len(" Credential=,SignedHeaders=,Signature=") + len(cred.AccessKeyID) + len(signed) + len(sig))
	auth.WriteString(AlgorithmV3 + " Credential=")
	auth.WriteString(cred.AccessKeyID)
	auth.WriteString(",SignedHeaders=")
	auth.WriteString(signed)
	auth.WriteString(",Signature=")
	auth.Write(sig[:])
	h.Authorization = auth.String()
	return h
}

// SignV3 signs a request with ACS3-HMAC-SHA256 and returns every header to
// set on it, names in lower case: host, x-acs-action, x-acs-version,
// x-acs-date (t in UTC), x-acs-signature-nonce, x-acs-content-sha256,
// x-acs-security-token when cred has a token, and authorization. query holds
// the request's parameters, which stay in the URL (encode them with
// CanonicalQuery); payloadHash is HashPayload of the body. All of them but
// authorization are signed.
func SignV3(method, host, action, version string, query map[string]string, payloadHash string, cred Credentials, t time.Time, nonce string) map[string]string {
	v := SignV3Headers(method, host, action, version, CanonicalQuery(query), payloadHash, cred, t, nonce)
	h := map[string]string{
		"host":                  host,
		"x-acs-action":          v.Action,
		"x-acs-version":         v.Version,
		"x-acs-date":            v.Date,
		"x-acs-signature-nonce": v.Nonce,
		"x-acs-content-sha256":  v.ContentSHA256,
		"authorization":         v.Authorization,
	}
	if v.SecurityToken != "" {
		h["x-acs-security-token"] = v.SecurityToken
	}
	return h
}
