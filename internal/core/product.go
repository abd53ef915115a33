package core

import (
	"fmt"
	"runtime"
	"strings"
)

// Version is the library's version, sent in the User-Agent.
const Version = "0.1.0"

// userAgent is the library's own User-Agent:
// flowlog-go/<version> (<GOOS>; <GOARCH>) Go/<version>.
var userAgent = fmt.Sprintf("flowlog-go/%s (%s; %s) Go/%s",
	Version, runtime.GOOS, runtime.GOARCH, strings.TrimPrefix(runtime.Version(), "go"))

// Product describes an Alibaba Cloud product's RPC API: its version and the
// rule for its endpoints. The zero value is not usable.
type Product struct {
	// Version is the API version, such as "2016-04-28".
	Version string
	// PublicHost and VPCHost are the endpoint hosts for the public and the
	// in-VPC networks; "{region}" in them is replaced by the region id.
	PublicHost, VPCHost string
}

// host returns the endpoint host for network and region.
func (p *Product) host(network, region string) string {
	h := p.PublicHost
	if network == NetworkVPC {
		h = p.VPCHost
	}
	return strings.ReplaceAll(h, "{region}", region)
}

// Operation is one action of a product.
type Operation struct {
	// Product is the API the action belongs to.
	Product *Product
	// Action is the wire name, such as "CreateFlowlog".
	Action string
	// ClientToken reports that the action takes a ClientToken: the client
	// fills one in when the caller gave none, and resends requests whose
	// outcome is unknown with the same token.
	ClientToken bool
}
