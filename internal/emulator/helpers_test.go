package emulator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/signing"
)

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// vpcParams are valid business parameters of VPC CreateFlowLog.
func vpcParams() map[string]string {
	return map[string]string{
		"RegionId":     "cn-qingdao",
		"ResourceId":   "eni-askldfasxxxxxxxx",
		"ResourceType": "NetworkInterface",
		"TrafficType":  "All",
		"ProjectName":  "flowlogproject",
		"LogStoreName": "flowlogstore",
	}
}

// cenParams are valid business parameters of CEN CreateFlowlog.
func cenParams() map[string]string {
	return map[string]string{
		"CenId":        "cen-7qthudw0ll6jmc1234",
		"RegionId":     "cn-hangzhou",
		"ProjectName":  "flowlogproject",
		"LogStoreName": "flowlogstore",
	}
}

// businessFor returns valid business parameters of p.
func businessFor(p Product) map[string]string {
	if p.Action == VPC.Action {
		return vpcParams()
	}
	return cenParams()
}

// newNonce returns a random nonce as the official SDKs make them.
func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// rpc is one request to send: what to sign, how and where to send it.
type rpc struct {
	// Method is the HTTP method sent; "" is POST.
	Method string
	// SignMethod is the method signed; "" is Method.
	SignMethod string
	// Path is the URL path; "" is "/".
	Path string
	// Format is the Format parameter; "-" leaves it out.
	Format string
	// Business holds the operation's parameters; nil is the valid default
	// of the product.
	Business map[string]string
	// Common overrides Action and Version (and adds anything else) before
	// signing; an empty value deletes the parameter.
	Common map[string]string
	// Cred signs; the zero value is the server's credential.
	Cred signing.Credentials
	// At is the Timestamp; the zero value is the clock's now.
	At time.Time
	// Nonce is the SignatureNonce; "" is a fresh random one.
	Nonce string
	// Body sends every parameter in a form body instead of the query;
	// Split sends the common parameters (Format, and with HMAC-SHA1 the
	// signature parameters) in the query and the rest in the body.
	Body, Split bool
	// V3 signs with ACS3-HMAC-SHA256 (signing.SignV3) instead of
	// HMAC-SHA1: Action and Version, after Common, become x-acs-action
	// and x-acs-version (left out when empty), the other parameters go
	// where Body and Split say, and the signature goes in headers.
	V3 bool
	// SignHeaders adds headers to sign, or replaces signed values (V3;
	// lower-case names).
	SignHeaders map[string]string
	// Unsigned lists headers that are sent but left out of SignedHeaders
	// (V3; lower-case names).
	Unsigned []string
	// PayloadHash is the x-acs-content-sha256 signed and sent (V3); "" is
	// the hash of the body sent.
	PayloadHash string
	// Tweak changes the request after it is signed (V3 headers, Host).
	Tweak func(req *http.Request)
	// Edit changes the signed parameters before they are sent; with V3,
	// the parameters of the URL query.
	Edit func(v url.Values)
	// RawQuery, when set, replaces the encoded query (after Edit).
	RawQuery func(encoded string) string
	// Client sends it; nil is a client without keep-alive.
	Client *http.Client
	// Ctx bounds the request; nil is context.Background.
	Ctx context.Context
}

// result is a response, decoded.
type result struct {
	Status      int
	Header      http.Header
	Body        []byte
	Err         error // transport error, or error reading the body
	Root        string
	RequestID   string
	HostID      string
	Code        string
	Message     string
	Recommend   string
	Success     string
	FlowLogID   string
	ResourceGrp *string
}

// wireBody decodes both the success and the error documents.
type wireBody struct {
	XMLName         xml.Name
	RequestID       string  `json:"RequestId" xml:"RequestId"`
	HostID          string  `json:"HostId" xml:"HostId"`
	Code            string  `json:"Code" xml:"Code"`
	Message         string  `json:"Message" xml:"Message"`
	Recommend       string  `json:"Recommend" xml:"Recommend"`
	Success         string  `json:"Success" xml:"Success"`
	FlowLogID       string  `json:"FlowLogId" xml:"FlowLogId"`
	ResourceGroupID *string `json:"ResourceGroupId" xml:"ResourceGroupId"`
}

var noKeepAlive = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// params returns the parameters of r before signing: Action, Version,
// Format, the business parameters and the changes of Common.
func (r rpc) params(srv *Server) map[string]string {
	params := map[string]string{"Action": srv.product.Action, "Version": srv.product.Version}
	switch r.Format {
	case "":
		params["Format"] = "JSON"
	case "-":
	default:
		params["Format"] = r.Format
	}
	business := r.Business
	if business == nil {
		business = businessFor(srv.product)
	}
	maps.Copy(params, business)
	for k, v := range r.Common {
		if v == "" {
			delete(params, k)
		} else {
			params[k] = v
		}
	}
	return params
}

// signing returns the credential, time, nonce and method to sign with.
func (r rpc) signing(srv *Server, clock func() time.Time) (signing.Credentials, time.Time, string, string) {
	cred := r.Cred
	if cred == (signing.Credentials{}) {
		cred = srv.Credentials()
	}
	at := r.At
	if at.IsZero() {
		at = clock()
	}
	nonce := r.Nonce
	if nonce == "" {
		nonce = newNonce()
	}
	signMethod := r.SignMethod
	if signMethod == "" {
		signMethod = r.method()
	}
	return cred, at, nonce, signMethod
}

// values signs r for srv with HMAC-SHA1 and returns the parameters to send.
func (r rpc) values(t testing.TB, srv *Server, clock func() time.Time) url.Values {
	t.Helper()
	cred, at, nonce, signMethod := r.signing(srv, clock)
	v, err := url.ParseQuery(signing.SignRPC(signMethod, r.params(srv), cred, at, nonce))
	require.NoError(t, err)
	if r.Edit != nil {
		r.Edit(v)
	}
	return v
}

// place splits the parameters to send between the query and the body.
func (r rpc) place(v url.Values) (query, body url.Values) {
	switch {
	case r.Body:
		return nil, v
	case r.Split:
		query, body = url.Values{}, url.Values{}
		for k, vs := range v {
			if commonParams[k] {
				query[k] = vs
			} else {
				body[k] = vs
			}
		}
		return query, body
	}
	return v, nil
}

// signV3 signs r for srv with ACS3-HMAC-SHA256 and returns the query and
// body to send and the headers to set ("host" is the Host).
func (r rpc) signV3(srv *Server, clock func() time.Time) (query, body url.Values, headers map[string]string) {
	cred, at, nonce, signMethod := r.signing(srv, clock)
	params := r.params(srv)
	action, version := params["Action"], params["Version"]
	delete(params, "Action")
	delete(params, "Version")
	v := make(url.Values, len(params))
	for k, val := range params {
		v.Set(k, val)
	}
	query, body = r.place(v)
	hash := r.PayloadHash
	if hash == "" {
		hash = signing.HashPayload([]byte(body.Encode()))
	}
	flat := make(map[string]string, len(query))
	for k := range query {
		flat[k] = query.Get(k)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	headers = signing.SignV3(signMethod, host, action, version, flat, hash, cred, at, nonce)
	if len(r.SignHeaders) > 0 || len(r.Unsigned) > 0 {
		// Sign again over other headers, with the same primitives.
		signed := make(map[string]string, len(headers))
		for k, val := range headers {
			if k != "authorization" && !slices.Contains(r.Unsigned, k) {
				signed[k] = val
			}
		}
		maps.Copy(signed, r.SignHeaders)
		canonical, list := signing.CanonicalRequestV3(signMethod, signing.CanonicalQuery(flat), signed, hash)
		maps.Copy(headers, r.SignHeaders)
		headers["authorization"] = signing.AuthorizationV3(cred.AccessKeyID, list,
			signing.HMACSHA256(cred.AccessKeySecret, signing.StringToSignV3(canonical)))
	}
	for _, k := range [...]string{"x-acs-action", "x-acs-version"} {
		if headers[k] == "" {
			delete(headers, k)
		}
	}
	if r.Edit != nil {
		if query == nil {
			query = url.Values{}
		}
		r.Edit(query)
	}
	return query, body, headers
}

func (r rpc) method() string {
	if r.Method == "" {
		return http.MethodPost
	}
	return r.Method
}

// do sends r to srv, whose clock is time.Now.
func (r rpc) do(t testing.TB, srv *Server) result {
	t.Helper()
	return r.doAt(t, srv, time.Now)
}

// doAt sends r to srv, signing with the time of clock.
func (r rpc) doAt(t testing.TB, srv *Server, clock func() time.Time) result {
	t.Helper()
	var query, body url.Values
	var headers map[string]string
	if r.V3 {
		query, body, headers = r.signV3(srv, clock)
	} else {
		query, body = r.place(r.values(t, srv, clock))
	}
	path := r.Path
	if path == "" {
		path = "/"
	}
	target := srv.URL + path
	encoded := query.Encode()
	if r.RawQuery != nil {
		encoded = r.RawQuery(encoded)
	}
	if encoded != "" {
		target += "?" + encoded
	}
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(body.Encode())
	}
	ctx := r.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := http.NewRequestWithContext(ctx, r.method(), target, rd)
	require.NoError(t, err)
	req.Header.Set("User-Agent", "emulator-test/1.0")
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	}
	for k, v := range headers {
		if k == "host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	if r.Tweak != nil {
		r.Tweak(req)
	}
	client := r.Client
	if client == nil {
		client = noKeepAlive
	}
	resp, err := client.Do(req)
	if err != nil {
		return result{Err: err}
	}
	defer resp.Body.Close()
	res := result{Status: resp.StatusCode, Header: resp.Header}
	res.Body, res.Err = io.ReadAll(resp.Body)
	if res.Err != nil || len(res.Body) == 0 {
		return res
	}
	var wb wireBody
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		require.NoError(t, json.Unmarshal(res.Body, &wb), "%s", res.Body)
	case "text/xml":
		require.NoError(t, xml.Unmarshal(res.Body, &wb), "%s", res.Body)
		res.Root = wb.XMLName.Local
	default:
		return res
	}
	res.RequestID, res.HostID, res.Code, res.Message, res.Recommend = wb.RequestID, wb.HostID, wb.Code, wb.Message, wb.Recommend
	res.Success, res.FlowLogID, res.ResourceGrp = wb.Success, wb.FlowLogID, wb.ResourceGroupID
	return res
}

// resign recomputes the signature of v, as a client would over exactly
// these parameters, with the method and secret given.
func resign(method, secret string) func(url.Values) {
	return func(v url.Values) {
		v.Del("Signature")
		flat := make(map[string]string, len(v))
		for k := range v {
			flat[k] = v.Get(k)
		}
		v.Set("Signature", signing.HMACSHA1(secret, signing.StringToSign(method, signing.CanonicalQuery(flat))))
	}
}

// edits applies fs in order.
func edits(fs ...func(url.Values)) func(url.Values) {
	return func(v url.Values) {
		for _, f := range fs {
			f(v)
		}
	}
}

func set(name, value string) func(url.Values) { return func(v url.Values) { v.Set(name, value) } }

// setHeader sets a header after signing; "host" sets the Host.
func setHeader(name, value string) func(*http.Request) {
	return func(req *http.Request) {
		if name == "host" {
			req.Host = value
		} else {
			req.Header.Set(name, value)
		}
	}
}

// delHeader removes a header after signing.
func delHeader(name string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Del(name) }
}

// algorithms are the two signatures, as rpc.V3 selects them.
var algorithms = []bool{false, true}

// algName names the signature that rpc.V3 selects.
func algName(v3 bool) string {
	if v3 {
		return signing.AlgorithmV3
	}
	return signing.MethodHMACSHA1
}

func del(name string) func(url.Values) { return func(v url.Values) { v.Del(name) } }

// with returns a copy of base with the changes applied; an entry whose
// value is "<delete>" is removed.
func with(base map[string]string, changes map[string]string) map[string]string {
	out := maps.Clone(base)
	for k, v := range changes {
		if v == "<delete>" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}
