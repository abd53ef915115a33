package emulator

import (
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flowlog-go/flowlog/signing"
)

// Product is one operation of one Alibaba Cloud product that a Server
// emulates. Use VPC or CEN, or a copy of one of them with changed exported
// fields (for instance another DefaultRegion and Host): the server-side rules
// of the operation live in unexported fields that only those two values
// carry. The zero value is not usable; NewServer panics on it.
type Product struct {
	// Code is the product code, used in the Recommend URL of error bodies
	// ("Vpc", "Cbn").
	Code string
	// Version is the only API version the server accepts.
	Version string
	// Action is the only action the server accepts; the case matters.
	Action string
	// DefaultRegion is the region that Server.Region reports, for clients
	// that need a RegionId. The server accepts any RegionId.
	DefaultRegion string
	// Host is the public endpoint host reported as HostId in error bodies.
	Host string

	// rules holds what is specific to the operation; nil in a Product not
	// derived from VPC or CEN.
	rules *productRules
}

// productRules is the server-side behaviour specific to one operation.
type productRules struct {
	// validate checks the business parameters and returns the first
	// problem, or nil.
	validate func(params map[string]string) *apiError
	// busyCode and busyMessage are the error of the Busy fault.
	busyCode, busyMessage string
	// resourceGroupID: the success body carries ResourceGroupId.
	resourceGroupID bool
	// clientToken: the operation is idempotent on ClientToken.
	clientToken bool
}

// VPC is the VPC CreateFlowLog operation (product code Vpc, Version
// 2016-04-28) at the public endpoint of cn-qingdao.
var VPC = Product{
	Code:          "Vpc",
	Version:       "2016-04-28",
	Action:        "CreateFlowLog",
	DefaultRegion: "cn-qingdao",
	Host:          "vpc.cn-qingdao.aliyuncs.com",
	rules: &productRules{
		validate:        validateVPC,
		busyCode:        "OperationConflict",
		busyMessage:     "Request was denied due to conflict with a previous request, please try again later.",
		resourceGroupID: true,
	},
}

// CEN is the CEN CreateFlowlog operation (product code Cbn, Version
// 2017-09-12; the action has a lower-case l) at its central endpoint, with
// cn-hangzhou as the default region.
var CEN = Product{
	Code:          "Cbn",
	Version:       "2017-09-12",
	Action:        "CreateFlowlog",
	DefaultRegion: "cn-hangzhou",
	Host:          "cbn.aliyuncs.com",
	rules: &productRules{
		validate:    validateCEN,
		busyCode:    "Operation.Blocking",
		busyMessage: "The operation is blocked because another operation on the resource is in progress.",
		clientToken: true,
	},
}

// The credential a Server knows unless WithCredential says otherwise.
const (
	defaultAccessKeyID     = "LTAI5tFlowLogEmulator01"
	defaultAccessKeySecret = "FlowLogEmulatorSecret0123456789"
)

// config is what the options set.
type config struct {
	now           func() time.Time
	deterministic bool
	cred          signing.Credentials
}

// Option configures a Server in NewServer. A nil Option is ignored.
type Option func(*config)

// WithClock makes now the server's clock: the Timestamp of every request is
// checked against it, nonces expire by it and FlowLog.Created is read from
// it. now must be safe for concurrent use. A nil now, like the default,
// means time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithDeterministicIDs makes RequestId and FlowLogId come from counters that
// start at 1 for each server, in arrival and creation order:
// "00000000-0000-4000-8000-000000000001" and "flowlog-00000000000000000001"
// (fixed width). Without it, the IDs are random and look like the real
// service's: upper-case UUIDs and "flowlog-" followed by 20 lower-case letters
// and digits.
func WithDeterministicIDs() Option {
	return func(c *config) { c.deterministic = true }
}

// WithCredential makes c the one credential the server knows: requests must
// carry c.AccessKeyID and be signed with c.AccessKeySecret, and when
// c.SecurityToken is not empty they must carry exactly that SecurityToken
// parameter, or x-acs-security-token header under the V3 signature (and
// when it is empty, none). Without this option the server knows a fixed
// test AccessKey without a token; Server.Credentials returns it. With the
// zero Credentials the server knows no AccessKeyId and refuses every request.
func WithCredential(c signing.Credentials) Option {
	return func(cfg *config) { cfg.cred = c }
}

// Server is a running emulated gateway for one Product. It is safe for
// concurrent use. Create one with NewServer and stop it with Close; the zero
// value is not usable.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:port", with no
	// trailing slash. Requests go to URL + "/".
	URL string

	product Product
	cfg     config
	ts      *httptest.Server

	done      chan struct{} // closed by Close, aborting Slow faults
	closeOnce sync.Once

	mu         sync.Mutex
	faults     []faultRun
	requests   []Request
	flowLogs   []FlowLog
	nonces     map[string]time.Time // AccessKeyId + "\x00" + nonce -> expiry
	lastSweep  time.Time
	tokens     map[string]tokenRecord // CEN ClientToken -> first result
	requestSeq uint64
	flowLogSeq uint64

	connections atomic.Int64 // connections accepted, for leak tests
}

// tokenRecord is the first result of a CEN request with a ClientToken.
type tokenRecord struct {
	params    map[string]string // business parameters
	flowLogID string
}

// FlowLog is a flow log that a Server created. The zero value is an empty
// record that no server returns.
type FlowLog struct {
	// ID is the FlowLogId the server returned.
	ID string
	// RequestID is the RequestId of the request that created it.
	RequestID string
	// Params holds the business parameters as received (RegionId,
	// ResourceId, Tag.1.Key, ..., ClientToken and any unknown parameter);
	// the common and signature parameters (Action, Version, Format,
	// AccessKeyId, SecurityToken, Signature*, Timestamp) are removed. They
	// are the same for a request signed with HMAC-SHA1 and for its
	// equivalent signed with ACS3-HMAC-SHA256, whose signature is in
	// headers.
	Params map[string]string
	// Created is the server clock's time when the request was processed.
	Created time.Time
}

// Request is what a Server recorded about one request that reached it,
// whatever its outcome. The zero value is an empty record that no server
// returns.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Action is the Action parameter as received, or for a request signed
	// with ACS3-HMAC-SHA256 the x-acs-action header; "" when absent.
	Action string
	// Format is the Format parameter as received; "" when absent.
	Format string
	// Signature is the signature scheme the request was checked under:
	// "ACS3-HMAC-SHA256" (signing.AlgorithmV3) when it carries an
	// Authorization header of the ACS3 family, and "HMAC-SHA1"
	// (signing.MethodHMACSHA1), the RPC signature in the parameters,
	// otherwise, whether or not those parameters are present.
	Signature string
	// Params holds every parameter received, from the query and the form
	// body (a name given more than once keeps its first value, the query's
	// before the body's); the values of Signature and SecurityToken are
	// replaced by "<redacted>".
	Params map[string]string
	// Header holds the request's headers as received, with names in
	// canonical form and without Host (as net/http presents them). The
	// value of the Signature= element of an Authorization header (the
	// whole value when it has no such element, as with other schemes) and
	// the value of X-Acs-Security-Token are replaced by "<redacted>".
	Header http.Header
	// UserAgent is the User-Agent header.
	UserAgent string
	// Status is the HTTP status sent; 0 when the connection was reset
	// instead (ResetBeforeCommit, ResetAfterCommit, a Slow fault aborted by
	// Close). For TruncatedBody it is the status of the truncated response.
	Status int
	// Code is the error code of the response, or the one that would have
	// been sent before a reset; "" on success and for responses without an
	// error body (HTMLBadGateway, EmptyBody).
	Code string
	// RequestID is the RequestId the server assigned, even when the
	// response did not carry it.
	RequestID string
	// Fault is the name of the fault applied (see Fault.String); "" when
	// none was.
	Fault string
}

// redacted replaces the values of secret parameters in Request.Params.
const redacted = "<redacted>"

// NewServer starts a Server for p on a loopback port. The options are
// applied in order. It panics when p is not VPC, CEN or a copy of one of
// them, or when no loopback port can be bound (as httptest.NewServer does).
func NewServer(p Product, opts ...Option) *Server {
	if p.rules == nil {
		panic("emulator: NewServer: unknown Product; use emulator.VPC or emulator.CEN")
	}
	cfg := config{
		now:  time.Now,
		cred: signing.Credentials{AccessKeyID: defaultAccessKeyID, AccessKeySecret: defaultAccessKeySecret},
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		product: p,
		cfg:     cfg,
		done:    make(chan struct{}),
		nonces:  make(map[string]time.Time),
		tokens:  make(map[string]tokenRecord),
	}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.ts.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.connections.Add(1)
		}
	}
	s.ts.Start()
	s.URL = s.ts.URL
	return s
}

// Close stops the server: it stops accepting connections, aborts the waits
// of pending Slow faults (their connections are reset and nothing is
// created) and returns when every request in flight has finished. The
// records stay readable. Calling Close more than once is harmless.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.ts.Close()
}

// Client returns an *http.Client configured for the server, whose idle
// connections Close closes (as httptest.Server.Client).
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Credentials returns the credential the server knows (see WithCredential).
func (s *Server) Credentials() signing.Credentials { return s.cfg.cred }

// Region returns the product's default region, suitable as RegionId.
func (s *Server) Region() string { return s.product.DefaultRegion }

// FlowLogs returns copies of the flow logs created so far, in creation
// order; nil when there are none.
func (s *Server) FlowLogs() []FlowLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.flowLogs) == 0 {
		return nil
	}
	out := make([]FlowLog, len(s.flowLogs))
	for i, f := range s.flowLogs {
		f.Params = maps.Clone(f.Params)
		out[i] = f
	}
	return out
}

// Requests returns copies of the records of every request that reached the
// server, in arrival order; nil when there are none. A request still being
// handled shows Status 0 until it is answered.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		return nil
	}
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Params = maps.Clone(r.Params)
		r.Header = r.Header.Clone()
		out[i] = r
	}
	return out
}

// Fail queues fault f for the next n requests to arrive, after any faults
// already queued. n <= 0 queues nothing. The zero Fault queues requests that
// are handled normally, which lets a later fault skip some requests.
func (s *Server) Fail(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := len(s.faults); k > 0 && s.faults[k-1].fault == f {
		s.faults[k-1].n += n
		return
	}
	s.faults = append(s.faults, faultRun{fault: f, n: n})
}

// popFault takes the fault for the request arriving now. s.mu must be held.
func (s *Server) popFault() Fault {
	if len(s.faults) == 0 {
		return Fault{}
	}
	run := &s.faults[0]
	f := run.fault
	run.n--
	if run.n == 0 {
		s.faults = s.faults[1:]
	}
	return f
}
