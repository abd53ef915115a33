package emulator

import (
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/flowlog-go/flowlog/signing"
)

// maxBody bounds the form body the server reads.
const maxBody = 1 << 20

// skew is how far a request's Timestamp may be from the server clock, either
// way; it is also how long a SignatureNonce is remembered past its
// Timestamp.
const skew = 15 * time.Minute

// sweepEvery is how often (by the server clock) expired nonces are pruned.
const sweepEvery = time.Second

// errMalformed is the parse error of a query or body that is not
// application/x-www-form-urlencoded.
var errMalformed = errors.New("malformed parameters")

// serveHTTP handles one request: it records it, applies the queued fault and
// answers.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	in, perr := readRequest(r)
	params := in.params
	action, algorithm := params["Action"], signing.MethodHMACSHA1
	if in.v3 {
		action, algorithm = r.Header.Get(headerAction), signing.AlgorithmV3
	}

	s.mu.Lock()
	fault := s.popFault()
	reqID := s.newRequestID()
	idx := len(s.requests)
	rec := Request{
		Method:    r.Method,
		Action:    action,
		Format:    params["Format"],
		Signature: algorithm,
		Params:    redact(params),
		Header:    redactHeader(r.Header),
		UserAgent: r.UserAgent(),
		RequestID: reqID,
	}
	if fault.kind != faultNone {
		rec.Fault = fault.String()
	}
	s.requests = append(s.requests, rec)
	s.mu.Unlock()

	x := &exchange{s: s, format: responseFormat(params, in.v3), requestID: reqID}

	switch fault.kind {
	case faultThrottling:
		s.send(w, idx, x.fail(&apiError{400, "Throttling.User", "Request was denied due to user flow control."}))
		return
	case faultBusy:
		s.send(w, idx, x.fail(&apiError{400, s.product.rules.busyCode, s.product.rules.busyMessage}))
		return
	case faultServiceUnavailable:
		s.send(w, idx, x.fail(&apiError{503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."}))
		return
	case faultInternalError:
		s.send(w, idx, x.fail(&apiError{500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."}))
		return
	case faultExpiredToken:
		s.send(w, idx, x.fail(&apiError{400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."}))
		return
	case faultHTMLBadGateway:
		s.send(w, idx, htmlBadGateway())
		return
	case faultEmptyBody:
		s.send(w, idx, reply{status: http.StatusServiceUnavailable})
		return
	case faultResetBeforeCommit:
		s.finish(idx, 0, "")
		resetConn(w)
		return
	case faultSlow:
		if !s.wait(fault.delay) {
			s.finish(idx, 0, "")
			resetConn(w)
			return
		}
	}

	out := x.process(in, perr)
	switch fault.kind {
	case faultResetAfterCommit:
		s.finish(idx, 0, out.code)
		resetConn(w)
	case faultTruncatedBody:
		s.finish(idx, out.status, out.code)
		writeTruncated(w, out)
	default:
		s.send(w, idx, out)
	}
}

// wait waits d, or until the server is closed; it reports whether the wait
// ran its course.
func (s *Server) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.done:
		return false
	}
}

// send records the outcome of request idx and writes out.
func (s *Server) send(w http.ResponseWriter, idx int, out reply) {
	s.finish(idx, out.status, out.code)
	out.write(w)
}

// finish records the outcome of request idx. It runs before the response is
// written, so that a client that has read the response sees it recorded.
func (s *Server) finish(idx, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[idx].Status = status
	s.requests[idx].Code = code
}

// incoming is what the server read of one request.
type incoming struct {
	method string
	path   string
	// host is the Host header (net/http keeps it out of header).
	host   string
	header http.Header
	// params holds every parameter, from the URL query and, for a
	// form-encoded POST, the body; a name given more than once keeps its
	// first value, the query's before the body's.
	params map[string]string
	// query holds the parameters of the URL query alone, which the V3
	// signature covers (the body is covered by its hash).
	query map[string]string
	// body is the request body as received.
	body []byte
	// v3 is set when the request carries an Authorization header of the
	// ACS3 family (see isV3).
	v3 bool
}

// readRequest collects the parameters of r from its URL query and, for a
// form-encoded POST, its body, and keeps the body for the V3 payload hash.
// A name given more than once keeps its first value, the query's before the
// body's. `+` decodes as a space. The error is errMalformed when the query
// or a form body does not parse, or when the body cannot be read whole (for
// a form body or a V3 request, whose hash covers it).
func readRequest(r *http.Request) (*incoming, error) {
	in := &incoming{
		method: r.Method,
		path:   r.URL.Path,
		host:   r.Host,
		header: r.Header,
		params: make(map[string]string),
		query:  make(map[string]string),
		v3:     isV3(r.Header),
	}
	var perr error
	add := func(dst map[string]string, raw string) {
		vals, err := url.ParseQuery(raw)
		if err != nil && perr == nil {
			perr = errMalformed
		}
		for k, vs := range vals {
			if _, seen := dst[k]; !seen && len(vs) > 0 {
				dst[k] = vs[0]
			}
		}
	}
	add(in.params, r.URL.RawQuery)
	maps.Copy(in.query, in.params)

	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	form := r.Method == http.MethodPost && mt == "application/x-www-form-urlencoded"
	if r.Body != nil {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		switch {
		case err != nil || len(body) > maxBody:
			if (form || in.v3) && perr == nil {
				perr = errMalformed
			}
		default:
			in.body = body
			if form {
				add(in.params, string(body))
			}
		}
	}
	return in, perr
}

// redact copies params with the values of Signature and SecurityToken
// replaced.
func redact(params map[string]string) map[string]string {
	out := maps.Clone(params)
	for _, k := range [...]string{"Signature", "SecurityToken"} {
		if _, ok := out[k]; ok {
			out[k] = redacted
		}
	}
	return out
}

// redactHeader copies h with the signature of an Authorization header and
// the value of X-Acs-Security-Token replaced.
func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	if vs := out.Values("Authorization"); len(vs) > 0 {
		for i, v := range vs {
			vs[i] = redactAuthorization(v)
		}
	}
	if vs := out.Values(headerSecurityToken); len(vs) > 0 {
		for i := range vs {
			vs[i] = redacted
		}
	}
	return out
}

// redactAuthorization replaces the Signature= value of a V3 Authorization
// header ("<scheme> <element>,<element>,..."); any other Authorization value
// is replaced whole.
func redactAuthorization(v string) string {
	scheme, rest, _ := strings.Cut(v, " ")
	parts := strings.Split(rest, ",")
	found := false
	for i, part := range parts {
		trimmed := strings.TrimLeft(part, " ")
		if strings.HasPrefix(trimmed, "Signature=") {
			parts[i] = part[:len(part)-len(trimmed)] + "Signature=" + redacted
			found = true
		}
	}
	if !found {
		return redacted
	}
	return scheme + " " + strings.Join(parts, ",")
}

// commonParams are the parameters that are not the operation's own.
var commonParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true,
	"SecurityToken": true, "Signature": true, "SignatureMethod": true,
	"SignatureVersion": true, "SignatureNonce": true, "SignatureType": true,
	"Timestamp": true,
}

// businessParams copies params without the common parameters.
func businessParams(params map[string]string) map[string]string {
	out := make(map[string]string, len(params))
	for k, v := range params {
		if !commonParams[k] {
			out[k] = v
		}
	}
	return out
}

// exchange is the handling of one request.
type exchange struct {
	s         *Server
	format    string // "JSON" or "XML"
	requestID string
}

// authenticated is what authentication established about a request.
type authenticated struct {
	keyID string    // the AccessKeyId
	nonce string    // the signature nonce
	ts    time.Time // the request's time (Timestamp or x-acs-date)
}

// process runs the gateway's checks in the gateway's order, then the
// operation's validation, and creates the flow log. Requests signed with
// HMAC-SHA1 and with ACS3-HMAC-SHA256 differ only in authentication.
func (x *exchange) process(in *incoming, perr error) reply {
	s, p := x.s, x.s.product
	if in.method != http.MethodGet && in.method != http.MethodPost {
		out := x.fail(&apiError{http.StatusMethodNotAllowed, "UnsupportedHTTPMethod",
			`The HTTP method "` + in.method + `" is not supported; use GET or POST.`})
		out.allow = "GET, POST"
		return out
	}
	if in.path != "/" {
		return x.fail(actionNotFound())
	}
	if perr != nil {
		return x.fail(&apiError{400, "InvalidParameter", "The request query string or form body is malformed."})
	}

	var (
		auth authenticated
		now  time.Time
		e    *apiError
	)
	if in.v3 {
		auth, now, e = x.authenticateV3(in)
	} else {
		auth, now, e = x.authenticateRPC(in)
	}
	if e != nil {
		return x.fail(e)
	}
	if !s.useNonce(auth.keyID, auth.nonce, auth.ts, now) {
		return x.fail(&apiError{400, "SignatureNonceUsed", "Specified signature nonce was used already."})
	}

	params := in.params
	if e := p.rules.validate(params); e != nil {
		return x.fail(e)
	}
	biz := businessParams(params)
	id, e := s.create(biz, x.requestID, now)
	if e != nil {
		return x.fail(e)
	}
	var rg *string
	if p.rules.resourceGroupID {
		v := params["ResourceGroupId"]
		rg = &v
	}
	return x.success(id, rg)
}

// authenticateRPC checks the common parameters and the HMAC-SHA1 signature
// of a request, in the gateway's order, and returns what they establish and
// the server clock's time.
func (x *exchange) authenticateRPC(in *incoming) (authenticated, time.Time, *apiError) {
	s, p, params := x.s, x.s.product, in.params
	action, ok := params["Action"]
	switch {
	case !ok || action == "":
		return authenticated{}, time.Time{}, missing("Action")
	case action != p.Action:
		return authenticated{}, time.Time{}, actionNotFound()
	}
	if params["Version"] != p.Version {
		return authenticated{}, time.Time{}, invalidVersion("Version")
	}
	for _, name := range [...]string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if params[name] == "" {
			return authenticated{}, time.Time{}, missing(name)
		}
	}
	if params["SignatureMethod"] != signing.MethodHMACSHA1 {
		return authenticated{}, time.Time{}, invalid("SignatureMethod")
	}
	if params["SignatureVersion"] != signing.VersionRPC {
		return authenticated{}, time.Time{}, invalid("SignatureVersion")
	}
	now := s.cfg.now()
	ts, e := checkTime(params["Timestamp"], now)
	if e != nil {
		return authenticated{}, now, e
	}
	cred := s.cfg.cred
	if params["AccessKeyId"] != cred.AccessKeyID {
		return authenticated{}, now, accessKeyNotFound()
	}
	signed := maps.Clone(params)
	delete(signed, "Signature")
	sts := signing.StringToSign(in.method, signing.CanonicalQuery(signed))
	if signing.HMACSHA1(cred.AccessKeySecret, sts) != params["Signature"] {
		return authenticated{}, now, signatureMismatch(sts)
	}
	if e := checkSecurityToken(params["SecurityToken"], cred.SecurityToken, "SecurityToken"); e != nil {
		return authenticated{}, now, e
	}
	return authenticated{keyID: params["AccessKeyId"], nonce: params["SignatureNonce"], ts: ts}, now, nil
}

// checkTime parses the time of a request (the Timestamp parameter or the
// x-acs-date header) and checks it against the skew window around now.
func checkTime(value string, now time.Time) (time.Time, *apiError) {
	ts, err := time.Parse(signing.TimeFormat, value)
	if err != nil || ts.Format(signing.TimeFormat) != value { // no fractional seconds either
		return time.Time{}, &apiError{400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."}
	}
	if d := now.Sub(ts); d > skew || d < -skew {
		return time.Time{}, &apiError{400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."}
	}
	return ts, nil
}

// checkSecurityToken compares the token a request carries, under the
// parameter or header name, with the one the server knows.
func checkSecurityToken(got, want, name string) *apiError {
	switch {
	case want != "" && got == "":
		return &apiError{400, "MissingSecurityToken",
			`The input parameter "` + name + `" that is mandatory for processing this request is not supplied.`}
	case got != want:
		return &apiError{400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."}
	}
	return nil
}

// useNonce records the nonce of a request whose Timestamp is ts and reports
// whether it was unused. A nonce is remembered until its Timestamp leaves
// the skew window, after which the Timestamp check alone refuses a replay;
// expired entries are pruned so that the store stays bounded.
func (s *Server) useNonce(keyID, nonce string, ts, now time.Time) bool {
	key := keyID + "\x00" + nonce
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := now.Sub(s.lastSweep); d >= sweepEvery || d < 0 {
		for k, exp := range s.nonces {
			if !now.Before(exp) {
				delete(s.nonces, k)
			}
		}
		s.lastSweep = now
	}
	if exp, ok := s.nonces[key]; ok && now.Before(exp) {
		return false
	}
	s.nonces[key] = ts.Add(skew)
	return true
}

// nonceCount returns how many nonces the server remembers.
func (s *Server) nonceCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.nonces)
}

// create records a flow log for the business parameters biz, honouring a
// CEN ClientToken, and returns its FlowLogId.
func (s *Server) create(biz map[string]string, requestID string, now time.Time) (string, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	token := ""
	if s.product.rules.clientToken {
		token = biz["ClientToken"]
	}
	if token != "" {
		if prev, ok := s.tokens[token]; ok {
			if !maps.Equal(prev.params, biz) {
				return "", &apiError{400, "IdempotentParameterMismatch",
					"The request uses the same client token as a previous, but non-identical request."}
			}
			return prev.flowLogID, nil
		}
	}
	id := s.newFlowLogID()
	s.flowLogs = append(s.flowLogs, FlowLog{ID: id, RequestID: requestID, Params: biz, Created: now})
	if token != "" {
		s.tokens[token] = tokenRecord{params: maps.Clone(biz), flowLogID: id}
	}
	return id, nil
}

// responseFormat returns the format of the response, as the gateway
// chooses it: the Format parameter, in any case, when it is JSON or XML;
// otherwise XML for a request signed with HMAC-SHA1 and JSON for one signed
// with ACS3-HMAC-SHA256, whose clients (the official V3 SDKs) send no Format
// and read JSON.
func responseFormat(params map[string]string, v3 bool) string {
	switch f := params["Format"]; {
	case strings.EqualFold(f, "json"):
		return "JSON"
	case strings.EqualFold(f, "xml"):
		return "XML"
	case v3:
		return "JSON"
	}
	return "XML"
}
