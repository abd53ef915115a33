package signing

import (
	"encoding/base64"
	"time"
)

// TimeFormat is the layout of the Timestamp common parameter and of the
// x-acs-date header: UTC, second precision, a literal Z.
const TimeFormat = "2006-01-02T15:04:05Z"

// The values of the HMAC-SHA1 signature's common parameters.
const (
	// MethodHMACSHA1 is the SignatureMethod of the RPC signature.
	MethodHMACSHA1 = "HMAC-SHA1"
	// VersionRPC is the SignatureVersion of the RPC signature.
	VersionRPC = "1.0"
)

// Credentials are what a signature is computed with. The zero value signs
// with an empty key and sends no SecurityToken; it is useful only in tests.
type Credentials struct {
	// AccessKeyID is sent in the clear, as AccessKeyId.
	AccessKeyID string
	// AccessKeySecret keys the HMAC; it is never sent.
	AccessKeySecret string
	// SecurityToken is sent only when not empty (STS credentials).
	SecurityToken string
}

// StringToSign returns the string that the HMAC-SHA1 RPC signature covers:
// method, the encoded path "/" and the encoded canonical query, joined by '&'.
func StringToSign(method, canonicalQuery string) string {
	return method + "&%2F&" + Encode(canonicalQuery)
}

// HMACSHA1 returns base64(HMAC-SHA1(secret + "&", stringToSign)), the value
// of the Signature parameter.
func HMACSHA1(secret, stringToSign string) string {
	m := sha1MACs.get(secret)
	defer sha1MACs.put(m)
	m.writeString(stringToSign)
	return base64.StdEncoding.EncodeToString(m.result())
}

// SignRPC signs a request with the HMAC-SHA1 RPC signature and returns its
// complete, encoded query string, Signature last. params holds the request's
// own parameters and the common ones that are not about the signature
// (Action, Version, Format, RegionId, ...); params is not modified. SignRPC
// adds AccessKeyId, SecurityToken when cred has one, SignatureMethod,
// SignatureVersion, SignatureNonce and Timestamp (t in UTC) before it signs.
// Parameters of params with those names are replaced.
func SignRPC(method string, params map[string]string, cred Credentials, t time.Time, nonce string) string {
	var arr [48]pair
	pairs := arr[:0]
	for k, v := range params {
		if !isSignatureParam(k) {
			pairs = append(pairs, newPair(Encode(k), v))
		}
	}
	pairs = append(pairs,
		newPair("AccessKeyId", cred.AccessKeyID),
		newPair("SignatureMethod", MethodHMACSHA1),
		newPair("SignatureNonce", nonce),
		newPair("SignatureVersion", VersionRPC),
		newPair("Timestamp", t.UTC().Format(TimeFormat)),
	)
	if cred.SecurityToken != "" {
		pairs = append(pairs, newPair("SecurityToken", cred.SecurityToken))
	}
	sortPairs(pairs)

	const sigLen = len("&Signature=") + 3*28 // base64 of 20 bytes, every byte encoded at worst
	buf := appendCanonical(make([]byte, 0, canonicalLen(pairs)+sigLen), pairs)

	m := sha1MACs.get(cred.AccessKeySecret)
	defer sha1MACs.put(m)
	m.writeString(method)
	m.writeString("&%2F&")
	m.writeEncoded(buf)
	var sig [28]byte
	base64.StdEncoding.Encode(sig[:], m.result())

	buf = append(buf, "&Signature="...)
	buf = appendEncoded(buf, string(sig[:]))
	return string(buf)
}

// isSignatureParam reports whether name is a parameter that SignRPC sets.
func isSignatureParam(name string) bool {
	switch name {
	case "AccessKeyId", "SecurityToken", "SignatureMethod", "SignatureNonce",
		"SignatureVersion", "Timestamp", "Signature":
		return true
	}
	return false
}
