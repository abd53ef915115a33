package core

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/flowlog-go/flowlog/signing"
)

// Options configure a client. Only RegionID is required; every other zero
// value selects a documented default. Per-call option functions change a
// copy, never the client's own Options.
type Options struct {
	// RegionID is the region for the endpoint and the default RegionId
	// parameter, such as "cn-qingdao". Required.
	RegionID string

	// Credential signs the requests. Nil selects credentials-go's default
	// chain (environment, OIDC, CLI profile, ini file, ECS RAM role,
	// credentials URI), resolved at the first call rather than in New.
	Credential credentials.Credential

	// Endpoint is the full URL to send requests to, such as
	// "https://vpc.cn-qingdao.aliyuncs.com" or "http://127.0.0.1:8080".
	// Empty: resolved from the product, the region and Network, over HTTPS.
	Endpoint string

	// Network selects the endpoint family: "" or "public" for the public
	// endpoints, "vpc" for the in-VPC ones. Ignored when Endpoint is set.
	Network string

	// HTTPClient sends the requests. Nil selects a shared client with
	// per-attempt timeouts (5s to connect, 5s for the TLS handshake, 25s
	// for the response headers) that does not follow redirects; the call's
	// context bounds the whole call.
	HTTPClient *http.Client

	// MaxAttempts is the total number of attempts per call, retries
	// included. 0 means 3; 1 disables retries.
	MaxAttempts int

	// MaxBackoff caps the jittered exponential wait between attempts.
	// 0 means 5 seconds.
	MaxBackoff time.Duration

	// ResponseFormat is the Format requested from the service: "JSON" (the
	// default when empty) or "XML", in any case.
	ResponseFormat string

	// SignatureAlgorithm selects how requests are signed: "HMAC-SHA1" (the
	// default when empty), sent in common parameters, or "ACS3-HMAC-SHA256"
	// (V3), sent in x-acs-* and Authorization headers.
	SignatureAlgorithm string

	// Logger receives one debug record per attempt. Nil is silent. No
	// record carries a secret, a security token or a signature.
	Logger *slog.Logger

	// UserAgent is appended to the library's own User-Agent. Empty adds
	// nothing.
	UserAgent string
}

// Defaults applied for zero-valued options.
const (
	DefaultMaxAttempts = 3
	DefaultMaxBackoff  = 5 * time.Second
	// backoffBase is the wait before the first retry, before jitter.
	backoffBase = 200 * time.Millisecond
)

// Network names accepted by Options.Network.
const (
	NetworkPublic = "public"
	NetworkVPC    = "vpc"
)

// Response formats accepted by Options.ResponseFormat.
const (
	FormatJSON = "JSON"
	FormatXML  = "XML"
)

// Signature algorithms accepted by Options.SignatureAlgorithm.
const (
	SignatureHMACSHA1 = signing.MethodHMACSHA1
	SignatureV3       = signing.AlgorithmV3
)

// config is a validated copy of Options with defaults filled in and the
// endpoint resolved.
type config struct {
	Options
	endpoint *url.URL // scheme://host/, nothing else
	http     *http.Client
}

// resolve validates o for product p and returns the configuration calls
// use. Every problem is reported at once.
func resolve(p *Product, o Options) (*config, error) {
	var errs []string
	cfg := &config{Options: o}

	if o.RegionID == "" {
		errs = append(errs, "RegionID is required")
	} else if !validRegion(o.RegionID) {
		errs = append(errs, fmt.Sprintf("RegionID %q is not a region id (lower-case letters, digits and '-')", o.RegionID))
	}

	var ok bool
	if cfg.Network, ok = choose(o.Network, NetworkPublic, NetworkVPC); !ok {
		errs = append(errs, fmt.Sprintf("Network %q is not one of %q, %q", o.Network, NetworkPublic, NetworkVPC))
	}
	if cfg.ResponseFormat, ok = choose(o.ResponseFormat, FormatJSON, FormatXML); !ok {
		errs = append(errs, fmt.Sprintf("ResponseFormat %q is not one of %q, %q", o.ResponseFormat, FormatJSON, FormatXML))
	}
	if cfg.SignatureAlgorithm, ok = choose(o.SignatureAlgorithm, SignatureHMACSHA1, SignatureV3); !ok {
		errs = append(errs, fmt.Sprintf("SignatureAlgorithm %q is not one of %q, %q", o.SignatureAlgorithm, SignatureHMACSHA1, SignatureV3))
	}

	switch {
	case o.MaxAttempts < 0:
		errs = append(errs, fmt.Sprintf("MaxAttempts %d is negative", o.MaxAttempts))
	case o.MaxAttempts == 0:
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	switch {
	case o.MaxBackoff < 0:
		errs = append(errs, fmt.Sprintf("MaxBackoff %v is negative", o.MaxBackoff))
	case o.MaxBackoff == 0:
		cfg.MaxBackoff = DefaultMaxBackoff
	}

	if o.Endpoint != "" {
		u, err := parseEndpoint(o.Endpoint)
		if err != nil {
			errs = append(errs, err.Error())
		}
		cfg.endpoint = u
	} else if len(errs) == 0 {
		cfg.endpoint = &url.URL{Scheme: "https", Host: p.host(cfg.Network, cfg.RegionID), Path: "/"}
	}

	cfg.http = o.HTTPClient
	if cfg.http == nil {
		cfg.http = defaultHTTPClient
	}
	if len(errs) > 0 {
		return nil, errors.New("invalid options: " + strings.Join(errs, "; "))
	}
	return cfg, nil
}

// choose returns the one of values that s names in any case, the first
// (the default) when s is empty, and false when s names none.
func choose(s string, values ...string) (string, bool) {
	if s == "" {
		return values[0], true
	}
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return v, true
		}
	}
	return "", false
}

// parseEndpoint accepts an absolute http or https URL with a host and
// nothing after it but an optional "/".
func parseEndpoint(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("option Endpoint %q is not an absolute http:// or https:// URL with a host", s)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("option Endpoint %q must not have a path, query or fragment", s)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}, nil
}

// validRegion reports whether s can stand in a host name as a region id.
func validRegion(s string) bool {
	if len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// defaultHTTPClient is shared by every client that brings none, so that all
// of them share one connection pool.
var defaultHTTPClient = &http.Client{
	// No Client.Timeout: it costs a timer and a context per request; the
	// transport's timeouts and a body-read bound cover each attempt.
	Transport: keepIdle{&http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 25 * time.Second,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}},
	// A redirected POST would lose its signature; the 3xx is reported.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// keepIdle hides its transport's CloseIdleConnections: go-retryablehttp
// closes the idle connections of its client after a failed call, which on
// the shared default client would drop every other client's connections.
type keepIdle struct{ t *http.Transport }

func (k keepIdle) RoundTrip(r *http.Request) (*http.Response, error) { return k.t.RoundTrip(r) }
