package signing

import (
	"crypto/hmac"
	"crypto/sha1"
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
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	var sum [sha1.Size]byte
	return base64.StdEncoding.EncodeToString(m.Sum(sum[:0]))
}

// SignRPC signs a request with the HMAC-SHA1 RPC signature and returns its
// complete, encoded query string, Signature last. params holds the request's
// own parameters and the common ones that are not about the signature
// (Action, Version, Format, RegionId, ...); params is not modified. SignRPC
// adds AccessKeyId, SecurityToken when cred has one, SignatureMethod,
// SignatureVersion, SignatureNonce and Timestamp (t in UTC) before it signs.
// Parameters of params with those names are replaced.
func SignRPC(method string, params map[string]string, cred Credentials, t time.Time, nonce string) string {
	common := [...]pair{
		{"AccessKeyId", cred.AccessKeyID},
		{"SecurityToken", cred.SecurityToken},
		{"SignatureMethod", MethodHMACSHA1},
		{"SignatureNonce", nonce},
		{"SignatureVersion", VersionRPC},
		{"Timestamp", t.UTC().Format(TimeFormat)},
	}
	pairs := make([]pair, 0, len(params)+len(common))
	for k, v := range params {
		if !isSignatureParam(k) {
			pairs = append(pairs, pair{Encode(k), Encode(v)})
		}
	}
	for _, p := range common {
		if p.name == "SecurityToken" && p.value == "" {
			continue
		}
		pairs = append(pairs, pair{p.name, Encode(p.value)})
	}
	query := join(pairs)
	sig := HMACSHA1(cred.AccessKeySecret, StringToSign(method, query))
	return query + "&Signature=" + Encode(sig)
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
