package core

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/flowlog-go/flowlog/signing"
)

// Client sends the operations of one product. It is safe for concurrent
// use; its configuration does not change after New.
type Client struct {
	product *Product
	cfg     *config
	creds   *credentialSource
	jitter  func(time.Duration) time.Duration // randomness of the backoff
	// userAgent is the User-Agent header of every request, shared read-only.
	userAgent []string
}

// New validates opts for product p and returns a client. No credential is
// read and nothing is sent.
func New(p *Product, opts Options) (*Client, error) {
	cfg, err := resolve(p, opts)
	if err != nil {
		return nil, err
	}
	return &Client{product: p, cfg: cfg, creds: &credentialSource{cred: opts.Credential}, jitter: jitter, userAgent: userAgentHeader(cfg.UserAgent)}, nil
}

// Request is one call of an operation, after its input was validated.
type Request struct {
	// Params are the operation's own wire parameters. RegionId, Action,
	// Version, Format and, for token operations, ClientToken are added. Do
	// owns them: they are recycled when the call ends.
	Params Params
	// RegionID overrides the client's region for this call; empty keeps it.
	RegionID string
	// ClientToken is the caller's token; empty lets the client make one
	// when the operation takes a token.
	ClientToken string
}

// Do sends one call of op: it fills in the common parameters, signs every
// attempt afresh, retries what is safe to retry and decodes the outcome.
// Every error it returns is an *OperationError. The second result is the
// ClientToken every attempt carried ("" when op takes none).
func (c *Client) Do(ctx context.Context, op *Operation, r Request, optFns []func(*Options)) (*Result, string, error) {
	cfg, creds := c.cfg, c.creds
	if len(optFns) > 0 {
		o := c.cfg.Options
		for _, fn := range optFns {
			fn(&o)
		}
		var err error
		if cfg, err = resolve(c.product, o); err != nil {
			return nil, "", &OperationError{Operation: op.Action, Err: err}
		}
		if !sameCredential(o.Credential, c.cfg.Credential) {
			creds = &credentialSource{cred: o.Credential}
		}
	}

	region := cfg.RegionID
	endpoint := cfg.endpoint
	if r.RegionID != "" && r.RegionID != region {
		region = r.RegionID
		if cfg.Options.Endpoint == "" {
			endpoint = &url.URL{Scheme: "https", Host: c.product.host(cfg.Network, region), Path: "/"}
		}
	}

	params := r.Params
	if cfg.SignatureAlgorithm == SignatureHMACSHA1 { // V3 sends them in headers
		params["Action"] = op.Action
		params["Version"] = op.Product.Version
	}
	params["Format"] = cfg.ResponseFormat
	params["RegionId"] = region
	token := ""
	if op.ClientToken {
		token = r.ClientToken
		if token == "" {
			token = newToken()
		}
		params["ClientToken"] = token
	}

	defer params.recycle()
	a := calls.Get().(*call)
	defer a.release()
	a.ctx, a.cfg, a.op, a.creds, a.params, a.endpoint, a.token, a.jitter = ctx, cfg, op, creds, params, endpoint, token, c.jitter
	a.userAgent = c.userAgent
	if len(optFns) > 0 {
		a.userAgent = userAgentHeader(cfg.UserAgent)
	}
	out, err := a.run()
	return out, token, err
}

// sameCredential reports whether a and b are the same Credential, without
// the panic that == gives for a dynamic type that is not comparable.
func sameCredential(a, b credentials.Credential) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Type() == vb.Type() && va.Comparable() && vb.Comparable() && a == b
}

// call is the state of one Do across its attempts. Calls are pooled, so
// that the functions go-retryablehttp holds are bound once per call object
// rather than once per Do; release clears what one Do left.
type call struct {
	ctx       context.Context
	cfg       *config
	op        *Operation
	creds     *credentialSource
	params    Params
	endpoint  *url.URL
	token     string
	jitter    func(time.Duration) time.Duration
	userAgent []string

	attempt    int           // attempts started
	started    time.Time     // when the current attempt started
	trace      *sendTrace    // whether the current Do's requests were written
	wait       time.Duration // backoff chosen by check for the next attempt
	refreshed  bool          // an expired token was already retried
	unknown    bool          // some attempt may have created the flow log
	secrets    [3]string     // secret, token and signature (as sent) of the last signing
	keyID      string        // the AccessKeyId of the last signing
	query      string        // V3: the canonical query, built once
	result     *Result       // the successful outcome
	err        error         // the last attempt's failure
	prepareErr error         // signing failed before an attempt

	rc retryablehttp.Client // bound to this call once, in newCall
}

// calls pools call objects.
var calls = sync.Pool{New: func() any { return newCall() }}

func newCall() *call {
	a := &call{}
	a.rc.RequestLogHook = a.begin
	a.rc.CheckRetry = a.check
	a.rc.Backoff = a.backoff
	a.rc.PrepareRetry = a.sign
	a.rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return a
}

// release clears the call and returns it to the pool.
func (a *call) release() {
	rc := &a.rc
	*a = call{rc: retryablehttp.Client{
		RequestLogHook: rc.RequestLogHook, CheckRetry: rc.CheckRetry, Backoff: rc.Backoff,
		PrepareRetry: rc.PrepareRetry, ErrorHandler: rc.ErrorHandler,
	}}
	calls.Put(a)
}

// sendTrace records what net/http's transport reports of the current
// attempt: whether it began getting a connection, got one, and wrote the
// request. It is made per Do, not pooled: the transport may report after
// Do has returned, and that must not reach another call.
type sendTrace struct {
	httptrace.ClientTrace
	getConn, gotConn, wrote atomic.Bool
}

func newSendTrace() *sendTrace {
	t := &sendTrace{}
	t.GetConn = func(string) { t.getConn.Store(true) }
	t.GotConn = func(httptrace.GotConnInfo) { t.gotConn.Store(true) }
	t.WroteRequest = func(httptrace.WroteRequestInfo) { t.wrote.Store(true) }
	return t
}

// reset clears the record for a new attempt.
func (t *sendTrace) reset() {
	t.getConn.Store(false)
	t.gotConn.Store(false)
	t.wrote.Store(false)
}

// notSent reports whether err, the failure of the current attempt, shows
// positively that the request never left: the transport began getting a
// connection and never got one, or the error is a failure to resolve,
// connect or verify the server. A transport that reports nothing (a custom
// RoundTripper) counts as having sent unless its error says otherwise.
func (t *sendTrace) notSent(err error) bool {
	if t.wrote.Load() {
		return false
	}
	return t.getConn.Load() && !t.gotConn.Load() || preSendError(err)
}

// preSendError reports whether err is a failure to resolve, connect or
// verify the server, which happen before a request is written.
func preSendError(err error) bool {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &dnsErr), errors.As(err, &certErr), errors.As(err, &unknownAuth),
		errors.As(err, &hostErr), errors.As(err, &invalid):
		return true
	case errors.As(err, &opErr):
		return opErr.Op == "dial" || opErr.Op == "proxyconnect"
	}
	return false
}

// run sends the attempts through go-retryablehttp and returns the outcome.
func (a *call) run() (*Result, error) {
	if err := a.ctx.Err(); err != nil {
		return nil, a.fail(err)
	}
	a.trace = newSendTrace()
	// The URL is replaced by sign; there is nothing to parse.
	hreq := (&http.Request{
		Method:     http.MethodPost,
		URL:        a.endpoint,
		Host:       a.endpoint.Host,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     http.Header{"User-Agent": a.userAgent},
	}).WithContext(httptrace.WithClientTrace(a.ctx, &a.trace.ClientTrace))
	req, err := retryablehttp.FromRequest(hreq)
	if err != nil {
		return nil, a.fail(err)
	}
	if err := a.sign(req.Request); err != nil {
		return nil, a.fail(err)
	}
	a.rc.HTTPClient = a.cfg.http
	a.rc.RetryMax = a.cfg.MaxAttempts - 1
	resp, doErr := a.rc.Do(req)
	if resp != nil {
		resp.Body.Close()
	}
	if a.result != nil {
		return a.result, nil
	}
	switch {
	case a.prepareErr != nil:
		err = a.prepareErr
	case a.err != nil:
		err = a.err
	default:
		err = doErr
	}
	if ctxErr := a.ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		err = errors.Join(ctxErr, err)
	}
	return nil, a.fail(err)
}

// backoff is the go-retryablehttp Backoff: the wait check chose.
func (a *call) backoff(time.Duration, time.Duration, int, *http.Response) time.Duration {
	return a.wait
}

// fail wraps err in the call's *OperationError.
func (a *call) fail(err error) error {
	return &OperationError{Operation: a.op.Action, Attempts: a.attempt, ClientToken: a.token, OutcomeUnknown: a.unknown, Err: err}
}

// userAgentHeader returns the User-Agent header value: the library's own,
// then extra when not empty.
func userAgentHeader(extra string) []string {
	if extra == "" {
		return []string{userAgent}
	}
	return []string{userAgent + " " + extra}
}

// sign reads the credentials and signs req afresh: new nonce, new time.
// HMAC-SHA1 puts Action, Version and the signature in the query; V3 keeps
// the query to the operation's parameters and signs in headers. It replaces
// req.URL and req.Header rather than changing them, since an earlier
// attempt's request may still be referenced by the transport.
func (a *call) sign(req *http.Request) error {
	cred, err := a.creds.get(a.ctx)
	if err != nil {
		a.prepareErr = err
		return err
	}
	a.secrets = [3]string{cred.AccessKeySecret, cred.SecurityToken}
	a.keyID = cred.AccessKeyID
	u := *a.endpoint
	now, nonce := time.Now(), newNonce()
	if a.cfg.SignatureAlgorithm == SignatureV3 {
		if a.query == "" { // the same for every attempt
			a.query = signing.CanonicalQuery(a.params)
		}
		u.RawQuery = a.query
		// net/http sends u.Host as the host header, which is what is signed.
		v := signing.SignV3Headers(http.MethodPost, u.Host, a.op.Action, a.op.Product.Version, a.query, signing.EmptyPayloadHash, cred, now, nonce)
		req.Header = v3Header(req.Header, v)
		a.secrets[2] = v.Authorization[strings.LastIndexByte(v.Authorization, '=')+1:]
	} else {
		u.RawQuery = signing.SignRPC(http.MethodPost, a.params, cred, now, nonce)
		// The signature is the last parameter, encoded; scrub decodes it.
		a.secrets[2] = u.RawQuery[strings.LastIndexByte(u.RawQuery, '=')+1:]
	}
	req.URL = &u
	return nil
}

// v3Header returns a copy of base with the V3 headers set; the names are
// already in canonical form and share one backing array of values.
func v3Header(base http.Header, v signing.V3Headers) http.Header {
	h := make(http.Header, len(base)+7)
	for k, vs := range base {
		if !strings.HasPrefix(k, "X-Acs-") && k != "Authorization" {
			h[k] = vs
		}
	}
	vals := []string{v.Action, v.Version, v.Date, v.Nonce, v.ContentSHA256, v.Authorization, v.SecurityToken}
	h["X-Acs-Action"] = vals[0:1:1]
	h["X-Acs-Version"] = vals[1:2:2]
	h["X-Acs-Date"] = vals[2:3:3]
	h["X-Acs-Signature-Nonce"] = vals[3:4:4]
	h["X-Acs-Content-Sha256"] = vals[4:5:5]
	h["Authorization"] = vals[5:6:6]
	if v.SecurityToken != "" {
		h["X-Acs-Security-Token"] = vals[6:7:7]
	}
	return h
}

// begin marks the start of an attempt.
func (a *call) begin(_ retryablehttp.Logger, _ *http.Request, _ int) {
	a.attempt++
	a.started = time.Now()
	a.trace.reset()
}

// maxBody caps how much of a response body is read.
const maxBody = 1 << 20

// bodyTimeout bounds the read of a response body once its headers came; a
// variable for tests.
var bodyTimeout = 30 * time.Second

// bodyBuffer holds one response body while it is decoded; the decoders copy
// what they keep, so buffers are reused across calls.
type bodyBuffer struct {
	buf bytes.Buffer
	lr  io.LimitedReader
}

var bodyBuffers = sync.Pool{New: func() any { return new(bodyBuffer) }}

func getBodyBuffer() *bodyBuffer { return bodyBuffers.Get().(*bodyBuffer) }

// putBodyBuffer returns b to the pool, unless a huge body grew it.
func putBodyBuffer(b *bodyBuffer) {
	if b.buf.Cap() <= 64<<10 {
		b.buf.Reset()
		bodyBuffers.Put(b)
	}
}

// read reads r up to one byte past maxBody, so that an oversized body shows.
func (b *bodyBuffer) read(r io.Reader) ([]byte, error) {
	b.lr = io.LimitedReader{R: r, N: maxBody + 1}
	_, err := b.buf.ReadFrom(&b.lr)
	b.lr.R = nil
	return b.buf.Bytes(), err
}

// check decodes the outcome of one attempt and decides whether to send
// another. It consumes the body; the outcome stays in a.
func (a *call) check(ctx context.Context, resp *http.Response, doErr error) (bool, error) {
	a.err = nil
	status, code, requestID := 0, "", ""
	var why string // why the attempt may be retried; "" when it must not be
	if doErr != nil {
		a.err = a.transportError(doErr)
		if a.trace.notSent(doErr) {
			why = "request not sent"
		} else {
			a.unknown = true
			why = a.ambiguous("no response after the request may have been sent")
		}
	} else {
		status = resp.StatusCode
		buf := getBodyBuffer()
		defer putBodyBuffer(buf)
		// A body that stalls is cut off: closing it ends the read.
		stall := time.AfterFunc(bodyTimeout, func() { resp.Body.Close() })
		body, readErr := buf.read(resp.Body)
		stall.Stop()
		resp.Body.Close()
		resp.Body = http.NoBody
		if status >= 200 && status < 300 {
			switch {
			case readErr != nil:
				a.err = fmt.Errorf("read response body: %w", a.transportError(readErr))
			case len(body) > maxBody:
				a.err = fmt.Errorf("response body exceeds %d bytes", maxBody)
			default:
				// The decoder's text may quote the body: scrub it too.
				if a.result, a.err = decodeResult(body); a.err != nil {
					a.err = errors.New(a.scrub(a.err.Error()))
				}
			}
			if a.err != nil {
				a.unknown = true
				a.err = fmt.Errorf("HTTP %d: %w", status, a.err)
				why = a.ambiguous("unreadable success body")
			} else {
				requestID = a.result.RequestID
				// A success ends the call: forget earlier doubts.
				a.unknown = false
			}
		} else {
			apiErr := decodeError(status, resp.Header, body)
			apiErr.Message = a.scrub(apiErr.Message)
			code, requestID = apiErr.Code, apiErr.RequestID
			a.err = apiErr
			why = a.classify(apiErr)
		}
	}

	retry := why != "" && a.attempt < a.cfg.MaxAttempts && ctx.Err() == nil
	if retry {
		a.wait = a.jitter(backoffCeiling(a.cfg.MaxBackoff, a.attempt))
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < a.wait {
			retry, why = false, why+"; backoff would pass the deadline"
		}
	}
	a.log(status, code, requestID, retry, why)
	return retry, nil
}

// classify says why an API error may be retried, or "" when it must not.
func (a *call) classify(e *APIError) string {
	switch {
	case e.Code == CodeLastTokenProcessing || e.Code == CodeOperationFailedLastTokenProcessing:
		// A create with this token is running: resending is safe, but
		// until one answers, it may or may not finish.
		a.unknown = true
		return "the same ClientToken is still being processed"
	case notExecuted[e.Code]:
		return "not executed: " + e.Code
	case e.HTTPStatus == http.StatusTooManyRequests && e.Code == "":
		return "not executed: HTTP 429 from a proxy"
	case e.Code == CodeInvalidSecurityTokenExpired ||
		e.Code == CodeInvalidParameter && strings.Contains(e.Message, "SecurityToken.Expired"):
		if a.refreshed {
			return ""
		}
		a.refreshed = true
		return "security token expired: credentials read again"
	case e.HTTPStatus >= 500 || e.Code == CodeUnknownError:
		a.unknown = true
		return a.ambiguous(fmt.Sprintf("HTTP %d %s", e.HTTPStatus, e.Code))
	}
	return ""
}

// ambiguous returns why an attempt that may have executed is retried: only
// when every attempt carries the same ClientToken.
func (a *call) ambiguous(what string) string {
	if a.token == "" {
		return ""
	}
	return "may have executed (" + what + "); resent with the same ClientToken"
}

// notExecuted holds the codes of refusals that happen before anything is
// done: rate limits, a resource busy with another operation.
var notExecuted = map[string]bool{
	CodeThrottling: true, CodeThrottlingUser: true, CodeThrottlingAPI: true, CodeRejectedThrottling: true,
	CodeOperationConflict: true, CodeTaskConflict: true, CodeSystemBusy: true, CodeIncorrectStatus: true,
	CodeIncorrectStatusFlowlog: true, CodeInvalidStatus: true,
	CodeOperationBlocking: true, CodeIncorrectStatusTrFlowlog: true, CodeLockError: true,
}

// transportError strips net/http's *url.Error, whose text holds the whole
// URL and so the signed query, keeping the method, host and cause.
func (a *call) transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", http.MethodPost, a.endpoint.Host, ue.Err)
	}
	return err
}

// scrub removes from a service message what must never be printed: the
// string to sign that SignatureDoesNotMatch echoes, and the secret, token
// and signature of the last signing in any of their encodings; the
// AccessKeyId is masked.
func (a *call) scrub(msg string) string {
	const marker = "string to sign is:"
	if i := indexFold(msg, marker); i >= 0 {
		msg = msg[:i+len(marker)] + " [redacted]"
	}
	secrets := a.secrets
	if raw, err := url.QueryUnescape(secrets[2]); err == nil && a.cfg != nil && a.cfg.SignatureAlgorithm == SignatureHMACSHA1 {
		secrets[2] = raw // the HMAC-SHA1 signature as it left, encoded
	}
	for _, s := range secrets {
		if len(s) < 4 { // too short to tell from ordinary text
			continue
		}
		for _, form := range [...]string{s, signing.Encode(s), signing.Encode(signing.Encode(s)), url.QueryEscape(s)} {
			msg = strings.ReplaceAll(msg, form, "[redacted]")
		}
	}
	if a.keyID != "" {
		msg = strings.ReplaceAll(msg, a.keyID, maskKeyID(a.keyID))
	}
	return msg
}

// log writes one debug record for the attempt that just ended.
func (a *call) log(status int, code, requestID string, retry bool, why string) {
	l := a.cfg.Logger
	if l == nil || !l.Enabled(a.ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", a.op.Action),
		slog.String("access_key_id", maskKeyID(a.keyID)),
		slog.Int("attempt", a.attempt),
		slog.Int("status", status),
		slog.String("code", code),
		slog.String("request_id", requestID),
		slog.Duration("latency", time.Since(a.started)),
		slog.Bool("retry", retry),
	}
	if why != "" {
		attrs = append(attrs, slog.String("reason", why))
	}
	if retry {
		attrs = append(attrs, slog.Duration("backoff", a.wait))
	}
	if a.err != nil && a.result == nil {
		attrs = append(attrs, slog.String("error", a.err.Error()))
	}
	l.LogAttrs(a.ctx, slog.LevelDebug, "flowlog attempt", attrs...)
}

// maskKeyID keeps the first and last 3 characters of an AccessKeyId, enough
// to tell keys apart in a log, not to use one.
func maskKeyID(id string) string {
	if len(id) <= 8 {
		return "****"
	}
	return id[:3] + "****" + id[len(id)-3:]
}

// newNonce returns 128 random bits in hex: a SignatureNonce.
func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// newToken returns a ClientToken: 128 random bits, formatted as a UUID.
func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
