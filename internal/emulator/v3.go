package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/flowlog-go/flowlog/signing"
)

// The headers of the ACS3-HMAC-SHA256 ("V3") signature, in lower case.
const (
	headerAction        = "x-acs-action"
	headerVersion       = "x-acs-version"
	headerDate          = "x-acs-date"
	headerNonce         = "x-acs-signature-nonce"
	headerContentSHA256 = "x-acs-content-sha256"
	headerSecurityToken = "x-acs-security-token"
)

// incompletePrefix starts the message of every IncompleteSignature error;
// the gateway's own words, followed by what is wrong.
const incompletePrefix = "The request signature does not conform to Aliyun standards. "

// incomplete is the error for an Authorization header that cannot be
// verified as it stands.
func incomplete(detail string) *apiError {
	return &apiError{400, "IncompleteSignature", incompletePrefix + detail}
}

// isV3 reports whether h carries an Authorization header of the ACS3 family
// (its first word starts with "ACS3-"). Such a request is authenticated by
// its headers alone; an algorithm of the family other than ACS3-HMAC-SHA256
// is then refused as IncompleteSignature rather than mistaken for an
// unsigned RPC request.
func isV3(h http.Header) bool {
	alg, _, _ := strings.Cut(h.Get("Authorization"), " ")
	return strings.HasPrefix(alg, "ACS3-")
}

// authorizationV3 is a parsed V3 Authorization header.
type authorizationV3 struct {
	credential    string   // the AccessKeyId
	signedHeaders []string // lower case, in the order sent
	signature     string   // hex
}

// parseAuthorizationV3 parses the Authorization headers of a V3 request:
// exactly one, "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,
// Signature=<hex>", the three elements in any order, each once and not
// empty, spaces allowed after the commas.
func parseAuthorizationV3(values []string) (authorizationV3, *apiError) {
	var a authorizationV3
	if len(values) != 1 {
		return a, incomplete("The request has more than one Authorization header.")
	}
	alg, rest, _ := strings.Cut(values[0], " ")
	if alg != signing.AlgorithmV3 {
		return a, incomplete(`The signature algorithm "` + alg + `" is not supported; use ` + signing.AlgorithmV3 + ".")
	}
	seen := make(map[string]bool, 3)
	var signedList string
	for _, part := range strings.Split(rest, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue // reported below as a missing element, if one is
		}
		name, value, _ := strings.Cut(part, "=")
		switch name {
		case "Credential", "SignedHeaders", "Signature":
		default:
			return a, incomplete(`The Authorization header has an unknown element "` + name + `".`)
		}
		if seen[name] {
			return a, incomplete("The Authorization header has more than one " + name + ".")
		}
		seen[name] = true
		switch name {
		case "Credential":
			a.credential = value
		case "SignedHeaders":
			signedList = value
		case "Signature":
			a.signature = value
		}
	}
	for _, el := range [...]struct{ name, value string }{
		{"Credential", a.credential}, {"SignedHeaders", signedList}, {"Signature", a.signature},
	} {
		if el.value == "" {
			return a, incomplete("The Authorization header has no " + el.name + ".")
		}
	}
	for _, name := range strings.Split(signedList, ";") {
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case name == "":
			return a, incomplete("SignedHeaders has an empty header name.")
		case name == "authorization":
			return a, incomplete("SignedHeaders cannot include authorization.")
		case slices.Contains(a.signedHeaders, name):
			return a, incomplete(`SignedHeaders names "` + name + `" more than once.`)
		}
		a.signedHeaders = append(a.signedHeaders, name)
	}
	return a, nil
}

// authenticateV3 checks the headers and the ACS3-HMAC-SHA256 signature of a
// request, in the same order as authenticateRPC (action, version, what is
// missing, time, AccessKeyId, signature, token), and returns what they
// establish and the server clock's time. The signature covers the URL
// query, the signed headers as received and the hash of the body received.
func (x *exchange) authenticateV3(in *incoming) (authenticated, time.Time, *apiError) {
	s, p, h := x.s, x.s.product, in.header
	switch action := h.Get(headerAction); {
	case action == "":
		return authenticated{}, time.Time{}, missing(headerAction)
	case action != p.Action:
		return authenticated{}, time.Time{}, actionNotFound()
	}
	if h.Get(headerVersion) != p.Version {
		return authenticated{}, time.Time{}, invalidVersion(headerVersion)
	}
	auth, e := parseAuthorizationV3(h.Values("Authorization"))
	if e != nil {
		return authenticated{}, time.Time{}, e
	}
	for _, name := range [...]string{headerNonce, headerDate, headerContentSHA256} {
		if h.Get(name) == "" {
			return authenticated{}, time.Time{}, missing(name)
		}
	}
	if !slices.Contains(auth.signedHeaders, "host") {
		return authenticated{}, time.Time{}, incomplete("SignedHeaders must include host.")
	}
	var unsigned []string
	for name := range h {
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "x-acs-") && !slices.Contains(auth.signedHeaders, name) {
			unsigned = append(unsigned, name)
		}
	}
	if len(unsigned) > 0 {
		slices.Sort(unsigned)
		return authenticated{}, time.Time{}, incomplete(`The header "` + unsigned[0] +
			`" is not in SignedHeaders; host and every x-acs-* header must be signed.`)
	}

	now := s.cfg.now()
	ts, e := checkTime(h.Get(headerDate), now)
	if e != nil {
		return authenticated{}, now, e
	}
	cred := s.cfg.cred
	if auth.credential != cred.AccessKeyID {
		return authenticated{}, now, accessKeyNotFound()
	}
	payloadHash := h.Get(headerContentSHA256)
	if got := signing.HashPayload(in.body); !strings.EqualFold(payloadHash, got) {
		return authenticated{}, now, &apiError{400, "SignatureDoesNotMatch",
			"Specified " + headerContentSHA256 + " is not matched with our calculation. " +
				"server SHA-256 of the request body is:" + got}
	}
	sts := stringToSignV3(in.method, in.host, in.query, h, auth.signedHeaders, payloadHash)
	if signing.HMACSHA256(cred.AccessKeySecret, sts) != auth.signature {
		return authenticated{}, now, signatureMismatch(sts)
	}
	if e := checkSecurityToken(h.Get(headerSecurityToken), cred.SecurityToken, headerSecurityToken); e != nil {
		return authenticated{}, now, e
	}
	return authenticated{keyID: auth.credential, nonce: h.Get(headerNonce), ts: ts}, now, nil
}

// stringToSignV3 returns the server's V3 string to sign for a request: its
// method, the canonical form of its URL query parameters, the values
// received of the signed headers (host from the Host header; a header sent
// more than once has its values joined with commas; one not sent is
// empty), and payloadHash as the client sent it.
func stringToSignV3(method, host string, query map[string]string, h http.Header, signed []string, payloadHash string) string {
	headers := make(map[string]string, len(signed))
	for _, name := range signed {
		if name == "host" {
			headers[name] = host
			continue
		}
		vs := h.Values(name)
		trimmed := make([]string, len(vs))
		for i, v := range vs {
			trimmed[i] = strings.TrimSpace(v)
		}
		headers[name] = strings.Join(trimmed, ",")
	}
	canonical, _ := signing.CanonicalRequestV3(method, signing.CanonicalQuery(query), headers, payloadHash)
	return signing.StringToSignV3(canonical)
}
