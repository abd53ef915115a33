// Package signing computes Alibaba Cloud request signatures as pure
// functions: RFC 3986 percent-encoding with Alibaba's rules, the canonical
// query, and the HMAC-SHA1 RPC signature carried in common parameters. Time
// and nonce are arguments; nothing here reads a clock, a random source, the
// network or the environment, so every result can be checked against a
// published value.
//
// Signing a request with the RPC signature:
//
//	params := map[string]string{"Action": "CreateFlowLog", "Version": "2016-04-28", "Format": "JSON", "RegionId": "cn-qingdao"}
//	query := signing.SignRPC("POST", params, signing.Credentials{AccessKeyID: id, AccessKeySecret: secret}, time.Now(), nonce)
//	// POST https://vpc.cn-qingdao.aliyuncs.com/?<query>
//
// A verifier recomputes the same value from the parameters it received,
// without Signature:
//
//	sig := signing.HMACSHA1(secret, signing.StringToSign("POST", signing.CanonicalQuery(received)))
package signing
