// Package emulator is an in-process emulator of Alibaba Cloud's RPC gateway
// for two operations: VPC CreateFlowLog (product Vpc, Version 2016-04-28) and
// CEN CreateFlowlog (product Cbn, Version 2017-09-12). It serves plain HTTP
// on loopback in the manner of net/http/httptest, and the public test
// packages vpc/vpctest and cbn/cbntest are thin wrappers over it.
//
// A Server behaves as the real gateway does on the wire: it accepts GET and
// POST with parameters in the URL query, in a form-encoded body or both;
// answers in JSON or XML according to the Format parameter; checks the
// common parameters, the Timestamp against a 15-minute skew window, the
// AccessKeyId, the HMAC-SHA1 signature recomputed over every parameter
// received, the SecurityToken of STS credentials and the replay of a
// SignatureNonce; then validates the operation's own parameters and records
// the flow log it creates. CEN requests that carry a ClientToken are
// idempotent. Faults (throttling, 5xx, connection resets, truncated or
// non-XML bodies, slow answers, an expired token) can be queued for the
// next requests with Server.Fail.
//
// It verifies the newer ACS3-HMAC-SHA256 ("V3") signature alongside
// HMAC-SHA1. A request is V3 when its Authorization header is of the ACS3
// family ("ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b>,
// Signature=<hex>"; another ACS3-* algorithm is refused as
// IncompleteSignature). Action and Version then come from the x-acs-action
// and x-acs-version headers, the time from x-acs-date, the nonce from
// x-acs-signature-nonce and the STS token from x-acs-security-token, with
// the same checks and error codes as their parameters (errors name the
// header); SignedHeaders must include host and every x-acs-* header sent;
// x-acs-content-sha256 must be the hex SHA-256 of the body received; the
// signature is recomputed over the URL query, the received values of the
// signed headers and that hash. A malformed Authorization is
// IncompleteSignature, a wrong body hash or signature SignatureDoesNotMatch.
// The nonce store is shared: a nonce used under one signature is used
// under the other. Everything after authentication (validation, ClientToken,
// faults, the records) is the same for both.
//
// The response is XML when the Format parameter says so in any case, JSON
// when it says JSON; without a (recognised) Format, an HMAC-SHA1 request
// gets XML, as from the gateway, and a V3 request JSON, which is what the
// official V3 SDKs, which send no Format, read.
//
//	srv := emulator.NewServer(emulator.VPC)
//	defer srv.Close()
//	// point a client at srv.URL with srv.Credentials() and srv.Region()
//	srv.Fail(1, emulator.Throttling)
//	created := srv.FlowLogs()
//
// The emulator checks the protocol and the parameters only. It does not know
// whether the ENI, VSwitch, VPC, CEN instance, transit router or the Simple
// Log Service project and logstore named in a request exist: any well-formed
// identifier is accepted, and nothing is ever activated or delivered.
package emulator
